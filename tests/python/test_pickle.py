"""Objects pickle, so that multiprocessing and Dask can carry them."""

from __future__ import annotations

import multiprocessing
import pickle

import pytest

import redtape

from conftest import ENTERPRISE


def round_trip(obj):
    return pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def test_catalog(catalog: redtape.Catalog) -> None:
    again = round_trip(catalog)
    assert again == catalog and again is not catalog
    assert again.ids == catalog.ids
    assert again[ENTERPRISE].steps["check"].source == catalog[ENTERPRISE].steps["check"].source


def test_procedures(catalog: redtape.Catalog) -> None:
    view = catalog[ENTERPRISE]
    again = round_trip(view)
    assert again == view and not again.editable
    assert again.metrics == view.metrics
    assert again.simplify().saving == view.simplify().saving
    assert again.to_dot() == view.to_dot()
    edited = view.copy()
    edited.remove_step("forward")
    again = round_trip(edited)
    assert again.editable and again == edited and again.steps.ids == edited.steps.ids


def test_report(report: redtape.Report) -> None:
    again = round_trip(report)
    assert again == report
    assert again.to_json() == report.to_json()
    assert again.findings == report.findings
    assert again.findings[0].location == report.findings[0].location


def test_values_and_handles(report: redtape.Report, enterprise: redtape.Procedure) -> None:
    for value in (
        report.findings[0],
        report.findings[0].saving,
        report.findings[0].change,
        report.findings[0].message,
        report.totals,
        enterprise.metrics,
        enterprise.cost_model,
        enterprise.name,
        enterprise.source,
        enterprise.elapsed_distribution(runs=100),
    ):
        again = round_trip(value)
        assert again == value, type(value).__name__
        assert repr(again) == repr(value)
    step = round_trip(enterprise.steps["check"])
    assert (step.id, step.duration_days, step.procedure.id) == ("check", 1, ENTERPRISE)
    document = round_trip(enterprise.steps["submit"].requires[1])
    assert document.ref == "citizen_id" and document.form == "certified_copy"
    result = round_trip(report.procedure(ENTERPRISE))
    assert result.saving == report.procedure(ENTERPRISE).saving
    s = round_trip(enterprise.simplify())
    assert s.saving == enterprise.simplify().saving and s.procedure.steps.ids == enterprise.simplified().steps.ids
    rules = redtape.RuleSet().set("certified-copy", False).set("once-only.government_prefixes", ["a, b", "c"])
    again = round_trip(rules)
    assert not again["certified-copy"].enabled
    assert again["once-only"].params["government_prefixes"] == ["a, b", "c"]
    info = round_trip(rules["once-only"])
    assert info.params == rules["once-only"].params


def test_state_of_another_version_is_refused() -> None:
    vi, en = redtape.Text("a", "b").__getstate__()[1]
    text = redtape.Text.__new__(redtape.Text)
    with pytest.raises(redtape.InvalidArgumentError, match="another version"):
        text.__setstate__((99, (vi, en)))


def metrics_of(procedure: redtape.Procedure) -> redtape.Metrics:
    return procedure.metrics


def audit_of(catalog: redtape.Catalog) -> redtape.Report:
    return redtape.audit(catalog, jobs=1)


def test_multiprocessing_round_trip(catalog: redtape.Catalog, report: redtape.Report) -> None:
    # "spawn": a fresh interpreter imports redtape and unpickles everything.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        metrics = pool.map(metrics_of, catalog.procedures)
        remote = pool.apply(audit_of, (catalog,))
    assert metrics == [p.metrics for p in catalog.procedures]
    assert remote.to_json() == report.to_json()
