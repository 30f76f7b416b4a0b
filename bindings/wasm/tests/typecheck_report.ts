// Reports and documents are typed from docs/schema: no `any`.
import type { CohortReport, Report, ValidationError } from "../pkg/overgang";
import * as overgang from "../pkg/overgang";

const report: CohortReport = overgang.cohortReport(overgang.sampleCohort(), { minCell: 5 });
const same: Report = report;
const mean: number = report.who5.waves[0].mean_index;
const band: "high_risk" | "risk" | "no_immediate_risk" | undefined = ["high_risk", "risk", "no_immediate_risk"][0] as "high_risk";
const gender: "woman" | "man" | "non_binary" = report.gender.rows[0].gender;
const withheld: string[] = report.protection.withheld.map((w) => w.figure);
const names: string[] = overgang.genders().map((g) => g.label); // the language is optional
try {
  overgang.validateId("x");
} catch (e) {
  const v = e as ValidationError;
  void v.errors;
}
void same, mean, band, gender, withheld, names;
