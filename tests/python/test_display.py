"""Notebook conveniences: pandas tables, networkx graphs, SVG and HTML."""

from __future__ import annotations

import shutil

import pytest

import redtape
import redtape._notebook as notebook

from conftest import ENTERPRISE


def test_findings_frame_has_typed_columns(report: redtape.Report) -> None:
    import pandas as pd

    df = report.to_pandas()
    assert len(df) == len(report.findings)
    assert isinstance(df.dtypes["rule"], pd.CategoricalDtype)
    assert list(df.dtypes["severity"].categories) == ["note", "warning", "error"] and df.dtypes["severity"].ordered
    assert isinstance(df.dtypes["suggestion"], pd.CategoricalDtype)
    for column in ("saving_days", "saving_cost_per_year", "saving_cost_per_application"):
        assert df.dtypes[column] == "float64"
    assert df.dtypes["line"] == "int64"
    first = report.findings[0]
    row = df.iloc[0]
    assert row["rule"] == first.rule and row["procedure"] == first.procedure
    assert row["saving_cost_per_year"] == pytest.approx(first.saving.cost_per_year)
    assert row["message"] == first.message.en
    assert report.to_pandas(lang="vi").iloc[0]["message"] == first.message.vi
    mine = df[df["procedure"] == ENTERPRISE]
    assert len(mine) == len(report.procedure(ENTERPRISE).findings)
    assert (df["severity"] >= "warning").any()


def test_procedures_frame(report: redtape.Report) -> None:
    df = report.to_pandas("procedures")
    assert list(df["id"]) == [r.id for r in report.procedures]
    worst = df.sort_values("cost_per_year", ascending=False).iloc[0]
    assert worst["cost_per_year"] == max(r.metrics.cost_per_year for r in report.procedures)
    assert (df["cost_per_year"] - df["cost_per_year_after"]).round(6).equals(df["saving_cost_per_year"].round(6))
    with pytest.raises(redtape.InvalidArgumentError):
        report.to_pandas("nothing")


def test_empty_findings_frame_keeps_its_types(catalog: redtape.Catalog) -> None:
    rules = redtape.RuleSet()
    for r in rules.rules:
        rules.set(r.id, False)
    df = redtape.audit(catalog, rules=rules).to_pandas()
    assert len(df) == 0 and df.dtypes["saving_days"] == "float64"


def test_catalog_frame(catalog: redtape.Catalog) -> None:
    df = catalog.to_pandas()
    assert list(df["id"]) == catalog.ids
    assert df.set_index("id").loc[ENTERPRISE, "elapsed_days"] == catalog[ENTERPRISE].metrics.elapsed_days


def test_to_networkx(enterprise: redtape.Procedure) -> None:
    g = enterprise.to_networkx()
    assert set(g.nodes) == set(enterprise.steps.ids)
    assert g.has_edge("check", "forward") and not g.has_edge("forward", "check")
    assert g.number_of_edges() == sum(len(s.after) for s in enterprise.steps)
    submit = g.nodes["submit"]
    assert submit["actor"] == "applicant" and submit["by_applicant"]
    assert submit["fee"] == 150000 and submit["channel"] == "in_person"
    assert submit["requires"] == ["enterprise_registration_form", "citizen_id"]
    assert g.nodes["check"]["duration_days"] == 1
    path = enterprise.metrics.critical_path
    assert [n for n in path if g.nodes[n]["on_critical_path"]] == path
    assert all(g.edges[a, b]["on_critical_path"] for a, b in zip(path, path[1:]))
    assert g.graph["critical_path"] == path
    import networkx as nx

    assert nx.is_directed_acyclic_graph(g)
    assert g.nodes["check"]["name"] == enterprise.steps["check"].name.en
    assert enterprise.to_networkx(lang="vi").nodes["check"]["name"] == enterprise.steps["check"].name.vi


def test_dot_shows_the_critical_path(enterprise: redtape.Procedure) -> None:
    dot = enterprise.to_dot_highlighted()
    path = enterprise.metrics.critical_path
    for a, b in zip(path, path[1:]):
        assert f'"{a}" -> "{b}" [color="#c0392b", penwidth=2.5];' in dot
    assert '"issue" -> "collect";' in dot  # off the path: unchanged
    assert "critical path" in dot and "đường găng" in enterprise.to_dot_highlighted("vi")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_repr_svg(enterprise: redtape.Procedure) -> None:
    svg = enterprise._repr_svg_()
    assert svg is not None and svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Check the file" in svg  # step names
    assert "#c0392b" in svg  # the critical path
    assert "#fff4b3" in svg  # the applicant's steps
    bundle = enterprise._repr_mimebundle_()
    assert "image/svg+xml" in bundle and "text/html" not in bundle


def test_fallback_without_graphviz(enterprise: redtape.Procedure, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notebook.shutil, "which", lambda name: None)
    monkeypatch.setattr(notebook.options, "dot", None)
    assert enterprise._repr_svg_() is None
    bundle = enterprise._repr_mimebundle_()
    page = bundle["text/html"]
    assert "<table>" in page and "Check the file" in page
    assert "font-weight:bold" in page and "#fff4b3" in page
    with pytest.raises(redtape.Error, match="not installed"):
        enterprise.to_svg()


def test_invalid_copy_displays_its_problem(enterprise: redtape.Procedure) -> None:
    p = enterprise.copy()
    p.steps["submit"].after = ["issue"]
    assert p._repr_svg_() is None
    assert "cycle" in p._repr_mimebundle_()["text/html"]


def test_report_html(report: redtape.Report) -> None:
    page = report._repr_html_()
    assert page.startswith("<div>") and "<table>" in page
    assert "saving a year (VND)" in page
    top = max(report.findings, key=lambda f: f.saving.cost_per_year)
    assert f"{top.saving.cost_per_year:,.0f}" in page
    assert top.rule in page
    assert "tiết kiệm" in report.to_html(lang="vi")


def test_report_html_is_capped(report: redtape.Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notebook.options, "max_rows", 5)
    page = report._repr_html_()
    assert page.count("<tr>") == 6 and "more" in page


def test_simplification_html(enterprise: redtape.Procedure) -> None:
    page = enterprise.simplify()._repr_html_()
    assert "as is" in page and "simplified" in page and "elapsed days" in page


def test_options_lang(report: redtape.Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(redtape.options, "lang", "vi")
    assert report.to_pandas().iloc[0]["message"] == report.findings[0].message.vi
    monkeypatch.setattr(redtape.options, "lang", "fr")
    with pytest.raises(redtape.InvalidArgumentError):
        report.to_pandas()
