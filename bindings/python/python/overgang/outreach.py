"""Outreach: the mapping of venues, visits with anonymous counts, and what they report.

Counts are of contacts, never of persons; venues are the project's own codes.

>>> from overgang import outreach
>>> outreach.municipality(751)["name"]
'Aarhus'
>>> outreach.validate_venue_id("CPH-001")
'CPH-001'
>>> outreach.country("th")
'TH'
>>> doc = {"outreach_visits": [{"date": "2024-03-01", "form": "street", "municipality": 101, "women_met": 7}]}
>>> outreach.from_json(doc)["outreach_visits"][0]["women_met"]
7
>>> [f["id"] for f in outreach.forms("en")][:2]
['clinic', 'escort']
"""

from ._overgang import options
from ._overgang.outreach import country, from_json, municipality, validate_venue_id


def forms(lang: str = "da") -> "list[dict[str, str]]":
    """The forms of prostitution outreach is done in, as ``[{id, label}]``."""
    return options("outreach_forms", lang)


def regions(lang: str = "da") -> "list[dict[str, str]]":
    """The five regions as ``[{id, label}]``."""
    return options("regions", lang)


def municipalities() -> "list[dict[str, str]]":
    """The 98 municipalities as ``[{id, label}]`` (the id is the three-digit code)."""
    return options("municipalities")


__all__ = ["country", "forms", "from_json", "municipalities", "municipality", "regions", "validate_venue_id"]
