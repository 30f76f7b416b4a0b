"""pandas helpers: score WHO-5 and GSE columns of a DataFrame, aligned on its index.

pandas is optional: ``pip install pyovergang[pandas]``.

>>> import pandas as pd, overgang.pandas
>>> df = pd.DataFrame({"q1": [3, 1], "q2": [4, 1], "q3": [2, None], "q4": [3, 1], "q5": [4, 1]}, index=["a", "b"])
>>> out = overgang.pandas.score_who5(df, columns=["q1", "q2", "q3", "q4", "q5"])
>>> int(out.loc["a", "index"]), out.loc["b", "error"]
(64, 'missing')
"""

from ._array import ERROR_CODES, WHO5_BANDS, score_gse_array, score_who5_array


def _pd():
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised only without pandas
        raise ImportError("overgang.pandas needs pandas: pip install pyovergang[pandas]") from e
    return pd


def _frame(df, columns, count):
    cols = list(columns) if columns is not None else list(df.columns[:count])
    return df[cols].to_numpy(dtype="float64", na_value=float("nan"))


def _col(pd, values, dtype, valid, index):
    """A nullable column: <NA> where the row has no score."""
    return pd.Series(values, dtype=dtype, index=index).where(valid)


def _errors(pd, codes, index):
    return pd.Series(pd.Categorical([ERROR_CODES[int(c)] for c in codes], categories=list(ERROR_CODES.values())), index=index)


def score_who5(df, columns=None):
    """WHO-5 scores of five answer columns (default: the first five), as a DataFrame with
    ``raw``, ``index``, ``band`` (Categorical in band order), ``poor_wellbeing``,
    ``depression_test_advised``, ``likely_depression`` and ``error`` (Categorical; ``"valid"`` for scored rows)."""
    pd = _pd()
    r = score_who5_array(_frame(df, columns, 5))
    valid = r.error == 0
    ix = df.index
    bands = [WHO5_BANDS[int(b)] if ok else None for b, ok in zip(r.band, valid)]
    return pd.DataFrame(
        {
            "raw": _col(pd, r.raw, "UInt8", valid, ix),
            "index": _col(pd, r.index, "UInt8", valid, ix),
            "band": pd.Series(pd.Categorical(bands, categories=list(WHO5_BANDS.values()), ordered=True), index=ix),
            "poor_wellbeing": _col(pd, r.poor_wellbeing, "boolean", valid, ix),
            "depression_test_advised": _col(pd, r.depression_test_advised, "boolean", valid, ix),
            "likely_depression": _col(pd, r.likely_depression, "boolean", valid, ix),
            "error": _errors(pd, r.error, ix),
        },
        index=ix,
    )


def score_gse(df, columns=None):
    """GSE scores of ten answer columns (default: the first ten), as a DataFrame with
    ``score``, ``mean``, ``answered``, ``imputed`` and ``error``."""
    pd = _pd()
    r = score_gse_array(_frame(df, columns, 10))
    valid = r.error == 0
    ix = df.index
    return pd.DataFrame(
        {
            "score": pd.Series(r.score, index=ix),
            "mean": pd.Series(r.mean, index=ix),
            "answered": _col(pd, r.answered, "UInt8", valid, ix),
            "imputed": _col(pd, r.imputed, "boolean", valid, ix),
            "error": _errors(pd, r.error, ix),
        },
        index=ix,
    )

__all__ = ["score_gse", "score_who5"]
