// First answers: the engine's own suggestions for the beginnings of names,
// made by the engine at build time (data/search/firstanswers), so that the
// first keystrokes get their suggestions while the module is still loading.
// Not a second engine: the file holds only what the engine answered, and a
// query the file does not hold gets nothing here (the element waits for the
// module). The file is pinned by its SHA-384 like every other file.
import { B, fetchNow, isArr } from './builtins.js';
import { answer, BASE, FETCH } from './engine-client.js';

// scripts/build-assets replaces the placeholders; a published dataset's
// loader (worker/runtime/worker.mjs) names no file: the build's answers are
// not that dataset's.
const FIRST = '__FIRST_ANSWERS__', FIRST_SRI = '__SRI_FIRST_ANSWERS__';
const P = 'selvhjelp-finder:';
const hasOwn = Object.prototype.hasOwnProperty; // captured: a host page may replace it later
const own = (o, k) => B.apply(hasOwn, o, [k]);

let loading, table = null;

// loadFirst fetches the file once per page; it never rejects (without it,
// the element waits for the module as before).
export function loadFirst() {
  return (loading ||= (async () => {
    if (!FIRST || FIRST.startsWith('__')) return;
    const start = performance.now();
    try {
      const r = await fetchNow(new URL(FIRST, BASE), { ...FETCH, integrity: FIRST_SRI });
      const t = r.ok && B.parse(await r.text());
      if (t && isArr(t.s) && t.q && typeof t.q === 'object') table = t;
    } catch { /* refused or unreachable: the module answers */ }
    // A phase like the engine's (selvhjelp-finder:*), or what became of the file.
    try { performance.measure(table ? P + 'first-answers' : P + 'first-answers-failed', { start, end: performance.now() }); } catch { /* old browser */ }
  })());
}

// firstAnswer is the engine's answer's suggestions for q, checked like any
// answer, or null when the file does not hold q. The key is q in lower case,
// looked up only when q is written in lower case or with a capital first
// letter (firstanswers.Fold: the engine reads "AA" or "bergen " otherwise,
// and the build keeps a key only when it answers "Bergen" as "bergen").
export function firstAnswer(q) {
  if (!table) return null;
  const k = q.toLowerCase();
  if (q !== k && q !== k.charAt(0).toUpperCase() + k.slice(1)) return null;
  if (!own(table.q, k) || !isArr(table.q[k])) return null;
  const suggestions = [];
  for (const row of table.q[k]) {
    const s = isArr(row) && table.s[row[0]];
    if (!isArr(s) || s.length !== 4) return null;
    const highlight = [];
    for (let i = 1; i + 1 < row.length; i += 2) highlight.push([row[i], row[i + 1]]);
    suggestions.push({ kind: s[0], id: s[1], label: s[2], detail: s[3], highlight });
  }
  try { return answer({ results: [], suggestions }); } catch { return null; }
}
