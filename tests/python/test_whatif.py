"""What-if without writing YAML: copy a procedure, change it, audit again."""

from __future__ import annotations

import copy

import pytest

import redtape

from conftest import ENTERPRISE


def test_catalog_procedures_are_read_only(enterprise: redtape.Procedure) -> None:
    with pytest.raises(redtape.ReadOnlyError, match=r"p.copy\(\)"):
        enterprise.steps["check"].duration_days = 3
    with pytest.raises(AttributeError):  # ReadOnlyError is an AttributeError too
        enterprise.remove_step("forward")
    assert enterprise.steps["check"].duration_days == 1


def test_copy_is_independent(enterprise: redtape.Procedure, catalog: redtape.Catalog) -> None:
    p = enterprise.copy()
    assert p.editable and p == enterprise
    p.steps["check"].duration_days = 3
    assert p != enterprise
    assert catalog[ENTERPRISE].steps["check"].duration_days == 1
    assert copy.copy(enterprise).editable and copy.deepcopy(enterprise) == enterprise
    assert "(copy)" in repr(p)


def test_remove_step_relinks(enterprise: redtape.Procedure) -> None:
    p = enterprise.copy()
    p.remove_step("forward")
    assert "forward" not in p.steps
    assert p.steps["issue"].after == ["check"]
    assert p.metrics.elapsed_days == pytest.approx(enterprise.metrics.elapsed_days - 0.5)
    with pytest.raises(redtape.NotFoundError, match="did you mean `forward`|no step"):
        p.remove_step("forwrd")
    # A Step handle of a removed step says so, instead of pointing elsewhere.
    publish = p.steps["publish"]
    publish.remove()
    with pytest.raises(redtape.NotFoundError, match="no longer"):
        publish.duration_days
    assert "removed" in repr(publish)


def test_change_duration_fee_and_documents(enterprise: redtape.Procedure) -> None:
    before = enterprise.metrics
    p = enterprise.copy()
    p.steps["check"].duration_days = 3
    assert p.metrics.elapsed_days == pytest.approx(before.elapsed_days + 2)
    p.steps["check"].duration_days = (1, 2, 5)
    assert p.steps["check"].duration_range == (1, 2, 5) and p.steps["check"].duration_days == 2
    p.steps["submit"].fee = 0
    assert p.metrics.fees == pytest.approx(before.fees - 150000)
    p.steps["submit"].fee = None
    assert p.steps["submit"].fee is None
    p.steps["submit"].drop_requirement("citizen_id")
    assert p.metrics.documents == before.documents - 1
    p.steps["submit"].requires[0].remove()
    assert p.metrics.documents == before.documents - 2
    p.steps["collect"].channel = "online"
    assert p.metrics.applicant_visits == before.applicant_visits - 1
    p.steps["submit"].applicant_hours = {"travel": 1, "wait": 0.5}
    assert p.steps["submit"].applicant_hours == 1.5
    with pytest.raises(redtape.InvalidArgumentError):
        p.steps["check"].duration_days = -1
    with pytest.raises(redtape.InvalidArgumentError):
        p.steps["check"].duration_days = (3, 2, 1)
    with pytest.raises(redtape.InvalidArgumentError, match="channel"):
        p.steps["collect"].channel = "pigeon"
    with pytest.raises(redtape.NotFoundError, match="did you mean"):
        p.steps["check"].drop_requirement("citizen_i")


def test_document_form_and_copies(enterprise: redtape.Procedure) -> None:
    p = enterprise.copy()
    cid = p.steps["submit"].requires[1]
    cid.form = "copy"
    cid.copies = 2
    assert p.steps["submit"].requires[1].form == "copy"
    assert p.metrics.copies == enterprise.metrics.copies + 1
    with pytest.raises(redtape.InvalidArgumentError, match="no document form"):
        cid.form = "photocopy"


def test_audit_again_through_with_procedure(catalog: redtape.Catalog, report: redtape.Report) -> None:
    p = catalog[ENTERPRISE].copy()
    p.remove_step("forward")
    p.steps["check"].duration_days = 3
    catalog2 = catalog.with_procedure(p)
    assert len(catalog2) == len(catalog) and catalog2[ENTERPRISE] == p
    assert catalog[ENTERPRISE].steps.ids != catalog2[ENTERPRISE].steps.ids  # the original is untouched
    again = redtape.audit(catalog2)
    assert again.procedure(ENTERPRISE).metrics.elapsed_days == pytest.approx(
        report.procedure(ENTERPRISE).metrics.elapsed_days + 1.5
    )
    # the other procedures are as they were
    assert again.procedure("1.001193").metrics == report.procedure("1.001193").metrics
    # and the what-if audit of the procedure alone agrees
    assert p.audit().procedure(ENTERPRISE).metrics == again.procedure(ENTERPRISE).metrics


def test_a_cycle_raises_validation_error(catalog: redtape.Catalog) -> None:
    p = catalog[ENTERPRISE].copy()
    p.steps["submit"].after = ["issue"]
    with pytest.raises(redtape.ValidationError) as caught:
        catalog.with_procedure(p)
    e = caught.value
    assert isinstance(e, redtape.LoadError)
    assert any(d.code == "cycle" for d in e.diagnostics)
    assert e.file.endswith("enterprise_registration.yaml") and e.line > 0
    with pytest.raises(redtape.ValidationError):
        p.metrics
    with pytest.raises(redtape.ValidationError):
        p.validate()
    with pytest.raises(redtape.ValidationError):
        p.simplify()
    p.steps["submit"].after = []
    p.validate()
    assert p.metrics == catalog[ENTERPRISE].metrics


def test_after_naming_no_step(catalog: redtape.Catalog) -> None:
    p = catalog[ENTERPRISE].copy()
    p.steps["check"].after = ["nowhere"]
    with pytest.raises(redtape.ValidationError, match="nowhere"):
        p.validate()


def test_apply_a_finding(catalog: redtape.Catalog, report: redtape.Report) -> None:
    result = report.procedure(ENTERPRISE)
    certified = next(f for f in result.findings if f.rule == "certified-copy")
    p = catalog[ENTERPRISE].copy()
    p.apply(certified)
    assert p.metrics.cost_per_year == pytest.approx(result.metrics.cost_per_year - certified.saving.cost_per_year)
    other = next(f for f in report.findings if f.procedure and f.procedure != ENTERPRISE)
    with pytest.raises(redtape.InvalidArgumentError, match="not 1.001612"):
        p.apply(other)


def test_merge_steps(catalog: redtape.Catalog) -> None:
    p = catalog[ENTERPRISE].copy()
    p.merge_steps("receive", ["check", "forward"])
    assert p.steps.ids[:3] == ["submit", "receive", "issue"]
    assert p.steps["receive"].duration_days == 1


def test_new_id_adds_beside_the_original(catalog: redtape.Catalog) -> None:
    p = catalog[ENTERPRISE].copy()
    p.id = "1.001612-online"
    p.name = {"vi": "Đăng ký trực tuyến", "en": "Online registration"}
    for step in p.steps:
        if step.by_applicant:
            step.channel = "online"
    both = catalog.with_procedure(p)
    assert len(both) == len(catalog) + 1
    assert both["1.001612-online"].metrics.applicant_visits == 0
    assert both["1.001612-online"].name.en == "Online registration"
    assert len(both.without_procedure("1.001612-online")) == len(catalog)
