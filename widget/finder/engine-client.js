// The engine client: loads the search once per page (engine.js, which runs
// the WebAssembly module, each file pinned by its SHA-384), or, when that
// cannot run, searches through the worker's API; and checks every answer
// before the element shows it.
import { B, fetchNow, isArr, map, filter, some } from './builtins.js';
import { emit } from './dom.js';

export const BASE = new URL('.', import.meta.url); // the finder's origin and folder: the files the loader brings in
// The engine and its SHA-384: it runs only if it is the file this loader was
// built with, and it pins every file it brings in the same way (engine.js).
// scripts/build-assets replaces the __NAME__ placeholders with hashed files.
const ENGINE = '__ENGINE__', ENGINE_SRI = '__SRI_ENGINE__', API = 'v1/search';
// SEARCH_LIMIT: suggestions and cards asked of the engine per answer (the
// engine's own default is 10; 8 suggestions fit a phone screen).
export const SEARCH_LIMIT = 8;
// The service fallback: the first request (a probe) must answer within
// PROBE_TIMEOUT_MS, and a search that hangs fails after SEARCH_TIMEOUT_MS
// instead of leaving the last answer standing.
const PROBE_TIMEOUT_MS = 4000, SEARCH_TIMEOUT_MS = 8000;
export const FETCH = { credentials: 'omit', referrerPolicy: 'no-referrer' };
// Shown only when neither the module nor the worker can be reached.
export const NATIONAL = { name: 'Selvhjelp Norge', url: 'https://www.selvhjelp.no', email: 'post@selvhjelp.no' };

// engine() loads the search once per page and is shared by every element.
// It resolves to {mode, where, search, near, topics, national, onchange} or
// rejects when nothing works. engine.js runs the module in a Web Worker, else
// on the main thread in slices; when neither works, the worker's API searches.
let enginePromise;
export const elements = new Set(); // started elements, refreshed when the engine's data grows
export function engine() {
  return (enginePromise ||= loadEngine());
}

async function loadEngine() {
  let e, refused;
  try {
    e = await loadLocal();
  } catch (err) {
    try { console.info('selvhjelp-finder: the search module could not start (' + (err && err.message || err) + '); searching through the service'); } catch {}
    refused = err?.integrity; // a pinned file was not the one built: finder-error 'integrity'
    e = await loadRemote();
  }
  if (isArr(e.national)) nationalFromData = filter(e.national, (c) => c && typeof c === 'object' && typeof c.name === 'string');
  e.onchange = () => { for (const el of elements) el.engineChanged(); };
  e.onrefused = () => { for (const el of elements) emit(el, 'finder-error', { reason: 'integrity' }); };
  e.refused = refused;
  return e;
}

// loadLocal runs the engine from a <script type="module"> with integrity
// (the browser runs it only if its SHA-384 matches), then imports it: the
// same URL is the module the page already has, never a second download.
async function loadLocal() {
  const url = new URL(ENGINE, BASE).href;
  await new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.type = 'module';
    s.crossOrigin = 'anonymous';
    s.integrity = ENGINE_SRI;
    s.referrerPolicy = 'no-referrer';
    s.onload = () => { try { s.remove(); } catch {} resolve(); };
    // Refused, or blocked (a CSP): a fetch with the same integrity tells.
    s.onerror = async () => {
      try { s.remove(); } catch {}
      const err = new Error('engine did not run');
      try { await fetchNow(url, { ...FETCH, integrity: ENGINE_SRI }); } catch {
        try { err.integrity = (await fetchNow(url, { ...FETCH, method: 'HEAD', cache: 'no-store' })).ok; } catch { /* not there */ }
      }
      reject(err);
    };
    s.src = url;
    B.apply(B.appendChild, document.head || document.documentElement, [s]);
  });
  const m = await import(url);
  return await m.start({ fetch: B.fetch, parse: B.parse, apply: B.apply, appendChild: B.appendChild }, ENGINE_SRI);
}

// loadRemote is the fallback when WebAssembly is blocked: the worker searches,
// which means the query leaves the browser (the element says so).
async function loadRemote() {
  let dataset = null; // the worker names its dataset version in a header
  const get = async (q, o, signal) => {
    // The query goes in a form body (a simple request: no preflight), never
    // in the URL, which logs, proxies and a later Referer could keep.
    const body = new URLSearchParams();
    body.set('q', q);
    body.set('limit', o.limit || SEARCH_LIMIT);
    if (o.municipality) body.set('municipality', o.municipality);
    if (o.topic) body.set('topic', o.topic);
    const r = await fetchNow(new URL(API, BASE), { ...FETCH, method: 'POST', body, signal });
    if (!r || !r.ok) throw new Error('search ' + (r && r.status));
    try { dataset ||= r.headers.get('X-Finder-Dataset'); } catch { /* not a Response: r.json() says so */ }
    return answer(await r.json()); // throws on a malformed answer (HTML, invalid JSON, wrong shapes)
  };
  const timeout = (ms) => (AbortSignal.timeout ? AbortSignal.timeout(ms) : undefined);
  const probe = await get('', { limit: 1 }, timeout(PROBE_TIMEOUT_MS));
  // A search that hangs fails after a while instead of leaving the last answer standing.
  return { mode: 'remote', complete: true, dataset, search: (q, o) => get(q, o, timeout(SEARCH_TIMEOUT_MS)), near: null, national: map(filter(probe.results, (r) => r.relation === 'national'), (r) => r.contact_point) };
}

// answer checks an answer's shape (the module's or the worker's) and keeps
// only what the element can show, with the right types. The engine never
// sends a malformed place, topic, suggestion or result: one of those means
// the answer is not the engine's (a proxy, a captive portal, a bug), and the
// whole answer is refused (it throws). Optional details (highlights, crisis
// lines) that are malformed are left out.
export function answer(j) {
  const obj = (x) => (x && typeof x === 'object' && !isArr(x) ? x : null);
  const str = (x) => typeof x === 'string';
  const strs = (x, keys) => { const o = {}; for (let i = 0; i < keys.length; i++) if (str(x[keys[i]])) o[keys[i]] = x[keys[i]]; return o; };
  if (!obj(j) || !isArr(j.results) || (j.suggestions != null && !isArr(j.suggestions))) throw new Error('malformed answer');
  const out = { query: str(j.query) ? j.query : '', place: null, topic: null, topics: [], suggestions: [], results: [] };
  const bad = () => { throw new Error('malformed answer'); };
  const p = obj(j.place);
  if (j.place != null && !(p && str(p.name) && str(p.municipality))) bad();
  if (p) {
    out.place = strs(p, ['municipality', 'name', 'county', 'matched', 'district']);
    const g = obj(p.region);
    if (g && str(g.name)) out.place.region = { name: g.name, kind: str(g.kind) ? g.kind : '' };
  }
  const topic = (x) => (obj(x) && str(x.id) && str(x.name) ? { id: x.id, name: x.name } : null);
  out.topic = topic(j.topic);
  if (j.topic != null && !out.topic) bad();
  if (isArr(j.topics)) out.topics = filter(map(j.topics, topic), Boolean);
  const t = obj(j.territory);
  if (t && str(t.name)) out.territory = strs(t, ['name', 'kind', 'id']);
  const range = (x) => isArr(x) && x.length === 2 && Number.isInteger(x[0]) && Number.isInteger(x[1]);
  if (some(j.suggestions, (s) => !(obj(s) && str(s.label) && str(s.kind)))) bad();
  out.suggestions = map(j.suggestions, (s) => ({
    ...strs(s, ['kind', 'id', 'label', 'detail']), highlight: isArr(s.highlight) ? filter(s.highlight, range) : [],
  }));
  out.results = results(j.results);
  if (out.results.length !== j.results.length) bad();
  const c = obj(j.crisis);
  if (c && isArr(c.lines)) {
    const lines = map(filter(c.lines, (l) => obj(l) && str(l.name)), (l) => strs(l, ['name', 'number', 'url', 'hours', 'for']));
    if (lines.length) out.crisis = { lines };
    // The card's line in the language the crisis was read in (issue 18).
    if (lines.length && str(c.language) && str(c.text)) out.crisis = { lines, language: c.language, text: c.text, reviewed: c.reviewed === true };
  }
  if (j.error) out.error = String(j.error);
  return out;
}

// results keeps the results whose contact point has a name, with text
// fields only, and the citizen note's translations (citizen_notes).
export function results(xs) {
  if (!isArr(xs)) return [];
  return map(filter(xs, (x) => x && typeof x === 'object' && x.contact_point && typeof x.contact_point === 'object' && typeof x.contact_point.name === 'string'), (x) => {
    const c = {}, cp = x.contact_point, keys = B.keys(cp);
    for (let i = 0; i < keys.length; i++) if (typeof cp[keys[i]] === 'string') c[keys[i]] = cp[keys[i]];
    if (isArr(cp.citizen_notes)) c.citizen_notes = notes(cp.citizen_notes);
    if (typeof cp.min_age === 'number' && cp.min_age > 0) c.min_age = cp.min_age;
    if (cp.free === true) c.free = true;
    return { contact_point: c, relation: typeof x.relation === 'string' ? x.relation : '', distance_km: typeof x.distance_km === 'number' && x.distance_km >= 0 ? x.distance_km : 0, lists_topic: x.lists_topic === true };
  });
}

// notes keeps the {language, text} pairs of a citizen_notes list.
export function notes(xs) {
  return map(filter(xs, (n) => n && typeof n === 'object' && typeof n.language === 'string' && typeof n.text === 'string' && n.text), (n) => ({ language: n.language, text: n.text }));
}

// nationalList is the national contact from the data when it loaded, else the built-in one.
let nationalFromData = null;
export function nationalList() { return nationalFromData?.length ? nationalFromData : [NATIONAL]; }
export function nationalResults() { return map(nationalList(), (c) => ({ contact_point: c, relation: 'national', distance_km: 0 })); }

// readyDetail is finder-ready's detail, from whatever the engine knows: mode
// 'local' (the module on the device, in any thread) or 'remote' (the worker's
// /v1/search), and the dataset version.
export function readyDetail(eng) { return { mode: eng?.mode === 'remote' ? 'remote' : 'local', dataset: eng?.dataset || null }; }
