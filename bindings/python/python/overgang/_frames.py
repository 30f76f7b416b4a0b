"""DataFrames to the CSV text the core reads (in memory; nothing is written to disk).

Used by ``Cohort.from_frames``; the rules of reading (labels, dates, numbers, columns) are the
core's CSV reader's, so a DataFrame reads exactly as the same table saved as CSV.
"""

import csv
import datetime
import io
import math


def _cell(value):
    """The text of one cell: missing values (None, NaN, NaT, pd.NA) are empty; dates and
    timestamps are ISO (with their time, so a time of day other than midnight is refused);
    booleans true/false; whole floats without ``.0``."""
    if value is None:
        return ""
    try:
        import pandas as pd

        if value is pd.NaT or value is pd.NA:
            return ""
    except ImportError:  # pragma: no cover - from_frames is called with DataFrames
        pass
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return _cell(value.item())
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, (list, tuple, dict, set)) for v in value):
            raise TypeError("a DataFrame cell holds nested lists; expected numbers, text or dates")
        return ";".join(_cell(v) for v in value)
    if isinstance(value, (dict, set)):
        raise TypeError("a DataFrame cell holds a mapping or set; expected a number, text or date")
    return str(value)


def frame_to_csv(frame, name):
    """``frame`` (a DataFrame, or a dict of columns) as CSV text with a header line."""
    if isinstance(frame, dict):
        import pandas as pd

        try:
            frame = pd.DataFrame(frame)
        except (ValueError, TypeError, RecursionError):
            raise TypeError(f"{name}: expected a pandas DataFrame or a dict of columns") from None
    if not hasattr(frame, "columns") or not hasattr(frame, "itertuples"):
        raise TypeError(f"{name}: expected a pandas DataFrame")
    # A named index (e.g. ``id``) is a column of the table.
    names = [n for n in getattr(frame.index, "names", [None]) if n is not None]
    if names and not any(n in frame.columns for n in names):
        frame = frame.reset_index()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()
