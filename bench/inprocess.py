"""What the in-process benchmarks share: rendering a page through Django's test client in a
subprocess with the bench environment, and reading back the figures it prints."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from bench.server import ROOT, Server


def timed(user, url: str, rounds: int = 15) -> float:
    """The median time in ms to render ``url`` (logged in as ``user``, or anonymously), after one
    warm-up request; every answer must be 200. Runs inside the job (Django set up)."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        client.force_login(user)
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, url
    return statistics.median(times) * 1000


def run_job(server: Server, job: str, *, name: str) -> dict:
    """Run ``job`` (Python source) with production settings against the bench database; it
    prints its figures as JSON on its last line."""
    env = {**server.env, "DJANGO_SETTINGS_MODULE": "moteplass.settings"}
    result = subprocess.run(
        [sys.executable, "-c", job], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"{name} benchmark failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
