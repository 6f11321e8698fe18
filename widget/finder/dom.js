// DOM helpers: nodes from tags and text (never HTML), safe links, events.
import { B, isArr } from './builtins.js';

// h builds an element; children are nodes or strings (always text, never HTML).
export function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  const ks = attrs ? B.keys(attrs) : []; // own keys only (a host's Object.prototype.foo is no attribute)
  for (let i = 0; i < ks.length; i++) if (attrs[ks[i]] != null && attrs[ks[i]] !== false) e.setAttribute(ks[i], attrs[ks[i]]);
  add(e, kids);
  return e;
}
// add appends children (nested arrays flattened; null, '' and false skipped) as nodes or text.
export function add(e, c) {
  if (c == null || c === '' || c === false) return;
  if (isArr(c)) { for (let i = 0; i < c.length; i++) add(e, c[i]); return; }
  B.apply(B.appendChild, e, [c instanceof Node ? c : document.createTextNode(String(c))]);
}
// put replaces an element's children.
export function put(e, ...kids) { e.textContent = ''; add(e, kids); }

// nextTask resolves after the page has had a chance to handle input and paint.
export const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// safeURL returns an http(s) URL or null: dataset text never becomes a javascript: link.
export function safeURL(u) {
  if (typeof u !== 'string' || !u.trim()) return null; // no address: no link (never "https://undefined/")
  try { const x = new URL(/^[a-z][a-z0-9+.-]*:/i.test(u) ? u : 'https://' + u); return /^https?:$/.test(x.protocol) ? x.href : null; } catch { return null; }
}
export const telOf = (n) => 'tel:' + String(n).replace(/[^\d+]/g, '');
export const hostOf = (u) => u.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
// A private address (c/o a person) is never shown, whatever the data holds.
export const privateAddress = (a) => /\bc\s*\/\s*o\b/i.test(a || '');

// marked renders label with the [start, end) UTF-16 ranges wrapped in <mark>.
export function marked(label, ranges) {
  const out = [];
  let at = 0;
  for (const [s, e] of (ranges || []).slice().sort((a, b) => a[0] - b[0])) {
    if (s < at || e <= s || e > label.length) continue;
    out.push(label.slice(at, s), h('mark', null, label.slice(s, e)));
    at = e;
  }
  out.push(label.slice(at));
  return out;
}

// Events for the host page (README: Hendelser / Events): they bubble and are
// composed, so a listener on document hears every element. They carry what
// the element read (a municipality number, a topic id, a count), never what
// was typed. A listener that throws is reported by the browser as the host
// page's own error; dispatchEvent does not throw into the element.
export function emit(el, type, detail) {
  try { el.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail: Object.freeze(detail) })); } catch {}
}
