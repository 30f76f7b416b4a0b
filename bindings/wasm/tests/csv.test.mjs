// cohortFromCsv / cohortReportFromCsv: CSV exports as Danish Excel writes them, read by the core's
// CSV reader; onError: "drop" leaves out rows with problems and counts them per code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { overgang } from "./helpers.mjs";

// "CSV (semikolonsepareret)" from Danish Excel: semicolons, CRLF, Danish headers and labels,
// day-first dates; A-3's start date (31 February) does not exist.
const participants = "id;køn;alder;start\r\nA-1;Kvinde;34;10-02-2023\r\nA-2;Mand;41;01.03.2023\r\nA-3;Kvinde;29;31-02-2023\r\n";
const who5 = "id;date;item1;item2;item3;item4;item5\r\nA-1;10-02-2023;3;4;2;3;4\r\nA-2;2023-03-01 00:00:00;1;1;1;1;1\r\nA-3;01-03-2023;2;2;2;2;2\r\n";
const files = { participants: { name: "deltagere.csv", text: participants }, who5 };
const columns = { køn: "gender", alder: "age" };

test("the default refuses the file and locates the bad row", () => {
  assert.throws(() => overgang.cohortFromCsv(files, { project: "P", columns }), (e) => {
    assert.equal(e.name, "ValidationError");
    const [err] = e.errors;
    assert.equal(err.code, "invalid_format");
    assert.deepEqual(err.location, { file: "deltagere.csv", line: 4, column: "start" });
    assert.ok(!JSON.stringify(e.errors).includes("31-02-2023"), "the cell is never echoed");
    return true;
  });
  assert.throws(() => overgang.cohortFromCsv(files, { project: "P", columns, onError: "fail" }), { name: "ValidationError" });
});

test('onError: "drop" leaves the bad row (and its measurement) out and counts it per code', () => {
  const { cohort, excluded } = overgang.cohortFromCsv(files, { project: "P", columns, onError: "drop" });
  assert.equal(cohort.project, "P");
  assert.deepEqual(cohort.participants.map((p) => p.id), ["A-1", "A-2"]);
  assert.equal(cohort.participants[0].gender, "woman");
  assert.equal(cohort.participants[0].start, "2023-02-10");
  assert.equal(cohort.participants[1].start, "2023-03-01");
  assert.deepEqual(excluded, { rows: 2, participants: 1, with_participant: 1, by_code: { invalid_format: 1 } });
  // The document is one cohortReport reads.
  assert.equal(overgang.cohortReport(cohort).participants.count, 2);
});

test("strict reading gives no excluded", () => {
  const good = { participants: participants.split("\r\n").slice(0, 3).join("\r\n") + "\r\n" };
  const { cohort, excluded } = overgang.cohortFromCsv(good, { project: "P", columns });
  assert.equal(cohort.participants.length, 2);
  assert.equal(excluded, null);
});

test("cohortReportFromCsv: the report with excluded filled, report options beside the CSV options", () => {
  const report = overgang.cohortReportFromCsv(files, { project: "P", columns, onError: "drop", minCell: 1 });
  assert.deepEqual(report.excluded, { rows: 2, participants: 1, with_participant: 1, by_code: { invalid_format: 1 } });
  assert.equal(report.options.min_cell, 1);
  assert.throws(() => overgang.cohortReportFromCsv(files, { project: "P", columns }), { name: "ValidationError" });
});

test("bytes in Windows-1252 are decoded by the core", () => {
  const latin1 = Uint8Array.from("id;køn;start\r\nA-1;Kvinde;10-02-2023\r\n", (ch) => ch.charCodeAt(0));
  const { cohort } = overgang.cohortFromCsv({ participants: latin1 }, { columns: { køn: "gender" }, encoding: "windows-1252" });
  assert.equal(cohort.participants[0].gender, "woman");
  assert.equal(cohort.project, "Projekt");
});

test("options and files are read strictly: unknown keys and values are errors, never echoed", () => {
  const fields = (f) => { try { f(); } catch (e) { return e.errors.map((x) => [x.field, x.code]); } return null; };
  assert.deepEqual(fields(() => overgang.cohortFromCsv(files, { project: "P", onErorr: "drop" })), [["options[1]", "unknown_field"]]);
  assert.deepEqual(fields(() => overgang.cohortFromCsv(files, { onError: "skip" })), [["on_error", "unknown_value"]]);
  assert.deepEqual(fields(() => overgang.cohortFromCsv(files, { minCell: 1 })), [["options[0]", "unknown_field"]]);
  assert.deepEqual(fields(() => overgang.cohortFromCsv({ participant: participants }, {})), [["files[0]", "unknown_field"]]);
  assert.deepEqual(fields(() => overgang.cohortFromCsv({ participants: 3 }, {})), [["files.participants", "invalid_format"]]);
  assert.deepEqual(fields(() => overgang.cohortFromCsv(files, { columns: "q1=item1" })), [["columns", "invalid_format"]]);
  assert.deepEqual(fields(() => overgang.cohortReportFromCsv(files, { columns, onError: "drop", minCel: 1 }))?.[0]?.[1], "unknown_field");
  let thrown = null;
  try { overgang.cohortFromCsv({ participantsX: participants }, { secretKey: "x" }); } catch (e) { thrown = e; }
  assert.ok(thrown && !JSON.stringify(thrown.errors).includes("participantsX") && !JSON.stringify(thrown.errors).includes("secretKey"));
});
