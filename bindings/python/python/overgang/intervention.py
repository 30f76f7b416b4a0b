"""Intervention categories.

>>> from overgang import intervention
>>> intervention.categories("en")[0]
{'id': 'counselling', 'label': 'Counselling and guidance'}
"""

from ._overgang import options


def categories(lang="da"):
    """The fourteen categories as ``[{id, label}]``."""
    return options("interventions", lang)


__all__ = ["categories"]
