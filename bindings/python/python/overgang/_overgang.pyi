"""Type stubs of the native module (checked against it by the test suite)."""

from typing_extensions import final
from typing import Any, Dict, List, Literal, Optional, Sequence, SupportsFloat, SupportsIndex, Union

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

def questionnaire(id: Literal["who5", "gse"], language: str = "en") -> Dict[str, Any]:
    """Texts of a questionnaire: id, language, fallback, title, stem, items, answers."""
