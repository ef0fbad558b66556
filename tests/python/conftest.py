"""Fixtures of the Python tests: the example catalog, its audit, a big copy.

Run through ctest (python.pytest, python.notebook), or by hand:
    PYTHONPATH=build/dev/python /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

try:
    import redtape
except ImportError as e:  # pragma: no cover - a setup problem, said plainly
    raise ImportError(
        "redtape is not importable: build it (cmake --build build/dev) and run the tests with "
        "PYTHONPATH=build/dev/python"
    ) from e

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = Path(os.environ.get("REDTAPE_EXAMPLES", REPO / "examples"))
CATALOG = EXAMPLES / "catalog"
ENTERPRISE = "1.001612"  # SPEC §2's sketch; its redundancies are kept on purpose


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "notebook: executes examples/notebooks/review.ipynb headless")


@pytest.fixture(scope="session")
def catalog_dir() -> Path:
    return CATALOG


@pytest.fixture(scope="session")
def catalog() -> redtape.Catalog:
    return redtape.load(CATALOG)


@pytest.fixture(scope="session")
def report(catalog: redtape.Catalog) -> redtape.Report:
    return redtape.audit(catalog)


@pytest.fixture()
def enterprise(catalog: redtape.Catalog) -> redtape.Procedure:
    return catalog[ENTERPRISE]


@pytest.fixture(scope="session")
def big_catalog_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalog 25 times over (200 procedures), ids made unique."""
    out = tmp_path_factory.mktemp("big")
    (out / "registry.yaml").write_text((CATALOG / "registry.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for source in sorted(CATALOG.glob("*.yaml")):
        if source.name == "registry.yaml":
            continue
        text = source.read_text(encoding="utf-8")
        for k in range(25):
            copy = re.sub(r'^(  id: ")([^"]+)(")$', rf"\g<1>\g<2>-{k}\g<3>", text, count=1, flags=re.M)
            (out / f"{source.stem}-{k}.yaml").write_text(copy, encoding="utf-8")
    return out
