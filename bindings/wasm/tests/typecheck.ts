// Type-checked (tsc --noEmit) against the generated .d.ts so the types cannot drift from real use.
import type { Who5Score, GseScore, Questionnaire, ValidationError, Who5Change } from "../pkg/overgang";
import * as overgang from "../pkg/overgang";

const s: Who5Score = overgang.scoreWho5([3, 4, 2, 3, 4]);
const flag: boolean = s.poorWellbeing && s.likelyDepression;
const g: GseScore = overgang.scoreGse([3, 3, null, 2, 4, 3, undefined, 3, 2, 3]);
const n: number = g.score + g.mean + g.answered;
const c: Who5Change = overgang.who5Change(36, 46);
const q: Questionnaire = overgang.questionnaire("who5", "da");
const first: string = q.items[0] + q.answers[0].label;
try {
  overgang.scoreWho5([]);
} catch (e) {
  const v = e as ValidationError;
  const fields: string[] = v.errors.map((x) => x.field);
  void fields;
}
void flag, n, c, first;

// Domain model and report types.
const p = overgang.participantFromJson({ id: "AAR-0001", start: "2024-01-15" });
const pid: string = p.id + overgang.validateId("AAR-0002") + overgang.ageBand(34);
const dims = overgang.tenStepDimensions({ economy: 4 }, undefined);
const ofa: number | null = dims.optionsForAction;
const sched = overgang.ctiSchedule({ contactStart: "2024-09-15", phase1Start: "2024-10-31", phaseMonths: 4 });
const firstPhase: string = sched[0].phase + sched[0].start;
const areas: string[] = overgang.tenStepAreas("da").map((a) => a.id + a.label);
const report = overgang.cohortReport(overgang.sampleCohort(), { minCell: 5, asOf: "2023-12-31" });
const count: number = report.participants.count;
void pid, ofa, firstPhase, areas, count;

// Report options of issue 12 and projects side by side.
const withTargets = overgang.cohortReport(overgang.sampleCohort(), { interventionBins: [0, 1, 2, 4], binsExclude: [], waveGapDays: [46, null], target: { percent: 75, programmes: ["one_to_one"] } });
const cmp = overgang.compareCohorts([overgang.sampleCohort()], { minCell: 0 });
const firstWave: number | undefined = cmp.projects[0].who5_first_wave?.mean_index;
const advised: boolean = s.depressionTestAdvised;
void withTargets, firstWave, advised;
