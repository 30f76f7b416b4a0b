"""Pseudonymous registration of participants.

IDs, pseudonyms and age bands are ``overgang.validate_id``, ``overgang.pseudonym`` and
``overgang.age_band``.

>>> from overgang import participant
>>> p = participant.from_json('{"id": "AAR-0001", "start": "2024-01-15", "age": 34}')
>>> p["id"], p["start"]
('AAR-0001', '2024-01-15')
"""

from ._overgang import options
from ._overgang.participant import from_json, record_from_json, to_json


def genders(lang: str = "da") -> "list[dict[str, str]]":
    """``[{id, label}]`` of woman, man, non_binary (unknown is left out, or ``None``)."""
    return options("genders", lang)


def age_bands(lang: str = "da") -> "list[dict[str, str]]":
    """The report's five age bands as ``[{id, label}]``."""
    return options("age_bands", lang)


def prostitution_forms(lang: str = "da") -> "list[dict[str, str]]":
    """Forms of prostitution as ``[{id, label}]``."""
    return options("prostitution_forms", lang)


def intake_goals(lang: str = "da") -> "list[dict[str, str]]":
    """Goals at intake as ``[{id, label}]``."""
    return options("intake_goals", lang)


__all__ = ["age_bands", "record_from_json", "from_json", "genders", "intake_goals", "prostitution_forms", "to_json"]
