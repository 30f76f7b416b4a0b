// The TypeScript types cannot lie: tsc refuses every marked line of typecheck_fail.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));

test("tsc refuses wrong use of documents and reports", () => {
  const tsc = path.join(here, "..", "node_modules", ".bin", "tsc");
  const file = path.join(here, "typecheck_fail.ts");
  const out = spawnSync(tsc, ["--noEmit", "--strict", "--module", "commonjs", "--target", "es2020", file], { encoding: "utf8" });
  assert.notEqual(out.status, 0);
  const marked = readFileSync(file, "utf8").split("\n").flatMap((l, i) => (l.includes("// error") ? [i + 1] : []));
  const found = new Set([...out.stdout.matchAll(/typecheck_fail\.ts\((\d+),/g)].map((m) => Number(m[1])));
  for (const line of marked) assert.ok(found.has(line), `line ${line} is not refused:\n${out.stdout}`);
});
