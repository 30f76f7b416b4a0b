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
