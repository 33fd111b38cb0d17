"""Hygiene of every chapter notebook, as CONTRIBUTING.md (section "Notebook hygiene") lists it.

These checks read the committed notebooks (nbval executes them separately), so a new
chapter is checked as soon as its folder exists, without anyone remembering to add it.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(p for p in ROOT.iterdir() if p.is_dir() and re.fullmatch(r"\d\d_\w+", p.name))
SECTIONS = ["what you will learn", "prerequisites", "intuition", "the model", "derivation",
            "from math to numpy", "experiments", "real data", "comparison with scikit-learn",
            "common pitfalls", "exercises", "summary", "references"]
MAX_BYTES = 2_000_000
# scipy.sparse is allowed, as the container for word counts and its matrix products.
FORBIDDEN_IMPORT = re.compile(
    r"^\s*(from|import)\s+(sklearn|scipy(?!\.sparse\b)|torch|tensorflow|jax)\b", re.M)


def notebook_of(chapter):
    return chapter / f"{chapter.name[3:]}.ipynb"


def load(chapter):
    return json.loads(notebook_of(chapter).read_text(encoding="utf-8"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def source(cell):
    return "".join(cell["source"])


def test_there_are_chapters():
    assert CHAPTERS, "no chapter folders (NN_name) found"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_chapter_has_notebook_module_and_tests(chapter):
    stem = chapter.name[3:]
    for name in (f"{stem}.ipynb", f"{stem}.py", f"test_{stem}.py"):
        assert (chapter / name).exists(), f"{chapter.name}/{name} is missing"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_module_is_numpy_only_and_marked_for_exercises(chapter):
    src = (chapter / f"{chapter.name[3:]}.py").read_text(encoding="utf-8")
    assert not FORBIDDEN_IMPORT.search(src), "implementations use NumPy, stdlib and utils only"
    assert src.count("### BEGIN SOLUTION") == src.count("### END SOLUTION") > 0


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_executed_in_order_from_one(chapter):
    counts = [c["execution_count"] for c in code_cells(load(chapter))]
    assert counts == list(range(1, len(counts) + 1)), (
        "re-run the notebook top to bottom in a fresh kernel (Restart & Run All) before "
        f"committing; execution counts are {counts}")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_no_errors_and_nothing_on_stderr(chapter):
    for i, cell in enumerate(code_cells(load(chapter)), start=1):
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"code cell {i} has an error output"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), (
                f"code cell {i} writes to stderr (a warning?): {''.join(out['text'])[:200]}")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_required_sections_in_order(chapter):
    nb = load(chapter)
    headings = [line.lower() for c in nb["cells"] if c["cell_type"] == "markdown"
                for line in source(c).splitlines() if line.startswith("#")]
    assert headings and headings[0].startswith("# "), "the notebook starts with a # title"
    positions = []
    for section in SECTIONS:
        found = [i for i, h in enumerate(headings) if section in h]
        assert found, f"no heading contains {section!r}"
        positions.append(found[0])
    assert positions == sorted(positions), "sections are not in the guide's order"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_size_paths_and_plot_cells(chapter):
    path = notebook_of(chapter)
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"
    for i, cell in enumerate(code_cells(load(chapter)), start=1):
        src = source(cell)
        assert "sys.path" not in src, f"code cell {i} edits sys.path"
        assert not re.search(r"""["'](/(home|tmp|root|Users|mnt|opt|srv|work)/|[A-Za-z]:\\)""",
                             src), f"code cell {i} uses an absolute path"
        last = src.strip().splitlines()[-1] if src.strip() else ""
        assert not ("plt." in src and last.rstrip().endswith(";")), (
            f"code cell {i} ends a plot with ';'; end it with plt.show()")
        lines = [line.strip() for line in src.splitlines()]
        if "# NBVAL_IGNORE_OUTPUT" in lines:
            # nbval needs the marker alone on its line, so the reason goes on the next one.
            after = lines[lines.index("# NBVAL_IGNORE_OUTPUT") + 1:][:1]
            assert after and re.match(r"#\W*\w+", after[0]), (
                f"code cell {i}: give the reason on the line after # NBVAL_IGNORE_OUTPUT, "
                "e.g. '# (timings vary from run to run)'")
        assert "NBVAL_SKIP" not in src, f"code cell {i}: NBVAL_SKIP hides a cell from the tests"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_figures_referenced_exist(chapter):
    nb = load(chapter)
    for c in nb["cells"]:
        if c["cell_type"] == "markdown":
            for ref in re.findall(r"\]\((figures/[^)\s]+)\)", source(c)):
                assert (chapter / ref).exists(), f"{ref} is referenced but missing"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_math_notes_has_a_section(chapter):
    notes = (ROOT / "references" / "math_notes.md").read_text(encoding="utf-8").lower()
    title = chapter.name[3:].replace("_", " ")
    assert re.search(rf"^##.*{re.escape(title)}", notes, re.M), (
        f"references/math_notes.md has no '## ... {title}' section")
