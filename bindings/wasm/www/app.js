// The form's glue: shows one participant record, edits it field by field, and calls the overgang
// wasm build for every rule (scores, bands, stages, dimensions, validation). The record is edited,
// never rebuilt from the visible fields: what the page does not show stays as loaded (record.js).
// The caseload is kept encrypted on the device (store.js).
// Two wasm modules: the small first one (../pkg-web/: scoring, questionnaire texts, option lists,
// ID checks) loads with the page; the second (../pkg-web-report/: whole records, ten-step
// documents, the cohort report) is imported the first time one of its functions is needed.
import init, * as og from "../pkg-web/overgang.js";
import { UI } from "./i18n.js";
import * as R from "./record.js";
import * as store from "./store.js";

let lang = "da";
const $ = (id) => document.getElementById(id);
const t = (key) => UI[lang][key];
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) (k === "text" ? (e.textContent = v) : e.setAttribute(k, v));
  e.append(...children);
  return e;
};
/**
 * The message for a core error in the page's language: the core's, from its code and context
 * (errorMessage, in the second module: the messages are too large for the first). Until the
 * second module has loaded, the core's English message; asking starts the loading, and what
 * shows errors is drawn again when it arrives (afterFullLoaded). Never a text of the page's own.
 */
const message = (err) => (needFull() ? full.errorMessage(err, lang) : err.message);
/** The label of an id of one of the core's lists (`who5_bands`, `who5_changes`, ...) in the page's language. */
const label = (kind, id) => og.options(kind, lang).find((o) => o.id === id)?.label ?? id;
const has = (...names) => names.every((f) => typeof og[f] === "function");

// ---- the second wasm module (records, ten-step documents, report), loaded when first needed ----
let full = null;
let fullLoading = null;
/** The second module, imported (and initialised) once; rejects when it cannot be had (offline, not cached). */
function loadFull() {
  fullLoading ??= import("../pkg-web-report/overgang.js")
    .then(async (m) => { await m.default(); full = m; afterFullLoaded(); return m; })
    .catch((e) => { fullLoading = null; throw e; });
  return fullLoading;
}
/** The second module when loaded; otherwise starts loading it (what needs it is shown again when it arrives) and gives null. */
function needFull() {
  if (!full) loadFull().catch(() => { $("status").textContent = t("module_offline"); });
  return full;
}
function afterFullLoaded() {
  document.body.dataset.records = "ready";
  validateRegistration();
  // Errors shown before it arrived (in the core's English) now get their message in the page's language.
  for (const id of ["who5", "gse"]) if (state.questionnaires[id]) update(id);
  if (has("tenStepAreas", "tenStepStage", "options")) { updateTenStep(); renderChange("ten", R.history(state.doc, "ten")); }
}
/** The second module, or null after saying it could not be loaded. */
async function fullOrSay(where = $("status")) {
  try { return await loadFull(); } catch { where.textContent = t("module_offline"); return null; }
}
/** Calls the core; returns [result, null] or [null, errors] for a ValidationError. */
function attempt(fn, ...args) {
  try {
    return [fn(...args), null];
  } catch (e) {
    if (e && e.name === "ValidationError") return [null, e.errors];
    throw e;
  }
}
const number = (x, digits) => x.toFixed(digits).replace(".", lang === "da" ? "," : ".");

/** The index range of each WHO-5 band, read from the core's own band rule (never restated here). */
let bandRanges = null;
function bandRange(band) {
  if (!bandRanges) {
    bandRanges = {};
    for (let i = 0; ; i++) {
      const [b] = attempt(og.who5Band, i);
      if (!b) break;
      bandRanges[b] = bandRanges[b] ? [bandRanges[b][0], i] : [i, i];
    }
  }
  return bandRanges[band];
}
/** The steps of the ten-step scale: those the core gives a stage (never restated here). */
let stepsCache = null;
const steps = () => (stepsCache ??= Array.from({ length: 101 }, (_, i) => i).filter((s) => attempt(og.tenStepStage, s)[0]));

// ---- the record being edited ----
const state = {
  doc: {},            // the record as loaded, with the page's edits
  saved: {},          // the record as last saved (device or download): unsaved changes = a difference
  savedId: null,      // its ID on the device, if it is kept there
  cursor: { who5: null, gse: null, ten: null }, // the measurement being edited (index), or null for a new one
  draftDate: { who5: R.localDate(), gse: R.localDate(), ten: R.localDate() },
  shown: new Set(),   // registration fields whose errors are shown (left once, or after a save)
  markAll: { who5: false, gse: false }, // mark every missing answer (after a save)
  questionnaires: {},
};
const dirty = () => !R.sameJson(state.doc, state.saved);

function setDoc(doc) {
  state.doc = doc;
  renderRecordBar();
}

function loadDoc(doc, { savedId = null } = {}) {
  state.doc = doc;
  state.saved = R.copy(doc);
  state.savedId = savedId;
  state.cursor = { who5: null, gse: null, ten: null };
  state.shown = new Set();
  state.markAll = { who5: false, gse: false };
  renderAll();
}

function renderRecordBar() {
  // Only a valid pseudonymous ID is repeated here (never a CPR number or a name typed as the ID).
  const id = state.doc.id && has("validateId") && attempt(og.validateId, state.doc.id)[0];
  $("current-id").textContent = id || t("no_id");
  const d = dirty();
  $("dirty").textContent = d ? t("unsaved") : (state.savedId ? t("saved_state") : "");
  $("dirty").dataset.dirty = String(d);
}

// ---- questionnaires (WHO-5, GSE) ----
const LIST = R.LIST;
const entryOf = (kind) => (state.cursor[kind] === null ? null : state.doc[LIST[kind]][state.cursor[kind]]);

function renderQuestionnaire(id) {
  const q = og.questionnaire(id, lang);
  state.questionnaires[id] = q;
  $(`${id}-title`).textContent = q.title;
  $(`${id}-stem`).textContent = q.stem;
  if (id === "gse") {
    $("gse-lang-note").hidden = !q.fallback;
    $("gse-lang-note").textContent = t("gse_fallback");
    // The note is English text on a Danish page when the GSE falls back to English.
    for (const n of [$("gse-title"), $("gse-stem"), $("gse-form")]) n.lang = q.language;
  }
  const form = $(`${id}-form`);
  form.replaceChildren();
  const entry = entryOf(id);
  q.items.forEach((text, i) => {
    const name = `${id}-item${i + 1}`;
    const options = el("div", { class: "options" });
    for (const a of q.answers) {
      const input = el("input", { type: "radio", name, value: String(a.value), id: `${name}-${a.value}` });
      if (entry && entry.items[i] === a.value) input.checked = true;
      input.addEventListener("change", () => answer(id, i, a.value));
      options.append(el("label", { for: `${name}-${a.value}` }, input, el("span", { text: `${a.label} (${a.value})` })));
    }
    const fs = el("fieldset", { class: "item", id: `${name}`, "aria-describedby": `${name}-error` },
      el("legend", { text: `${i + 1}. ${text}` }), options, el("p", { class: "error", id: `${name}-error`, lang }));
    form.append(fs);
  });
  renderEntryHead(id);
  update(id);
  renderHistory(id);
}

function answer(id, item, value) {
  const [doc, at] = R.setAnswer(state.doc, id, state.cursor[id], item, value, { date: $(`${id}-date`).value || R.localDate(), count: state.questionnaires[id].items.length });
  state.cursor[id] = at;
  setDoc(doc);
  renderEntryHead(id);
  update(id);
  renderHistory(id);
}

function renderEntryHead(id) {
  const entry = id === "ten" ? tenEntry() : entryOf(id);
  $(`${id}-editing`).textContent = entry ? t("m_editing")(entry.date) : t("m_editing_new");
  $(`${id}-date`).value = entry ? entry.date : state.draftDate[id];
  $(`${id}-new`).hidden = !entry;
}

function onDate(id) {
  const v = $(`${id}-date`).value;
  if (state.cursor[id] === null) { state.draftDate[id] = v; return; }
  if (!v) return; // a date is required: an emptied field does not change the entry
  setDoc(R.setDate(state.doc, id, state.cursor[id], v));
  renderEntryHead(id);
  renderHistory(id);
}

function newMeasurement(id) {
  state.cursor[id] = null;
  state.draftDate[id] = R.localDate();
  if (id === "ten") renderTenStep(); else renderQuestionnaire(id);
  $(`${id}-date`).focus();
}

/** Marks missing answers: those skipped (before the last one answered), or all after a save. */
function showItemErrors(id, items, errors) {
  const last = items.reduce((m, v, i) => (v !== null && v !== undefined ? i : m), -1);
  for (let i = 1; i <= items.length; i++) {
    $(`${id}-item${i}`).classList.remove("invalid");
    $(`${id}-item${i}-error`).textContent = "";
  }
  for (const e of errors) {
    const m = /^item(\d+)$/.exec(e.field);
    if (!m) continue;
    const n = Number(m[1]);
    if (e.code === "missing" && !(state.markAll[id] || n - 1 < last)) continue;
    $(`${id}-item${n}`).classList.add("invalid");
    $(`${id}-item${n}-error`).textContent = e.code === "missing" ? t("item_missing") : message(e);
  }
}

let lastAnnounced = "";
function announce(text) {
  if (text === lastAnnounced) return;
  lastAnnounced = text;
  $("announce").textContent = text;
}

/** Scores WHO-5 / GSE answers: `{score}` or `{answered, of, min}` when it cannot be scored. */
function scoreOf(id, items) {
  const [score, errors] = attempt(id === "who5" ? og.scoreWho5 : og.scoreGse, items);
  const q = state.questionnaires[id] || og.questionnaire(id, lang);
  if (score) return { score, errors: [], of: q.items.length };
  const answered = items.filter((v) => v !== null && v !== undefined).length;
  const tooMany = errors.find((e) => e.code === "too_many_missing");
  // The minimum number answered comes from the core: questionnaire(), the error's context, or
  // else its scoring rule tried on k answered items. Said only when fewer than all may do.
  const min = q.minAnswered ?? tooMany?.context?.min ?? minAnswered(id, q);
  return { score: null, errors, answered, of: q.items.length, min: min !== null && min < q.items.length ? min : null };
}

const minCache = {};
function minAnswered(id, q) {
  if (!(id in minCache)) {
    const v = q.answers[0].value, n = q.items.length;
    const k = Array.from({ length: n + 1 }, (_, i) => i).find((i) => attempt(id === "who5" ? og.scoreWho5 : og.scoreGse, Array.from({ length: n }, (_, j) => (j < i ? v : null)))[0]);
    minCache[id] = k ?? null;
  }
  return minCache[id];
}

function update(id) {
  const out = $(`${id}-result`);
  const entry = entryOf(id);
  const q = state.questionnaires[id];
  const items = entry ? entry.items : Array(q.items.length).fill(null);
  const { score, errors, answered, of, min } = scoreOf(id, items);
  showItemErrors(id, items, errors);
  out.replaceChildren();
  if (!score) {
    if (answered > 0) out.append(el("p", { id: `${id}-not-scored`, class: "notscored" }, el("strong", { text: t("not_scored")(answered, of) }), min ? ` ${t("needs")(min)}` : ""));
    return;
  }
  // The answer scale comes from the core's questionnaire() (minAnswer, maxAnswer) where it gives it.
  const scale = q.minAnswer !== undefined && q.maxAnswer !== undefined ? ` (${q.minAnswer}-${q.maxAnswer})` : "";
  if (id === "who5") {
    const bandName = label("who5_bands", score.band);
    const flags = [];
    if (score.poorWellbeing) flags.push(t("poor"));
    if (score.likelyDepression) flags.push(t("depression"));
    out.append(
      el("div", { class: "score" },
        el("div", {}, el("div", { class: "hint", text: t("raw") }), el("div", { class: "big", id: "who5-raw", text: `${score.raw}` })),
        el("div", {}, el("div", { class: "hint", text: t("index") }), el("div", { class: "big", id: "who5-index", text: `${score.index}` })),
        el("span", { class: `band ${score.band}`, id: "who5-band", "data-band": score.band, text: bandName })),
      el("p", { id: "who5-band-text" }, `${t("range")(...bandRange(score.band))}: `, el("strong", { text: bandName })),
      flags.length ? el("ul", { class: "flags" }, ...flags.map((f) => el("li", { text: f }))) : el("p", { class: "hint", text: t("no_flags") }));
    announce(t("announce_who5")(score.index, bandName));
  } else {
    out.append(
      el("div", { class: "score" },
        el("div", {}, el("div", { class: "hint", text: t("score") }), el("div", { class: "big", id: "gse-score", text: number(score.score, 1) })),
        el("div", {}, el("div", { class: "hint", text: t("mean") + scale }), el("div", { class: "big", text: number(score.mean, 2) }))),
      el("p", { id: "gse-imputed", "data-imputed": String(score.imputed), text: score.imputed ? t("imputed")(score.answered, of) : t("complete")(of) }));
    announce(t("announce_gse")(number(score.score, 1)));
  }
}

/** One line of the history: the score of a measurement, or why it has none. */
function summary(id, entry) {
  if (id === "ten") return t("m_rated")(Object.keys(entry.ratings || {}).length);
  const s = scoreOf(id, entry.items);
  if (!s.score) return t("not_scored")(s.answered, s.of);
  if (id === "who5") return `${t("index")} ${s.score.index} – ${label("who5_bands", s.score.band)}`;
  return `${t("score")} ${number(s.score.score, 1)}`;
}

function renderHistory(id) {
  const box = $(`${id}-history`);
  const list = R.history(state.doc, id);
  box.replaceChildren(el("h3", { text: t("m_history") }));
  if (!list.length) { box.append(el("p", { class: "hint", text: t("m_none") })); $(`${id}-change`).replaceChildren(); return; }
  const table = el("table", { class: "history" }, el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("m_date_col") }), el("th", { scope: "col", text: t("m_result_col") }), el("td"))));
  const body = el("tbody");
  for (const { entry, index } of list) {
    const edit = el("button", { type: "button", class: "small", "data-index": String(index), text: t("m_edit"), "aria-label": `${t("m_edit")} ${entry.date}` });
    edit.addEventListener("click", () => { state.cursor[id] = index; if (id === "ten") renderTenStep(); else renderQuestionnaire(id); $(`${id}-date`).focus(); });
    const del = el("button", { type: "button", class: "small danger", "data-index": String(index), text: t("m_delete"), "aria-label": `${t("m_delete")} ${entry.date}` });
    del.addEventListener("click", () => {
      if (!confirm(t("m_delete_confirm")(entry.date))) return;
      setDoc(R.removeEntry(state.doc, id, index));
      const c = state.cursor[id];
      state.cursor[id] = c === index ? null : c !== null && c > index ? c - 1 : c;
      if (id === "ten") renderTenStep(); else renderQuestionnaire(id);
    });
    const row = el("tr", { "data-index": String(index) }, el("td", { text: entry.date }), el("td", { text: summary(id, entry) }), el("td", { class: "rowactions" }, edit, del));
    if (state.cursor[id] === index) row.classList.add("current");
    body.append(row);
  }
  table.append(body);
  box.append(el("div", { class: "scroll" }, table));
  renderChange(id, list);
}

/** The change from the first to the latest scored measurement (the core classifies WHO-5's). */
function renderChange(id, list) {
  const out = $(`${id}-change`);
  out.replaceChildren();
  if (id === "ten") {
    const f = needFull();
    if (!f) return;
    const [dev] = attempt(f.tenStepDevelopment, list.map((x) => x.entry));
    const rows = (dev || []).filter((d) => d.ratings > 1);
    if (!rows.length) return;
    const labels = Object.fromEntries(og.tenStepAreas(lang).map((a) => [a.id, a.label]));
    out.append(el("h3", { text: t("m_change") }), el("table", { class: "history", id: "ten-development" },
      el("thead", {}, el("tr", {}, ...[t("area"), t("first"), t("latest"), t("delta")].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...rows.map((d) => el("tr", { "data-area": d.area }, el("td", { text: labels[d.area] || d.area }), el("td", { text: String(d.first) }), el("td", { text: String(d.latest) }), el("td", { text: `${d.change > 0 ? "+" : ""}${d.change}` }))))));
    return;
  }
  const scored = list.map((x) => scoreOf(id, x.entry.items).score).filter(Boolean);
  if (scored.length < 2) return;
  const value = (s) => (id === "who5" ? s.index : s.score);
  const [a, b] = [value(scored[0]), value(scored[scored.length - 1])];
  const d = id === "who5" ? b - a : Math.round((b - a) * 10) / 10;
  const text = t("since_first")(id === "who5" ? a : number(a, 1), id === "who5" ? b : number(b, 1), id === "who5" ? d : number(d, 1));
  const p = el("p", { id: `${id}-since-first`, "data-change": String(d) }, el("strong", { text: `${t("m_change")}: ` }), text);
  if (id === "who5") {
    const cls = og.who5Change(a, b);
    p.dataset.class = cls;
    p.append(` – ${label("who5_changes", cls)}`);
  }
  out.append(p);
}

// ---- ten-step ----
const tenEntry = () => (state.cursor.ten === null ? null : state.doc.ten_step[state.cursor.ten]);

function renderTenStep() {
  const form = $("ten-form");
  form.replaceChildren();
  if (!has("tenStepAreas", "tenStepStage", "options")) { form.append(el("p", { text: t("missing_build") })); $("ten-entry").hidden = true; return; }
  const entry = tenEntry();
  const table = el("table", { class: "ten" });
  for (const area of og.tenStepAreas(lang)) {
    const select = el("select", { id: `ten-${area.id}`, "aria-describedby": `ten-${area.id}-stage` });
    select.append(el("option", { value: "", text: t("not_rated") }));
    for (const s of steps()) select.append(el("option", { value: String(s), text: String(s) }));
    const v = entry?.ratings?.[area.id];
    if (v !== undefined) select.value = String(v);
    select.addEventListener("change", () => {
      const [doc, at] = R.setRating(state.doc, state.cursor.ten, area.id, select.value === "" ? null : Number(select.value), { date: $("ten-date").value || R.localDate() });
      state.cursor.ten = at;
      setDoc(doc);
      renderEntryHead("ten");
      updateTenStep();
      renderHistory("ten");
    });
    table.append(el("tr", {}, el("th", { scope: "row" }, el("label", { for: `ten-${area.id}`, text: area.label })), el("td", {}, select), el("td", { class: "stage", id: `ten-${area.id}-stage` })));
  }
  form.append(table);
  renderEntryHead("ten");
  updateTenStep();
  renderHistory("ten");
}

function updateTenStep() {
  const stages = og.options("ten_step_stages", lang);
  const ratings = tenEntry()?.ratings || {};
  for (const area of og.tenStepAreas(lang)) {
    const cell = $(`ten-${area.id}-stage`);
    const step = ratings[area.id];
    if (step === undefined) { cell.textContent = ""; continue; }
    const [stage, errors] = attempt(og.tenStepStage, step);
    cell.textContent = stage ? `${t("stage")}: ${stages.find((s) => s.id === stage).label}` : message(errors[0]);
    cell.dataset.stage = stage || "";
  }
  const out = $("ten-result");
  out.replaceChildren();
  if (!Object.keys(ratings).length) return;
  const f = needFull();
  if (!f) return;
  const [dims] = attempt(f.tenStepDimensions, ratings, undefined);
  if (!dims) return;
  const labels = og.options("ten_step_dimensions", lang);
  const key = { health: "health", relations: "relations", mentalWellbeing: "mental_wellbeing", optionsForAction: "options_for_action" };
  out.append(el("h3", { text: t("dims") }), el("dl", { class: "dims" }, ...Object.entries(dims).map(([k, v]) =>
    el("div", { id: `dim-${key[k]}` }, el("dt", { text: labels.find((l) => l.id === key[k]).label }), el("dd", v === null ? { class: "na", text: t("na") } : { text: number(v, 1) })))));
}

// ---- registration ----
const REG = { id: "reg-id", gender: "reg-gender", age: "reg-age", start: "reg-start", end: "reg-end", goal: "reg-goal" };
const FIELD_INPUT = { ...REG, age_band: "reg-age" };

function renderRegistration() {
  // Registration needs the domain model's functions; a build without them says so (no rules in JS).
  const available = has("genders", "interventions", "ageBand");
  $("reg-form").hidden = !available;
  for (const id of ["download", "load-file", "save-device"]) $(id).disabled = !available;
  $("reg-missing").hidden = available;
  $("reg-missing").textContent = t("missing_build");
  if (!available) return;
  const v = R.formValues(state.doc);
  const select = (id, first, list, value) => {
    $(id).replaceChildren(el("option", { value: "", text: first }), ...list.map((g) => el("option", { value: g.id, text: g.label })));
    // A value the lists do not know stays visible (the core reports it), never silently dropped.
    if (value && !list.some((g) => g.id === value)) $(id).append(el("option", { value, text: value }));
    $(id).value = value;
  };
  select("reg-gender", t("unknown"), og.genders(lang), v.gender);
  select("reg-goal", t("none_chosen"), has("intakeGoals") ? og.intakeGoals(lang) : [], v.goal);
  $("reg-goal").closest(".field").hidden = !has("intakeGoals");
  for (const k of ["id", "age", "start", "end"]) $(REG[k]).value = v[k];
  $("reg-trafficking").checked = v.anti_trafficking_referral;
  $("reg-anonymous").checked = v.anonymous;
  const boxes = (box, list, chosen, prefix, field) => {
    $(box).replaceChildren(...list.map((c) => {
      const input = el("input", { type: "checkbox", value: c.id, id: `${prefix}-${c.id}` });
      input.checked = chosen.includes(c.id);
      input.addEventListener("change", () => edit(field, [...$(box).querySelectorAll("input:checked")].map((i) => i.value)));
      return el("label", { class: "inline", for: `${prefix}-${c.id}` }, input, el("span", { text: c.label }));
    }));
  };
  boxes("reg-interventions", og.interventions(lang), v.interventions, "int", "interventions");
  boxes("reg-forms", has("prostitutionForms") ? og.prostitutionForms(lang) : [], v.forms, "form", "forms");
  $("reg-forms").closest("fieldset").hidden = !has("prostitutionForms");
  validateRegistration();
}

function edit(field, value) {
  setDoc(R.setField(state.doc, field, value));
  validateRegistration();
}

function showRegistrationErrors(errors) {
  for (const input of Object.values(REG)) { $(input).removeAttribute("aria-invalid"); $(`${input}-error`).textContent = ""; }
  const other = [];
  for (const e of errors) {
    const input = FIELD_INPUT[e.field];
    if (input) {
      if (!state.shown.has(e.field === "age_band" ? "age" : e.field)) continue;
      $(input).setAttribute("aria-invalid", "true");
      $(`${input}-error`).textContent = message(e);
    } else other.push(e);
  }
  return other;
}

/** Shows the registration's errors (the whole record is validated by the second module, loaded for
 * it once the registration is in use: shown, edited, or a record loaded). */
function validateRegistration() {
  if (!has("ageBand")) return false;
  const age = state.doc.age;
  const [band] = typeof age === "number" ? attempt(og.ageBand, age) : [null];
  const label = band && has("ageBands") ? og.ageBands(lang).find((b) => b.id === band)?.label : null;
  $("reg-age-band").textContent = band ? t("age_band")(label ?? band) : "";
  const inUse = !$("panel-reg").hidden || state.shown.size > 0 || Object.keys(state.doc).length > 0;
  const f = inUse ? needFull() : full;
  if (!f) return false;
  const out = $("reg-result");
  const [, errors] = attempt(f.recordFromJson, state.doc);
  const other = showRegistrationErrors(errors || []).filter(() => state.shown.size > 0);
  out.replaceChildren();
  if (!errors) out.append(el("p", { text: t("valid") }));
  else if (other.length) out.append(el("ul", { class: "flags" }, ...other.map((e) => el("li", { text: `${e.field}: ${message(e)}` }))));
  return !errors;
}

/** Validates the record for saving; shows every error (a save counts as leaving every field). */
async function readyToSave() {
  const f = await fullOrSay($("json-error"));
  if (!f) return false;
  const [, errors] = attempt(f.recordFromJson, state.doc);
  if (!errors) return true;
  for (const k of Object.keys(REG)) state.shown.add(k);
  state.markAll = { who5: true, gse: true };
  validateRegistration();
  const other = errors.filter((e) => !FIELD_INPUT[e.field]);
  $("json-error").textContent = [t("cannot_save"), ...other.map((e) => `${e.field}: ${message(e)}`)].join(" ");
  const first = errors.map((e) => FIELD_INPUT[e.field]).find(Boolean);
  if (first) setTimeout(() => $(first).focus(), 0);
  return false;
}

function downloadText(text, name, type) {
  const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a); a.click(); a.remove();
}

async function download() {
  $("json-error").textContent = "";
  if (!(await readyToSave())) { selectTab("reg"); return; }
  // The record itself is saved: every key as loaded, with the page's edits.
  downloadText(JSON.stringify(state.doc, null, 2), `${state.doc.id}.json`, "application/json");
  if (!state.savedId) state.saved = R.copy(state.doc);
  renderRecordBar();
  $("status").textContent = t("saved");
}

async function load(file) {
  const text = await file.text();
  const f = await fullOrSay($("json-error"));
  if (!f) return;
  const [, errors] = attempt(f.recordFromJson, text);
  $("json-error").textContent = errors ? errors.map((e) => `${e.field}: ${message(e)}`).join(" · ") : "";
  if (errors) return;
  if (dirty() && !confirm(t("new_confirm"))) return;
  loadDoc(JSON.parse(text));
  $("status").textContent = t("loaded");
}

// ---- the caseload on this device ----
let caseload = null;

async function renderCases() {
  const st = caseload ? "open" : await store.status();
  for (const s of ["none", "locked", "open"]) $(`vault-${s}`).hidden = s !== st;
  $("forget").hidden = st === "none";
  $("forget").parentElement.hidden = st === "none";
  if (st !== "open") {
    // A locked list shows nothing of the caseload.
    $("case-list").replaceChildren();
    $("case-search").value = $("project").value = $("case-count").textContent = $("case-empty").textContent = "";
    return;
  }
  $("project").value = caseload.settings.project || "";
  renderAutoLock();
  renderCaseList();
}

function renderCaseList() {
  const q = $("case-search").value.trim().toLowerCase();
  const all = caseload.list();
  const rows = all.filter((r) => r.id.toLowerCase().includes(q));
  $("case-count").textContent = all.length ? t("count")(all.length) : t("no_cases");
  const body = $("case-list");
  body.replaceChildren(...rows.map((r) => {
    const open = el("button", { type: "button", class: "small", text: t("open"), "aria-label": `${t("open")} ${r.id}` });
    open.addEventListener("click", () => openCase(r.id));
    const del = el("button", { type: "button", class: "small danger", text: t("remove"), "aria-label": `${t("remove")} ${r.id}` });
    del.addEventListener("click", async () => { if (confirm(t("remove_confirm")(r.id))) { await caseload.remove(r.id); if (state.savedId === r.id) state.savedId = null; renderCaseList(); renderRecordBar(); } });
    const n = ["who5", "gse", "ten_step"].reduce((s, k) => s + (Array.isArray(r.doc[k]) ? r.doc[k].length : 0), 0);
    return el("tr", { "data-id": r.id }, el("th", { scope: "row", text: r.id }), el("td", { text: r.doc.start || "" }), el("td", { text: String(n) }),
      el("td", { class: "saved", text: r.saved.slice(0, 10) }), el("td", { class: "rowactions" }, open, del));
  }));
  $("case-empty").textContent = all.length && !rows.length ? t("no_match") : "";
}

function openCase(id) {
  if (dirty() && !confirm(t("new_confirm"))) return;
  loadDoc(R.copy(caseload.get(id)), { savedId: id });
  selectTab("reg");
}

async function saveToDevice() {
  if (!caseload) { $("status").textContent = t("need_unlock"); selectTab("cases"); return; }
  if (!(await readyToSave())) { if (full) $("status").textContent = t("cannot_save"); selectTab("reg"); return; }
  const doc = state.doc;
  if (doc.id !== state.savedId && caseload.get(doc.id)) { $("status").textContent = t("id_taken"); return; }
  await caseload.put(R.copy(doc), state.savedId ?? doc.id);
  state.savedId = doc.id;
  state.saved = R.copy(doc);
  $("json-error").textContent = "";
  renderRecordBar();
  $("status").textContent = t("saved_device")(doc.id);
  if (!$("panel-cases").hidden) renderCaseList();
}

async function createVault(e) {
  e.preventDefault();
  const [a, b] = [$("pass-new").value, $("pass-repeat").value];
  const short = [...a].length < store.MIN_PASSPHRASE;
  $("pass-new-error").textContent = !a ? t("pass_empty") : short ? t("pass_short")(store.MIN_PASSPHRASE) : a !== b ? t("pass_mismatch") : "";
  if (!a || short || a !== b) return;
  caseload = await store.create(a);
  armAutoLock();
  $("pass-new").value = $("pass-repeat").value = "";
  await renderCases();
  $("case-search").focus();
}

async function unlockVault(e) {
  e.preventDefault();
  $("pass-error").textContent = "";
  $("pass-status").textContent = t("unlocking");
  try {
    caseload = await store.unlock($("pass").value);
    armAutoLock();
    $("pass").value = "";
    $("pass-status").textContent = "";
    await renderCases();
    $("case-search").focus();
  } catch (err) {
    $("pass-status").textContent = "";
    if (err instanceof store.WrongPassphrase) { $("pass-error").textContent = t("wrong_pass"); $("pass").select(); } else throw err;
  }
}

async function lockVault({ auto = false } = {}) {
  // Locking also closes the record on screen: nothing of the caseload stays readable. The
  // automatic lock does not ask: the worker is away, and the key must leave memory.
  if (!auto && dirty() && !confirm(t("new_confirm"))) return;
  if (state.savedId) loadDoc({});
  caseload?.close();
  caseload = null;
  armAutoLock(); // stops the timer
  state.savedId = null;
  $("import-result").replaceChildren();
  await renderCases();
  renderRecordBar();
  $("status").textContent = auto ? t("auto_locked") : t("locked");
}

// ---- automatic lock after inactivity (the key is dropped from memory) ----
const AUTO_LOCK_KEY = "overgang-autolock-minutes";
let autoLockMs = null; // a test hook may set milliseconds directly (window.overgangForm.setAutoLockMs)
let autoLockTimer = null;
function autoLockMinutes() {
  const v = Number(localStorage.getItem(AUTO_LOCK_KEY));
  return store.AUTO_LOCK_CHOICES.includes(v) ? v : store.AUTO_LOCK_DEFAULT;
}
/** (Re)starts the inactivity timer while the caseload is open. */
function armAutoLock() {
  clearTimeout(autoLockTimer);
  autoLockTimer = null;
  if (!caseload) return;
  autoLockTimer = setTimeout(() => { if (caseload) lockVault({ auto: true }); }, autoLockMs ?? autoLockMinutes() * 60_000);
}
function renderAutoLock() {
  const chosen = autoLockMinutes();
  $("autolock").replaceChildren(...store.AUTO_LOCK_CHOICES.map((n) => el("option", { value: String(n), text: t("minutes")(n) })));
  $("autolock").value = String(chosen);
}

async function changePassphrase(e) {
  e.preventDefault();
  const [old, a, b] = [$("pass-old").value, $("pass-next").value, $("pass-next-repeat").value];
  const short = [...a].length < store.MIN_PASSPHRASE;
  $("pass-change-error").textContent = !a ? t("pass_empty") : short ? t("pass_short")(store.MIN_PASSPHRASE) : a !== b ? t("pass_mismatch") : "";
  if (!a || short || a !== b) return;
  $("pass-change-status").textContent = t("changing");
  try {
    await caseload.changePassphrase(old, a);
  } catch (err) {
    $("pass-change-status").textContent = "";
    if (err instanceof store.WrongPassphrase) { $("pass-change-error").textContent = t("wrong_old_pass"); $("pass-old").select(); return; }
    throw err;
  }
  for (const id of ["pass-old", "pass-next", "pass-next-repeat"]) $(id).value = "";
  $("pass-change-status").textContent = t("pass_changed");
}

async function forgetDevice() {
  if (!confirm(t("forget_confirm"))) return;
  await store.forget(caseload);
  caseload = null;
  armAutoLock(); // stops the timer
  state.savedId = null;
  $("import-result").replaceChildren();
  await renderCases();
  renderRecordBar();
  $("status").textContent = t("forgotten");
}

/** The whole caseload as one cohort document, as `overgang report` reads it. */
function cohort() {
  return { project: caseload.settings.project || "overgang", participants: caseload.list().map((r) => r.doc) };
}

function exportCohort() {
  downloadText(JSON.stringify(cohort(), null, 2), "caseload.json", "application/json");
  $("status").textContent = t("exported");
}

async function importCohort(file) {
  const out = $("import-result");
  out.replaceChildren();
  const text = await file.text();
  const f = await fullOrSay(out);
  if (!f) return;
  // The core reads the document (JSON, the list of participants, every record, IDs unique) and
  // says what is wrong; the page restates none of it.
  const [, coreErrors] = attempt(f.cohortReport, text);
  const errors = coreErrors ?? [];
  const doc = errors.length ? null : JSON.parse(text);
  const list = doc ? doc.participants : [];
  if (errors.length) {
    out.append(el("p", { class: "error", text: t("import_bad") }), el("ul", { class: "flags" }, ...errors.slice(0, 20).map((e) => el("li", { text: `${e.field}: ${message(e)}` }))));
    return;
  }
  const { added, same, conflicts } = R.mergeById(caseload.list().map((r) => r.doc), list);
  for (const r of added) await caseload.put(r);
  if (!caseload.settings.project && typeof doc.project === "string") await caseload.saveSettings({ ...caseload.settings, project: doc.project });
  out.append(el("p", { id: "import-summary", text: t("imported")(added.length, same.length, conflicts.length) }));
  if (conflicts.length) {
    const ul = el("ul", { class: "conflicts", id: "conflicts" });
    for (const c of conflicts) {
      const keys = [...new Set([...Object.keys(c.mine), ...Object.keys(c.theirs)])].filter((k) => !R.sameJson(c.mine[k], c.theirs[k]));
      const mine = el("button", { type: "button", class: "small", text: t("keep_mine") });
      const theirs = el("button", { type: "button", class: "small", text: t("use_theirs") });
      const show = (v) => (v === undefined || v === null ? "–" : typeof v === "object" ? (Array.isArray(v) ? `[${v.length}]` : "{…}") : String(v));
      const detail = keys.map((k) => `${k}: ${show(c.mine[k])} → ${show(c.theirs[k])}`).join("; ");
      const li = el("li", { "data-id": c.id }, el("strong", { text: c.id }), " ", el("span", { class: "hint", text: t("conflict_fields")(detail) }), " ", el("span", { class: "choices" }, mine, theirs));
      mine.addEventListener("click", () => li.replaceChildren(el("strong", { text: c.id }), ` – ${t("resolved_mine")}`));
      theirs.addEventListener("click", async () => { await caseload.put(c.theirs); li.replaceChildren(el("strong", { text: c.id }), ` – ${t("resolved_theirs")}`); renderCaseList(); });
      ul.append(li);
    }
    out.append(el("p", { text: t("conflict_title") }), ul);
  }
  renderCases();
}

// ---- the report (the second wasm module, loaded when first needed) ----
let lastReport = null;
/** The report options the worker typed: a number where a number was typed, else the text for
 * the core to refuse; an empty field keeps the core's default. */
function reportInputs() {
  const value = (id) => { const v = $(id).value.trim(); return v === "" ? undefined : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v; };
  return { asOf: value("report-as-of"), minCell: value("report-min-cell") };
}
const REPORT_INPUT = { asOf: "report-as-of", as_of: "report-as-of", minCell: "report-min-cell", min_cell: "report-min-cell" };

async function renderReport() {
  const status = $("report-status");
  $("report-actions").hidden = true;
  $("report-frame").hidden = true;
  for (const id of ["report-as-of", "report-min-cell"]) { $(id).removeAttribute("aria-invalid"); $(`${id}-error`).textContent = ""; }
  if (!caseload) { status.textContent = t("report_need"); return; }
  if (!caseload.list().length) { status.textContent = t("report_empty"); return; }
  if (!full) status.textContent = t("report_loading");
  const f = await fullOrSay(status);
  if (!f) return;
  // The defaults in effect (the CLI's), shown as the fields' placeholders: from the core.
  const defaults = f.reportOptions({});
  $("report-min-cell").placeholder = String(defaults.min_cell);
  $("report-as-of").placeholder = defaults.as_of ?? "";
  // The options are read by the core's one reader: its errors, in the page's language, go beside the fields.
  const [, optionErrors] = attempt(f.reportOptions, reportInputs());
  if (optionErrors) {
    for (const e of optionErrors) {
      const id = REPORT_INPUT[e.field];
      if (!id) continue;
      $(id).setAttribute("aria-invalid", "true");
      $(`${id}-error`).textContent = message(e);
    }
    status.textContent = t("report_fix");
    return;
  }
  const doc = cohort();
  try {
    lastReport = { json: f.cohortReport(doc, reportInputs()), html: f.cohortRender(doc, { ...reportInputs(), format: "html", lang }) };
  } catch (e) {
    if (e?.name !== "ValidationError") throw e;
    status.textContent = `${t("report_failed")} ${e.errors.map((x) => `${x.field}: ${message(x)}`).join(" · ")}`;
    return;
  }
  status.textContent = "";
  $("report-frame").srcdoc = lastReport.html;
  $("report-frame").hidden = false;
  $("report-actions").hidden = false;
  document.body.dataset.report = "ready";
}

// ---- page ----
function renderAll() {
  document.documentElement.lang = lang;
  document.title = t("doc_title");
  for (const e of document.querySelectorAll("[data-t]")) { const v = t(e.dataset.t); e.textContent = typeof v === "function" ? v(store.MIN_PASSPHRASE) : v; }
  for (const e of document.querySelectorAll("[data-t-label]")) e.setAttribute("aria-label", t(e.dataset.tLabel));
  for (const e of document.querySelectorAll("[data-t-title]")) e.setAttribute("title", t(e.dataset.tTitle));
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  renderQuestionnaire("who5");
  renderQuestionnaire("gse");
  renderTenStep();
  renderRegistration();
  renderRecordBar();
  if (caseload && !$("panel-cases").hidden) renderCaseList();
  if (!$("panel-report").hidden) renderReport();
}

let selectTab = () => {};
/**
 * On a narrow screen the tab row scrolls sideways: keeps the selected tab in view, clear of the
 * fades at the row's edges (as wide as the row's padding, style.css). The browser's own scrolling
 * on focus or click only brings it inside the row, where a fade may still cover it.
 */
function keepSelectedTabInView() {
  const tab = document.querySelector('[role="tab"][aria-selected="true"]');
  const list = tab.parentElement;
  const style = getComputedStyle(list);
  const nav = list.getBoundingClientRect(), r = tab.getBoundingClientRect();
  const left = nav.left + parseFloat(style.paddingLeft), right = nav.right - parseFloat(style.paddingRight);
  if (r.left < left) list.scrollLeft -= left - r.left + 16;
  else if (r.right > right) list.scrollLeft += r.right - right + 16;
}
function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab, focus = true) => {
    for (const t2 of tabs) {
      const on = t2 === tab;
      t2.setAttribute("aria-selected", String(on));
      t2.tabIndex = on ? 0 : -1;
      $(t2.getAttribute("aria-controls")).hidden = !on;
    }
    if (focus) tab.focus();
    // On a narrow screen the tab row scrolls: keep the selected tab in view.
    keepSelectedTabInView();
    if (tab.id === "tab-reg") validateRegistration();
    if (tab.id === "tab-cases") renderCases();
    if (tab.id === "tab-report") renderReport();
  };
  selectTab = (name) => select($(`tab-${name}`), false);
  // A phone turned, or a window made narrower: the row may scroll now.
  addEventListener("resize", keepSelectedTabInView);
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (e) => {
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (to !== undefined) { e.preventDefault(); select(tabs[(to + tabs.length) % tabs.length]); }
    });
  });
}

async function main() {
  await init();
  setupTabs();
  for (const b of document.querySelectorAll("[data-lang]")) b.addEventListener("click", () => { lang = b.dataset.lang; renderAll(); $("status").textContent = t("ready"); });
  for (const [field, id] of Object.entries(REG)) {
    $(id).addEventListener("input", () => edit(field, $(id).value));
    // Errors show once a field is left (or on save), not while it is first typed.
    $(id).addEventListener("blur", () => { state.shown.add(field); validateRegistration(); });
  }
  $("reg-trafficking").addEventListener("change", () => edit("anti_trafficking_referral", $("reg-trafficking").checked));
  $("reg-anonymous").addEventListener("change", () => edit("anonymous", $("reg-anonymous").checked));
  for (const id of ["who5", "gse", "ten"]) {
    $(`${id}-date`).addEventListener("change", () => onDate(id));
    $(`${id}-new`).addEventListener("click", () => newMeasurement(id));
  }
  $("download").addEventListener("click", download);
  $("load-file").addEventListener("change", (e) => { if (e.target.files[0]) load(e.target.files[0]); e.target.value = ""; });
  $("save-device").addEventListener("click", saveToDevice);
  $("new-record").addEventListener("click", () => { if (!dirty() || confirm(t("new_confirm"))) { loadDoc({}); selectTab("reg"); $("reg-id").focus(); } });
  $("vault-none").addEventListener("submit", createVault);
  $("vault-locked").addEventListener("submit", unlockVault);
  $("lock").addEventListener("click", () => lockVault());
  $("change-pass").addEventListener("submit", changePassphrase);
  $("autolock").addEventListener("change", () => { localStorage.setItem(AUTO_LOCK_KEY, $("autolock").value); armAutoLock(); });
  // Any use of the page counts as activity and restarts the inactivity timer.
  for (const type of ["pointerdown", "keydown", "input", "wheel"]) document.addEventListener(type, () => { if (caseload) armAutoLock(); }, { capture: true, passive: true });
  // A test hook: a short inactivity timeout in milliseconds, instead of waiting minutes.
  window.overgangForm = { setAutoLockMs(ms) { autoLockMs = ms; armAutoLock(); } };
  $("forget").addEventListener("click", forgetDevice);
  $("case-search").addEventListener("input", renderCaseList);
  $("project").addEventListener("change", () => caseload.saveSettings({ ...caseload.settings, project: $("project").value.trim() }));
  $("export").addEventListener("click", exportCohort);
  $("import-file").addEventListener("change", (e) => { if (e.target.files[0]) importCohort(e.target.files[0]); e.target.value = ""; });
  for (const id of ["report-as-of", "report-min-cell"]) $(id).addEventListener("change", renderReport);
  $("report-options").addEventListener("submit", (e) => { e.preventDefault(); renderReport(); });
  $("report-json").addEventListener("click", () => downloadText(JSON.stringify(lastReport.json, null, 2), "report.json", "application/json"));
  $("report-html").addEventListener("click", () => downloadText(lastReport.html, "report.html", "text/html"));
  window.addEventListener("resize", keepSelectedTabInView);
  window.addEventListener("beforeunload", (e) => { if (dirty()) { e.preventDefault(); e.returnValue = t("leave_warning"); } });
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});
  loadDoc({});
  $("status").textContent = t("ready");
  document.body.dataset.ready = "true";
}

main().catch((e) => { $("status").textContent = `Error: ${e.message}`; });
