// Wrong use the types must refuse: every marked line is a type error (types_fail.test.mjs).
import * as overgang from "../pkg/overgang";

const report = overgang.cohortReport(overgang.sampleCohort());
const mean: string = report.who5.waves[0].mean_index; // error: a number is not a string
const missing = report.no_such_table; // error: not a key of the report
overgang.scoreWho5(5); // error: answers are a list
void mean, missing;
