"""overgang: validated scoring and reporting for exit-from-prostitution social work in Denmark.

One Rust core holds every rule; this package calls it.

>>> import overgang
>>> s = overgang.score_who5([3, 4, 2, 3, 4])
>>> s.index, s.band
(64, 'no_immediate_risk')
>>> overgang.who5_change(36, 46)
'improved'
>>> overgang.validate_id("AAR-0001")
'AAR-0001'
>>> overgang.Cohort.sample().report()["participants"]
{'count': 80}

Submodules: ``overgang.cti`` (CTI courses), ``overgang.ten_step`` (the ten-step scale),
``overgang.outcomes`` (life-situation areas), and ``overgang.participant`` (registration).
"""

from . import cti, outcomes, outreach, participant, ten_step
from ._array import ERROR_CODES as ARRAY_ERROR_CODES
from ._array import WHO5_BANDS, GseArrays, Who5Arrays, score_gse_array, score_who5_array
from ._errors import FieldError, ValidationError
from ._overgang import (
    ERROR_CODES,
    OPTION_KINDS,
    Cohort,
    GseScore,
    Who5Score,
    __version__,
    age_band,
    compare,
    audit,
    error_message,
    options,
    pseudonym,
    questionnaire,
    report_options,
    score_gse,
    score_who5,
    validate_id,
    who5_band,
    who5_change,
)


def new_pseudonym_key() -> bytes:
    """A new random key of 32 bytes for :func:`pseudonym`, from the operating system.

    Keep it secret and apart from the data. Keys shorter than 16 bytes are refused
    (``weak_key``): with a short key, a pseudonym made from a CPR number could be reversed
    by trying every CPR number.

    >>> len(new_pseudonym_key())
    32
    """
    import secrets

    return secrets.token_bytes(32)


def interventions(lang: str = "da") -> "list[dict[str, str]]":
    """The fourteen intervention categories as ``[{id, label}]``."""
    return options("interventions", lang)


__all__ = [
    "ARRAY_ERROR_CODES",
    "GseArrays",
    "WHO5_BANDS",
    "Who5Arrays",
    "score_gse_array",
    "score_who5_array",
    "ERROR_CODES",
    "OPTION_KINDS",
    "Cohort",
    "FieldError",
    "GseScore",
    "ValidationError",
    "Who5Score",
    "__version__",
    "age_band",
    "compare",
    "audit",
    "cti",
    "error_message",
    "interventions",
    "options",
    "outcomes",
    "outreach",
    "participant",
    "pseudonym",
    "questionnaire",
    "report_options",
    "new_pseudonym_key",
    "score_gse",
    "score_who5",
    "ten_step",
    "validate_id",
    "who5_band",
    "who5_change",
]
