"""pandas helpers: score WHO-5 and GSE columns of a DataFrame, aligned on its index.

pandas is optional: ``pip install pyovergang[pandas]``.

>>> import pandas as pd, overgang.pandas
>>> df = pd.DataFrame({"q1": [3, 1], "q2": [4, 1], "q3": [2, None], "q4": [3, 1], "q5": [4, 1]}, index=["a", "b"])
>>> out = overgang.pandas.score_who5(df, columns=["q1", "q2", "q3", "q4", "q5"])
>>> int(out.loc["a", "index"]), out.loc["b", "error"]
(64, 'missing')

Columns named ``item1`` .. ``item5`` (``item10`` for GSE) are found by name, in any case; other
columns (an ID column) are never scored. A cell that is not a number (text, ``"3"``, ``True``)
raises :class:`overgang.ValidationError` naming its item and row, never the cell:

>>> bad = pd.DataFrame({"id": ["AAR-1"], "item1": ["Kirsten"], "item2": [True], "item3": [1], "item4": [1], "item5": [1]})
>>> try:
...     overgang.pandas.score_who5(bad)
... except overgang.ValidationError as e:
...     [(x["field"], x["code"], x["row"]) for x in e.errors]
[('item1', 'not_a_number', 0), ('item2', 'not_a_number', 0)]

``tables(report, lang)`` gives the report's tables as tidy DataFrames with labels:

>>> t = overgang.pandas.tables(overgang.Cohort.sample().report(), lang="en")
>>> row = t["gender"].iloc[0]
>>> row["key"], row["label"], int(row["count"])
('woman', 'Woman', 71)
"""

import math
import numbers

from . import _overgang
from ._array import ERROR_CODES, WHO5_BANDS, score_gse_array, score_who5_array
from ._errors import ValidationError


def _pd():
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised only without pandas
        raise ImportError("overgang.pandas needs pandas: pip install pyovergang[pandas]") from e
    return pd


def _fail(errors):
    shown = "; ".join(e["message"] for e in errors[:10])
    more = f"; and {len(errors) - 10} more" if len(errors) > 10 else ""
    head = errors[0]["message"] if len(errors) == 1 else f"{len(errors)} problems: {shown}{more}"
    raise ValidationError(head, errors)


def _columns(df, columns, count):
    """The answer columns: as given, or ``item1``..``itemN`` found by name (any case)."""
    if columns is not None:
        if isinstance(columns, (str, bytes)) or not hasattr(columns, "__len__"):
            raise TypeError("columns: expected a list of column names")
        if len(columns) != count:
            _fail([{"field": "columns", "code": "wrong_length",
                    "message": f"columns: expected {count} answer columns"}])
        cols = list(columns)
        if len(cols) != count:
            _fail([{"field": "columns", "code": "wrong_length",
                    "message": f"columns: expected {count} answer columns, got {len(cols)}"}])
        return cols
    by_name = {str(c).strip().lower(): c for c in df.columns}
    wanted = [f"item{i}" for i in range(1, count + 1)]
    absent = [w for w in wanted if w not in by_name]
    if absent:
        _fail([{"field": w, "code": "missing",
                "message": f"{w}: the DataFrame has no {w} column; name the answer columns item1..item{count} or pass columns=[...]"}
               for w in absent])
    return [by_name[w] for w in wanted]


def np_bool():
    import numpy as np

    return np.bool_


def _is_missing(v):
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    pd = _pd()
    return v is pd.NA or v is pd.NaT


def _not_numbers(pd, df, cols, score, low):
    """Every cell that is not a number (text, booleans, other objects), each named by its
    item, its row position and (when it is a number) its row label; the message is the
    scalar API's for the same kind of value, so nothing of the cell is repeated."""
    from pandas.api import types

    errors = []
    for j, c in enumerate(cols):
        col = df[c]
        field = f"item{j + 1}"
        if types.is_bool_dtype(col.dtype):
            bad = [(i, True) for i, v in enumerate(col) if not _is_missing(v)]
        elif types.is_numeric_dtype(col.dtype):
            continue
        else:
            bad = []
            for i, v in enumerate(col):
                if _is_missing(v):
                    continue
                if hasattr(v, "item") and not isinstance(v, (str, bytes)):
                    v = v.item()
                if isinstance(v, bool):
                    bad.append((i, True))
                elif not isinstance(v, (int, float)):
                    bad.append((i, "x"))
        for i, kind in bad:
            probe = [low] * len(cols)
            probe[j] = kind
            try:
                score(probe)
                message = f"{field}: not a number"
            except ValidationError as e:
                message = next((x["message"] for x in e.errors if x["field"] == field), f"{field}: not a number")
            # A row label is named when it is a whole number (a position-like label); text
            # labels may be IDs and are never repeated.
            label = df.index[i]
            whole = isinstance(label, numbers.Integral) and not isinstance(label, (bool, np_bool()))
            label = int(label) if whole else None
            named = f", label {label}" if whole else ""
            error = {"field": field, "code": "not_a_number", "message": f"{message} (row {i}{named})", "row": i}
            if named:
                error["label"] = label
            errors.append(error)
    if errors:
        errors.sort(key=lambda e: (e["row"], e["field"]))
        _fail(errors)


def _frame(df, columns, count, score, low):
    pd = _pd()
    if not isinstance(df, pd.DataFrame):
        raise TypeError("df: expected a pandas DataFrame")
    cols = _columns(df, columns, count)
    _not_numbers(pd, df, cols, score, low)
    return df[cols].to_numpy(dtype="float64", na_value=float("nan"))


def _col(pd, values, dtype, valid, index):
    """A nullable column: <NA> where the row has no score."""
    return pd.Series(values, dtype=dtype, index=index).where(valid)


def _errors(pd, codes, index):
    return pd.Series(pd.Categorical([ERROR_CODES[int(c)] for c in codes], categories=list(ERROR_CODES.values())), index=index)


def score_who5(df, columns=None):
    """WHO-5 scores of five answer columns (default: ``item1``..``item5`` by name), as a DataFrame with
    ``raw``, ``index``, ``band`` (Categorical in band order), ``poor_wellbeing``,
    ``depression_test_advised``, ``likely_depression`` and ``error`` (Categorical; ``"valid"`` for scored rows)."""
    pd = _pd()
    r = score_who5_array(_frame(df, columns, 5, _overgang.score_who5, 0))
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
    """GSE scores of ten answer columns (default: ``item1``..``item10`` by name), as a DataFrame with
    ``score``, ``mean``, ``answered``, ``imputed`` and ``error``."""
    pd = _pd()
    r = score_gse_array(_frame(df, columns, 10, _overgang.score_gse, 1))
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

# The catalogue kind whose labels a table's keys are (the rest are the report's own keys).
_KINDS = {
    "age_bands": "age_bands",
    "gender": "genders",
    "interventions.by_category": "interventions",
    "ten_step.positive": "ten_step_areas",
    "who5.waves": "who5_bands",
    "who5.paired": "who5_changes",
    "cti.by_status": "cti_statuses",
    "cti.mean_months": "cti_phases",
}


def tables(report, lang="da"):
    """The report's tables as tidy DataFrames, one per table (``"gender"``, ``"who5.waves"``,
    ...), each with ``key``, ``label`` (in ``lang``), ``wave``, ``n``, ``count``, ``percent``,
    ``mean`` and ``suppressed``: the figures of ``Cohort.render(format="csv")``, read from the
    report dict (``Cohort.report()``) without computing it again."""
    import io

    pd = _pd()
    text = _overgang._render_report(report, format="csv", lang=lang)
    frame = pd.read_csv(io.StringIO(text), dtype={"key": str, "section": str}, keep_default_na=False, na_values=[""])
    for col in ("wave", "n", "count", "percent"):
        frame[col] = frame[col].astype("Int64")
    frame["suppressed"] = frame["suppressed"].astype(bool)
    out = {}
    for section, part in frame.groupby("section", sort=False):
        kind = _KINDS.get(section)
        labels = {o["id"]: o["label"] for o in _overgang.options(kind, lang)} if kind else {}
        part = part.drop(columns="section").reset_index(drop=True)
        part.insert(1, "label", [labels.get(k, k) for k in part["key"]])
        out[section] = part
    return out


__all__ = ["score_gse", "score_who5", "tables"]
