"""redtape.import_dichvucong: real portal records to a catalog that loads and audits."""
import os
from pathlib import Path

import redtape

EXAMPLES = Path(os.environ.get("REDTAPE_EXAMPLES", Path(__file__).resolve().parents[2] / "examples"))


def test_import_portal_slice(tmp_path):
    summary = redtape.import_dichvucong(EXAMPLES / "portal", str(tmp_path / "catalog"))
    assert summary["records_read"] == 24
    assert summary["imported"] == 24
    assert summary["skipped"] == 0
    for warning in summary["warnings"]:
        assert warning["record"] and warning["field"]
    catalog = redtape.load(tmp_path / "catalog")
    assert len(catalog) == summary["procedures"]
    report = redtape.audit(catalog)
    rules = {f.rule for f in report.findings}
    assert "once-only" in rules and "certified-copy" in rules


def test_import_refuses_an_output_inside_the_sources(tmp_path):
    import pytest

    with pytest.raises(redtape.Error):
        redtape.import_dichvucong(EXAMPLES / "portal", str(EXAMPLES / "portal" / "out"))
    assert not (EXAMPLES / "portal" / "out").exists()
