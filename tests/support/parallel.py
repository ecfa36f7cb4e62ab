"""Running jobs at the same moment, each in a thread with its own database connection (the
concurrency tests: house style rule 22)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections

JOIN_SECONDS = 60


def run_together(
    jobs: list[Callable[[], object]],
    *,
    background: list[Callable[[threading.Event], object]] = (),
) -> tuple[list, list]:
    """Run every job (and every background job) in a thread of its own, released together by a
    barrier; background jobs run until every job has finished (they get an Event that is set
    then). Each thread uses, and closes at its end, its own database connection. Returns the
    results of the jobs and of the background jobs: a returned value or the exception raised."""
    barrier = threading.Barrier(len(jobs) + len(background))
    finished = threading.Event()
    results: list = [None] * len(jobs)
    background_results: list = [None] * len(background)

    def thread(target, index, call):
        try:
            barrier.wait(timeout=JOIN_SECONDS)
            target[index] = call()
        except Exception as error:  # recorded and asserted on by the test
            target[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=thread, args=(results, index, job))
        for index, job in enumerate(jobs)
    ]
    others = [
        threading.Thread(
            target=thread, args=(background_results, index, lambda job=job: job(finished))
        )
        for index, job in enumerate(background)
    ]
    for each in threads + others:
        each.start()
    for each in threads:
        each.join(JOIN_SECONDS)
    finished.set()
    for each in others:
        each.join(JOIN_SECONDS)
    assert [each for each in threads + others if each.is_alive()] == []
    return results, background_results
