"""Typed use that mypy must refuse: each marked line is an error (checked by test_typing.py)."""

import overgang

report = overgang.Cohort.sample().report()
mean: str = report["who5"]["waves"][0]["mean_index"]  # error: a float is not a str
report["no_such_table"]  # error: not a key of the report
overgang.Cohort.sample().report(10)  # error: options are keyword-only
overgang.score_who5([1, 2, 3, 4, 5], "da")  # error: one argument
