"""Exception classes of overgang. The native module raises these."""

from __future__ import annotations

from typing import List, TypedDict


class FieldError(TypedDict):
    """One problem with one field: ``field`` (e.g. ``"item3"``), a stable ``code`` and a ``message``."""

    field: str
    code: str
    message: str


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

    def __reduce__(self):  # keep errors when pickled (multiprocessing, joblib)
        return (type(self), (str(self), self.errors))
