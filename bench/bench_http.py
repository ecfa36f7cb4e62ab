"""Requests per second of /health/ and of the home page, and their ratio.

/health/ touches the database, the cache and the broker and renders no template: it is the floor
cost of a request. The home page is the first page a visitor sees. The two are measured in
alternating slices so that noise on a small shared machine hits both alike.
"""

from __future__ import annotations

from bench.load import compare_rates
from bench.server import Server


def run(server: Server, *, seconds: float) -> list[tuple[str, float, str]]:
    rates = compare_rates({"health": server.url("/health/"), "home": server.url("/")}, seconds)
    health, home = rates["health"], rates["home"]
    return [
        ("health_rps", health, "req/s"),
        ("home_rps", home, "req/s"),
        ("home_vs_health_ratio", home / health, "ratio"),
    ]
