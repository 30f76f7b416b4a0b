"""Critical Time Intervention courses.

>>> import datetime
>>> from overgang.cti import Course
>>> c = Course(datetime.date(2024, 9, 15), datetime.date(2024, 10, 31))
>>> [p["start"].isoformat() for p in c.schedule()]
['2024-09-15', '2024-10-31', '2025-02-28', '2025-06-30']
>>> c.phase_on(datetime.date(2025, 3, 1))
'try_out'
>>> c.phase_on("2025-10-31") is None
True
"""

from ._overgang import options
from ._overgang.cti import Course, course_from_json


def phases(lang: str = "da") -> "list[dict[str, str]]":
    """The periods of a course as ``[{id, label}]``: contact, planning, try_out, transfer."""
    return options("cti_phases", lang)


def focus_areas(lang: str = "da") -> "list[dict[str, str]]":
    """The eight focus areas of the CTI guide (table 2) as ``[{id, label}]``."""
    return options("focus_areas", lang)


def end_reasons(lang: str = "da") -> "list[dict[str, str]]":
    """Reasons a course ends before phase 3, as ``[{id, label}]``."""
    return options("end_reasons", lang)


def support_roles(lang: str = "da") -> "list[dict[str, str]]":
    """Roles in a support network (never persons' names), as ``[{id, label}]``."""
    return options("support_roles", lang)


__all__ = ["Course", "course_from_json", "end_reasons", "focus_areas", "phases", "support_roles"]
