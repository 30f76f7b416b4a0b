"""Vectorised scoring of numpy arrays. Only type conversion here; the rules are the core's."""

from typing import NamedTuple

import numpy as np

from ._errors import ValidationError
from ._overgang import ARRAY_ERRORS, _score_gse_array, _score_who5_array

#: Rows of a sequence that is not yet an array, checked before converting it.
MAX_ROWS = 10_000_000

#: Band codes of ``Who5Arrays.band``: -1 means the row has no score (see ``error``).
WHO5_BANDS = {0: "high_risk", 1: "risk", 2: "no_immediate_risk"}
#: Codes of the ``error`` column: 0 is valid; the others are the ValidationError codes.
ERROR_CODES = {0: "valid", **dict(ARRAY_ERRORS)}


class Who5Arrays(NamedTuple):
    """WHO-5 results, one element per row."""

    raw: np.ndarray  #: uint8, 0-25 (0 where error != 0)
    index: np.ndarray  #: uint8, 0-100 (0 where error != 0)
    band: np.ndarray  #: int8, see WHO5_BANDS; -1 where error != 0
    poor_wellbeing: np.ndarray  #: bool, raw below 13
    depression_test_advised: np.ndarray  #: bool, raw below 13 or any item 0 or 1
    likely_depression: np.ndarray  #: bool
    error: np.ndarray  #: uint8, see ERROR_CODES; 0 = valid


class GseArrays(NamedTuple):
    """GSE results, one element per row."""

    score: np.ndarray  #: float64, 10-40 (NaN where error != 0)
    mean: np.ndarray  #: float64, 1-4 (NaN where error != 0)
    answered: np.ndarray  #: uint8
    imputed: np.ndarray  #: bool
    error: np.ndarray  #: uint8, see ERROR_CODES; 0 = valid


def _cells(a):
    """A C-contiguous float64 or int64 2-D array: the input itself when it already is one
    (no copy), else one converted copy. Masked values become NaN (missing)."""
    if isinstance(a, np.ma.MaskedArray):
        a = np.ma.filled(a.astype(np.float64), np.nan)
    if not isinstance(a, np.ndarray):
        # Counted before converting: `range(2**62)` is refused, not materialised.
        try:
            rows = len(a)
        except (TypeError, OverflowError):
            rows = MAX_ROWS + 1 if hasattr(a, "__len__") else 0
        if rows > MAX_ROWS:
            raise ValidationError(f"too many rows (at most {MAX_ROWS})", [
                {"field": "", "code": "too_long", "message": f"too many rows (at most {MAX_ROWS})"}])
        try:
            a = np.asarray(a)
        except (ValueError, RecursionError, OverflowError):
            raise ValidationError("expected a 2-D array of numbers", [
                {"field": "", "code": "invalid_format", "message": "expected a 2-D array of numbers"}]) from None
    if a.dtype == np.float64 or a.dtype == np.int64:
        return np.ascontiguousarray(a)
    if a.dtype.kind in "iub":
        if a.dtype.kind == "b":
            return a  # booleans are refused by the core's type check (not a number)
        return np.ascontiguousarray(a, dtype=np.int64)
    if a.dtype.kind == "f":
        return np.ascontiguousarray(a, dtype=np.float64)
    return a  # other dtypes (object, str) are refused by the native function


def score_who5_array(a) -> Who5Arrays:
    """Score an (n, 5) array of WHO-5 answers (0-5; NaN or masked = missing).

    Bad rows do not raise: their ``error`` is non-zero. A wrong shape raises ValidationError.

    >>> import numpy as np, overgang
    >>> r = overgang.score_who5_array(np.array([[3, 4, 2, 3, 4], [3, 9, 2, 3, 4]]))
    >>> r.index.tolist(), r.band.tolist(), [overgang.ARRAY_ERROR_CODES[e] for e in r.error]
    ([64, 0], [2, -1], ['valid', 'out_of_range'])
    """
    return Who5Arrays(**_score_who5_array(_cells(a)))


def score_gse_array(a) -> GseArrays:
    """Score an (n, 10) array of GSE answers (1-4; NaN or masked = missing, at most 3)."""
    return GseArrays(**_score_gse_array(_cells(a)))
