"""The ten-step scale (Danjournal): nine areas, steps 1-10, stages and four dimensions.

>>> from overgang import ten_step
>>> ten_step.areas("da")[0]
{'id': 'substance_use', 'label': 'Misbrug'}
>>> ten_step.stage(5)
'stabilisation'
>>> ten_step.dimensions({"economy": 4, "housing": 6})["options_for_action"]
5.0
"""

from ._overgang import options
from ._overgang.ten_step import assessment_from_json, development, dimensions, stage


def areas(lang: str = "da") -> "list[dict[str, str]]":
    """The nine areas as ``[{id, label}]``."""
    return options("ten_step_areas", lang)


def stages(lang: str = "da") -> "list[dict[str, str]]":
    """The three stages as ``[{id, label}]``."""
    return options("ten_step_stages", lang)


def dimension_list(lang: str = "da") -> "list[dict[str, str]]":
    """The four dimensions as ``[{id, label}]``."""
    return options("ten_step_dimensions", lang)


__all__ = ["areas", "assessment_from_json", "development", "dimension_list", "dimensions", "stage", "stages"]
