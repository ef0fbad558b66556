"""The `lexicon=` keyword: a folder of phrase tables that replaces the built-in tables of the
same name for one audit or one import (docs/rules.md, "The lexicon")."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import redtape

REPO = Path(__file__).resolve().parents[2]
BUILTIN_NAMES = REPO / "lexicon" / "names.yaml"
EXAMPLES = Path(os.environ.get("REDTAPE_EXAMPLES", REPO / "examples"))

# One procedure whose applicant hands in the birth certificate twice: at `submit` as a
# "certified copy" of it, at `collect` by its bare name. The built-in names table strips
# the qualifiers "bản sao có chứng thực" (or "bản sao" and "có chứng thực"), so both
# demands are one document and duplicate-demand reports them.
CATALOG = """\
redtape: 1
agencies:
  - {id: ward, name: {vi: "Ủy ban nhân dân cấp xã", en: "Commune People's Committee"}, kind: government, level: commune}
procedures:
  - id: "L.1"
    name: {vi: "Đăng ký thường trú", en: "Permanent residence registration"}
    sector: residence
    level: commune
    agency: ward
    applicant: citizen
    volume_per_year: 1000
    steps:
      - id: submit
        name: {vi: "Nộp hồ sơ", en: "File the application"}
        actor: applicant
        action: submit
        channel: in_person
        applicant_hours: 2
        requires:
          - {name: "Bản sao có chứng thực Giấy khai sinh"}
      - id: review
        name: {vi: "Xem xét hồ sơ", en: "Review"}
        actor: ward
        action: review
        after: [submit]
        duration_days: 3
      - id: collect
        name: {vi: "Nhận kết quả", en: "Collect the result"}
        actor: applicant
        action: collect
        after: [review]
        channel: in_person
        applicant_hours: 1
        requires:
          - {name: "Giấy khai sinh"}
"""
# Every qualifier that matches in "Bản sao có chứng thực Giấy khai sinh" (without one of
# them, the shorter ones would still strip the phrase).
CERTIFIED_COPY_QUALIFIERS = ["bản sao có chứng thực", "bản sao", "có chứng thực"]


def names_without(qualifiers: list[str]) -> str:
    """The built-in names.yaml with these phrases gone from its `qualifiers` list only."""
    out, in_qualifiers = [], False
    for line in BUILTIN_NAMES.read_text(encoding="utf-8").splitlines(keepends=True):
        if re.match(r"^  \w+:", line):
            in_qualifiers = line.startswith("  qualifiers:")
        if in_qualifiers and any(line.strip() == f'- "{q}"' for q in qualifiers):
            continue
        out.append(line)
    text = "".join(out)
    assert text != BUILTIN_NAMES.read_text(encoding="utf-8")
    return text


@pytest.fixture(scope="module")
def catalog() -> redtape.Catalog:
    return redtape.load_text(CATALOG, "lexicon-test.yaml")


def duplicate_demands(report: redtape.Report) -> list[redtape.Finding]:
    return [f for f in report.findings if f.rule == "duplicate-demand"]


def test_a_copy_of_the_builtin_tables_changes_nothing(catalog: redtape.Catalog, tmp_path: Path) -> None:
    (tmp_path / "names.yaml").write_text(BUILTIN_NAMES.read_text(encoding="utf-8"), encoding="utf-8")
    builtin = redtape.audit(catalog)
    assert [f.steps for f in duplicate_demands(builtin)] == [["submit", "collect"]]
    assert "duplicate-demand" in {f.rule for f in catalog["L.1"].simplify(lexicon=tmp_path).applied}
    assert redtape.audit(catalog, lexicon=tmp_path).to_json() == builtin.to_json()
    assert redtape.audit(catalog, lexicon=str(tmp_path)).to_json() == builtin.to_json()
    assert catalog.audit(lexicon=tmp_path).to_json() == builtin.to_json()
    assert redtape.audit(catalog, lexicon=None).to_json() == builtin.to_json()


def test_a_names_table_without_a_qualifier_changes_which_documents_are_the_same(
    catalog: redtape.Catalog, tmp_path: Path
) -> None:
    (tmp_path / "names.yaml").write_text(names_without(CERTIFIED_COPY_QUALIFIERS), encoding="utf-8")
    p = catalog["L.1"]
    # Without those qualifiers, "Bản sao có chứng thực Giấy khai sinh" is another paper
    # than "Giấy khai sinh": the demand at `collect` is no longer a repeat.
    assert duplicate_demands(redtape.audit(catalog, lexicon=tmp_path)) == []
    assert duplicate_demands(catalog.audit(lexicon=tmp_path)) == []
    assert duplicate_demands(p.audit(lexicon=tmp_path)) == []
    assert "duplicate-demand" not in {f.rule for f in p.simplify(lexicon=tmp_path).applied}
    # A run with a folder leaves the built-in tables as they were.
    assert duplicate_demands(redtape.audit(catalog))


def test_a_missing_lexicon_folder_is_an_invalid_argument(catalog: redtape.Catalog, tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere"
    with pytest.raises(redtape.InvalidArgumentError, match="nowhere"):
        redtape.audit(catalog, lexicon=nowhere)
    with pytest.raises(ValueError, match="not a folder"):
        catalog["L.1"].simplify(lexicon=nowhere)
    with pytest.raises(redtape.InvalidArgumentError, match="nowhere"):
        redtape.import_dichvucong(EXAMPLES / "portal", str(tmp_path / "out"), lexicon=nowhere)
    assert not (tmp_path / "out").exists()  # refused before anything was written
    with pytest.raises(redtape.InvalidArgumentError, match="int"):
        redtape.audit(catalog, lexicon=42)


def test_a_file_that_is_no_table_is_an_invalid_argument(catalog: redtape.Catalog, tmp_path: Path) -> None:
    (tmp_path / "nouns.yaml").write_text("redtape: 1\n", encoding="utf-8")
    with pytest.raises(redtape.InvalidArgumentError, match=r"nouns\.yaml is not a lexicon table.*names\.yaml"):
        redtape.audit(catalog, lexicon=tmp_path)


def test_a_broken_table_is_a_located_load_error(catalog: redtape.Catalog, tmp_path: Path) -> None:
    broken = tmp_path / "names.yaml"
    broken.write_text("redtape: 1\ntable: names\nentries:\n  qualifires: [a]\n", encoding="utf-8")
    for run in (
        lambda: redtape.audit(catalog, lexicon=tmp_path),
        lambda: catalog["L.1"].audit(lexicon=tmp_path),
        lambda: redtape.import_dichvucong(EXAMPLES / "portal", str(tmp_path / "out"), lexicon=tmp_path),
    ):
        with pytest.raises(redtape.LoadError) as caught:
            run()
        error = caught.value
        assert (Path(error.file), error.line, error.column) == (broken, 4, 3)
        first = error.diagnostics[0]
        assert (Path(first.file), first.line, first.column) == (broken, 4, 3)
        assert "did you mean `qualifiers`" in first.message
        assert first.message_vi
    assert not (tmp_path / "out").exists()


def test_import_with_a_copy_of_the_builtin_tables_writes_the_same_catalog(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon"
    (lexicon / "portal").mkdir(parents=True)
    for table in [BUILTIN_NAMES, *sorted((REPO / "lexicon" / "portal").glob("*.yaml"))]:
        (lexicon / table.relative_to(REPO / "lexicon")).write_bytes(table.read_bytes())
    plain = redtape.import_dichvucong(EXAMPLES / "portal", str(tmp_path / "plain"))
    copied = redtape.import_dichvucong(EXAMPLES / "portal", str(tmp_path / "copied"), lexicon=lexicon)
    assert copied["summary"] == plain["summary"]
    written = tree(tmp_path / "plain")
    assert "registry.yaml" in written and len(written) > plain["imported"]
    assert tree(tmp_path / "copied") == written


def steps_without_cues() -> str:
    """The built-in portal/steps.yaml with every cue list emptied (its examples kept)."""
    out, in_entries = [], False
    for line in (REPO / "lexicon" / "portal" / "steps.yaml").read_text(encoding="utf-8").splitlines(keepends=True):
        if re.match(r"^\S", line):
            in_entries = line.startswith("entries:")
        elif in_entries and re.match(r"^  [\w-]+:", line):
            line = line.split(":")[0] + ": []\n"
        elif in_entries and line.startswith("    "):
            continue
        out.append(line)
    return "".join(out)


def test_import_reads_the_records_with_the_lexicon_given(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon"
    (lexicon / "portal").mkdir(parents=True)
    (lexicon / "portal" / "steps.yaml").write_text(steps_without_cues(), encoding="utf-8")
    redtape.import_dichvucong(EXAMPLES / "portal", str(tmp_path / "plain"))
    redtape.import_dichvucong(EXAMPLES / "portal", str(tmp_path / "bare"), lexicon=lexicon)
    assert tree(tmp_path / "bare") != tree(tmp_path / "plain")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by its path under it."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
