// The page's own texts in Danish and English, and the message shown for a core error.
// No domain rule or limit is written here: what is allowed comes from the error's `context`
// (given by the core) or, in English, from the core's own message.

export const UI = {
  da: {
    doc_title: "overgang – spørgeskemaer og registrering", skip: "Spring til indhold", title: "Forløbsdokumentation",
    lead: "Udfyld spørgeskemaer og registrering. Alt beregnes og gemmes her på enheden – intet sendes.",
    lang_group: "Sprog", tablist: "Skemaer", current: "Deltager", no_id: "ny deltager (uden gyldigt ID)",
    unsaved: "Ikke gemt", saved_state: "Gemt", save_device: "Gem på enheden", new_record: "Ny deltager",
    tab_who5: "WHO-5 trivsel", tab_gse: "Mestring (GSE)", tab_ten: "Ti-trinsskala", tab_reg: "Registrering", tab_cases: "Deltagere", tab_report: "Rapport",
    ten_title: "Ti-trinsskala", ten_stem: "Vurdér hvert område på et trin. Lad et område stå tomt, hvis det ikke vurderes.",
    reg_title: "Registrering af deltager", reg_stem: "Brug projektets pseudonyme ID – aldrig navn eller CPR-nummer.",
    reg_id: "Deltager-ID", reg_gender: "Køn", reg_age: "Alder ved start", reg_start: "Startdato", reg_end: "Slutdato (hvis afsluttet)",
    reg_goal: "Mål ved start", reg_forms: "Former for prostitution", reg_anonymous: "Anonym deltagelse (ikke skrevet i en sag)",
    reg_interventions: "Modtagne indsatser", reg_trafficking: "Henvist til indsatser mod menneskehandel",
    m_date: "Dato for målingen", m_new: "Ny måling", m_editing_new: "Ny måling – den gemmes i forløbet, når første svar er givet.",
    m_editing: (d) => `Du retter målingen fra ${d}.`, m_history: "Målinger i forløbet", m_none: "Ingen målinger endnu.",
    m_edit: "Ret", m_delete: "Slet", m_delete_confirm: (d) => `Slet målingen fra ${d}?`, m_date_col: "Dato", m_result_col: "Resultat",
    m_change: "Ændring siden første måling", m_rated: (n) => `${n} områder vurderet`,
    since_first: (a, b, d) => `Fra ${a} til ${b} (${d > 0 ? "+" : ""}${d})`,
    area: "Område", first: "Første", latest: "Seneste", delta: "Ændring",
    download: "Hent JSON", load: "Indlæs JSON", foot: "Beregnet med overgang (WebAssembly). Samme regler som i analyser og rapporter.",
    ready: "Klar. Alle beregninger sker lokalt i browseren.", raw: "Råscore", index: "Indeks", score: "Score", mean: "Gennemsnit",
    poor: "WHO's screening: tegn på nedsat trivsel. Overvej at tale med borgeren om det.", depression: "WHO's screening: tegn på mulig depression. Henvis til en nærmere vurdering.",
    no_flags: "Ingen screeningstegn.", imputed: (n, of) => `${of - n} manglende svar er erstattet med gennemsnittet af de ${n} besvarede.`, complete: (n) => `Alle ${n} spørgsmål er besvaret.`,
    not_scored: (n, of) => `Ikke beregnet: ${n} af ${of} besvaret.`, needs: (min) => `Scoren beregnes, når mindst ${min} er besvaret.`,
    gse_fallback: "GSE findes kun på engelsk i overgang; teksten vises derfor på engelsk.", not_rated: "–", stage: "Stadie", dims: "Dimensioner (gennemsnit af vurderede områder)",
    unknown: "Ukendt", none_chosen: "Ikke oplyst", age_band: (b) => `Aldersgruppe: ${b}`, valid: "Registreringen er gyldig.", saved: "JSON hentet.", loaded: "JSON indlæst.",
    na: "ikke vurderet", missing_build: "Ikke tilgængelig i denne version.", item_missing: "Besvar venligst dette spørgsmål.",
    announce_who5: (i, b) => `WHO-5 beregnet: indeks ${i}, ${b}.`, announce_gse: (s) => `GSE beregnet: score ${s}.`,
    leave_warning: "Der er ændringer, som ikke er gemt.", new_confirm: "Der er ændringer, som ikke er gemt. Start en ny deltager alligevel?",
    // caseload
    cases_title: "Deltagere på denne enhed", cases_stem: "Forløbene gemmes krypteret i browseren med en nøgle fra din adgangsfrase. Uden adgangsfrasen kan ingen læse dem.",
    pass_new: "Vælg en adgangsfrase", pass_repeat: "Gentag adgangsfrasen", pass_create: "Opret krypteret opbevaring",
    pass_hint: (n) => `Mindst ${n} tegn – brug gerne flere ord. Glemmer du frasen, kan forløbene ikke gendannes.`, pass_short: (n) => `Adgangsfrasen skal have mindst ${n} tegn.`, pass_mismatch: "De to adgangsfraser er ikke ens.", pass_empty: "Skriv en adgangsfrase.",
    pass: "Adgangsfrase", unlock: "Lås op", wrong_pass: "Forkert adgangsfrase. Intet er åbnet.", unlocking: "Åbner …",
    lock: "Lås", locked: "Deltagerlisten er låst.", project: "Projektets navn (i eksporten)", search: "Søg på ID",
    col_id: "ID", col_start: "Start", col_measures: "Målinger", col_saved: "Gemt", open: "Åbn", remove: "Slet", remove_confirm: (id) => `Slet ${id} fra enheden?`,
    no_cases: "Ingen deltagere gemt endnu.", no_match: "Ingen deltagere med det ID.", count: (n) => `${n} deltagere`,
    export: "Eksportér alle (kohorte-JSON)", import: "Importér kohorte-JSON", forget: "Glem denne enhed",
    forget_confirm: "Slet alle deltagere og adgangsfrasen fra denne enhed? Det kan ikke fortrydes.", forgotten: "Alt er slettet fra denne enhed.",
    saved_device: (id) => `${id} er gemt krypteret på enheden.`, need_unlock: "Lås deltagerlisten op (eller opret den) for at gemme på enheden.",
    id_taken: "En anden deltager på enheden har allerede dette ID.", cannot_save: "Kan ikke gemmes endnu: ret fejlene i registreringen.",
    imported: (a, s, c) => `Import: ${a} nye, ${s} uændrede, ${c} konflikter.`, import_bad: "Filen er ikke en gyldig kohorte-JSON:",
    conflict_title: "Konflikter – samme ID, forskelligt indhold. Vælg for hver:", keep_mine: "Behold enhedens", use_theirs: "Brug den importerede",
    conflict_fields: (f) => `Forskelle (enheden → importen): ${f}`, resolved_mine: "Enhedens version beholdt.", resolved_theirs: "Den importerede version er gemt.",
    exported: "Kohorten er hentet.",
    autolock: "Lås automatisk efter inaktivitet", minutes: (n) => `${n} minutter`, auto_locked: "Deltagerlisten blev låst efter inaktivitet. Skriv adgangsfrasen for at åbne den igen.",
    change_pass: "Skift adgangsfrase", pass_old: "Nuværende adgangsfrase", pass_next: "Ny adgangsfrase", change_pass_submit: "Skift og genkryptér",
    wrong_old_pass: "Forkert nuværende adgangsfrase. Intet er ændret.", pass_changed: "Adgangsfrasen er skiftet; alle deltagere er krypteret igen.", changing: "Krypterer igen …",
    // report
    report_title: "Rapport over deltagerne på enheden", report_stem: "Samme rapport som kommandolinjens overgang report, beregnet her i browseren.",
    report_loading: "Henter rapportmodulet …", report_need: "Lås deltagerlisten op for at se rapporten.", report_empty: "Ingen deltagere at rapportere om.",
    report_json: "Hent rapport (JSON)", report_html: "Hent rapport (HTML)", report_frame: "Rapporten", report_failed: "Rapporten kunne ikke beregnes:",
    module_offline: "Modulet til registrering og rapport kunne ikke hentes. Forbind enheden til netværket én gang, så virker det også offline.",
    report_as_of: "Rapportdato", report_as_of_hint: "Tom: den seneste dato i data.", report_min_cell: "Mindste viste antal",
    report_min_cell_hint: "Mindre antal end dette vises ikke (0: alle vises). Tom: standarden.", report_fix: "Ret rapportens indstillinger.",
    range: (lo, hi) => `Indeks ${lo}-${hi}`,
  },
  en: {
    doc_title: "overgang – questionnaires and registration", skip: "Skip to content", title: "Course documentation",
    lead: "Fill in questionnaires and registration. Everything is computed and kept on this device – nothing is sent.",
    lang_group: "Language", tablist: "Forms", current: "Participant", no_id: "new participant (no valid ID yet)",
    unsaved: "Not saved", saved_state: "Saved", save_device: "Save on this device", new_record: "New participant",
    tab_who5: "WHO-5 wellbeing", tab_gse: "Self-efficacy (GSE)", tab_ten: "Ten-step scale", tab_reg: "Registration", tab_cases: "Participants", tab_report: "Report",
    ten_title: "Ten-step scale", ten_stem: "Rate each area on a step. Leave an area empty if it is not rated.",
    reg_title: "Participant registration", reg_stem: "Use the project's pseudonymous ID – never a name or a CPR number.",
    reg_id: "Participant ID", reg_gender: "Gender", reg_age: "Age at start", reg_start: "Start date", reg_end: "End date (if ended)",
    reg_goal: "Goal at intake", reg_forms: "Forms of prostitution", reg_anonymous: "Anonymous participation (not recorded in a case file)",
    reg_interventions: "Interventions received", reg_trafficking: "Referred to anti-trafficking services",
    m_date: "Date of the measurement", m_new: "New measurement", m_editing_new: "New measurement – it is added to the course with the first answer.",
    m_editing: (d) => `You are editing the measurement of ${d}.`, m_history: "Measurements in the course", m_none: "No measurements yet.",
    m_edit: "Edit", m_delete: "Delete", m_delete_confirm: (d) => `Delete the measurement of ${d}?`, m_date_col: "Date", m_result_col: "Result",
    m_change: "Change since the first measurement", m_rated: (n) => `${n} areas rated`,
    since_first: (a, b, d) => `From ${a} to ${b} (${d > 0 ? "+" : ""}${d})`,
    area: "Area", first: "First", latest: "Latest", delta: "Change",
    download: "Download JSON", load: "Load JSON", foot: "Computed with overgang (WebAssembly). The same rules as in analyses and reports.",
    ready: "Ready. All computation happens locally in the browser.", raw: "Raw score", index: "Index", score: "Score", mean: "Mean",
    poor: "WHO's screening: signs of poor wellbeing. Consider talking with the citizen about it.", depression: "WHO's screening: signs of likely depression. Refer for a closer assessment.",
    no_flags: "No screening flags.", imputed: (n, of) => `${of - n} missing answers are imputed with the mean of the ${n} answered.`, complete: (n) => `All ${n} items answered.`,
    not_scored: (n, of) => `Not scored: ${n} of ${of} answered.`, needs: (min) => `It is scored when at least ${min} are answered.`,
    gse_fallback: "", not_rated: "–", stage: "Stage", dims: "Dimensions (mean of rated areas)",
    unknown: "Unknown", none_chosen: "Not given", age_band: (b) => `Age band: ${b}`, valid: "The registration is valid.", saved: "JSON downloaded.", loaded: "JSON loaded.",
    na: "not rated", missing_build: "Not available in this build.", item_missing: "Please answer this item.",
    announce_who5: (i, b) => `WHO-5 scored: index ${i}, ${b}.`, announce_gse: (s) => `GSE scored: score ${s}.`,
    leave_warning: "There are unsaved changes.", new_confirm: "There are unsaved changes. Start a new participant anyway?",
    cases_title: "Participants on this device", cases_stem: "Records are kept encrypted in the browser with a key from your passphrase. Without the passphrase nobody can read them.",
    pass_new: "Choose a passphrase", pass_repeat: "Repeat the passphrase", pass_create: "Create encrypted storage",
    pass_hint: (n) => `At least ${n} characters – several words are best. A forgotten passphrase cannot be recovered, nor the records.`, pass_short: (n) => `The passphrase needs at least ${n} characters.`, pass_mismatch: "The two passphrases differ.", pass_empty: "Type a passphrase.",
    pass: "Passphrase", unlock: "Unlock", wrong_pass: "Wrong passphrase. Nothing was opened.", unlocking: "Opening …",
    lock: "Lock", locked: "The participant list is locked.", project: "Project name (in the export)", search: "Search by ID",
    col_id: "ID", col_start: "Start", col_measures: "Measurements", col_saved: "Saved", open: "Open", remove: "Delete", remove_confirm: (id) => `Delete ${id} from this device?`,
    no_cases: "No participants saved yet.", no_match: "No participant with that ID.", count: (n) => `${n} participants`,
    export: "Export all (cohort JSON)", import: "Import cohort JSON", forget: "Forget this device",
    forget_confirm: "Delete every participant and the passphrase from this device? This cannot be undone.", forgotten: "Everything is deleted from this device.",
    saved_device: (id) => `${id} is saved, encrypted, on this device.`, need_unlock: "Unlock (or create) the participant list to save on this device.",
    id_taken: "Another participant on this device already has this ID.", cannot_save: "Cannot be saved yet: fix the errors in the registration.",
    imported: (a, s, c) => `Import: ${a} new, ${s} unchanged, ${c} conflicts.`, import_bad: "The file is not a valid cohort JSON:",
    conflict_title: "Conflicts – same ID, different content. Choose for each:", keep_mine: "Keep this device's", use_theirs: "Use the imported",
    conflict_fields: (f) => `Differences (this device → import): ${f}`, resolved_mine: "This device's version kept.", resolved_theirs: "The imported version is saved.",
    exported: "The cohort is downloaded.",
    autolock: "Lock automatically after inactivity", minutes: (n) => `${n} minutes`, auto_locked: "The participant list was locked after inactivity. Type the passphrase to open it again.",
    change_pass: "Change passphrase", pass_old: "Current passphrase", pass_next: "New passphrase", change_pass_submit: "Change and re-encrypt",
    wrong_old_pass: "Wrong current passphrase. Nothing was changed.", pass_changed: "The passphrase is changed; every participant is encrypted again.", changing: "Re-encrypting …",
    report_title: "Report of the participants on this device", report_stem: "The same report as the command line's overgang report, computed here in the browser.",
    report_loading: "Loading the report module …", report_need: "Unlock the participant list to see the report.", report_empty: "No participants to report on.",
    report_json: "Download report (JSON)", report_html: "Download report (HTML)", report_frame: "The report", report_failed: "The report could not be computed:",
    module_offline: "The module for registration and the report could not be loaded. Connect the device to a network once, then it works offline too.",
    report_as_of: "Report date", report_as_of_hint: "Empty: the latest date in the data.", report_min_cell: "Smallest count shown",
    report_min_cell_hint: "Smaller counts are not shown (0: all are shown). Empty: the default.", report_fix: "Fix the report's settings.",
    range: (lo, hi) => `Index ${lo}-${hi}`,
  },
};

const DA_CODES = {
  missing: "Skal udfyldes.", not_a_number: "Skal være et tal.", not_an_integer: "Skal være et helt tal.",
  contains_cpr: "Dette ligner et CPR-nummer. Brug projektets pseudonyme ID.", too_long: "For langt.",
  inconsistent: "Passer ikke med de andre oplysninger.", unknown_value: "Ukendt værdi.", unknown_field: "Ukendt felt.",
  not_a_list: "Skal være en liste.", too_many_missing: "For mange manglende svar.",
  wrong_length: "Forkert antal svar.", duplicate: "Findes allerede (dublet).", too_large: "Filen er for stor.",
  too_deep: "Filen er for dybt indlejret.", invalid_json: "Filen er ikke gyldig JSON.", out_of_order: "Datoerne står i forkert rækkefølge.",
  weak_key: "Nøglen er for svag.",
};

const isDate = (field) => /(^|\.|_)(date|start|end|as_of)$|^(start|end)$/.test(field);

/**
 * The message for one core error in the page's language. English: the core's own message, which
 * says what is allowed. Danish: a text per code, completed with what is allowed from the error's
 * `context` ({min, max, allowed, max_length, ...}) when the core gives one.
 */
export function message(lang, err) {
  if (lang !== "da") return err.message;
  const c = err.context || {};
  const list = (xs) => xs.join(", ");
  switch (err.code) {
    case "out_of_range":
      if (c.min !== undefined && c.max !== undefined) return `Skal være mellem ${c.min} og ${c.max}.`;
      if (c.min !== undefined) return `Skal være mindst ${c.min}.`;
      if (c.max !== undefined) return `Må højst være ${c.max}.`;
      return "Værdien ligger uden for det tilladte område.";
    case "invalid_format":
      if (isDate(err.field)) return "Ugyldig dato: skriv ÅÅÅÅ-MM-DD.";
      if (err.field === "id" || err.field.endsWith(".id")) return Array.isArray(c.allowed) ? `Et ID må kun indeholde ${list(c.allowed)}.` : "Ugyldigt ID: brug kun bogstaver uden æøå, tal, punktum, bindestreg og understregning – ingen mellemrum.";
      return "Ugyldigt format.";
    case "too_long":
      return c.max_length !== undefined || c.max !== undefined ? `For langt: højst ${c.max_length ?? c.max} tegn.` : DA_CODES.too_long;
    case "weak_key":
      return c.min_length !== undefined ? `Nøglen er for svag: mindst ${c.min_length} tegn eller bytes.` : DA_CODES.weak_key;
    case "unknown_value":
      return Array.isArray(c.allowed) ? `Ukendt værdi. Tilladt: ${list(c.allowed)}.` : DA_CODES.unknown_value;
    case "inconsistent":
      return /end$/.test(err.field) ? "Slutdatoen ligger før startdatoen." : DA_CODES.inconsistent;
    case "wrong_length":
      return c.expected !== undefined || c.len !== undefined ? `Forkert antal svar: der skal være ${c.expected ?? c.len}.` : DA_CODES.wrong_length;
    case "too_many_missing":
      return c.min !== undefined ? `For mange manglende svar: mindst ${c.min} skal være besvaret.` : DA_CODES.too_many_missing;
    default:
      return DA_CODES[err.code] || err.message;
  }
}
