// The caseload on this device: participant records kept in IndexedDB, encrypted at rest.
//
// Records hold health and sex-life data (GDPR art. 9), so nothing is stored in clear, not even
// the pseudonymous IDs: each record is one AES-GCM (256-bit key, 96-bit random IV per write)
// ciphertext under a random storage key. The key is derived from a passphrase the worker chooses
// with PBKDF2-HMAC-SHA256 over a random 16-byte salt, ITERATIONS rounds (OWASP's 2023 figure for
// this hash); it is never stored and is not extractable. A wrong passphrase fails the GCM
// authentication of a check value, so it opens nothing. "Forget this device" deletes the database.

const DB = "overgang-caseload";
/** PBKDF2 rounds for a new caseload (stored with it, so it can be raised for new ones later). */
export const ITERATIONS = 600_000;
const CHECK = "overgang caseload v1";
/** The shortest passphrase accepted for a new caseload (a page policy, not a rule of the core). */
export const MIN_PASSPHRASE = 12;

/** Thrown by unlock() when the passphrase does not open the caseload. */
export class WrongPassphrase extends Error {
  constructor() { super("wrong passphrase"); this.name = "WrongPassphrase"; }
}

function request(r) {
  return new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
}

function openDb() {
  const r = indexedDB.open(DB, 1);
  r.onupgradeneeded = () => { r.result.createObjectStore("meta"); r.result.createObjectStore("records"); };
  return request(r);
}

async function tx(db, stores, mode, fn) {
  const t = db.transaction(stores, mode);
  const done = new Promise((resolve, reject) => { t.oncomplete = resolve; t.onerror = () => reject(t.error); t.onabort = () => reject(t.error); });
  const result = await fn(t);
  await done;
  return result;
}

const enc = new TextEncoder(), dec = new TextDecoder();

async function deriveKey(passphrase, salt, iterations) {
  const base = await crypto.subtle.importKey("raw", enc.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

async function seal(key, value) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, enc.encode(JSON.stringify(value))));
  return { iv, data };
}

async function open(key, box) {
  return JSON.parse(dec.decode(await crypto.subtle.decrypt({ name: "AES-GCM", iv: box.iv }, key, box.data)));
}

const randomKey = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");

/** "none" when this device keeps no caseload, else "locked". */
export async function status() {
  // Opening must not create the database (after "forget", nothing may be left): a missing
  // database is an upgrade from version 0, which is aborted.
  let db;
  try {
    db = await new Promise((resolve, reject) => {
      const r = indexedDB.open(DB);
      r.onupgradeneeded = () => r.transaction.abort();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  } catch {
    return "none";
  }
  try {
    const meta = await tx(db, ["meta"], "readonly", (t) => request(t.objectStore("meta").get("vault")));
    return meta ? "locked" : "none";
  } finally {
    db.close();
  }
}

/** Creates an empty caseload protected by `passphrase` and returns it unlocked. */
export async function create(passphrase) {
  if ([...passphrase].length < MIN_PASSPHRASE) throw new Error("passphrase too short");
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveKey(passphrase, salt, ITERATIONS);
  const check = await seal(key, CHECK);
  const db = await openDb();
  await tx(db, ["meta", "records"], "readwrite", (t) => {
    t.objectStore("records").clear();
    t.objectStore("meta").put({ salt, iterations: ITERATIONS, check, kdf: "PBKDF2-SHA256", cipher: "AES-GCM-256" }, "vault");
  });
  return new Caseload(db, key, new Map(), {});
}

/** Opens the caseload with `passphrase`; throws WrongPassphrase when it does not match. */
export async function unlock(passphrase) {
  const db = await openDb();
  const meta = await tx(db, ["meta"], "readonly", (t) => request(t.objectStore("meta").get("vault")));
  if (!meta) { db.close(); throw new Error("no caseload on this device"); }
  const key = await deriveKey(passphrase, meta.salt, meta.iterations);
  try {
    if ((await open(key, meta.check)) !== CHECK) throw new WrongPassphrase();
  } catch {
    db.close();
    throw new WrongPassphrase();
  }
  const boxes = await tx(db, ["records"], "readonly", async (t) => {
    const s = t.objectStore("records");
    const [keys, values] = await Promise.all([request(s.getAllKeys()), request(s.getAll())]);
    return keys.map((k, i) => [k, values[i]]);
  });
  const entries = new Map();
  for (const [k, box] of boxes) {
    const e = await open(key, box);
    entries.set(e.doc.id, { storageKey: k, ...e });
  }
  const settings = meta.settings ? await open(key, meta.settings) : {};
  return new Caseload(db, key, entries, settings);
}

/** Deletes everything this page keeps on the device (the caseload database). */
export async function forget(current) {
  current?.close();
  await new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(DB);
    r.onsuccess = resolve; r.onerror = () => reject(r.error); r.onblocked = resolve;
  });
}

/** An unlocked caseload: records by ID, with the time each was saved. */
export class Caseload {
  constructor(db, key, entries, settings) { this.db = db; this.key = key; this.entries = entries; this.settings = settings; }

  /** Saves the caseload's settings (the project's name for the export), encrypted too. */
  async saveSettings(settings) {
    const box = await seal(this.key, settings);
    await tx(this.db, ["meta"], "readwrite", async (t) => {
      const s = t.objectStore("meta");
      const meta = await request(s.get("vault"));
      s.put({ ...meta, settings: box }, "vault");
    });
    this.settings = settings;
  }

  /** `[{id, doc, saved}]` sorted by ID. */
  list() {
    return [...this.entries.values()].map(({ doc, saved }) => ({ id: doc.id, doc, saved })).sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id) { return this.entries.get(id)?.doc; }

  /** Saves a record (a new one, or over the saved record of the same ID). */
  async put(doc, previousId = doc.id) {
    const old = this.entries.get(previousId);
    const storageKey = old?.storageKey ?? this.entries.get(doc.id)?.storageKey ?? randomKey();
    const entry = { doc, saved: new Date().toISOString() };
    const box = await seal(this.key, entry);
    await tx(this.db, ["records"], "readwrite", (t) => t.objectStore("records").put(box, storageKey));
    if (previousId !== doc.id) this.entries.delete(previousId);
    this.entries.set(doc.id, { storageKey, ...entry });
  }

  async remove(id) {
    const old = this.entries.get(id);
    if (!old) return;
    await tx(this.db, ["records"], "readwrite", (t) => t.objectStore("records").delete(old.storageKey));
    this.entries.delete(id);
  }

  /**
   * Changes the passphrase: checks the current one (WrongPassphrase, and nothing changed, when it
   * does not open the caseload), derives a new key over a new salt and re-encrypts every record,
   * the settings and the check value, all written in one transaction (all or nothing).
   */
  async changePassphrase(current, next) {
    if ([...next].length < MIN_PASSPHRASE) throw new Error("passphrase too short");
    const meta = await tx(this.db, ["meta"], "readonly", (t) => request(t.objectStore("meta").get("vault")));
    const old = await deriveKey(current, meta.salt, meta.iterations);
    try {
      if ((await open(old, meta.check)) !== CHECK) throw new WrongPassphrase();
    } catch {
      throw new WrongPassphrase();
    }
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await deriveKey(next, salt, ITERATIONS);
    const boxes = [];
    for (const e of this.entries.values()) boxes.push([e.storageKey, await seal(key, { doc: e.doc, saved: e.saved })]);
    const updated = { ...meta, salt, iterations: ITERATIONS, check: await seal(key, CHECK) };
    if (meta.settings) updated.settings = await seal(key, this.settings);
    await tx(this.db, ["meta", "records"], "readwrite", (t) => {
      const records = t.objectStore("records");
      for (const [k, box] of boxes) records.put(box, k);
      t.objectStore("meta").put(updated, "vault");
    });
    this.key = key;
  }

  close() { this.db.close(); this.key = null; this.entries = new Map(); }
}

/** Minutes of inactivity after which the page locks the caseload, offered to choose from (a page policy). */
export const AUTO_LOCK_CHOICES = [5, 10, 15, 30, 60];
/** The default of AUTO_LOCK_CHOICES. */
export const AUTO_LOCK_DEFAULT = 10;
