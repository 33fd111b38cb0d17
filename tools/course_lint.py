"""Static checks of the course's conventions (CONTRIBUTING.md); ``make lint`` runs it.

Run from the project's root::

    python tools/course_lint.py

It reads files only: no notebook is executed and nothing is imported from the course, so it
runs with any Python 3.11+ and no packages. It prints one line per problem and exits with
status 1 if it found any, 0 otherwise. The test suite checks the same rules and more
(``tests/test_notebook_hygiene.py``, ``tests/test_references.py``); this is the quick look
to run before committing.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The notebook skeleton, in order (the headings must contain these words).
SECTIONS = ["what you will learn", "prerequisites", "intuition", "the model", "derivation",
            "from math to numpy", "experiments", "real data", "comparison with scikit-learn",
            "common pitfalls", "exercises", "summary", "references"]
# The toolkit chapter (00) and the capstone (10) are not one algorithm: a lighter skeleton.
FRAME_SECTIONS = ["what you will learn", "prerequisites", "exercises", "summary", "references"]
# Implementations use NumPy, the standard library and utils; scipy.sparse is the one exception.
FORBIDDEN_IMPORT = re.compile(
    r"^\s*(from|import)\s+(sklearn|scipy(?!\.sparse\b)|torch|tensorflow|jax)\b", re.M)
ABSOLUTE_PATH = re.compile(r"""["'](/(home|tmp|root|Users|mnt|opt|srv|work)/|[A-Za-z]:\\)""")
TIMING_REASON = re.compile(r"^\s*#.*\b(tim|clock|speed|second|ms\b)", re.I)
MAX_NOTEBOOK_BYTES = 2_000_000


def check_chapter(chapter, say):
    stem = chapter.name[3:]
    notebook = chapter / f"{stem}.ipynb"
    module = chapter / f"{stem}.py"
    tests = chapter / f"test_{stem}.py"
    for path in (notebook, module, tests):
        if not path.exists():
            say(path, "missing (each chapter pairs a notebook, a module and a test file)")
    if module.exists():
        src = module.read_text(encoding="utf-8")
        if FORBIDDEN_IMPORT.search(src):
            say(module, "imports an ML or scientific library; implementations use NumPy, "
                        "the standard library and utils (scipy.sparse excepted)")
        begins, ends = src.count("### BEGIN SOLUTION"), src.count("### END SOLUTION")
        if begins == 0 or begins != ends:
            say(module, f"{begins} '### BEGIN SOLUTION' and {ends} '### END SOLUTION' markers; "
                        "wrap whole function bodies, in pairs")
        untagged = len(re.findall(r"### (?:BEGIN|END) SOLUTION(?! \(gap \d\d\))", src))
        if untagged:
            say(module, f"{untagged} solution markers without their gap number; write "
                        "'### BEGIN SOLUTION (gap NN)' ... '### END SOLUTION (gap NN)'")
    if notebook.exists():
        check_notebook(chapter, notebook, say)


def check_notebook(chapter, notebook, say):
    size = notebook.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        say(notebook, f"{size // 1000} kB; keep a notebook under {MAX_NOTEBOOK_BYTES // 1000} kB")
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (ValueError, KeyError) as error:
        say(notebook, f"not a readable notebook: {error}")
        return
    counts = [c.get("execution_count") for c in cells if c["cell_type"] == "code"]
    if counts != list(range(1, len(counts) + 1)):
        say(notebook, "execution counts are not 1, 2, 3, ...: Restart the kernel and Run All")

    headings = [line.lower() for c in cells if c["cell_type"] == "markdown"
                for line in "".join(c["source"]).splitlines() if line.startswith("#")]
    wanted = FRAME_SECTIONS if chapter.name[:2] in ("00", "10") else SECTIONS
    positions = []
    for section in wanted:
        found = [i for i, heading in enumerate(headings) if section in heading]
        if found:
            positions.append(found[0])
        else:
            say(notebook, f"no heading contains {section!r}")
    if positions != sorted(positions):
        say(notebook, "the sections are not in the order of CONTRIBUTING.md")

    for number, cell in enumerate(cells):
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            for ref in re.findall(r"\]\((figures/[^)\s]+)\)", src):
                if not (chapter / ref).exists():
                    say(notebook, f"cell {number}: {ref} is referenced but missing")
            if "<details>" in src:
                say(notebook, f"cell {number}: an answer in <details> under the question; it "
                              f"belongs in instructors/{chapter.name}.md")
            continue
        where = f"cell {number}"
        lines = src.splitlines()
        if "NBVAL_SKIP" in src or "NBVAL_RAISES_EXCEPTION" in src:
            say(notebook, f"{where}: NBVAL_SKIP / NBVAL_RAISES_EXCEPTION; every cell runs and "
                          "is compared")
        for k, line in enumerate(lines):
            if line.strip() == "# NBVAL_IGNORE_OUTPUT" and not (
                    k + 1 < len(lines) and TIMING_REASON.match(lines[k + 1])):
                say(notebook, f"{where}: NBVAL_IGNORE_OUTPUT is for timings, with the reason "
                              "on the next line (e.g. '# (timings vary from run to run)')")
        if "sys.path" in src:
            say(notebook, f"{where}: edits sys.path; utils is importable through the install")
        if ABSOLUTE_PATH.search(src):
            say(notebook, f"{where}: absolute path")
        last = lines[-1] if lines else ""
        if "plt." in src and last.rstrip().endswith(";"):
            say(notebook, f"{where}: ends a plot with ';', which nbval does not suppress; "
                          "end it with plt.show()")
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                say(notebook, f"{where}: error output committed")
            if out["output_type"] == "stream" and out.get("name") == "stderr":
                say(notebook, f"{where}: writes to stderr (a warning?)")


def check_markdown_tables(path, say):
    # A raw | inside $...$ in a table row ends the cell in every Markdown renderer.
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith("|"):
            for math in re.findall(r"\$[^$]+\$", line):
                if "|" in math:
                    say(path, f"line {number}: '|' inside math in a table ({math[:40]}); "
                              "write \\lvert ... \\rvert, \\lVert ... \\rVert or \\mid")


def main():
    problems = []

    def say(path, message):
        problems.append(f"{Path(path).relative_to(ROOT)}: {message}")

    chapters = sorted(p for p in ROOT.iterdir() if p.is_dir() and re.fullmatch(r"\d\d_\w+", p.name))
    if not chapters:
        say(ROOT, "no chapter folders (NN_name)")
    for chapter in chapters:
        check_chapter(chapter, say)
    for module in sorted((ROOT / "utils").glob("*.py")):
        if FORBIDDEN_IMPORT.search(module.read_text(encoding="utf-8")):
            say(module, "imports an ML or scientific library; utils use NumPy, pandas and "
                        "matplotlib (scipy.sparse excepted)")
    for page in sorted(ROOT.glob("*.md")) + sorted((ROOT / "references").glob("*.md")):
        check_markdown_tables(page, say)
    for required in (ROOT / ".ci" / "run", ROOT / "references" / "bibliography.md"):
        if not required.exists():
            say(required, "missing")

    if problems:
        print(f"course_lint: {len(problems)} problem(s), conventions in CONTRIBUTING.md:")
        for problem in problems:
            print("  - " + problem)
        return 1
    print(f"course_lint: {len(chapters)} chapters checked, nothing found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
