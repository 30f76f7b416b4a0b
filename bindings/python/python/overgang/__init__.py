"""overgang: validated scoring and reporting for exit-from-prostitution social work in Denmark.

One Rust core holds every rule; this package calls it. See ``help(overgang.score_who5)``.

>>> import overgang
>>> s = overgang.score_who5([3, 4, 2, 3, 4])
>>> s.index, s.band
(64, 'no_immediate_risk')
>>> overgang.who5_change(36, 46)
'improved'
"""

from ._errors import FieldError, ValidationError
from ._overgang import (
    ERROR_CODES,
    GseScore,
    Who5Score,
    __version__,
    questionnaire,
    score_gse,
    score_who5,
    who5_band,
    who5_change,
)

__all__ = [
    "ERROR_CODES",
    "FieldError",
    "GseScore",
    "ValidationError",
    "Who5Score",
    "__version__",
    "questionnaire",
    "score_gse",
    "score_who5",
    "who5_band",
    "who5_change",
]
