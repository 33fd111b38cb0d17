"""Check that the student edition works, gap by gap (``make check-student`` does).

Run from the project's root::

    python tools/check_student_edition.py [NN ...] [--edition DIR]

It builds the student edition (``tools/make_student.py``) into a temporary folder, or uses
``--edition DIR``, and checks, for each chapter named (all by default):

1. the gaps: the module's markers are numbered 01..k without holes, 4 <= k <= 8 when the
   chapter has gaps, and each gap has exactly one test ``test_gap_NN_<name>``;
2. on the stubbed module, every gap test fails with ``NotImplementedError`` and nothing
   else (so every stub raises it);
3. with every solution back, every gap test passes;
4. with only gap NN's solution back, exactly ``test_gap_NN_*`` passes and every other gap
   test still fails with ``NotImplementedError``: each test checks its own gap only;
5. the notebook, run top to bottom with the chapter's solved module (a student who has done
   the gaps), fails only in the cells that check a stubbed exercise: every error is the
   ``NotImplementedError`` of an exercise stub, raised outside the exercise's own cell, and
   every exercise stub is reached by a check.

The edition's own checks (no solution line left anywhere, stubs compile) are
``make_student``'s. The exit status is 0 only when everything holds. The gap tests run in
this process, the module swapped between runs, which keeps a chapter to seconds.
"""
import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_gaps as check_gaps_tool  # noqa: E402
import make_student  # noqa: E402

ROOT = make_student.ROOT
MARKER = re.compile(r"### BEGIN SOLUTION(?: \(gap (\d\d)\))?")
GAP_TEST = re.compile(r"^def (test_gap_(\d\d)_\w+)\(", re.M)


def run_gap_tests(edition, chapter, module_text):
    """Write ``module_text`` as the chapter's module, run its gap tests (as ``make check``
    does), return {test function: (every case passed, crash messages of the failed cases)}."""
    stem = chapter[3:]
    (edition / chapter / f"{stem}.py").write_text(module_text, encoding="utf-8")
    for name in [m for m, mod in sys.modules.items()
                 if m in (stem, f"test_{stem}") or str(edition) in str(getattr(mod, "__file__", ""))]:
        del sys.modules[name]
    cases = check_gaps_tool.run_gap_tests(edition / chapter / f"test_{stem}.py", quiet=True)
    return {name: (all(passed for passed, _, _ in runs),
                   [crash for passed, crash, _ in runs if not passed])
            for name, runs in cases.items()}


def check_gaps(edition, chapter, say):
    stem = chapter[3:]
    solution = (ROOT / chapter / f"{stem}.py").read_text(encoding="utf-8")
    numbers = [m.group(1) for m in MARKER.finditer(solution)]
    if not numbers:
        print(f"{chapter}: no gaps")
        return
    tests = GAP_TEST.findall((ROOT / chapter / f"test_{stem}.py").read_text(encoding="utf-8"))
    expected = [f"{k:02d}" for k in range(1, len(numbers) + 1)]
    problems = []
    if None in numbers or sorted(numbers) != expected:
        problems.append(f"gap markers must be numbered 01..{len(numbers):02d} once each, "
                        f"found {numbers}")
    if not 4 <= len(numbers) <= 8:
        problems.append(f"{len(numbers)} gaps; a chapter has 4 to 8")
    by_number = {}
    for name, number in tests:
        by_number.setdefault(number, []).append(name)
    for number in sorted(set(expected) | set(by_number)):
        if len(by_number.get(number, [])) != 1:
            problems.append(f"gap {number} needs exactly one test_gap_{number}_*, found "
                            f"{by_number.get(number, [])}")
    if problems:
        for problem in problems:
            say(f"{chapter}: {problem}")
        return
    test_of = {number: by_number[number][0] for number in expected}

    def stubbed(keep=()):
        return make_student.stub_solutions(solution, "gap", keep)[0]

    def not_started(outcome):
        passed, crashes = outcome
        return not passed and crashes and all(c.startswith("NotImplementedError: gap ")
                                              for c in crashes)

    on_stub = run_gap_tests(edition, chapter, stubbed())
    for number, name in test_of.items():
        if name not in on_stub or not not_started(on_stub[name]):
            say(f"{chapter}: {name} on the stub: expected NotImplementedError only, got "
                f"{on_stub.get(name, 'not run')}")
    solved = run_gap_tests(edition, chapter, solution)
    for number, name in test_of.items():
        if not solved.get(name, (False, ["not run"]))[0]:
            say(f"{chapter}: {name} fails with the solution: {solved.get(name)}")
    for number, name in test_of.items():
        one = run_gap_tests(edition, chapter, stubbed(keep={number}))
        green = sorted(test for test, (passed, _) in one.items() if passed)
        if green != [name]:
            say(f"{chapter}: with only gap {number} solved, passing gap tests are {green}, "
                f"expected [{name}] (if the test calls another gap's function, give it that "
                "function's reference from numpy/scipy/scikit-learn, e.g. with monkeypatch)")
        for other in test_of.values():
            if other != name and other in one and not not_started(one[other]):
                say(f"{chapter}: with only gap {number} solved, {other} fails otherwise than "
                    f"with NotImplementedError: {one[other][1][:1]}")
    (edition / chapter / f"{stem}.py").write_text(stubbed(), encoding="utf-8")


def check_notebook(edition, chapter, say):
    """Run the student notebook (modules solved by the caller); only exercise checks may fail."""
    import nbformat
    from nbclient import NotebookClient

    stem = chapter[3:]
    path = edition / chapter / f"{stem}.ipynb"
    if not path.exists():
        return
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    stubs = {}  # exercise function name -> index of the cell that defines it
    for index, cell in enumerate(nb.cells):
        for name in re.findall(r'NotImplementedError\("exercise: write (\w+)"\)', cell.source):
            stubs[name] = index
    reached = set()
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            where = f"{chapter}/{path.name} cell {index}"
            match = re.fullmatch(r"exercise: write (\w+)", output.get("evalue", ""))
            if output.get("ename") != "NotImplementedError" or not match:
                say(f"{where}: fails with {output.get('ename')}: {output.get('evalue')}")
            elif stubs.get(match.group(1)) == index:
                say(f"{where}: the exercise cell itself fails; only its check may")
            else:
                reached.add(match.group(1))
    for name in sorted(set(stubs) - reached):
        say(f"{chapter}/{path.name}: no check cell calls the exercise stub {name}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapters", nargs="*", help="chapter numbers, e.g. 01 07 (all if none)")
    parser.add_argument("--edition", help="an existing student edition (default: build one)")
    parser.add_argument("--no-notebooks", action="store_true", help="skip check 5")
    args = parser.parse_args(argv)
    problems = []

    def say(problem):
        problems.append(problem)
        print("  " + problem, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        edition = Path(args.edition) if args.edition else Path(tmp) / "student"
        if not args.edition:
            make_student.build(edition)
        names = [p.name for p in make_student.chapters(edition)
                 if not args.chapters or p.name[:2] in args.chapters]
        for chapter in names:
            before = len(problems)
            check_gaps(edition, chapter, say)
            print(f"{chapter} gaps: {'ok' if len(problems) == before else 'FAILED'}", flush=True)
        if not args.no_notebooks:
            # a student who has written every gap: notebooks (chapter 10 uses the others)
            # run on the solved modules
            modules = {p: p.read_text(encoding="utf-8") for chapter in
                       make_student.chapters(edition)
                       for p in [chapter / f"{chapter.name[3:]}.py"] if p.exists()}
            try:
                for path in modules:
                    path.write_text((ROOT / path.parent.name / path.name).read_text(
                        encoding="utf-8"), encoding="utf-8")
                for chapter in names:
                    before = len(problems)
                    check_notebook(edition, chapter, say)
                    print(f"{chapter} notebook: "
                          f"{'ok' if len(problems) == before else 'FAILED'}", flush=True)
            finally:
                for path, text in modules.items():
                    path.write_text(text, encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
