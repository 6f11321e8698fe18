// The embed page (/embed?municipality=&topic=&lang=&theme=&near=&heading-level=):
// <selvhjelp-finder> alone on a page, for partners whose CMS strips scripts
// and allows an <iframe>. It presets the element from the query string (the
// element reads bad values forgivingly and warns; the page never breaks) and
// tells the parent page its height, only when it changes:
//
//   parent.postMessage({type: 'selvhjelp-finder:height', height: <integer CSS px>}, '*')
//
// Nothing else is sent to the parent: not what was typed, not the results.
// See widget/README.md ("Iframe").
const ATTRS = ['municipality', 'topic', 'lang', 'theme', 'near', 'heading-level'];
const MAX_VALUE = 100; // longer values are never presets
const HEIGHT = 'selvhjelp-finder:height';

let last = 0;
function tell(el) {
  // The element's box, and the suggestion list where it hangs below it
  // (it is positioned over the content, so it adds no height of its own).
  let bottom = el.getBoundingClientRect().bottom;
  const list = el.shadowRoot?.querySelector('[role=listbox]');
  if (list && !list.hidden) bottom = Math.max(bottom, list.getBoundingClientRect().bottom + 4);
  const height = Math.ceil(bottom + window.scrollY);
  if (height === last || height <= 0) return;
  last = height;
  if (window.parent !== window) window.parent.postMessage({ type: HEIGHT, height }, '*');
}

try {
  const s = document.documentElement.style, b = document.body.style;
  s.margin = b.margin = '0';
  s.background = b.background = 'transparent';
  const q = new URLSearchParams(location.search);
  const el = document.createElement('selvhjelp-finder');
  for (const a of ATTRS) {
    const v = (q.get(a) || '').trim();
    if (v && v.length <= MAX_VALUE) el.setAttribute(a, v);
  }
  document.querySelector('main').append(el);
  const send = () => { try { tell(el); } catch {} };
  const ro = 'ResizeObserver' in window ? new ResizeObserver(send) : null;
  ro?.observe(el);
  customElements.whenDefined('selvhjelp-finder').then(() => {
    const list = el.shadowRoot?.querySelector('[role=listbox]');
    if (list) ro?.observe(list);
    send();
  }, () => {});
  window.addEventListener('resize', send);
  send();
} catch (e) {
  try { console.error('selvhjelp-finder embed:', e); } catch {}
}
