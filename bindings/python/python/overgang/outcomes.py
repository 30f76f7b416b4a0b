"""Life-situation areas (Exit Prostitution 2013-16): ten areas rated 1-10, the journey of change.

>>> from overgang import outcomes
>>> outcomes.stage(4)
'accepting_help'
>>> outcomes.distance(3, 6)
{'steps': 3, 'class': 'moderate'}
"""

from ._overgang import options, reading_from_json
from ._overgang import outcome_distance as distance
from ._overgang import outcome_stage as stage


def areas(lang: str = "da") -> "list[dict[str, str]]":
    """The ten life-situation areas as ``[{id, label}]``."""
    return options("life_situation_areas", lang)


def stages(lang: str = "da") -> "list[dict[str, str]]":
    """The five journey-of-change stages as ``[{id, label}]``."""
    return options("journey_stages", lang)


__all__ = ["areas", "distance", "reading_from_json", "stage", "stages"]
