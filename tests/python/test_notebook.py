"""examples/notebooks/review.ipynb runs headless and shows what it promises.

The executed copy is written to $REDTAPE_NOTEBOOK_OUTPUT (the build tree under
ctest) or a temporary folder: never into the source tree.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO

NOTEBOOK = REPO / "examples" / "notebooks" / "review.ipynb"

pytestmark = pytest.mark.notebook


def outputs_of(nb, mime: str) -> list:
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if mime in data:
                found.append(data[mime])
    return found


def test_review_notebook_runs_headless(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel inherits this environment (PYTHONPATH to the build tree).
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    try:
        client.execute()
    finally:
        out_dir = Path(os.environ.get("REDTAPE_NOTEBOOK_OUTPUT", tmp_path))
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out_dir / NOTEBOOK.name)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    html = "\n".join(outputs_of(nb, "text/html"))
    assert "saving a year" in html  # the report's findings table
    assert "saving_cost_per_year" in html  # a findings DataFrame
    if shutil.which("dot"):
        svgs = outputs_of(nb, "image/svg+xml")
        assert len(svgs) >= 3  # as is, simplified, what-if
        assert all("#c0392b" in svg for svg in svgs)  # the critical path drawn
    text = "\n".join("".join(o.get("text", "")) for c in nb.cells for o in c.get("outputs", []))
    assert "ValidationError" in text  # the broken what-if is caught
    assert "Catalog cost a year" in text
    # The source notebook stays without outputs.
    assert all(not c.get("outputs") for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code")
