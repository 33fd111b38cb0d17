"""Prove that every pin in requirements.txt has a wheel for each supported Python and platform.

Run from the project's root (``make check-wheels`` does)::

    python tools/check_wheels.py

For every pair of CPython version (3.11 to 3.14) and platform (Linux x86_64 and aarch64,
macOS arm64, Windows amd64) it asks pip to download, with ``--only-binary :all:`` and
without ``--no-deps``, a wheel of each pinned package and of everything it depends on for
that pair, into a temporary folder that is then removed. Nothing is installed or built.
(pip evaluates dependency markers such as ``sys_platform`` for the machine it runs on, so a
dependency needed only on another system is not seen; the pins themselves always are.) A pin without such a wheel would make pip
compile it from source on a student's machine, which fails without a compiler: that pair
is reported and the script exits with status 1. One line is printed per pair.
"""
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHONS = ["3.11", "3.12", "3.13", "3.14"]
# pip matches wheels only against the platform tags it is given: list the tags that wheels
# for each platform carry (manylinux2014 is manylinux_2_17; pip expands macOS versions).
PLATFORMS = {
    "linux x86_64": ["manylinux_2_28_x86_64", "manylinux2014_x86_64"],
    "linux aarch64": ["manylinux_2_28_aarch64", "manylinux2014_aarch64"],
    "macos arm64": ["macosx_14_0_arm64"],
    "windows amd64": ["win_amd64"],
}


def pins(path=ROOT / "requirements.txt"):
    """The ``name==version`` lines of a requirements file (comments and ``-e .`` skipped)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.\-+]+", line):
            out.append(line)
        elif line and not line.startswith("-e"):
            raise SystemExit(f"requirements.txt: {line!r} is not an exact pin (name==version)")
    return out


def check(python, tags, requirements, dest):
    cmd = [sys.executable, "-m", "pip", "download", "--quiet",
           "--only-binary", ":all:", "--implementation", "cp", "--python-version", python,
           "--dest", dest]
    for tag in tags:
        cmd += ["--platform", tag]
    result = subprocess.run(cmd + requirements, capture_output=True, text=True)
    lines = (result.stdout + result.stderr).splitlines()
    errors = [line for line in lines if line.startswith("ERROR")]
    return result.returncode == 0, errors


def main():
    requirements = pins()
    failures = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as dest:
        for python in PYTHONS:
            for platform, tags in PLATFORMS.items():
                ok, errors = check(python, tags, requirements, dest)
                failures += not ok
                status = "ok" if ok else "MISSING: " + "; ".join(errors)[:300]
                print(f"CPython {python}  {platform:14s} {len(requirements)} pins and their "
                      f"dependencies: {status}",
                      flush=True)
    print(f"checked {len(PYTHONS) * len(PLATFORMS)} Python/platform pairs in "
          f"{time.perf_counter() - start:.0f} s: "
          f"{'all have wheels' if not failures else f'{failures} pairs lack a wheel'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
