"""Write the student edition of the course into build/student/ (``make student`` does).

Run from the project's root::

    python tools/make_student.py [--out build/student]

The student edition is a runnable copy of the course with the solutions taken out:

- in every chapter module (``NN_name/name.py``), the body of each gap, the lines between
  ``### BEGIN SOLUTION (gap 03)`` and ``### END SOLUTION (gap 03)``, becomes
  ``raise NotImplementedError("gap 03: write <function>")`` at the same indentation, so the
  module still imports and each gap fails loudly, naming itself;
- in every notebook, the same happens to the exercise solutions in code cells
  (``NotImplementedError("exercise: write <function>")``); the outputs of every cell of
  the exercises section are cleared (a check's printout can give an answer away);
- the instructor's material (``instructors/``: answers to the no-code exercises; this
  tool, ``tools/check_student_edition.py`` and its test, which need the solutions) and
  anything git ignores (``.git``, ``.venv``, ``build``, caches) are not copied; everything
  else (data, utils, tests, references, tools) is copied as it is.

It then checks the edition it wrote, and exits with status 1 naming the file and line when a
check fails:

- every stubbed module still compiles;
- no line of any solution is left anywhere in the edition (a line of twelve or more
  characters that is not a comment or bare control flow). A line that is also part of the
  course's shown code (a module's plumbing outside the gaps, or ``utils``) is not a leak:
  the student sees it anyway.

``tools/check_student_edition.py`` then checks that the edition works, gap by gap.
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".git", ".venv", ".venv-newest", "build", "__pycache__", ".pytest_cache",
        ".ipynb_checkpoints", "instructors"}
# the instructor's tools, which need the solutions, are not handed out either
INSTRUCTOR_ONLY = {Path("tools/make_student.py"), Path("tools/check_student_edition.py"),
                   Path("tests/test_student_edition.py")}
TEXT = {".py", ".ipynb", ".md", ".txt", ".cfg", ".toml", ".json", ".csv", ".tsv", ""}
BLOCK = re.compile(r"^([ \t]*)### BEGIN SOLUTION(?: \(gap (\d\d)\))?[^\n]*\n(.*?)"
                   r"^[ \t]*### END SOLUTION[^\n]*\n?", re.M | re.S)
CHAPTER = re.compile(r"\d\d_\w+")


def enclosing_function(text, position):
    """The name of the last ``def`` that starts before ``position`` (for the stub's message)."""
    names = re.findall(r"^[ \t]*def (\w+)", text[:position], re.M)
    return names[-1] if names else "this block"


def stub_solutions(text, label, keep=()):
    """Replace every solution block of ``text`` by a stub; return (new text, solution lines).

    ``label`` starts the stub's message ("exercise"; in modules "gap", followed by the gap's
    number from its marker). Blocks whose gap number is in ``keep`` are left as they are
    (``tools/check_student_edition.py`` restores one gap at a time this way).
    """
    solutions = []

    def replace(match):
        indent, gap, body = match.group(1), match.group(2), match.group(3)
        if gap in keep:
            return match.group(0)
        solutions.extend(line.strip() for line in body.splitlines())
        where = enclosing_function(text, match.start())
        label_ = f"{label} {gap}" if gap else label
        return (f'{indent}# YOUR CODE HERE ({label_}: {where})\n'
                f'{indent}raise NotImplementedError("{label_}: write {where}")\n')

    return BLOCK.sub(replace, text), solutions


def notebook_student(path):
    """The student version of a notebook (as text) and the solution lines it removed.

    Raises ValueError if a markdown cell still holds a ``<details>`` answer: the answers to
    the no-code exercises belong in ``instructors/``, not under the questions.
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    removed, in_exercises = [], False
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            if "<details>" in src:
                raise ValueError(f"{path.name}: a <details> answer under a question; move it "
                                 "to instructors/")
            in_exercises = in_exercises or bool(re.search(r"^#+ Exercises\b", src, re.M))
            continue
        exercise = "### BEGIN SOLUTION" in src
        if exercise:
            src, lines = stub_solutions(src + "\n", "exercise")
            removed += lines
            lines = src.rstrip("\n").split("\n")
            cell["source"] = [line + "\n" for line in lines[:-1]] + [lines[-1]]
        if in_exercises or exercise:
            cell["outputs"], cell["execution_count"] = [], None
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n", removed


def course_files():
    """The course's files, relative to ROOT: what git tracks or would track (not ignored)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                                 "--exclude-standard"], cwd=ROOT, check=True,
                                capture_output=True).stdout.decode().split("\0")
        files = [Path(name) for name in listed if name and (ROOT / name).is_file()]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout
        files = [p.relative_to(ROOT) for p in ROOT.rglob("*") if p.is_file()]
    return [f for f in files
            if not any(part in SKIP for part in f.parts) and f not in INSTRUCTOR_ONLY]


def copy_tree(out):
    if out.exists():
        shutil.rmtree(out)
    for rel in course_files():
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest)


def chapters(root):
    """The chapter folders under ``root``, in order."""
    return sorted(p for p in root.iterdir() if p.is_dir() and CHAPTER.fullmatch(p.name))


def build(out):
    """Write the edition; return (solution lines removed, stubbed files, problems)."""
    copy_tree(out)
    solutions, stubbed, problems = set(), [], []
    for chapter in chapters(out):
        stem = chapter.name[3:]
        module = chapter / f"{stem}.py"
        if module.exists():
            text, lines = stub_solutions(module.read_text(encoding="utf-8"), "gap")
            module.write_text(text, encoding="utf-8")
            solutions.update(lines)
            stubbed.append(module)
        notebook = chapter / f"{stem}.ipynb"
        if notebook.exists():
            try:
                text, lines = notebook_student(notebook)
            except ValueError as e:
                problems.append(f"{chapter.name}/{e}")
                continue
            notebook.write_text(text, encoding="utf-8")
            solutions.update(lines)
            stubbed.append(notebook)
    return solutions, stubbed, problems


def meaningful(line):
    """A line that gives something away: not a comment, not bare control flow, not tiny."""
    control = re.compile(r"^(for |if |elif |while |else|try|except|break|continue|pass|"
                         r"return( None| \w+)?$)")
    return (len(line.replace(" ", "")) >= 12 and not line.startswith("#")
            and not control.match(line))


def file_lines(path):
    """The stripped lines of a text file (of a notebook: of its cells' sources)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
    return [line.strip() for line in text.splitlines()]


def leaks(solutions, out):
    """(file, line number, line) of every solution line left anywhere in the edition.

    Lines the student sees anyway, as the plumbing of a stubbed module or in ``utils``, are
    not leaks.
    """
    secret = {line for line in solutions if meaningful(line)}
    modules = [chapter / f"{chapter.name[3:]}.py" for chapter in chapters(out)]
    shown = {line for path in modules + sorted((out / "utils").rglob("*.py"))
             if path.exists() for line in file_lines(path)}
    secret -= shown
    found = []
    for path in sorted(out.rglob("*")):
        if path.is_file() and path.suffix in TEXT and path.suffix not in {".csv", ".tsv"}:
            for number, line in enumerate(file_lines(path), 1):
                if line in secret:
                    found.append((path.relative_to(out), number, line))
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "student"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    solutions, stubbed, problems = build(out)
    for path in stubbed:
        if path.suffix == ".py":
            try:
                compile(path.read_text(encoding="utf-8"), str(path), "exec")
            except SyntaxError as e:
                problems.append(f"{path.relative_to(out)}: does not compile: {e}")
    problems += [f"{path}:{number}: solution line left in the student edition: {line!r}"
                 for path, number, line in leaks(solutions, out)]
    n_gaps = sum(path.read_text(encoding="utf-8").count("raise NotImplementedError(\"gap")
                 for path in stubbed if path.suffix == ".py")
    print(f"student edition written to {out}: {n_gaps} module gaps stubbed in "
          f"{sum(p.suffix == '.py' for p in stubbed)} chapters")
    for problem in problems:
        print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
