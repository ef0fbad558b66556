"""Catalog, Procedure, Step, Document: what a reviewer reads of the model."""

from __future__ import annotations

from pathlib import Path

import pytest

import redtape

from conftest import ENTERPRISE


def test_catalog_as_a_collection(catalog: redtape.Catalog) -> None:
    assert len(catalog) == 8
    ids = [p.id for p in catalog]
    assert ids == catalog.ids == [p.id for p in catalog.procedures]
    assert ENTERPRISE in catalog and "nope" not in catalog
    assert catalog[ENTERPRISE].id == ENTERPRISE
    assert repr(catalog).startswith("<Catalog: 8 procedures")
    assert {a.id for a in catalog.agencies} >= {"dpi"}
    assert all(f.endswith(".yaml") for f in catalog.files)


def test_unknown_procedure_is_a_key_error_with_a_guess(catalog: redtape.Catalog) -> None:
    with pytest.raises(KeyError) as caught:
        catalog["1.00161"]
    assert isinstance(caught.value, redtape.NotFoundError)
    assert str(caught.value) == "no procedure `1.00161` in the catalog; did you mean `1.001612`?"


def test_procedure_attributes(enterprise: redtape.Procedure) -> None:
    p = enterprise
    assert p.name.vi == "Đăng ký thành lập doanh nghiệp tư nhân"
    assert p.name.en == "Registering a private enterprise"
    assert str(p.name) == p.name.vi and p.name.get("en") == p.name.en
    assert p.sector == "enterprise" and p.level == "province" and p.agency == "dpi"
    assert p.applicant == "business"
    assert p.volume_per_year == 1500
    assert p.file.endswith("enterprise_registration.yaml")
    assert p.source.file == p.file and p.source.line > 0
    assert not p.editable
    assert repr(p) == "<Procedure 1.001612: Registering a private enterprise (8 steps)>"
    assert p.cost_model.currency == "VND"


def test_metrics_follow_the_spec(enterprise: redtape.Procedure) -> None:
    m = enterprise.metrics
    assert m.steps == 8
    assert m.elapsed_days == pytest.approx(3.0)
    assert m.applicant_visits == 3
    assert m.cost_per_year == pytest.approx(m.cost_per_application * 1500)
    assert m.critical_path[0] == "submit"
    d = m.to_dict()
    assert d["elapsed_days"] == m.elapsed_days and d["critical_path"] == m.critical_path
    assert "days" in repr(m)


def test_metrics_with_cost_overrides(enterprise: redtape.Procedure) -> None:
    base = enterprise.metrics
    assert base.applicant_hours > 0
    dearer = enterprise.compute_metrics(cost_model={"hourly_value": enterprise.cost_model.hourly_value + 10000})
    assert dearer.cost_per_application > base.cost_per_application
    with pytest.raises(redtape.InvalidArgumentError, match="did you mean `visit_cost`"):
        enterprise.compute_metrics(cost_model={"visit_cots": 1})


def test_steps_by_position_and_id(enterprise: redtape.Procedure) -> None:
    steps = enterprise.steps
    assert len(steps) == 8
    assert steps.ids[0] == "submit"
    assert steps[0] == steps["submit"] == enterprise.step("submit")
    assert steps[-1].id == steps.ids[-1]
    assert "check" in steps and "nope" not in steps
    with pytest.raises(IndexError):
        steps[8]
    with pytest.raises(redtape.NotFoundError, match="did you mean `check`"):
        steps["chek"]


def test_step_attributes(enterprise: redtape.Procedure) -> None:
    submit = enterprise.steps["submit"]
    assert submit.actor == "applicant" and submit.by_applicant
    assert submit.action == "submit"
    assert submit.channel == "in_person"
    assert submit.location == "one_stop_centre"
    assert submit.fee == 150000
    assert submit.applicant_hours == pytest.approx(7.5)
    assert submit.applicant_hours_breakdown["travel"] == 1
    assert submit.after == []
    assert submit.procedure.id == ENTERPRISE
    check = enterprise.steps["check"]
    assert check.duration_days == 1 and check.duration_range == (1, 1, 1)
    assert check.after == ["receive"]
    assert check.actor == "dpi" and not check.by_applicant
    assert repr(check) == "<Step check: dpi check, 1 d>"
    assert check.source.file == enterprise.file


def test_documents(enterprise: redtape.Procedure) -> None:
    demands = enterprise.steps["submit"].requires
    assert [d.label for d in demands] == ["enterprise_registration_form", "citizen_id"]
    cid = demands[1]
    assert cid.ref == "citizen_id" and cid.form == "certified_copy" and cid.effective_form == "certified_copy"
    assert cid.copies == 1 and cid.kind == "requires" and cid.index == 1
    assert cid.registry is not None and cid.registry.government_has
    assert cid.title.vi == cid.registry.name.vi
    assert cid.step.id == "submit"
    produced = enterprise.steps["receive"].produces
    assert [d.ref for d in produced] == ["application_receipt"] and produced[0].kind == "produces"
    assert "citizen_id" in repr(cid)


def test_exports(enterprise: redtape.Procedure) -> None:
    dot = enterprise.to_dot()
    assert dot.startswith('digraph "1.001612"') and '"check" -> "forward"' in dot
    assert "Kiểm tra" in enterprise.to_dot("vi")
    assert enterprise.to_mermaid().lstrip().startswith(("---", "flowchart"))
    text = enterprise.to_yaml()
    assert text.startswith("redtape: 1\n") and 'id: "1.001612"' in text


def catalog_dir_of(catalog: redtape.Catalog) -> Path:
    return Path(catalog.files[0]).parent


def test_to_yaml_round_trip(enterprise: redtape.Procedure, catalog: redtape.Catalog, tmp_path) -> None:
    (tmp_path / "p.yaml").write_text(enterprise.to_yaml(), encoding="utf-8")
    (tmp_path / "registry.yaml").write_text(
        (catalog_dir_of(catalog) / "registry.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    again = redtape.load(tmp_path)[ENTERPRISE]
    assert again.metrics == enterprise.metrics
    assert again.steps.ids == enterprise.steps.ids


def test_registry_values(catalog: redtape.Catalog) -> None:
    cid = next(d for d in catalog.documents if d.id == "citizen_id")
    assert cid.held_in and cid.government_has and cid.name.vi
    costs = catalog.cost_model
    assert set(costs.unit_costs) == {"original", "copy", "certified_copy", "electronic", "declaration"}
    assert costs.to_dict()["currency"] == "VND"


def test_elapsed_distribution(enterprise: redtape.Procedure) -> None:
    d = enterprise.elapsed_distribution(runs=500)
    assert d.p50 <= d.p90
    if not d.uncertain:
        assert d.p50 == pytest.approx(enterprise.metrics.elapsed_days)
