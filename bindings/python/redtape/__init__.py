"""redtape for reviewers' notebooks.

Load a catalog of administrative procedures, audit it, read the findings as
a pandas table, see a procedure's step graph inline, and try a what-if::

    import redtape
    catalog = redtape.load("examples/catalog")
    report = redtape.audit(catalog)
    report.to_pandas()
    p = catalog["1.001612"].copy()
    p.remove_step("forward")
    redtape.audit(catalog.with_procedure(p))

The engine is the C++ library that agency systems link (``redtape._core``);
this package re-exports it and adds the notebook conveniences.
"""

from __future__ import annotations

from . import _core
from ._core import (
    Agency,
    Catalog,
    Change,
    CostModel,
    Diagnostic,
    Distribution,
    Document,
    Error,
    Finding,
    InvalidArgumentError,
    LoadError,
    LoadWarning,
    Location,
    Metrics,
    NotFoundError,
    Parameter,
    Procedure,
    ProcedureResult,
    ReadOnlyError,
    RegistryDocument,
    Report,
    RuleInfo,
    RuleSet,
    Saving,
    Simplification,
    Step,
    StepList,
    Text,
    Totals,
    ValidationError,
    audit,
    import_dichvucong,
    load,
    load_text,
)
from ._notebook import Options, options

__version__: str = _core.__version__

__all__ = [
    "Agency",
    "Catalog",
    "Change",
    "CostModel",
    "Diagnostic",
    "Distribution",
    "Document",
    "Error",
    "Finding",
    "InvalidArgumentError",
    "LoadError",
    "LoadWarning",
    "Location",
    "Metrics",
    "NotFoundError",
    "Options",
    "Parameter",
    "Procedure",
    "ProcedureResult",
    "ReadOnlyError",
    "RegistryDocument",
    "Report",
    "RuleInfo",
    "RuleSet",
    "Saving",
    "Simplification",
    "Step",
    "StepList",
    "Text",
    "Totals",
    "ValidationError",
    "audit",
    "import_dichvucong",
    "load",
    "load_text",
    "options",
    "__version__",
]
