// Editing a participant record without losing anything: the page holds the record as it was
// loaded (a plain JSON object) and each edit changes exactly one field or one measurement.
// Every key the page does not show (outcomes, cti, other_referrals, an intervention's date, ...)
// stays as loaded. No rule of the domain lives here: validation and scoring are the core's.
// Pure functions, no DOM: the page and the Node tests use the same code.

/** A deep copy of a JSON value. */
export const copy = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** Same JSON value (key order ignored). */
export function sameJson(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k], b[k]));
  }
  return false;
}

/** The registration fields the page shows, as form values (text, booleans, lists of ids). */
export const FIELDS = ["id", "gender", "age", "start", "end", "goal", "forms", "anonymous", "anti_trafficking_referral", "interventions"];

/** The form values of a record's registration fields. */
export function formValues(doc) {
  const text = (v) => (v === undefined || v === null ? "" : String(v));
  const cats = [];
  for (const i of Array.isArray(doc.interventions) ? doc.interventions : []) if (i && !cats.includes(i.category)) cats.push(i.category);
  return {
    id: text(doc.id), gender: text(doc.gender), age: text(doc.age), start: text(doc.start), end: text(doc.end), goal: text(doc.goal),
    forms: Array.isArray(doc.forms) ? [...doc.forms] : [],
    anonymous: doc.anonymous === true, anti_trafficking_referral: doc.anti_trafficking_referral === true,
    interventions: cats,
  };
}

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The record with one registration field set to a form value. A value equal to what the form
 * shows for the record changes nothing (so a field typed over and back is kept exactly as loaded).
 * Empty text removes an optional key; an age that is not a number is kept as text for the core to
 * refuse. Interventions: the entries of categories still ticked are kept as they are (with their
 * dates), unticked ones are removed and newly ticked ones are added as `{category}`.
 */
export function setField(doc, name, value) {
  if (!FIELDS.includes(name)) throw new Error(`not a registration field: ${name}`);
  const shown = formValues(doc)[name];
  if (Array.isArray(shown) ? sameSet(shown, value) : shown === value) return doc;
  const out = { ...doc };
  switch (name) {
    case "anonymous":
    case "anti_trafficking_referral":
      out[name] = value;
      break;
    case "forms": {
      const kept = (Array.isArray(doc.forms) ? doc.forms : []).filter((f) => value.includes(f));
      out.forms = [...kept, ...value.filter((f) => !kept.includes(f))];
      break;
    }
    case "interventions": {
      const kept = (Array.isArray(doc.interventions) ? doc.interventions : []).filter((i) => i && value.includes(i.category));
      const have = new Set(kept.map((i) => i.category));
      out.interventions = [...kept, ...value.filter((c) => !have.has(c)).map((category) => ({ category }))];
      break;
    }
    case "age": {
      const v = value.trim();
      if (v === "") delete out.age;
      else out.age = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
      break;
    }
    case "id":
      out.id = value.trim();
      break;
    default:
      if (value === "") delete out[name];
      else out[name] = value;
  }
  return out;
}

// ---- measurements: WHO-5 and GSE {date, items}, ten-step {date, ratings} ----

/** The key of a measurement list in a record. */
export const LIST = { who5: "who5", gse: "gse", ten: "ten_step" };

/** A list's entries sorted by date (stable), each with its index in the record's list. */
export function history(doc, kind) {
  const list = Array.isArray(doc[LIST[kind]]) ? doc[LIST[kind]] : [];
  return list.map((entry, index) => ({ entry, index })).sort((a, b) => String(a.entry.date).localeCompare(String(b.entry.date)) || a.index - b.index);
}

function withList(doc, kind, change) {
  const key = LIST[kind];
  const list = Array.isArray(doc[key]) ? [...doc[key]] : [];
  change(list);
  return { ...doc, [key]: list };
}

/**
 * Sets one answer (WHO-5, GSE) of the entry at `index`, or of a new entry `{date, items}` with
 * `count` answers when `index` is null. Returns `[doc, index]`.
 */
export function setAnswer(doc, kind, index, item, value, { date, count }) {
  let at = index;
  const out = withList(doc, kind, (list) => {
    if (at === null || at === undefined) {
      list.push({ date, items: Array(count).fill(null) });
      at = list.length - 1;
    }
    const items = [...list[at].items];
    items[item] = value;
    list[at] = { ...list[at], items };
  });
  return [out, at];
}

/** Sets one ten-step rating (`null`: not rated) of the entry at `index`, or of a new one. */
export function setRating(doc, index, area, step, { date }) {
  let at = index;
  const out = withList(doc, "ten", (list) => {
    if (at === null || at === undefined) {
      if (step === null) return;
      list.push({ date, ratings: {} });
      at = list.length - 1;
    }
    const ratings = { ...list[at].ratings };
    if (step === null) delete ratings[area];
    else ratings[area] = step;
    list[at] = { ...list[at], ratings };
  });
  return [at === null || at === undefined ? doc : out, at ?? null];
}

/** Sets the date of the entry at `index`. */
export function setDate(doc, kind, index, date) {
  if (doc[LIST[kind]][index].date === date) return doc;
  return withList(doc, kind, (list) => { list[index] = { ...list[index], date }; });
}

/** Removes the entry at `index`. */
export function removeEntry(doc, kind, index) {
  return withList(doc, kind, (list) => { list.splice(index, 1); });
}

/** Today's date where the worker is (local time, not UTC), as YYYY-MM-DD. */
export function localDate(d = new Date()) {
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Merges an imported list of records into the caseload by ID: new IDs are added, identical
 * records are skipped, and a record that differs from the one on the device is a conflict (never
 * overwritten here; the worker chooses). Returns `{added, same, conflicts: [{id, mine, theirs}]}`.
 */
export function mergeById(mine, imported) {
  const byId = new Map(mine.map((r) => [r.id, r]));
  const added = [], same = [], conflicts = [];
  for (const r of imported) {
    const have = byId.get(r.id);
    if (!have) { added.push(r); byId.set(r.id, r); } else if (sameJson(have, r)) same.push(r.id); else conflicts.push({ id: r.id, mine: have, theirs: r });
  }
  return { added, same, conflicts };
}
