"""Requests per second of /health/ and of the home page, and their ratio.

/health/ touches the database, the cache and the broker and renders no template: it is the floor
cost of a request. The home page is the first page a visitor sees. The two are measured in
alternating slices so that noise on a small shared machine hits both alike.
"""

from __future__ import annotations

from bench.load import Sample, check, measure, warm_up
from bench.server import Server, log

SLICE_SECONDS = 2.0


def run(server: Server, *, seconds: float) -> list[tuple[str, float, str]]:
    urls = {"health": server.url("/health/"), "home": server.url("/")}
    for url in urls.values():
        check(url)
        warm_up(url)
    samples = {name: Sample() for name in urls}
    rounds = max(1, round(seconds / SLICE_SECONDS))
    slice_seconds = seconds / rounds
    for number in range(rounds):
        # health, home / home, health / …: neither always goes first.
        order = list(urls) if number % 2 == 0 else list(reversed(urls))
        for name in order:
            samples[name].add(measure(urls[name], slice_seconds))
    for name, sample in samples.items():
        log(f"{name}: {sample.requests} requests in {sample.seconds:.1f} s, {sample.bad} bad")
        if sample.bad:
            raise RuntimeError(f"{urls[name]} gave {sample.bad} failed answers under load")
    health, home = samples["health"].rps, samples["home"].rps
    return [
        ("health_rps", health, "req/s"),
        ("home_rps", home, "req/s"),
        ("home_vs_health_ratio", home / health, "ratio"),
    ]
