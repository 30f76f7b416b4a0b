// Type-checked (tsc --noEmit) against the generated .d.ts: batch scoring, safe forms, version.
import type { Who5Batch, GseBatch, SafeResult, Who5Score, FieldError } from "../pkg/overgang";
import * as overgang from "../pkg/overgang";

const w: Who5Batch = overgang.scoreWho5Batch(new Float64Array(10), 2);
const codes: Record<number, string> = overgang.batchErrorCodes();
const firstError: string = codes[w.error[0]];
const band: number = w.band[0];
const g: GseBatch = overgang.scoreGseBatch(new Uint8Array(10), 1);
const mean: number = g.mean[0];
const r: SafeResult<Who5Score> = overgang.safeScoreWho5([3, 4, 2, 3, 4]);
if (r.ok) {
  const index: number = r.value.index;
  void index;
} else {
  const errors: FieldError[] = r.errors;
  void errors;
}
const id = overgang.safeValidateId("AAR-0001");
const idText: string | undefined = id.ok ? id.value : undefined;
const version: string = overgang.version();
const kinds: string[] = overgang.optionKinds();
void firstError, band, mean, idText, version, kinds;
