"""load and audit release the GIL: threads run together and agree."""

from __future__ import annotations

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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


def test_simplify_releases_the_gil(big: redtape.Catalog) -> None:
    procedure = big.procedures[0]
    assert python_runs_during(lambda: [procedure.simplify() for _ in range(3)]) > 0
