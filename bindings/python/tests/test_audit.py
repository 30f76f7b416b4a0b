"""The disclosure auditor from Python: a report is clean, a tampered one is not."""

import overgang


def test_a_report_passes_its_own_audit_and_a_leaky_one_does_not():
    report = overgang.Cohort.sample().report()
    assert overgang.audit(report) == []
    area = next(a for a in report["ten_step"]["areas"] if a["n"] >= 3)
    area["positive"] = {"count": area["n"] - 1, "percent": None, "suppressed": False}
    findings = overgang.audit(report)
    assert [f["code"] for f in findings] == ["complement"]
