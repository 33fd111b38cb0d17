"""The classroom edition works (issue 19).

The student edition is built once into a temporary folder with ``tools/make_student.py``;
then, per chapter, ``tools/check_student_edition.py`` checks it gap by gap (each gap test
fails on its stub with ``NotImplementedError`` only, passes with the solution, and alone
turns green when only its own solution is put back) and runs the student notebook, where only
the checks of the stubbed exercises may fail. See those two tools for the details.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_student  # noqa: E402

CHAPTERS = [p.name for p in make_student.chapters(ROOT)]


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("edition") / "student"
    solutions, stubbed, problems = make_student.build(out)
    return out, solutions, problems


def test_stub_solutions_replaces_whole_blocks_and_names_the_gap():
    text = ("def f(x):\n    \"\"\"Doc.\"\"\"\n    ### BEGIN SOLUTION (gap 02)\n    y = x + 1\n"
            "    return y\n    ### END SOLUTION (gap 02)\n")
    stub, removed = make_student.stub_solutions(text, "gap")
    assert 'raise NotImplementedError("gap 02: write f")' in stub
    assert "y = x + 1" not in stub and removed == ["y = x + 1", "return y"]
    assert make_student.stub_solutions(text, "gap", keep={"02"})[0] == text
    compile(stub, "f.py", "exec")


def test_edition_has_no_solution_left_and_compiles(edition):
    out, solutions, problems = edition
    assert not problems, "\n".join(problems)
    for chapter in make_student.chapters(out):
        module = chapter / f"{chapter.name[3:]}.py"
        if module.exists():
            compile(module.read_text(encoding="utf-8"), str(module), "exec")
    found = make_student.leaks(solutions, out)
    assert not found, "\n".join(f"{path}:{number}: {line}" for path, number, line in found)
    assert not (out / "instructors").exists(), "the instructor's answers are not handed out"


def test_leak_check_finds_a_planted_solution_line(edition, tmp_path):
    out, solutions, _ = edition
    secrets = sorted(line for line in solutions if make_student.meaningful(line))
    planted = out / "tests" / "planted_test.py"
    planted.write_text("\n".join(secrets) + "\n", encoding="utf-8")
    try:
        found = [f for f in make_student.leaks(solutions, out) if f[0].name == planted.name]
    finally:
        planted.unlink()
    # every planted line is found, except those the student sees anyway as plumbing
    assert len(found) > len(secrets) // 2, (len(found), len(secrets))


def test_every_gap_is_stubbed_and_every_exercise_output_cleared(edition):
    out, _, _ = edition
    for chapter in make_student.chapters(ROOT):
        stem = chapter.name[3:]
        solution = (chapter / f"{stem}.py").read_text(encoding="utf-8")
        student = (out / chapter.name / f"{stem}.py").read_text(encoding="utf-8")
        assert "### BEGIN SOLUTION" not in student
        assert (student.count('raise NotImplementedError("gap')
                == solution.count("### BEGIN SOLUTION")), chapter.name
        notebook = out / chapter.name / f"{stem}.ipynb"
        if notebook.exists():
            for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
                if "NotImplementedError(\"exercise" in "".join(cell["source"]):
                    assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_works_gap_by_gap(edition, chapter):
    out, _, _ = edition
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "check_student_edition.py"),
                             chapter[:2], "--edition", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
