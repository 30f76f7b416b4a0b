"""Type stubs of the native module (checked against it by the test suite)."""

from typing_extensions import final
import datetime
import os
from typing import Any, Callable, Dict, List, Literal, Mapping, Optional, Sequence, SupportsFloat, SupportsIndex, Tuple, Union
from .._types import Report

from . import cti as cti, outcomes as outcomes, outreach as outreach, participant as participant, ten_step as ten_step

_Answer = Optional[Union[int, float, SupportsIndex, SupportsFloat]]
_Band = Literal["high_risk", "risk", "no_immediate_risk"]
_Change = Literal["improved", "worsened", "no_significant_change"]

__version__: str
ERROR_CODES: List[str]

@final
class Who5Score:
    """A scored WHO-5 questionnaire."""
    @property
    def raw(self) -> int: ...
    @property
    def index(self) -> int: ...
    @property
    def band(self) -> _Band: ...
    @property
    def poor_wellbeing(self) -> bool: ...
    @property
    def depression_test_advised(self) -> bool: ...
    @property
    def likely_depression(self) -> bool: ...
    def to_dict(self) -> Dict[str, Any]: ...

@final
class GseScore:
    """A scored General Self-Efficacy Scale."""
    @property
    def score(self) -> float: ...
    @property
    def mean(self) -> float: ...
    @property
    def answered(self) -> int: ...
    @property
    def imputed(self) -> bool: ...
    def to_dict(self) -> Dict[str, Any]: ...

def score_who5(answers: Sequence[_Answer]) -> Who5Score:
    """Score five WHO-5 answers, each 0-5 (None = missing). Raises ValidationError."""

def score_gse(answers: Sequence[_Answer]) -> GseScore:
    """Score ten GSE answers, each 1-4 (None = missing, at most 3). Raises ValidationError."""

def who5_change(before: float, after: float) -> _Change:
    """Classify the change between two WHO-5 indices (>= +10 improved, <= -10 worsened)."""

def who5_band(index: int) -> _Band:
    """The report's risk band of a WHO-5 index 0-100."""

def questionnaire(id: Literal["who5", "gse"], lang: Optional[str] = None) -> Dict[str, Any]:
    """Texts of a questionnaire: id, language, fallback, title, stem, items, answers."""

OPTION_KINDS: List[str]

def validate_id(text: str) -> str:
    """The ID if it is a valid pseudonymous ID; raises ValidationError (field `id`)."""

def pseudonym(key: Union[bytes, str], local_id: str, prefix: str) -> str:
    """A keyed, deterministic pseudonym PREFIX-<16 base32 characters of HMAC-SHA256>."""

def age_band(age: int) -> str:
    """The report's age band ("18-25", "26-30", "31-35", "36-45", "over_45") of an age of 18 or more."""



def error_message(error: Mapping[str, Any], lang: Optional[str] = None) -> str:
    """The message of one problem (an element of ValidationError.errors) in a language, from its code and context."""


def options(kind: str, lang: Optional[str] = None) -> List[Dict[str, str]]:
    """Ids and labels for a form: [{id, label}]; kind is one of OPTION_KINDS."""


@final
class Cohort:
    """A project's cohort: participants with their questionnaires, assessments and courses."""
    @staticmethod
    def from_json(document: Union[str, bytes, Dict[str, Any]]) -> "Cohort": ...
    @staticmethod
    def from_file(path: Union[str, os.PathLike[str]], progress: Union[None, bool, Callable[[int, int, int], Any]] = None) -> "Cohort":
        """Reads a cohort document from a file participant by participant, without holding its text; `progress(bytes_read, total_bytes, participants)` or `True` for tqdm."""
    @staticmethod
    def report_file(path: Union[str, os.PathLike[str]], progress: Union[None, bool, Callable[[int, int, int], Any]] = None, **options: Any) -> Dict[str, Any]:
        """The report on a cohort document in a file, as `from_file(path).report(**options)`, read without keeping the participants' records (far less memory for large files)."""
    @staticmethod
    def report_csv(*paths: Union[str, os.PathLike[str]], project: str = "Projekt", encoding: str = "auto", columns: Optional[Union[Dict[str, str], Sequence[Tuple[str, str]]]] = None, on_error: Literal["fail", "drop"] = "fail", **options: Any) -> Dict[str, Any]:
        """The report on CSV files and workbooks (any order, each by its header), as `from_csv(...).report(**options)`, read as the files stream without keeping them or the records."""
    @staticmethod
    def from_csv(participants: Optional[Union[str, os.PathLike[str]]] = None, who5: Optional[Union[str, os.PathLike[str]]] = None, gse: Optional[Union[str, os.PathLike[str]]] = None, ten_step: Optional[Union[str, os.PathLike[str]]] = None, interventions: Optional[Union[str, os.PathLike[str]]] = None, venues: Optional[Union[str, os.PathLike[str]]] = None, visits: Optional[Union[str, os.PathLike[str]]] = None, project: str = "Projekt", encoding: str = "auto", columns: Optional[Union[Dict[str, str], Sequence[Tuple[str, str]]]] = None, on_error: Literal["fail", "drop"] = "fail") -> "Cohort":
        """Reads CSV exports as Danish Excel and SurveyXact write them, or workbooks (.xlsx, .xlsm, .xls, .ods: every sheet by its header); `on_error="drop"` leaves out rows with problems."""
    @staticmethod
    def from_frames(participants: Any = None, who5: Any = None, gse: Any = None, ten_step: Any = None, interventions: Any = None, venues: Any = None, visits: Any = None, project: str = "Projekt", columns: Optional[Union[Dict[str, str], Sequence[Tuple[str, str]]]] = None, on_error: Literal["fail", "drop"] = "fail") -> "Cohort":
        """Reads pandas DataFrames with the same reading as CSV (in memory)."""
    @property
    def excluded(self) -> Optional[Dict[str, Any]]: ...
    @staticmethod
    def sample() -> "Cohort": ...
    @staticmethod
    def generate(participants: int, seed: Optional[int] = None) -> "Cohort": ...
    def report(self, *, as_of: Optional[Union[str, datetime.date, datetime.datetime]] = None, min_cell: Optional[int] = None, min_wave: Optional[int] = None, intervention_bins: Optional[Union[int, Sequence[int]]] = None, offered: Optional[Sequence[str]] = None, bins_exclude: Optional[Sequence[str]] = None, wave_gap_days: Optional[Union[str, Sequence[Optional[int]]]] = None, target: Optional[Union[int, Dict[str, Any]]] = None, by_municipality: Optional[bool] = None) -> "Report": ...
    def render(self, *, format: Optional[str] = None, lang: Optional[str] = None, as_of: Optional[Union[str, datetime.date, datetime.datetime]] = None, min_cell: Optional[int] = None, min_wave: Optional[int] = None, intervention_bins: Optional[Union[int, Sequence[int]]] = None, offered: Optional[Sequence[str]] = None, bins_exclude: Optional[Sequence[str]] = None, wave_gap_days: Optional[Union[str, Sequence[Optional[int]]]] = None, target: Optional[Union[int, Dict[str, Any]]] = None, by_municipality: Optional[bool] = None) -> str:
        """Format "md" (default), "html", "csv" or "json"; lang "da" (default) or "en"; min_cell 5 and min_wave 10 by default."""
    def to_json(self) -> str: ...
    def __len__(self) -> int: ...

ARRAY_ERRORS: List[Tuple[int, str]]
def _score_who5_array(a: Any) -> Dict[str, Any]: ...
def _score_gse_array(a: Any) -> Dict[str, Any]: ...

def _render_report(report: Dict[str, Any], *, format: Optional[str] = None, lang: Optional[str] = None) -> str: ...
def _error_summary(errors: Sequence[Dict[str, Any]]) -> Tuple[Dict[str, Any], str]: ...
def compare(cohorts: Sequence[Union[Cohort, str, bytes, os.PathLike[str], Dict[str, Any]]], *, format: Optional[str] = None, lang: Optional[str] = None, as_of: Optional[Union[str, datetime.date]] = None, min_cell: Optional[int] = None, min_wave: Optional[int] = None, intervention_bins: Optional[Union[int, Sequence[int]]] = None, offered: Optional[Sequence[str]] = None, bins_exclude: Optional[Sequence[str]] = None, wave_gap_days: Optional[Union[str, Sequence[Optional[int]]]] = None, target: Optional[Union[int, Dict[str, Any]]] = None) -> Any:
    """Projects side by side (seed 001 Table 1): a dict {"projects": [...]}, or text when format is given. An item is a Cohort, a workbook path or a document."""

def report_options(*, format: Optional[str] = None, lang: Optional[str] = None, as_of: Optional[Union[str, datetime.date]] = None, min_cell: Optional[int] = None, min_wave: Optional[int] = None, intervention_bins: Optional[Union[int, Sequence[int]]] = None, offered: Optional[Sequence[str]] = None, bins_exclude: Optional[Sequence[str]] = None, wave_gap_days: Optional[Union[str, Sequence[Optional[int]]]] = None, target: Optional[Union[int, Dict[str, Any]]] = None) -> Dict[str, Any]:
    """The report and render options in effect (defaults filled in); raises ValidationError."""

def audit(report: Union[str, bytes, Dict[str, Any]]) -> List[Dict[str, Any]]: ...
