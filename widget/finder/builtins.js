// Built-ins captured when the element's code loads (this module is the first
// of the bundle to run). A host page that later replaces fetch, JSON,
// Element.prototype.append/replaceChildren or Array.prototype.map (filter,
// some) changes nothing here: the element builds nodes with
// Node.prototype.appendChild, loops with its own map/filter/some, awaits
// promises instead of calling .then (a replaced Promise.prototype.then cannot
// leave a rejection unhandled) and never lets an exception out (#guard).
try { performance.mark('selvhjelp-finder:loader'); } catch { /* old browser */ } // the element's cost starts here (scripts/bench-widget)

export const B = (() => {
  const o = {};
  try { o.apply = Reflect.apply; o.fetch = globalThis.fetch; o.parse = JSON.parse; o.stringify = JSON.stringify; o.appendChild = Node.prototype.appendChild; o.keys = Object.keys; } catch { /* a very broken page: #guard catches the rest */ }
  return o;
})();
export const fetchNow = (...a) => B.apply(B.fetch, globalThis, a);
export const stringify = (v) => B.apply(B.stringify, JSON, [v]);
export const isArr = Array.isArray;
export function map(xs, f) { const out = []; if (xs) for (let i = 0; i < xs.length; i++) out[out.length] = f(xs[i], i); return out; }
export function filter(xs, f) { const out = []; if (xs) for (let i = 0; i < xs.length; i++) if (f(xs[i], i)) out[out.length] = xs[i]; return out; }
export function some(xs, f) { if (xs) for (let i = 0; i < xs.length; i++) if (f(xs[i], i)) return true; return false; }
// settle awaits p and hands a failure to onError: no rejection is ever left unhandled.
export async function settle(p, onError) { try { await p; } catch (e) { try { onError(e); } catch { /* nothing may escape */ } } }
