// The shared options vector: one reader in the core, the same defaults in every language.
// JavaScript writes the option names in camelCase.
import { test } from "node:test";
import { overgang, load, check } from "./helpers.mjs";

const { options } = load("options.json");
const camel = (o) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));

// Errors name the option as the caller wrote it (camelCase); the vector lists snake_case.
const snakeFields = (call) => () => {
  try {
    return call();
  } catch (e) {
    for (const x of e.errors ?? []) {
      const snake = x.field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      x.message = x.message.replace(x.field, snake);
      x.field = snake;
    }
    throw e;
  }
};

for (const c of options) {
  test(`options: ${c.name}`, () => check(c, snakeFields(() => overgang.reportOptions(camel(c.options)))));
}
