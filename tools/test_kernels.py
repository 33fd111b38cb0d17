"""Run the whole test suite once per OpenBLAS kernel and print one line per kernel.

Run from the project's root with the course's environment (``make test-kernels`` does)::

    python tools/test_kernels.py                     # all six
    python tools/test_kernels.py default Prescott    # a subset (``.ci/run`` uses three)

NumPy's OpenBLAS picks a kernel for the processor it runs on; the environment variable
``OPENBLAS_CORETYPE`` forces another. Kernels differ in the last bits of matrix products,
which is enough to change an iteration count or a borderline rounding: a printed number
that moves between kernels fails nbval on someone's machine. ``default`` runs with
``OPENBLAS_CORETYPE`` (and ``OPENBLAS_L2_SIZE``) unset, so OpenBLAS detects the processor.
Each line names the kernel that OpenBLAS actually reports (threadpoolctl), since a kernel
the processor cannot run falls back to another. Extra pytest arguments go after ``--``.
The exit status is 1 if any kernel failed.
"""
import os
import subprocess
import sys
import time

KERNELS = ["default", "Prescott", "Sandybridge", "Haswell", "Zen", "SkylakeX"]
PROBE = ("import numpy, threadpoolctl; print(','.join(sorted({i.get('architecture', '?') "
         "for i in threadpoolctl.threadpool_info() if i['internal_api'] == 'openblas'})))")


def environment(kernel):
    env = {k: v for k, v in os.environ.items()
           if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    if kernel != "default":
        env["OPENBLAS_CORETYPE"] = kernel
    return env


def main(argv):
    kernels, extra = argv, []
    if "--" in argv:
        kernels, extra = argv[:argv.index("--")], argv[argv.index("--") + 1:]
    kernels = kernels or KERNELS
    failed = []
    for kernel in kernels:
        env = environment(kernel)
        actual = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                                text=True).stdout.strip()
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", *extra], env=env,
                             capture_output=True, text=True)
        seconds = time.perf_counter() - start
        lines = run.stdout.strip().splitlines()
        summary = lines[-1].strip("= ") if lines else "no output"
        print(f"{kernel:12s} (OpenBLAS reports {actual or '?'}): {summary}; wall time "
              f"{seconds:.0f} s", flush=True)
        if run.returncode != 0:
            failed.append(kernel)
            # show what failed, so that CI logs are enough to act on
            print("\n".join(line for line in lines if line.startswith(("FAILED", "ERROR"))))
    if failed:
        print(f"failed under: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
