"""Notebook conveniences added to the classes of ``redtape._core``.

pandas and networkx are imported only when a conversion is called, so that
``import redtape`` stays light; Graphviz ``dot`` is run only to draw.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import pandas


@dataclass
class Options:
    """Display settings of the notebook conveniences.

    ``lang``: language of names and messages in tables and pictures, "en" or
    "vi". ``dot``: the Graphviz ``dot`` program (None: found on PATH).
    ``dot_timeout``: seconds to wait for it. ``max_rows``: findings shown by
    ``Report._repr_html_`` (the table and ``to_pandas()`` have all of them).
    """

    lang: str = "en"
    dot: Optional[str] = None
    dot_timeout: float = 30.0
    max_rows: int = 100


#: The settings in effect, e.g. ``redtape.options.lang = "vi"``.
options = Options()

SEVERITIES = ["note", "warning", "error"]
SUGGESTIONS = [
    "eliminate_step",
    "merge_steps",
    "parallelize",
    "drop_dependency",
    "drop_requirement",
    "reuse_data",
    "relax_form",
    "single_window",
    "shared_registry",
]
SAVING_FIELDS = [
    "days",
    "applicant_hours",
    "visits",
    "documents",
    "copies",
    "cost_per_application",
    "cost_per_year",
]

# Colours of the picture: the critical path in red, over the C++ export's
# yellow applicant steps and blue agency steps.
CRITICAL_COLOUR = "#c0392b"


def _lang(lang: Optional[str]) -> str:
    chosen = options.lang if lang is None else lang
    if chosen not in ("en", "vi"):
        raise _core.InvalidArgumentError(f'lang is "en" or "vi", not {chosen!r}')
    return chosen


def _say(lang: str, en: str, vi: str) -> str:
    return vi if lang == "vi" else en


def _money(x: float) -> str:
    return f"{x:,.0f}"


def _number(x: Optional[float]) -> str:
    if x is None:
        return ""
    return f"{x:g}"


# ---------------------------------------------------------------------------
# Procedure: networkx and pictures


def _critical_edges(path: Sequence[str]) -> set:
    return set(zip(path, path[1:]))


def procedure_to_networkx(self: _core.Procedure, lang: Optional[str] = None) -> "networkx.DiGraph":
    """The step graph as a ``networkx.DiGraph``.

    Nodes are step ids with the step's attributes: ``name`` (in ``lang``),
    ``name_vi``, ``name_en``, ``actor``, ``action``, ``duration_days``,
    ``applicant_hours``, ``fee``, ``channel``, ``location``, ``requires`` and
    ``produces`` (document labels), ``by_applicant`` and ``on_critical_path``.
    Edges are the ``after`` links (predecessor → step), with
    ``on_critical_path``. The graph carries ``id``, ``name``,
    ``elapsed_days`` and ``critical_path``.
    """
    import networkx as nx

    lang = _lang(lang)
    metrics = self.metrics  # raises ValidationError for an invalid edited copy
    path = list(metrics.critical_path)
    on_path = set(path)
    critical = _critical_edges(path)
    graph = nx.DiGraph(
        id=self.id,
        name=self.name.get(lang),
        elapsed_days=metrics.elapsed_days,
        critical_path=path,
    )
    steps = list(self.steps)
    for s in steps:
        graph.add_node(
            s.id,
            name=s.name.get(lang) or s.id,
            name_vi=s.name.vi,
            name_en=s.name.en,
            actor=s.actor,
            action=s.action,
            duration_days=s.duration_days,
            applicant_hours=s.applicant_hours,
            fee=s.fee,
            channel=s.channel,
            location=s.location,
            requires=[d.label for d in s.requires],
            produces=[d.label for d in s.produces],
            by_applicant=s.by_applicant,
            on_critical_path=s.id in on_path,
        )
    for s in steps:
        for before in s.after:
            graph.add_edge(before, s.id, on_critical_path=(before, s.id) in critical)
    return graph


def _dot_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _dot_unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


_QUOTED = r'"((?:[^"\\]|\\.)*)"'
_EDGE = re.compile(rf"^\s*{_QUOTED} -> {_QUOTED};$")
_GRAPH_LABEL = re.compile(rf"^(\s*graph \[.*\blabel=){_QUOTED}")


def procedure_to_dot_highlighted(self: _core.Procedure, lang: Optional[str] = None) -> str:
    """``to_dot()`` with the critical path drawn thick and red, and a legend.

    Applicant steps keep the export's rounded yellow boxes.
    """
    lang = _lang(lang)
    metrics = self.metrics
    path = list(metrics.critical_path)
    critical = _critical_edges(path)
    lines = self.to_dot(lang).rstrip("\n").split("\n")
    if not lines or lines[-1] != "}":  # pragma: no cover - the export always closes the graph
        raise _core.Error("unexpected DOT from to_dot()")
    legend = _say(
        lang,
        f"red: critical path, {metrics.elapsed_days:g} days · yellow: the applicant's steps",
        f"đỏ: đường găng, {metrics.elapsed_days:g} ngày · vàng: bước của người nộp hồ sơ",
    )
    out: List[str] = []
    for line in lines[:-1]:
        edge = _EDGE.match(line)
        if edge and (_dot_unescape(edge.group(1)), _dot_unescape(edge.group(2))) in critical:
            line = line[:-1] + f' [color="{CRITICAL_COLOUR}", penwidth=2.5];'
        label = _GRAPH_LABEL.match(line)
        if label:
            title = label.group(2)
            line = line.replace(f'label="{title}"', f'label="{title}\\n{_dot_escape(legend)}"', 1)
        out.append(line)
    for step_id in path:
        out.append(f'  "{_dot_escape(step_id)}" [color="{CRITICAL_COLOUR}", penwidth=2.5];')
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_program() -> Optional[str]:
    return options.dot or shutil.which("dot")


def procedure_to_svg(self: _core.Procedure, lang: Optional[str] = None) -> str:
    """The step graph as SVG, drawn by Graphviz ``dot`` (critical path in red,
    applicant steps in yellow). Raises ``redtape.Error`` when ``dot`` is not
    installed or fails."""
    program = _dot_program()
    if program is None:
        raise _core.Error("Graphviz `dot` is not installed (Debian: apt-get install graphviz)")
    source = procedure_to_dot_highlighted(self, lang)
    try:
        done = subprocess.run(
            [program, "-Tsvg"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=options.dot_timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise _core.Error(f"Graphviz `dot` failed: {e}") from e
    if done.returncode != 0:
        raise _core.Error(f"Graphviz `dot` failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout.decode("utf-8")


def procedure_repr_svg(self: _core.Procedure) -> Optional[str]:
    """Jupyter's picture of the procedure (None without Graphviz, or for an
    invalid edited copy: then the HTML table is shown)."""
    if _dot_program() is None:
        return None
    try:
        return procedure_to_svg(self)
    except _core.Error:
        return None


def procedure_steps_html(self: _core.Procedure, lang: Optional[str] = None) -> str:
    """The steps as an HTML table: the readable picture when Graphviz is
    missing. Critical-path steps are bold, the applicant's steps shaded."""
    lang = _lang(lang)
    e = html.escape
    try:
        path = set(self.metrics.critical_path)
        problem = ""
    except _core.ValidationError as error:
        path = set()
        problem = f"<p style='color:{CRITICAL_COLOUR}'>{e(str(error))}</p>"
    head = [
        _say(lang, "step", "bước"),
        _say(lang, "name", "tên"),
        _say(lang, "actor", "chủ thể"),
        _say(lang, "action", "việc"),
        _say(lang, "after", "sau"),
        _say(lang, "days", "ngày"),
        _say(lang, "applicant hours", "giờ của người nộp"),
        _say(lang, "fee", "lệ phí"),
        _say(lang, "channel", "hình thức"),
        _say(lang, "documents demanded", "giấy tờ yêu cầu"),
    ]
    rows = []
    for s in self.steps:
        style = []
        if s.by_applicant:
            style.append("background:#fff4b3")
        if s.id in path:
            style.append(f"font-weight:bold;color:{CRITICAL_COLOUR}")
        cells = [
            s.id,
            s.name.get(lang),
            s.actor,
            s.action,
            ", ".join(s.after),
            _number(s.duration_days),
            _number(s.applicant_hours) if s.applicant_hours else "",
            _money(s.fee) if s.fee is not None else s.fee_text,
            "" if s.channel == "unspecified" else s.channel,
            ", ".join(d.label + (f" ({d.form})" if d.form else "") for d in s.requires),
        ]
        rows.append(
            f"<tr style='{';'.join(style)}'>" + "".join(f"<td>{e(str(c))}</td>" for c in cells) + "</tr>"
        )
    legend = _say(
        lang,
        "bold red: critical path · shaded: the applicant's steps",
        "đỏ đậm: đường găng · tô nền: bước của người nộp hồ sơ",
    )
    return (
        f"<div><strong>{e(self.id)}</strong> — {e(self.name.get(lang))}{problem}"
        "<table><thead><tr>"
        + "".join(f"<th>{e(h)}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + f"</tbody></table><small>{e(legend)}</small></div>"
    )


def procedure_repr_mimebundle(self: _core.Procedure, include: Any = None, exclude: Any = None) -> Dict[str, str]:
    """The picture (SVG) when Graphviz is installed, else the steps table."""
    svg = procedure_repr_svg(self)
    if svg is not None:
        return {"image/svg+xml": svg, "text/plain": repr(self)}
    return {"text/html": procedure_steps_html(self), "text/plain": repr(self)}


# ---------------------------------------------------------------------------
# Tables


def _findings_columns(findings: Sequence[_core.Finding], lang: str) -> Dict[str, list]:
    columns: Dict[str, list] = {
        "procedure": [],
        "rule": [],
        "severity": [],
        "suggestion": [],
        "steps": [],
        "documents": [],
        "procedures": [],
        "message": [],
    }
    for name in SAVING_FIELDS:
        columns[f"saving_{name}"] = []
    columns.update({"file": [], "line": [], "column": []})
    for f in findings:
        columns["procedure"].append(f.procedure)
        columns["rule"].append(f.rule)
        columns["severity"].append(f.severity)
        columns["suggestion"].append(f.suggestion)
        columns["steps"].append(", ".join(f.steps))
        columns["documents"].append(", ".join(f.documents))
        columns["procedures"].append(", ".join(f.procedures))
        columns["message"].append(f.message.get(lang))
        saving = f.saving
        for name in SAVING_FIELDS:
            columns[f"saving_{name}"].append(float(getattr(saving, name)))
        where = f.location
        columns["file"].append(where.file)
        columns["line"].append(where.line)
        columns["column"].append(where.column)
    return columns


def report_to_pandas(self: _core.Report, kind: str = "findings", lang: Optional[str] = None) -> "pandas.DataFrame":
    """The report as a pandas DataFrame.

    ``kind="findings"`` (the default): one row per finding, with typed
    columns — ``rule``, ``severity`` (ordered: note < warning < error) and
    ``suggestion`` are categories; ``steps``, ``documents`` and
    ``procedures`` are comma-separated text; ``message`` is in ``lang``;
    ``saving_days`` … ``saving_cost_per_year`` are floats (what the change
    alone saves); ``file``, ``line``, ``column`` say where to look.

    ``kind="procedures"``: one row per procedure, with its metrics before
    and after the combined simplification and the saving.
    """
    import pandas as pd

    lang = _lang(lang)
    if kind == "findings":
        frame = pd.DataFrame(_findings_columns(self.findings, lang))
        types: Dict[str, Any] = {
            "procedure": "string",
            "rule": "category",
            "severity": pd.CategoricalDtype(SEVERITIES, ordered=True),
            "suggestion": pd.CategoricalDtype(SUGGESTIONS),
            "steps": "string",
            "documents": "string",
            "procedures": "string",
            "message": "string",
            "file": "string",
            "line": "int64",
            "column": "int64",
        }
        types.update({f"saving_{name}": "float64" for name in SAVING_FIELDS})
        return frame.astype(types)
    if kind == "procedures":
        rows = []
        for r in self.procedures:
            before, after, saving = r.metrics, r.simplified, r.saving
            cost = before.cost_per_year
            rows.append(
                {
                    "id": r.id,
                    "name": r.name.get(lang),
                    "volume_per_year": float(r.volume_per_year),
                    "currency": r.currency,
                    "findings": len(r.findings),
                    "steps": before.steps,
                    "elapsed_days": before.elapsed_days,
                    "elapsed_days_after": after.elapsed_days,
                    "elapsed_p90": r.elapsed_before.p90,
                    "applicant_visits": before.applicant_visits,
                    "applicant_visits_after": after.applicant_visits,
                    "documents": before.documents,
                    "documents_after": after.documents,
                    "applicant_hours": before.applicant_hours,
                    "cost_per_application": before.cost_per_application,
                    "cost_per_application_after": after.cost_per_application,
                    "cost_per_year": cost,
                    "cost_per_year_after": after.cost_per_year,
                    "saving_days": saving.days,
                    "saving_cost_per_year": saving.cost_per_year,
                    "cost_reduction_percent": 100.0 * saving.cost_per_year / cost if cost else 0.0,
                }
            )
        columns = [
            "id", "name", "volume_per_year", "currency", "findings", "steps", "elapsed_days",
            "elapsed_days_after", "elapsed_p90", "applicant_visits", "applicant_visits_after",
            "documents", "documents_after", "applicant_hours", "cost_per_application",
            "cost_per_application_after", "cost_per_year", "cost_per_year_after", "saving_days",
            "saving_cost_per_year", "cost_reduction_percent",
        ]  # fmt: skip
        frame = pd.DataFrame(rows, columns=columns)
        ints = ["findings", "steps", "applicant_visits", "applicant_visits_after", "documents", "documents_after"]
        types = {c: ("int64" if c in ints else "string" if c in ("id", "name", "currency") else "float64") for c in columns}
        return frame.astype(types)
    raise _core.InvalidArgumentError(f'kind is "findings" or "procedures", not {kind!r}')


def report_repr_html(self: _core.Report, lang: Optional[str] = None) -> str:
    """The findings as an HTML table, largest annual saving first, under the totals."""
    lang = _lang(lang)
    e = html.escape
    t = self.totals
    currency = self.catalog.cost_model.currency
    summary = _say(
        lang,
        f"{t.procedures} procedures, {t.findings} findings. Cost a year {_money(t.cost_per_year)} {currency} → "
        f"{_money(t.cost_per_year_after)} after simplification: saves {_money(t.saving_per_year)} "
        f"({t.cost_reduction_percent:.1f}% of the cost, {t.time_reduction_percent:.1f}% of the time).",
        f"{t.procedures} thủ tục, {t.findings} phát hiện. Chi phí mỗi năm {_money(t.cost_per_year)} {currency} → "
        f"{_money(t.cost_per_year_after)} sau khi đơn giản hóa: tiết kiệm {_money(t.saving_per_year)} "
        f"({t.cost_reduction_percent:.1f}% chi phí, {t.time_reduction_percent:.1f}% thời gian).",
    )
    findings = sorted(self.findings, key=lambda f: (-f.saving.cost_per_year, -f.saving.days))
    shown = findings[: max(options.max_rows, 0)]
    head = [
        _say(lang, "procedure", "thủ tục"),
        _say(lang, "rule", "quy tắc"),
        _say(lang, "severity", "mức độ"),
        _say(lang, "suggestion", "đề xuất"),
        _say(lang, "steps", "bước"),
        _say(lang, "documents", "giấy tờ"),
        _say(lang, "message", "nội dung"),
        _say(lang, "days saved", "ngày tiết kiệm"),
        _say(lang, f"saving a year ({currency})", f"tiết kiệm mỗi năm ({currency})"),
        _say(lang, "where", "vị trí"),
    ]
    rows = []
    for f in shown:
        where = f.location
        cells = [
            f.procedure or ", ".join(f.procedures),
            f.rule,
            f.severity,
            f.suggestion,
            ", ".join(f.steps),
            ", ".join(f.documents),
            f.message.get(lang),
        ]
        rows.append(
            "<tr>"
            + "".join(f"<td style='text-align:left'>{e(c)}</td>" for c in cells)
            + f"<td>{e(_number(f.saving.days))}</td><td>{e(_money(f.saving.cost_per_year))}</td>"
            + f"<td style='text-align:left'><code>{e(where.file.rsplit('/', 1)[-1])}:{where.line}</code></td></tr>"
        )
    more = ""
    if len(findings) > len(shown):
        more = e(
            _say(
                lang,
                f"… and {len(findings) - len(shown)} more (report.to_pandas() has all of them)",
                f"… và {len(findings) - len(shown)} phát hiện khác (report.to_pandas() có đủ)",
            )
        )
        more = f"<p>{more}</p>"
    return (
        f"<div><p>{e(summary)}</p><table><thead><tr>"
        + "".join(f"<th>{e(h)}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + f"</tbody></table>{more}</div>"
    )


def catalog_to_pandas(self: _core.Catalog, lang: Optional[str] = None) -> "pandas.DataFrame":
    """One row per procedure: id, name, sector, level, agency, applicant,
    volume and the metrics (no audit needed)."""
    import pandas as pd

    lang = _lang(lang)
    rows = []
    for p in self.procedures:
        row: Dict[str, Any] = {
            "id": p.id,
            "name": p.name.get(lang),
            "sector": p.sector,
            "level": p.level,
            "agency": p.agency,
            "applicant": p.applicant,
            "volume_per_year": float(p.volume_per_year),
        }
        m = p.metrics.to_dict()
        m.pop("critical_path")
        row.update(m)
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    text = ["id", "name", "sector", "level", "agency", "applicant"]
    return frame.astype({c: "string" for c in text})


def simplification_repr_html(self: _core.Simplification, lang: Optional[str] = None) -> str:
    """Metrics before and after, and the saving, as an HTML table."""
    lang = _lang(lang)
    e = html.escape
    names = [
        ("elapsed_days", _say(lang, "elapsed days", "số ngày")),
        ("applicant_visits", _say(lang, "visits", "lần đến")),
        ("documents", _say(lang, "documents demanded", "giấy tờ yêu cầu")),
        ("applicant_hours", _say(lang, "applicant hours", "giờ của người nộp")),
        ("cost_per_application", _say(lang, "cost per application", "chi phí mỗi hồ sơ")),
        ("cost_per_year", _say(lang, "cost a year", "chi phí mỗi năm")),
    ]
    saving_key = {"elapsed_days": "days", "applicant_visits": "visits"}
    rows = []
    for key, label in names:
        b = getattr(self.before, key)
        a = getattr(self.after, key)
        s = getattr(self.saving, saving_key.get(key, key))
        fmt = _money if key.startswith("cost") else _number
        rows.append(f"<tr><td style='text-align:left'>{e(label)}</td><td>{fmt(b)}</td><td>{fmt(a)}</td><td>{fmt(s)}</td></tr>")
    head = [_say(lang, "", ""), _say(lang, "as is", "hiện tại"), _say(lang, "simplified", "đơn giản hóa"), _say(lang, "saving", "tiết kiệm")]
    caption = _say(
        lang,
        f"{self.procedure.id}: {len(self.applied)} findings applied, {len(self.skipped)} skipped (conflicting)",
        f"{self.procedure.id}: áp dụng {len(self.applied)} phát hiện, bỏ qua {len(self.skipped)} (xung đột)",
    )
    return (
        f"<table><caption>{e(caption)}</caption><thead><tr>"
        + "".join(f"<th>{e(h)}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def catalog_audit(self: _core.Catalog, rules: Any = None, cost_model: Any = None, jobs: int = 0,
                  only: Optional[List[str]] = None, lexicon: Any = None) -> _core.Report:
    """``redtape.audit(self, …)``: audit this catalog (the arguments are those of redtape.audit)."""
    return _core.audit(self, rules=rules, cost_model=cost_model, jobs=jobs, only=only, lexicon=lexicon)


def _install() -> None:
    """Attach the conveniences to the classes of ``_core``."""
    P = _core.Procedure
    P.to_networkx = procedure_to_networkx
    P.to_dot_highlighted = procedure_to_dot_highlighted
    P.to_svg = procedure_to_svg
    P.to_html = procedure_steps_html
    P._repr_svg_ = procedure_repr_svg
    P._repr_mimebundle_ = procedure_repr_mimebundle
    R = _core.Report
    R.to_pandas = report_to_pandas
    R.to_html = report_repr_html
    R._repr_html_ = report_repr_html
    C = _core.Catalog
    C.to_pandas = catalog_to_pandas
    C.audit = catalog_audit
    S = _core.Simplification
    S.to_html = simplification_repr_html
    S._repr_html_ = simplification_repr_html


_install()
