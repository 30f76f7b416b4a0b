"""Type conversion for the native module: Python objects to JSON text (no rules here)."""

import datetime
import json


def _iso(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError("not JSON-compatible")


def to_json_text(obj):
    """JSON text of dicts, lists, str, numbers, bool, None and dates; NaN is refused."""
    return json.dumps(obj, default=_iso, allow_nan=False)
