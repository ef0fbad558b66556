"""Type stubs of the package redtape (the names come from redtape._core)."""

from . import _core as _core
from ._core import Agency as Agency
from ._core import Catalog as Catalog
from ._core import Change as Change
from ._core import CostModel as CostModel
from ._core import Diagnostic as Diagnostic
from ._core import Distribution as Distribution
from ._core import Document as Document
from ._core import Error as Error
from ._core import Finding as Finding
from ._core import InvalidArgumentError as InvalidArgumentError
from ._core import LoadError as LoadError
from ._core import LoadWarning as LoadWarning
from ._core import Location as Location
from ._core import Metrics as Metrics
from ._core import NotFoundError as NotFoundError
from ._core import Parameter as Parameter
from ._core import Procedure as Procedure
from ._core import ProcedureResult as ProcedureResult
from ._core import ReadOnlyError as ReadOnlyError
from ._core import RegistryDocument as RegistryDocument
from ._core import Report as Report
from ._core import RuleInfo as RuleInfo
from ._core import RuleSet as RuleSet
from ._core import Saving as Saving
from ._core import Simplification as Simplification
from ._core import Step as Step
from ._core import StepList as StepList
from ._core import Text as Text
from ._core import Totals as Totals
from ._core import ValidationError as ValidationError
from ._core import audit as audit
from ._core import load as load
from ._core import load_text as load_text
from ._core import import_dichvucong as import_dichvucong
from ._notebook import Options as Options
from ._notebook import options as options

__version__: str
__all__: list[str]
