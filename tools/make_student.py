"""Write the student edition of the course into build/student/ (``make student`` does).

Run from the project's root::

    python tools/make_student.py [--out build/student]

The student edition is a runnable copy of the course with the solutions taken out:

- in every chapter module (``NN_name/name.py``), the lines between ``### BEGIN SOLUTION``
  and ``### END SOLUTION`` become ``raise NotImplementedError("gap NN: <function> ...")`` at
  the same indentation, so the module still imports and each gap fails loudly;
- in every notebook, the same happens to exercise solutions in code cells, whose outputs
  are cleared, and every collapsed ``<details>`` block (the answers to no-code exercises)
  is removed from the markdown;
- everything else (data, utils, tests, references) is copied as it is; ``.git``, ``.venv``
  and ``build`` are not.

It then checks the edition it wrote: no line of any solution is left in any copied module or
notebook (a line of twelve or more characters that is not a comment or
bare control flow), and every stubbed module still compiles. It exits with status 1
and names the file and line when a check fails.
"""
import argparse
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".git", ".venv", ".venv-newest", "build", "__pycache__", ".pytest_cache",
        ".ipynb_checkpoints"}
BLOCK = re.compile(r"^([ \t]*)### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION[^\n]*\n?",
                   re.M | re.S)
DETAILS = re.compile(r"<details>.*?</details>\n?", re.S)
CHAPTER = re.compile(r"\d\d_\w+")


def enclosing_function(text, position):
    """The name of the last ``def`` that starts before ``position`` (for the stub's message)."""
    names = re.findall(r"^[ \t]*def (\w+)", text[:position], re.M)
    return names[-1] if names else "this block"


def stub_solutions(text, label):
    """Replace every solution block of ``text`` by a stub; return (new text, solution lines)."""
    solutions = []

    def replace(match):
        indent, body = match.group(1), match.group(2)
        solutions.extend(line.strip() for line in body.splitlines())
        where = enclosing_function(text, match.start())
        return (f'{indent}# YOUR CODE HERE ({label}: {where})\n'
                f'{indent}raise NotImplementedError("{label}: write {where}")\n')

    return BLOCK.sub(replace, text), solutions


def notebook_student(path):
    """The student version of a notebook (as text) and the solution lines it removed."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    removed = []
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "code" and "### BEGIN SOLUTION" in src:
            src, lines = stub_solutions(src + "\n", "exercise")
            removed += lines
            cell["outputs"], cell["execution_count"] = [], None
        elif cell["cell_type"] == "markdown" and "<details>" in src:
            removed += [line.strip() for block in DETAILS.findall(src)
                        for line in block.splitlines()[1:-1]]
            src = DETAILS.sub("*(The answer is in the instructor's edition.)*\n", src)
        lines = src.rstrip("\n").split("\n")
        cell["source"] = [line + "\n" for line in lines[:-1]] + [lines[-1]]
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n", removed


def copy_tree(out):
    if out.exists():
        shutil.rmtree(out)
    for src in ROOT.rglob("*"):
        rel = src.relative_to(ROOT)
        if any(part in SKIP for part in rel.parts) or src.is_dir():
            continue
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)


def build(out):
    copy_tree(out)
    solutions, stubbed = set(), []
    for chapter in sorted(p for p in out.iterdir() if p.is_dir() and CHAPTER.fullmatch(p.name)):
        stem = chapter.name[3:]
        module = chapter / f"{stem}.py"
        if module.exists():
            text, lines = stub_solutions(module.read_text(encoding="utf-8"),
                                         f"gap {chapter.name[:2]}")
            module.write_text(text, encoding="utf-8")
            solutions.update(lines)
            stubbed.append(module)
        notebook = chapter / f"{stem}.ipynb"
        if notebook.exists():
            text, lines = notebook_student(notebook)
            notebook.write_text(text, encoding="utf-8")
            solutions.update(lines)
            stubbed.append(notebook)
    return solutions, stubbed


def leaks(solutions, files):
    """Solution lines still present in the edition (ignoring lines that are also plumbing)."""
    kept = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
        kept.update(line.strip() for line in text.splitlines())
    # a line that gives something away: not a comment, not bare control flow, not tiny
    control = re.compile(r"^(for |if |elif |while |else|try|except|break|continue|pass|"
                         r"return( None| \w+)?$)")
    meaningful = {s for s in solutions if len(s.replace(" ", "")) >= 12
                  and not s.startswith("#") and not control.match(s)}
    return sorted(meaningful & kept)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "student"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    solutions, stubbed = build(out)
    problems = []
    for path in stubbed:
        if path.suffix == ".py":
            try:
                compile(path.read_text(encoding="utf-8"), str(path), "exec")
            except SyntaxError as e:
                problems.append(f"{path.relative_to(out)}: does not compile: {e}")
    left = leaks(solutions, stubbed)
    problems += [f"solution line still in the student edition: {line!r}" for line in left]
    n_gaps = sum(path.read_text(encoding="utf-8").count("raise NotImplementedError(\"gap")
                 for path in stubbed if path.suffix == ".py")
    print(f"student edition written to {out}: {n_gaps} module gaps stubbed in "
          f"{sum(p.suffix == '.py' for p in stubbed)} chapters")
    for problem in problems:
        print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
