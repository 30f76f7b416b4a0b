"""Exception classes of overgang. The native module raises these."""

from __future__ import annotations

from typing import Any, Dict, List, TypedDict


class FieldError(TypedDict):
    """One problem with one field: ``field`` (e.g. ``"item3"``), a stable ``code`` and a ``message``."""

    field: str
    code: str
    message: str


class ErrorSummary(Dict[str, Any]):
    """The problems grouped by code, file and column: ``{"total": n, "groups": [{"code",
    "file", "column", "count", "first": [errors]}]}``; ``str()`` gives the text that
    ``overgang validate`` prints."""

    def __init__(self, data: Dict[str, Any], text: str) -> None:
        super().__init__(data)
        self._text = text

    def __str__(self) -> str:
        return self._text


class ValidationError(ValueError):
    """Invalid input. ``errors`` lists every problem at once, each a :class:`FieldError`.

    >>> import overgang
    >>> try:
    ...     overgang.score_who5([3, None, 2, 9, 4])
    ... except overgang.ValidationError as e:
    ...     [(err["field"], err["code"]) for err in e.errors]
    [('item2', 'missing'), ('item4', 'out_of_range')]
    """

    errors: List[FieldError]

    def __init__(self, message: str, errors: List[FieldError]) -> None:
        super().__init__(message)
        self.errors = errors

    def summary(self) -> ErrorSummary:
        """Every problem grouped by code, file and column, with a count and the first few
        of each group (the core's grouping, as ``overgang validate`` prints it).

        >>> import overgang
        >>> try:
        ...     overgang.Cohort.from_json({"project": "P", "participants": [
        ...         {"id": f"P-{i}", "start": "2024-13-01"} for i in range(500)]})
        ... except overgang.ValidationError as e:
        ...     s = e.summary()
        ...     len(e.errors), s["total"], [(g["code"], g["column"], g["count"]) for g in s["groups"]]
        ...     len(str(e)) < 2000
        (500, 500, [('invalid_format', 'participants[].start', 500)])
        True
        """
        from ._overgang import _error_summary

        data, text = _error_summary(self.errors)
        return ErrorSummary(data, text)

    def to_frame(self):
        """Every problem as a pandas DataFrame: ``field``, ``code``, ``message``, ``file``,
        ``line``, ``column`` (the last three empty when the problem has no location)."""
        import pandas as pd

        rows = []
        for e in self.errors:
            at = e.get("location") or {}
            rows.append(
                {
                    "field": e["field"],
                    "code": e["code"],
                    "message": e["message"],
                    "file": at.get("file"),
                    "line": at.get("line"),
                    "column": at.get("column"),
                }
            )
        frame = pd.DataFrame(rows, columns=["field", "code", "message", "file", "line", "column"])
        frame["line"] = frame["line"].astype("Int64")
        return frame

    def __reduce__(self):  # keep errors when pickled (multiprocessing, joblib)
        return (type(self), (str(self), self.errors))
