"""redtape.audit: findings with every field of the JSON report, rules and cost
model arguments, savings and the combined simplification."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import redtape

from conftest import ENTERPRISE


def test_report_shape(report: redtape.Report, catalog: redtape.Catalog) -> None:
    assert len(report.procedures) == len(catalog) == report.totals.procedures
    assert len(report.findings) == report.totals.findings > 0
    assert sum(report.totals.by_severity.values()) == report.totals.findings
    assert report.totals.saving_per_year == pytest.approx(
        report.totals.cost_per_year - report.totals.cost_per_year_after
    )
    assert report.problems == []
    assert report.catalog == catalog
    assert repr(report).startswith("<Report 8 procedures")


def test_findings_carry_every_field_of_the_json_report(report: redtape.Report) -> None:
    data = json.loads(report.to_json())
    assert len(data["findings"]) == len(report.findings)
    for ours, theirs in zip(report.findings, data["findings"]):
        d = ours.to_dict()
        for key in ("rule", "severity", "procedure", "procedures", "steps", "documents", "suggestion", "message"):
            assert d[key] == theirs[key], key
        for key, value in theirs["saving"].items():
            assert getattr(ours.saving, key) == pytest.approx(value), key
        assert d["location"] == theirs["location"]
        where = ours.location
        assert (where.file, where.line, where.column) == (
            theirs["location"]["file"],
            theirs["location"]["line"],
            theirs["location"]["column"],
        )
        assert ours.change.kind == ours.suggestion
        assert ours.message.vi and ours.message.en


def test_procedure_results(report: redtape.Report, catalog: redtape.Catalog) -> None:
    data = json.loads(report.to_json())
    for result, theirs in zip(report.procedures, data["procedures"]):
        assert result.id == theirs["id"]
        assert result.metrics == result.procedure.metrics
        assert result.metrics.cost_per_year == pytest.approx(theirs["metrics"]["cost_per_year"])
        assert result.simplified.elapsed_days == pytest.approx(theirs["simplified"]["elapsed_days"])
        assert result.saving.cost_per_year == pytest.approx(theirs["saving"]["cost_per_year"])
        assert all(f.procedure == result.id for f in result.findings)
        assert {id(f) for f in result.applied} is not None
        assert len(result.applied) <= len(result.findings)
    enterprise = report.procedure(ENTERPRISE)
    assert enterprise.procedure == catalog[ENTERPRISE]
    assert enterprise.elapsed_before.p50 <= enterprise.elapsed_before.p90
    with pytest.raises(redtape.NotFoundError, match="did you mean"):
        report.procedure("1.00161")


def test_enterprise_findings_are_the_known_redundancies(report: redtape.Report) -> None:
    found = {(f.rule, tuple(f.steps)) for f in report.procedure(ENTERPRISE).findings}
    rules = {rule for rule, _ in found}
    # the certified copy of the citizen id, and the dpi's steps in a row
    assert "certified-copy" in rules
    assert "same-actor-sequence" in rules


def test_text_reports(report: redtape.Report) -> None:
    assert report.to_json() == report.to_json()  # deterministic
    md_en, md_vi = report.to_markdown(), report.to_markdown("vi")
    assert md_en != md_vi and ENTERPRISE in md_en
    csv = report.to_csv()
    assert len(csv.strip().splitlines()) == len(report.findings) + 1


def rule_counts(r: redtape.Report) -> dict:
    counts: dict = {}
    for f in r.findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    return counts


def test_rules_argument_forms(catalog: redtape.Catalog, report: redtape.Report, tmp_path: Path) -> None:
    assert "certified-copy" in rule_counts(report)
    off = redtape.audit(catalog, rules={"certified-copy": False})
    assert "certified-copy" not in rule_counts(off)
    rules = redtape.RuleSet().set("certified-copy", False)
    assert redtape.audit(catalog, rules=rules) == off
    rule_file = tmp_path / "mine" / "off.yaml"
    rule_file.parent.mkdir()
    rule_file.write_text("redtape: 1\nrule:\n  id: certified-copy\n  enabled: false\n", encoding="utf-8")
    assert redtape.audit(catalog, rules=rule_file) == off
    assert redtape.audit(catalog, rules=str(rule_file.parent)) == off
    both = redtape.audit(catalog, rules=[rule_file, {"once-only": False}])
    assert not {"certified-copy", "once-only"} & set(rule_counts(both))
    assert redtape.audit(catalog, rules=None) == report


def test_bad_rules(catalog: redtape.Catalog, tmp_path: Path) -> None:
    with pytest.raises(redtape.InvalidArgumentError, match="did you mean `once-only`"):
        redtape.audit(catalog, rules={"once-onl": False})
    with pytest.raises(redtape.InvalidArgumentError, match="no parameter"):
        redtape.audit(catalog, rules={"once-only.nothing": 1})
    with pytest.raises(redtape.InvalidArgumentError):
        redtape.audit(catalog, rules=42)
    bad = tmp_path / "bad.yaml"
    bad.write_text("redtape: 1\nrule:\n  id: certified-copy\n  enabld: false\n", encoding="utf-8")
    with pytest.raises(redtape.LoadError) as caught:
        redtape.audit(catalog, rules=bad)
    assert caught.value.line == 4


def test_rule_set(tmp_path: Path) -> None:
    rules = redtape.RuleSet()
    assert len(rules) == len(list(rules)) == len(rules.rules) >= 10
    once = rules["once-only"]
    assert once.enabled and once.suggestion == "reuse_data" and once.title.en
    assert "government_prefixes" in once.params
    assert {p.name for p in once.parameters} == set(once.params)
    words = ["bản sao, có chứng thực", 'say "x"']
    rules.set("certified-copy.certified_copy_words", words)
    assert rules["certified-copy"].params["certified_copy_words"] == words
    rules.configure({"certified-copy": "error"})
    assert rules["certified-copy"].severity == "error"
    assert "once-only" in rules and "nope" not in rules
    with pytest.raises(redtape.NotFoundError):
        rules["nope"]
    with pytest.raises(redtape.InvalidArgumentError, match="list of str"):
        rules.set("once-only.government_prefixes", 3)
    with pytest.raises(redtape.InvalidArgumentError, match="did you mean `government_prefixes`"):
        rules.set("once-only.government_prefixe", ["x"])
    copy = rules.copy().set("once-only", False)
    assert rules["once-only"].enabled and not copy["once-only"].enabled


def test_cost_model_overrides(catalog: redtape.Catalog, report: redtape.Report) -> None:
    dearer = redtape.audit(catalog, cost_model={"hourly_value": 200000, "unit_costs": {"certified_copy": 50000}})
    assert dearer.totals.cost_per_year > report.totals.cost_per_year
    same = redtape.audit(catalog, cost_model={"unit_costs.certified_copy": 50000, "hourly_value": 200000})
    assert same == dearer
    with pytest.raises(redtape.InvalidArgumentError, match="non-negative"):
        redtape.audit(catalog, cost_model={"hourly_value": -1})
    with pytest.raises(redtape.InvalidArgumentError, match="no document form"):
        redtape.audit(catalog, cost_model={"unit_costs": {"photocopy": 1}})


def test_only(catalog: redtape.Catalog, report: redtape.Report) -> None:
    one = redtape.audit(catalog, only=[ENTERPRISE], jobs=1)
    assert [r.id for r in one.procedures] == [ENTERPRISE]
    assert one.procedure(ENTERPRISE).saving == report.procedure(ENTERPRISE).saving
    with pytest.raises(redtape.NotFoundError):
        redtape.audit(catalog, only=["nope"])
    assert catalog.audit(only=[ENTERPRISE]) == one


def test_simplify_matches_the_audit(enterprise: redtape.Procedure, report: redtape.Report) -> None:
    result = report.procedure(ENTERPRISE)
    s = enterprise.simplify()
    assert s.before == result.metrics
    assert s.after == result.simplified
    assert s.saving == result.saving
    assert s.saving.days > 0
    assert s.procedure.editable and s.procedure.metrics == s.after
    assert len(s.procedure.steps) < len(enterprise.steps)
    assert [f.rule for f in s.applied] == [f.rule for f in result.applied]
    assert len(s.applied) + len(s.skipped) <= len(s.findings)
    assert "x-simplified:" in s.to_yaml()
    assert enterprise.simplified().steps.ids == s.procedure.steps.ids
    assert enterprise.saving() == s.saving
    assert "applied" in repr(s)


def test_procedure_audit(enterprise: redtape.Procedure, report: redtape.Report) -> None:
    alone = enterprise.audit()
    assert [r.id for r in alone.procedures] == [ENTERPRISE]
    assert alone.procedure(ENTERPRISE).simplified == report.procedure(ENTERPRISE).simplified


ISSUER = Path(__file__).resolve().parents[1] / "data" / "rules" / "once-only" / "issuer.yaml"  # tests/data


def test_what_once_only_leaves_alone_is_listed_with_its_reason() -> None:
    catalog = redtape.load(ISSUER)
    report = redtape.audit(catalog)
    # The state body's approval is a finding; the issuer the record names is on the demand.
    (finding,) = [f for f in report.findings if f.rule == "once-only"]
    assert "Sở Xây dựng" in finding.message.vi
    assert finding.downgraded == ""
    submit = catalog["T.OO.3"].step("submit")
    assert [d.issued_by for d in submit.requires] == ["so_xay_dung", "to_chuc_chung_nhan", "applicant"]
    # The certification body's paper: left alone, and said so, as in the JSON report.
    (quiet,) = report.suppressed
    assert quiet["reason"] == "issuer"
    assert quiet["document"] == "Giấy chứng nhận hợp quy của tổ chức chứng nhận"
    assert quiet["location"]["line"] == 25
    assert json.loads(report.to_json())["suppressed"] == report.suppressed


def test_a_change_that_saves_nothing_is_a_note_that_says_so(report: redtape.Report) -> None:
    for f in report.findings:
        if f.downgraded:
            assert f.downgraded == "no_saving"
            assert f.severity == "note"
            assert f.to_dict()["downgraded"] == "no_saving"
        else:
            assert "downgraded" not in f.to_dict()
