"""Type stubs of the native module (checked against it by the test suite)."""

from typing_extensions import final
import datetime
import os
from typing import Any, Dict, List, Literal, Optional, Sequence, SupportsFloat, SupportsIndex, Tuple, Union

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

def participant_from_json(doc: Union[str, Dict[str, Any]]) -> Dict[str, Any]:
    """Validates a participant and returns it with its JSON keys."""

def participant_to_json(doc: Union[str, Dict[str, Any]]) -> str:
    """Validates a participant and returns it as JSON text."""

def options(kind: str, lang: Optional[str] = None) -> List[Dict[str, str]]:
    """Ids and labels for a form: [{id, label}]; kind is one of OPTION_KINDS."""

def ten_step_stage(step: int) -> str: ...
def ten_step_dimensions(ratings: Union[str, Dict[str, Any]], mapping: Optional[Union[str, Dict[str, Any]]] = None) -> Dict[str, Optional[float]]: ...
def ten_step_development(assessments: Union[str, List[Dict[str, Any]]]) -> List[Dict[str, Any]]: ...
def assessment_from_json(doc: Union[str, Dict[str, Any]]) -> Dict[str, Any]: ...
def outcome_stage(rating: int) -> str: ...
def outcome_distance(first: int, latest: int) -> Dict[str, Any]: ...
def course_from_json(doc: Union[str, Dict[str, Any]], status_on: Optional[Union[str, datetime.date]] = None) -> Dict[str, Any]: ...

@final
class Course:
    """A planned CTI course: a contact period, then three phases of `phase_months` months."""
    def __new__(cls, contact_start: Union[str, datetime.date], phase1_start: Union[str, datetime.date], phase_months: Optional[int] = None) -> "Course": ...
    def schedule(self) -> List[Dict[str, Any]]: ...
    def phase_on(self, day: Union[str, datetime.date]) -> Optional[str]: ...
    def planned_end(self) -> datetime.date: ...
    @property
    def contact_start(self) -> datetime.date: ...
    @property
    def phase1_start(self) -> datetime.date: ...
    @property
    def phase_months(self) -> int: ...
    @staticmethod
    def from_json(doc: Union[str, Dict[str, Any]]) -> "Course": ...
    def to_json(self) -> str: ...

@final
class Cohort:
    """A project's cohort: participants with their questionnaires, assessments and courses."""
    @staticmethod
    def from_json(document: Union[str, bytes, Dict[str, Any]]) -> "Cohort": ...
    @staticmethod
    def from_csv(participants: Union[str, os.PathLike[str]], who5: Optional[Union[str, os.PathLike[str]]] = None, gse: Optional[Union[str, os.PathLike[str]]] = None, ten_step: Optional[Union[str, os.PathLike[str]]] = None, interventions: Optional[Union[str, os.PathLike[str]]] = None, project: str = "Projekt") -> "Cohort": ...
    @staticmethod
    def sample() -> "Cohort": ...
    @staticmethod
    def generate(participants: int, seed: int = 1) -> "Cohort": ...
    def report(self, *, as_of: Optional[Union[str, datetime.date]] = None, min_cell: Optional[int] = None, min_wave: Optional[int] = None, intervention_bins: Optional[Union[int, Sequence[int]]] = None, offered: Optional[Sequence[str]] = None, bins_exclude: Optional[Sequence[str]] = None, wave_gap_days: Optional[Union[str, Sequence[Optional[int]]]] = None, target: Optional[Union[int, Dict[str, Any]]] = None) -> Dict[str, Any]: ...
    def render(self, *, format: Optional[str] = None, lang: Optional[str] = None, as_of: Optional[Union[str, datetime.date]] = None, min_cell: Optional[int] = None, min_wave: Optional[int] = None, intervention_bins: Optional[Union[int, Sequence[int]]] = None, offered: Optional[Sequence[str]] = None, bins_exclude: Optional[Sequence[str]] = None, wave_gap_days: Optional[Union[str, Sequence[Optional[int]]]] = None, target: Optional[Union[int, Dict[str, Any]]] = None) -> str:
        """Format "md" (default), "html", "csv" or "json"; lang "da" (default) or "en"; min_cell 5 and min_wave 10 by default."""
    def to_json(self) -> str: ...
    def __len__(self) -> int: ...

ARRAY_ERRORS: List[Tuple[int, str]]
def _score_who5_array(a: Any) -> Dict[str, Any]: ...
def _score_gse_array(a: Any) -> Dict[str, Any]: ...
def record_from_json(doc: Union[str, Dict[str, Any]]) -> Dict[str, Any]:
    """Validates a participant record with its questionnaires and assessments (the cohort's shape)."""
def reading_from_json(doc: Union[str, Dict[str, Any]]) -> Dict[str, Any]: ...

def compare(cohorts: Sequence[Union[Cohort, str, bytes, Dict[str, Any]]], *, format: Optional[str] = None, lang: Optional[str] = None, as_of: Optional[Union[str, datetime.date]] = None, min_cell: Optional[int] = None, min_wave: Optional[int] = None, intervention_bins: Optional[Union[int, Sequence[int]]] = None, offered: Optional[Sequence[str]] = None, bins_exclude: Optional[Sequence[str]] = None, wave_gap_days: Optional[Union[str, Sequence[Optional[int]]]] = None, target: Optional[Union[int, Dict[str, Any]]] = None) -> Any:
    """Projects side by side (seed 001 Table 1): a dict {"projects": [...]}, or text when format is given."""

def report_options(*, format: Optional[str] = None, lang: Optional[str] = None, as_of: Optional[Union[str, datetime.date]] = None, min_cell: Optional[int] = None, min_wave: Optional[int] = None, intervention_bins: Optional[Union[int, Sequence[int]]] = None, offered: Optional[Sequence[str]] = None, bins_exclude: Optional[Sequence[str]] = None, wave_gap_days: Optional[Union[str, Sequence[Optional[int]]]] = None, target: Optional[Union[int, Dict[str, Any]]] = None) -> Dict[str, Any]:
    """The report and render options in effect (defaults filled in); raises ValidationError."""
