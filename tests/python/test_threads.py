"""load and audit release the GIL: threads run together and agree."""

from __future__ import annotations

import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, TypeVar

import pytest

import redtape


def test_audits_in_threads_agree(catalog: redtape.Catalog, report: redtape.Report) -> None:
    with ThreadPoolExecutor(4) as pool:
        reports = list(pool.map(lambda _: redtape.audit(catalog, jobs=1), range(8)))
    assert all(r == report for r in reports)


def python_runs_during(call) -> int:
    """How many times the main thread ran Python while `call` ran in another
    thread. With a huge switch interval a thread that holds the GIL is never
    forced to give it up, so the count is 0 unless `call` releases it."""
    state = {"started": False, "finished": False, "during": 0, "error": None}

    def worker() -> None:
        state["started"] = True
        try:
            call()
        except BaseException as e:  # pragma: no cover - reported below
            state["error"] = e
        state["finished"] = True

    old = sys.getswitchinterval()
    sys.setswitchinterval(100)
    try:
        t = threading.Thread(target=worker)
        t.start()
        while not state["finished"]:
            if state["started"]:
                state["during"] += 1
            time.sleep(0.001)  # sleeping releases the GIL, so the worker can go on
        t.join()
    finally:
        sys.setswitchinterval(old)
    if state["error"] is not None:
        raise state["error"]
    return state["during"]


@pytest.fixture(scope="module")
def big(big_catalog_dir: Path) -> redtape.Catalog:
    return redtape.load(big_catalog_dir)


def test_load_releases_the_gil(big_catalog_dir: Path) -> None:
    assert python_runs_during(lambda: redtape.load(big_catalog_dir, jobs=1)) > 0


def test_audit_releases_the_gil(big: redtape.Catalog) -> None:
    assert len(big) == 200
    assert python_runs_during(lambda: redtape.audit(big, jobs=1)) > 0


def test_report_writers_release_the_gil(big: redtape.Catalog) -> None:
    report = redtape.audit(big, jobs=1)
    assert python_runs_during(lambda: [report.to_json(), report.to_csv(), report.to_markdown("vi")]) > 0


def test_simplify_releases_the_gil(big: redtape.Catalog) -> None:
    procedure = big.procedures[0]
    assert python_runs_during(lambda: [procedure.simplify() for _ in range(3)]) > 0


T = TypeVar("T")


def run_in_threads(count: int, call: Callable[[int], T]) -> list[T]:
    """Run call(0) … call(count - 1) on `count` threading.Threads released
    together by a barrier; their results in thread order. An exception in a
    thread is raised here."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            barrier.wait()
            results[i] = call(i)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def difference(got: str, expected: str) -> str:
    """Empty when equal; else where the texts part (not two whole reports)."""
    if got == expected:
        return ""
    at = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
    start = max(0, at - 80)
    return f"sizes {len(got)} and {len(expected)}, first difference at {at}:\n{got[start:at + 120]!r}\n{expected[start:at + 120]!r}"


def test_threads_auditing_one_catalog_write_identical_reports(big: redtape.Catalog) -> None:
    expected = redtape.audit(big, jobs=1).to_json()
    totals = json.loads(expected)["totals"]
    assert totals["procedures"] == 200 and totals["findings"] > 200
    # Four threads, three audits each; every other thread gives its audits two workers of their own.
    texts = run_in_threads(4, lambda i: [redtape.audit(big, jobs=1 + i % 2).to_json() for _ in range(3)])
    for i, rounds in enumerate(texts):
        for r, text in enumerate(rounds):
            assert difference(text, expected) == "", f"thread {i}, audit {r}"


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_two_audits_run_at_once(big: redtape.Catalog) -> None:
    """Each of two threads notes time.perf_counter() just before and just after
    its audit. With a switch interval of 100 s no thread is made to give up the
    GIL: one that kept it through its audit would note its start, audit and
    note its end with the other thread unable to run Python in between, and the
    two intervals could not overlap. They overlap when the audit releases the
    GIL. A busy machine may run one audit to its end before the other thread
    is scheduled, so up to five attempts; any overlap shows the release."""

    def intervals() -> list[tuple[float, float]]:
        def timed(_: int) -> tuple[float, float]:
            start = time.perf_counter()
            redtape.audit(big, jobs=1)
            return start, time.perf_counter()

        return run_in_threads(2, timed)

    old = sys.getswitchinterval()
    sys.setswitchinterval(100)
    try:
        attempts = []
        for _ in range(5):
            attempts.append(intervals())
            if overlap(*attempts[-1]):
                break
    finally:
        sys.setswitchinterval(old)
    assert overlap(*attempts[-1]), f"no overlap in {len(attempts)} attempts: {attempts}"
