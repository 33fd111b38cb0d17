"""Latency and throughput of chapter 10's prediction service, in process and over HTTP.

``python -m benchmarks.house_prices_service [--requests 200] [--no-http]`` fits and saves
the chapter's chosen model in a temporary folder, then measures, on houses drawn from the
Sacramento training rows:

- **single-prediction latency** (p50 and p99 of ``--requests`` one-house predictions);
- **predictions per second** for batches of 1, 100 and 10,000 houses (houses in a batch
  divided by the median time of a batch);

three ways: the fitted pipeline called directly (``model.predict`` on a one-row DataFrame:
no validation, no JSON), the FastAPI app through its ``TestClient`` (in process: JSON,
pydantic validation, the drift histograms, no network), and a real ``uvicorn`` on a free port
of 127.0.0.1 reached with an ``httpx2`` client over a kept-alive connection. The number of
requests is bounded (``--requests`` single requests, and at most that many, 30 and 3 batches
of 1, 100 and 10,000), so the whole run takes well under a minute on an idle machine. The
machine's load average is printed with the results: these are wall-clock times, and a busy
machine makes them longer and noisier. Like ``python -m benchmarks``, a tool, not a test.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.registry import REPO_ROOT
from utils.persistence import chapter_module

BATCHES = (1, 100, 10_000)


def _houses(hp, n, rng):
    X_train, _, _, _ = hp.split_data()
    return X_train.iloc[rng.integers(0, len(X_train), size=n)].reset_index(drop=True)


def _percentiles(seconds):
    ms = np.asarray(seconds) * 1e3
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 99))


def _time(call, repeat):
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append(time.perf_counter() - start)
    return out


def measure(predict_one, predict_batch, houses, records, n_requests):
    """{"p50_ms", "p99_ms", "per_second": {batch: predictions per second}} for one way."""
    p50, p99 = _percentiles(_time(lambda: predict_one(houses.iloc[:1], records[0]), n_requests))
    per_second = {}
    for size, repeat in zip(BATCHES, (n_requests, min(30, n_requests), min(3, n_requests))):
        frame, batch = houses.iloc[:size], records[:size]
        times = _time(lambda: predict_batch(frame, batch), repeat)
        per_second[size] = size / statistics.median(times)
    return {"p50_ms": p50, "p99_ms": p99, "per_second": per_second}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(model_path, port, timeout=60):
    """A uvicorn subprocess serving ``model_path``; returns it once /health answers."""
    import httpx2
    env = {**os.environ, "HOUSE_PRICES_MODEL": str(model_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(REPO_ROOT / "10_house_prices"),
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
         "--factory", "house_prices:app_from_environment"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("uvicorn exited: " + proc.stderr.read().decode(errors="replace"))
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc
        except httpx2.TransportError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"uvicorn did not answer within {timeout} s")


def stop_server(proc):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=20)
    proc.stderr.close()


def run(n_requests=200, http=True, seed=0):
    """Measure the three ways; return {way: measure(...)} and the load averages."""
    from fastapi.testclient import TestClient

    hp = chapter_module("house_prices")
    rng = np.random.default_rng(seed)
    houses = _houses(hp, max(BATCHES), rng)
    records = houses.to_dict(orient="records")
    results = {}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        model_path = Path(tmp) / "model"
        hp.train_and_save(model_path)
        model = hp.load_model(model_path)
        results["pipeline.predict (in process)"] = measure(
            lambda frame, rec: model.predict(frame), lambda frame, rec: model.predict(frame),
            houses, records, n_requests)
        with TestClient(hp.create_app(model_path)) as client:
            results["FastAPI TestClient (in process)"] = measure(
                lambda frame, rec: client.post("/predict", json=rec).raise_for_status(),
                lambda frame, rec: client.post("/predict", json=rec).raise_for_status(),
                houses, records, n_requests)
        if http:
            import httpx2
            proc = start_server(model_path, free_port())
            try:
                port = proc.args[proc.args.index("--port") + 1]
                with httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as web:
                    results["uvicorn over HTTP (localhost)"] = measure(
                        lambda frame, rec: web.post("/predict", json=rec).raise_for_status(),
                        lambda frame, rec: web.post("/predict", json=rec).raise_for_status(),
                        houses, records, n_requests)
            finally:
                stop_server(proc)
    return results, (load_before, os.getloadavg())


def format_results(results, loads):
    lines = ["| way | p50 one house (ms) | p99 one house (ms) | "
             + " | ".join(f"predictions/s, batch {b:,}" for b in BATCHES) + " |",
             "|---|---|---|" + "---|" * len(BATCHES)]
    for way, r in results.items():
        lines.append(f"| {way} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
                     + " | ".join(f"{r['per_second'][b]:,.0f}" for b in BATCHES) + " |")
    (b1, b5, b15), (a1, a5, a15) = loads
    lines.append(f"\nload average (1, 5, 15 min) before: {b1:.2f}, {b5:.2f}, {b15:.2f}; after: "
                 f"{a1:.2f}, {a5:.2f}, {a15:.2f}; {os.cpu_count()} CPUs")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.house_prices_service",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200,
                        help="single-house requests timed per way (default: %(default)s)")
    parser.add_argument("--no-http", action="store_true",
                        help="skip the uvicorn server (in-process measurements only)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    start = time.perf_counter()
    results, loads = run(args.requests, http=not args.no_http, seed=args.seed)
    print(format_results(results, loads))
    print(f"whole benchmark: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
