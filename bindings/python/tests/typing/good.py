"""Typed use that mypy must accept (checked by test_typing.py)."""

import overgang

report = overgang.Cohort.sample().report(min_cell=5)
mean: float = report["who5"]["waves"][0]["mean_index"]
count: int = report["participants"]["count"]
band: str = overgang.score_who5([3, 4, 2, 3, 4]).band
key: bytes = overgang.new_pseudonym_key()
cohort = overgang.Cohort.from_json(b'{"project": "P", "participants": []}')
print(mean, count, band, key, cohort)
