"""Run every benchmark in bench/bench_*.py against one production-shaped server.

Usage: make bench [ARGS="--seconds 10 --only http"]
Prints each figure on a line of its own: BENCH <name> <value> <unit>.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from pathlib import Path

from bench.load import CONNECTIONS, client_name
from bench.server import WORKERS, BenchError, bench_server, log

BENCH_DIR = Path(__file__).resolve().parent


def format_value(value: float, unit: str) -> str:
    if isinstance(value, int):  # counts (bench_rush: places, registrations, errors)
        return str(value)
    return f"{value:.2f}" if unit == "ratio" else f"{value:.1f}"


# The targets of issue 8 (2 cores, PostgreSQL): figure → (comparison, bound)
TARGETS = {
    "rush_registrations_per_s": (">=", 50),
    "rush_p95_ms": ("<", 1000),
    "rush_oversold": ("==", 0),
    "rush_lost": ("==", 0),
    "rush_errors": ("==", 0),
    "programme_vs_health_ratio": (">=", 0.40),
    "programme_item_vs_health_ratio": (">=", 0.40),
    "pdf_150_items_s": ("<", 3),
    "invite_import_5000_s": ("<", 10),
}
CHECKS = {">=": lambda a, b: a >= b, "<": lambda a, b: a < b, "==": lambda a, b: a == b}


def summary(results: list[tuple[str, float, str]]) -> list[str]:
    """The figures as a Markdown table, with the target and whether it was met."""
    lines = ["| figure | value | unit | target | met |", "| --- | --- | --- | --- | --- |"]
    for name, value, unit in results:
        target, met = "", ""
        if name in TARGETS:
            comparison, bound = TARGETS[name]
            target = f"{comparison} {bound:g}"
            met = "yes" if CHECKS[comparison](value, bound) else "**no**"
        lines.append(f"| `{name}` | {format_value(value, unit)} | {unit} | {target} | {met} |")
    return lines


def discover(only: list[str]) -> list:
    names = sorted(path.stem for path in BENCH_DIR.glob("bench_*.py"))
    if only:
        names = [name for name in names if name.removeprefix("bench_") in only]
    return [importlib.import_module(f"bench.{name}") for name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds",
        type=float,
        default=float(os.environ.get("BENCH_SECONDS", "10")),
        help="load time per measured URL (default 10, or BENCH_SECONDS)",
    )
    parser.add_argument("--only", nargs="*", default=[], help="benchmarks to run, e.g. http")
    args = parser.parse_args(argv)
    # A SIGTERM (e.g. from a CI time-out) unwinds through the `with` block and stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    modules = discover(args.only)
    if not modules:
        log("no benchmarks selected")
        return 1
    log(
        f"client {client_name()}, {CONNECTIONS} connections, {args.seconds:.0f} s per URL, "
        f"gunicorn {WORKERS} workers, {os.cpu_count()} cores"
    )
    results = []
    try:
        with bench_server() as server:
            for module in modules:
                for name, value, unit in module.run(server, seconds=args.seconds):
                    results.append((name, value, unit))
                    print(f"BENCH {name} {format_value(value, unit)} {unit}", flush=True)
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 2
    print("\n" + "\n".join(summary(results)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
