"""A bounded HTTP load loop from a second process: wrk when installed, else Python threads.

Each call runs for a fixed time against one URL on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

CONNECTIONS = 4


@dataclass
class Sample:
    requests: int = 0
    seconds: float = 0.0
    bad: int = 0  # non-2xx answers and socket errors

    def add(self, other: Sample) -> None:
        self.requests += other.requests
        self.seconds += other.seconds
        self.bad += other.bad

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def client_name() -> str:
    return "wrk" if shutil.which("wrk") else "python-threads"


def check(url: str, expected: int = 200) -> None:
    """One request first: the benchmark only counts pages that answer as expected."""
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError("benchmarks only load 127.0.0.1")
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            status, body = response.status, response.read(500)
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read(500)
    if status != expected:
        raise RuntimeError(f"{url} answered {status}, not {expected}: {body!r}")


def warm_up(url: str, count: int = 20) -> None:
    for _ in range(count):
        check(url)


def measure(url: str, seconds: float, connections: int = CONNECTIONS) -> Sample:
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError("benchmarks only load 127.0.0.1")
    if shutil.which("wrk"):
        return _measure_wrk(url, seconds, connections)
    return _measure_threads(url, seconds, connections)


WRK_TOTAL = re.compile(r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b")
WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
WRK_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
UNIT_SECONDS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _measure_wrk(url: str, seconds: float, connections: int) -> Sample:
    duration = max(1, round(seconds))
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", url]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration + 30
    ).stdout
    total = WRK_TOTAL.search(output)
    if total is None:
        raise RuntimeError(f"could not read wrk's output:\n{output}")
    sample = Sample(
        requests=int(total.group(1)),
        seconds=float(total.group(2)) * UNIT_SECONDS[total.group(3)],
    )
    if match := WRK_NON_2XX.search(output):
        sample.bad += int(match.group(1))
    if match := WRK_SOCKET.search(output):
        sample.bad += sum(int(number) for number in match.groups())
    return sample


def _measure_threads(url: str, seconds: float, connections: int) -> Sample:
    parts = urlsplit(url)
    path = parts.path or "/"
    lock = threading.Lock()
    sample = Sample()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        done = bad = 0
        while time.monotonic() < deadline:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if not 200 <= response.status < 300:
                    bad += 1
            except OSError:
                bad += 1
            finally:
                conn.close()
            done += 1
        with lock:
            sample.requests += done
            sample.bad += bad

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sample.seconds = time.monotonic() - started
    return sample


def compare_rates(urls: dict[str, str], seconds: float, slice_seconds: float = 2.0) -> dict:
    """Requests per second of each URL, measured in alternating slices (a, b / b, a / …) so that
    noise on a small shared machine hits them alike. Every URL is checked and warmed up first;
    a URL that fails under load is an error."""
    for url in urls.values():
        check(url)
        warm_up(url)
    samples = {name: Sample() for name in urls}
    rounds = max(1, round(seconds / slice_seconds))
    for number in range(rounds):
        order = list(urls) if number % 2 == 0 else list(reversed(urls))
        for name in order:
            samples[name].add(measure(urls[name], seconds / rounds))
    for name, sample in samples.items():
        print(
            f"bench: {name}: {sample.requests} requests in {sample.seconds:.1f} s, "
            f"{sample.bad} bad",
            flush=True,
        )
        if sample.bad:
            raise RuntimeError(f"{urls[name]} gave {sample.bad} failed answers under load")
    return {name: sample.rps for name, sample in samples.items()}
