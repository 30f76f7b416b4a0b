// The form's glue: gathers inputs, calls the overgang wasm build, shows results and errors.
// No rule lives here: scores, bands, stages, dimensions and validation all come from the core.
import init, * as og from "../pkg-web/overgang.js";

const UI = {
  da: {
    skip: "Spring til indhold", title: "Forløbsdokumentation", lead: "Udfyld spørgeskemaer og registrering. Alt beregnes her på enheden – intet sendes.",
    tab_who5: "WHO-5 trivsel", tab_gse: "Mestring (GSE)", tab_ten: "Ti-trinsskala", tab_reg: "Registrering",
    ten_title: "Ti-trinsskala", ten_stem: "Vurdér hvert område på et trin fra 1 til 10. Lad et område stå tomt, hvis det ikke vurderes.",
    reg_title: "Registrering af deltager", reg_stem: "Brug projektets pseudonyme ID – aldrig navn eller CPR-nummer.",
    reg_id: "Deltager-ID", reg_gender: "Køn", reg_age: "Alder ved start", reg_start: "Startdato", reg_end: "Slutdato (hvis afsluttet)",
    reg_interventions: "Modtagne indsatser", reg_trafficking: "Henvist til indsatser mod menneskehandel", reg_date: "Dato for spørgeskemaer og vurdering",
    download: "Hent JSON", load: "Indlæs JSON", foot: "Beregnet med overgang (WebAssembly). Samme regler som i analyser og rapporter.",
    ready: "Klar. Alle beregninger sker lokalt i browseren.", raw: "Råscore", index: "Indeks", score: "Score", mean: "Gennemsnit",
    poor: "WHO's screening: tegn på nedsat trivsel. Overvej at tale med borgeren om det.", depression: "WHO's screening: tegn på mulig depression. Henvis til en nærmere vurdering.",
    no_flags: "Ingen screeningstegn.", imputed: (n) => `${10 - n} manglende svar er erstattet med gennemsnittet af de ${n} besvarede.`, complete: "Alle 10 spørgsmål er besvaret.",
    too_many: "For mange manglende svar: GSE kan kun beregnes, når mindst 7 af 10 er besvaret.", answer_all: "Besvar alle spørgsmål for at se en score.",
    gse_fallback: "GSE findes kun på engelsk i overgang; teksten vises derfor på engelsk.", not_rated: "–", stage: "Stadie", dims: "Dimensioner (gennemsnit af vurderede områder)",
    unknown: "Ukendt", age_band: (b) => `Aldersgruppe: ${b}`, valid: "Registreringen er gyldig.", saved: "JSON hentet.", loaded: "JSON indlæst.",
    na: "ikke vurderet", missing_build: "Ikke tilgængelig i denne version.",
    item_missing: "Besvar venligst dette spørgsmål.",
    codes: { missing: "Skal udfyldes.", out_of_range: "Værdien ligger uden for det tilladte område.", not_a_number: "Skal være et tal.", not_an_integer: "Skal være et helt tal.", contains_cpr: "Dette ligner et CPR-nummer. Brug projektets pseudonyme ID.", invalid_format: "Ugyldigt format (en dato skrives ÅÅÅÅ-MM-DD).", too_long: "For langt.", inconsistent: "Passer ikke med de andre oplysninger (fx slutdato før startdato).", unknown_value: "Ukendt værdi." },
    range: (lo, hi) => `Indeks ${lo}-${hi}`,
    bands: { high_risk: ["Stor risiko", "stor risiko for depression eller stress. Tal med borgeren om det og overvej henvisning."], risk: ["Risiko", "risiko for depression eller stress. Følg op ved næste måling."], no_immediate_risk: ["Ingen umiddelbar risiko", "ingen umiddelbar risiko for depression eller stress."] },
  },
  en: {
    skip: "Skip to content", title: "Course documentation", lead: "Fill in questionnaires and registration. Everything is computed on this device – nothing is sent.",
    tab_who5: "WHO-5 wellbeing", tab_gse: "Self-efficacy (GSE)", tab_ten: "Ten-step scale", tab_reg: "Registration",
    ten_title: "Ten-step scale", ten_stem: "Rate each area on a step from 1 to 10. Leave an area empty if it is not rated.",
    reg_title: "Participant registration", reg_stem: "Use the project's pseudonymous ID – never a name or a CPR number.",
    reg_id: "Participant ID", reg_gender: "Gender", reg_age: "Age at start", reg_start: "Start date", reg_end: "End date (if ended)",
    reg_interventions: "Interventions received", reg_trafficking: "Referred to anti-trafficking services", reg_date: "Date of questionnaires and assessment",
    download: "Download JSON", load: "Load JSON", foot: "Computed with overgang (WebAssembly). The same rules as in analyses and reports.",
    ready: "Ready. All computation happens locally in the browser.", raw: "Raw score", index: "Index", score: "Score", mean: "Mean",
    poor: "WHO's screening: signs of poor wellbeing. Consider talking with the citizen about it.", depression: "WHO's screening: signs of likely depression. Refer for a closer assessment.",
    no_flags: "No screening flags.", imputed: (n) => `${10 - n} missing answers are imputed with the mean of the ${n} answered.`, complete: "All 10 items answered.",
    too_many: "Too many missing answers: GSE is scored only when at least 7 of 10 are answered.", answer_all: "Answer every item to see a score.",
    gse_fallback: "", not_rated: "–", stage: "Stage", dims: "Dimensions (mean of rated areas)",
    unknown: "Unknown", age_band: (b) => `Age band: ${b}`, valid: "The registration is valid.", saved: "JSON downloaded.", loaded: "JSON loaded.",
    na: "not rated", missing_build: "Not available in this build.", item_missing: null, codes: null,
    range: (lo, hi) => `Index ${lo}-${hi}`,
    bands: { high_risk: ["High risk", "high risk of depression or stress. Talk with the citizen and consider a referral."], risk: ["Risk", "risk of depression or stress. Follow up at the next measurement."], no_immediate_risk: ["No immediate risk", "no immediate risk of depression or stress."] },
  },
};

let lang = "da";
const $ = (id) => document.getElementById(id);
const t = (key) => UI[lang][key];
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) (k === "text" ? (e.textContent = v) : e.setAttribute(k, v));
  e.append(...children);
  return e;
};
/** The message for one core error, in the page's language (English: the core's own message). */
const message = (err) => (UI[lang].codes && UI[lang].codes[err.code]) || err.message;
/** Calls the core; returns [result, null] or [null, errors] for a ValidationError. */
function attempt(fn, ...args) {
  try {
    return [fn(...args), null];
  } catch (e) {
    if (e && e.name === "ValidationError") return [null, e.errors];
    throw e;
  }
}
/** The index range of each WHO-5 band, read from the core's own band rule (never restated here). */
let bandRanges = null;
function bandRange(band) {
  if (!bandRanges) {
    bandRanges = {};
    for (let i = 0; i <= 100; i++) {
      const b = og.who5Band(i);
      bandRanges[b] = bandRanges[b] ? [bandRanges[b][0], i] : [i, i];
    }
  }
  return bandRanges[band];
}
const today = () => new Date().toISOString().slice(0, 10);

// ---- questionnaires (WHO-5, GSE) ----
const answers = { who5: Array(5).fill(null), gse: Array(10).fill(null) };
const touched = { who5: false, gse: false };

function renderQuestionnaire(id) {
  const q = og.questionnaire(id, lang);
  $(`${id}-title`).textContent = q.title;
  $(`${id}-stem`).textContent = q.stem;
  if (id === "gse") {
    $("gse-lang-note").hidden = !q.fallback;
    $("gse-lang-note").textContent = t("gse_fallback");
  }
  const form = $(`${id}-form`);
  form.replaceChildren();
  q.items.forEach((text, i) => {
    const name = `${id}-item${i + 1}`;
    const options = el("div", { class: "options" });
    for (const a of q.answers) {
      const input = el("input", { type: "radio", name, value: String(a.value), id: `${name}-${a.value}` });
      if (answers[id][i] === a.value) input.checked = true;
      input.addEventListener("change", () => { answers[id][i] = a.value; touched[id] = true; update(id); });
      options.append(el("label", { for: `${name}-${a.value}` }, input, el("span", { text: `${a.label} (${a.value})` })));
    }
    const fs = el("fieldset", { class: "item", id: `${name}`, "aria-describedby": `${name}-error` },
      el("legend", { text: `${i + 1}. ${text}` }), options, el("p", { class: "error", id: `${name}-error` }));
    form.append(fs);
  });
  update(id);
}

function showItemErrors(id, errors, count) {
  for (let i = 1; i <= count; i++) {
    $(`${id}-item${i}`).classList.remove("invalid");
    $(`${id}-item${i}-error`).textContent = "";
  }
  for (const e of errors) {
    const m = /^item(\d+)$/.exec(e.field);
    if (!m) continue;
    $(`${id}-item${m[1]}`).classList.add("invalid");
    $(`${id}-item${m[1]}-error`).textContent = e.code === "missing" && t("item_missing") ? t("item_missing") : message(e);
  }
}

function update(id) {
  const out = $(`${id}-result`);
  const [score, errors] = attempt(id === "who5" ? og.scoreWho5 : og.scoreGse, answers[id]);
  // Missing answers are marked once the person has started; before that the form is just empty.
  showItemErrors(id, touched[id] && errors ? errors : [], answers[id].length);
  out.replaceChildren();
  if (id === "who5") {
    if (!score) { if (touched.who5) out.append(el("p", { text: t("answer_all") })); return; }
    const [bandName, bandText] = t("bands")[score.band];
    const flags = [];
    if (score.poorWellbeing) flags.push(t("poor"));
    if (score.likelyDepression) flags.push(t("depression"));
    out.append(
      el("div", { class: "score" },
        el("div", {}, el("div", { class: "hint", text: t("raw") }), el("div", { class: "big", id: "who5-raw", text: `${score.raw}` })),
        el("div", {}, el("div", { class: "hint", text: t("index") }), el("div", { class: "big", id: "who5-index", text: `${score.index}` })),
        el("span", { class: `band ${score.band}`, id: "who5-band", "data-band": score.band, text: bandName })),
      el("p", { id: "who5-band-text" }, el("strong", { text: `${t("range")(...bandRange(score.band))}: ` }), bandText),
      flags.length ? el("ul", { class: "flags" }, ...flags.map((f) => el("li", { text: f }))) : el("p", { class: "hint", text: t("no_flags") }));
  } else {
    if (!score) {
      if (errors && errors.some((e) => e.code === "too_many_missing") && touched.gse) out.append(el("p", { id: "gse-too-many", text: t("too_many") }));
      return;
    }
    out.append(
      el("div", { class: "score" },
        el("div", {}, el("div", { class: "hint", text: t("score") + " (10-40)" }), el("div", { class: "big", id: "gse-score", text: score.score.toFixed(1) })),
        el("div", {}, el("div", { class: "hint", text: t("mean") + " (1-4)" }), el("div", { class: "big", text: score.mean.toFixed(2) }))),
      el("p", { id: "gse-imputed", "data-imputed": String(score.imputed), text: score.imputed ? t("imputed")(score.answered) : t("complete") }));
  }
}

// ---- ten-step ----
const ratings = {};

function renderTenStep() {
  const form = $("ten-form");
  form.replaceChildren();
  if (!["tenStepAreas", "tenStepStage", "tenStepDimensions", "options"].every((f) => typeof og[f] === "function")) { form.append(el("p", { text: t("missing_build") })); return; }
  const table = el("table", { class: "ten" });
  for (const area of og.tenStepAreas(lang)) {
    const select = el("select", { id: `ten-${area.id}`, "aria-describedby": `ten-${area.id}-stage` });
    select.append(el("option", { value: "", text: t("not_rated") }));
    for (let s = 1; s <= 10; s++) select.append(el("option", { value: String(s), text: String(s) }));
    if (ratings[area.id]) select.value = String(ratings[area.id]);
    select.addEventListener("change", () => {
      if (select.value === "") delete ratings[area.id]; else ratings[area.id] = Number(select.value);
      updateTenStep();
    });
    table.append(el("tr", {}, el("th", { scope: "row" }, el("label", { for: `ten-${area.id}`, text: area.label })), el("td", {}, select), el("td", { class: "stage", id: `ten-${area.id}-stage` })));
  }
  form.append(table);
  updateTenStep();
}

function updateTenStep() {
  const stages = og.options("ten_step_stages", lang);
  for (const area of og.tenStepAreas(lang)) {
    const cell = $(`ten-${area.id}-stage`);
    const step = ratings[area.id];
    if (step === undefined) { cell.textContent = ""; continue; }
    const [stage, errors] = attempt(og.tenStepStage, step);
    cell.textContent = stage ? `${t("stage")}: ${stages.find((s) => s.id === stage).label}` : message(errors[0]);
    cell.dataset.stage = stage || "";
  }
  const out = $("ten-result");
  const [dims] = attempt(og.tenStepDimensions, ratings, undefined);
  out.replaceChildren();
  if (!dims) return;
  const labels = og.options("ten_step_dimensions", lang);
  const key = { health: "health", relations: "relations", mentalWellbeing: "mental_wellbeing", optionsForAction: "options_for_action" };
  out.append(el("h3", { text: t("dims") }), el("dl", { class: "dims" }, ...Object.entries(dims).map(([k, v]) =>
    el("div", { id: `dim-${key[k]}` }, el("dt", { text: labels.find((l) => l.id === key[k]).label }), el("dd", v === null ? { class: "na", text: t("na") } : { text: v.toFixed(1).replace(".", lang === "da" ? "," : ".") })))));
}

// ---- registration and JSON ----
function renderRegistration() {
  // Registration needs the domain model's functions; a build without them says so (no rules in JS).
  const available = ["genders", "interventions", "recordFromJson", "ageBand"].every((f) => typeof og[f] === "function");
  $("reg-form").hidden = !available;
  for (const id of ["download", "load-file"]) $(id).disabled = !available;
  $("reg-missing").hidden = available;
  $("reg-missing").textContent = t("missing_build");
  if (!available) return;
  const gender = $("reg-gender");
  const current = gender.value;
  gender.replaceChildren(el("option", { value: "", text: t("unknown") }), ...og.genders(lang).map((g) => el("option", { value: g.id, text: g.label })));
  gender.value = current;
  const box = $("reg-interventions");
  const checked = new Set([...box.querySelectorAll("input:checked")].map((i) => i.value));
  box.replaceChildren(...og.interventions(lang).map((c) => {
    const input = el("input", { type: "checkbox", value: c.id, id: `int-${c.id}` });
    input.checked = checked.has(c.id);
    return el("label", { class: "inline", for: `int-${c.id}` }, input, el("span", { text: c.label }));
  }));
}

/** The participant record as the cohort report reads it. */
function record() {
  const r = { id: $("reg-id").value.trim() };
  if ($("reg-gender").value) r.gender = $("reg-gender").value;
  const age = $("reg-age").value.trim();
  if (age !== "") r.age = /^-?\d+(\.\d+)?$/.test(age) ? Number(age) : age; // text is sent as text: the core refuses it
  if ($("reg-start").value) r.start = $("reg-start").value; // empty: the core reports it missing
  if ($("reg-end").value) r.end = $("reg-end").value;
  r.anti_trafficking_referral = $("reg-trafficking").checked;
  r.interventions = [...$("reg-interventions").querySelectorAll("input:checked")].map((i) => ({ category: i.value }));
  const date = $("reg-date").value || today();
  if (answers.who5.some((a) => a !== null)) r.who5 = [{ date, items: answers.who5 }];
  if (answers.gse.some((a) => a !== null)) r.gse = [{ date, items: answers.gse }];
  if (Object.keys(ratings).length) r.ten_step = [{ date, ratings: { ...ratings } }];
  return r;
}

const FIELD_INPUT = { id: "reg-id", gender: "reg-gender", age: "reg-age", age_band: "reg-age", start: "reg-start", end: "reg-end" };

function showRegistrationErrors(errors) {
  for (const input of Object.values(FIELD_INPUT)) { $(input).removeAttribute("aria-invalid"); $(`${input}-error`).textContent = ""; }
  const other = [];
  for (const e of errors) {
    const input = FIELD_INPUT[e.field];
    if (input) { $(input).setAttribute("aria-invalid", "true"); $(`${input}-error`).textContent = message(e); } else other.push(e);
  }
  return other;
}

function validateRegistration() {
  const out = $("reg-result");
  const [, errors] = attempt(og.recordFromJson, record());
  const other = showRegistrationErrors(errors || []);
  out.replaceChildren(errors ? el("ul", { class: "flags" }, ...other.map((e) => el("li", { text: `${e.field}: ${message(e)}` }))) : el("p", { text: t("valid") }));
  if (errors && !other.length) out.replaceChildren();
  const age = $("reg-age").value.trim();
  const [band] = age ? attempt(og.ageBand, Number(age)) : [null];
  $("reg-age-band").textContent = band ? t("age_band")(band) : "";
  return !errors;
}

function download() {
  const [rec, errors] = attempt(og.recordFromJson, record());
  $("json-error").textContent = errors ? errors.map((e) => `${e.field}: ${message(e)}`).join(" · ") : "";
  if (!rec) { validateRegistration(); return; }
  const blob = new Blob([JSON.stringify(rec, null, 2)], { type: "application/json" });
  const a = el("a", { href: URL.createObjectURL(blob), download: `${rec.id}.json` });
  document.body.append(a); a.click(); a.remove();
  $("status").textContent = t("saved");
}

async function load(file) {
  const [rec, errors] = attempt(og.recordFromJson, await file.text());
  $("json-error").textContent = errors ? errors.map((e) => `${e.field}: ${message(e)}`).join(" · ") : "";
  if (!rec) return;
  $("reg-id").value = rec.id; $("reg-gender").value = rec.gender || ""; $("reg-age").value = rec.age ?? "";
  $("reg-start").value = rec.start; $("reg-end").value = rec.end || "";
  $("reg-trafficking").checked = !!rec.anti_trafficking_referral;
  const cats = new Set((rec.interventions || []).map((i) => i.category));
  for (const box of $("reg-interventions").querySelectorAll("input")) box.checked = cats.has(box.value);
  const last = (list) => (list && list.length ? list[list.length - 1] : null);
  const w = last(rec.who5), g = last(rec.gse), s = last(rec.ten_step);
  answers.who5 = w ? w.items : Array(5).fill(null); touched.who5 = !!w;
  answers.gse = g ? g.items : Array(10).fill(null); touched.gse = !!g;
  for (const k of Object.keys(ratings)) delete ratings[k];
  if (s) Object.assign(ratings, s.ratings);
  $("reg-date").value = (w || g || s || {}).date || "";
  renderAll();
  validateRegistration();
  $("status").textContent = t("loaded");
}

// ---- page ----
function renderAll() {
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  renderQuestionnaire("who5");
  renderQuestionnaire("gse");
  renderTenStep();
  renderRegistration();
}

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab) => {
    for (const t2 of tabs) {
      const on = t2 === tab;
      t2.setAttribute("aria-selected", String(on));
      t2.tabIndex = on ? 0 : -1;
      $(t2.getAttribute("aria-controls")).hidden = !on;
    }
    tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (e) => {
      const d = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (d) { e.preventDefault(); select(tabs[(i + d + tabs.length) % tabs.length]); }
    });
  });
}

async function main() {
  await init();
  setupTabs();
  for (const b of document.querySelectorAll("[data-lang]")) b.addEventListener("click", () => { lang = b.dataset.lang; renderAll(); $("status").textContent = t("ready"); });
  for (const id of ["reg-id", "reg-gender", "reg-age", "reg-start", "reg-end", "reg-trafficking"]) $(id).addEventListener("input", validateRegistration);
  $("reg-interventions").addEventListener("change", validateRegistration);
  $("download").addEventListener("click", download);
  $("load-file").addEventListener("change", (e) => e.target.files[0] && load(e.target.files[0]));
  $("reg-date").value = today();
  renderAll();
  $("status").textContent = t("ready");
  document.body.dataset.ready = "true";
}

main().catch((e) => { $("status").textContent = `Error: ${e.message}`; });
