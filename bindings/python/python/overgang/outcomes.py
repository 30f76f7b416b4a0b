"""Life-situation areas (Exit Prostitution 2013-16): ten areas rated 1-10, the journey of change.

>>> from overgang import outcomes
>>> outcomes.stage(4)
'accepting_help'
>>> outcomes.distance(3, 6)
{'steps': 3, 'class': 'moderate'}
"""

from ._overgang import options
from ._overgang.outcomes import distance, reading_from_json, stage


def areas(lang: str = "da") -> "list[dict[str, str]]":
    """The ten life-situation areas as ``[{id, label}]``."""
    return options("life_situation_areas", lang)


def stages(lang: str = "da") -> "list[dict[str, str]]":
    """The five journey-of-change stages as ``[{id, label}]``."""
    return options("journey_stages", lang)


__all__ = ["areas", "distance", "reading_from_json", "stage", "stages"]
