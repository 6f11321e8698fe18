// The embed page (/embed?municipality=&topic=&lang=&theme=&near=&heading-level=&suggest-url=&resize=1):
// <selvhjelp-finder> alone on a page, for partners whose CMS strips scripts
// and allows an <iframe>. It presets the element from the query string (the
// element reads bad values forgivingly and warns; the page never breaks).
//
// It posts nothing to the parent page unless the parent asks for it with
// resize=1 in the frame's URL. Then, and only then, it posts its height:
//
//   parent.postMessage({type: 'selvhjelp-finder:height', height: <integer CSS px>}, '*')
//
// The height is quantised so that it does not tell what the person saw: in
// steps of STEP px, and once the search is used (first focus, tap or key in
// the element) never below floor(width), a height that depends only on the
// frame's width and is above the tallest kind of answer at that width (the
// crisis card). So a crisis, a topic, a place and "nothing found" give the
// same messages; only an answer the person makes taller (opening a long
// list) or very large text can go past the floor, in steps of STEP px.
// Nothing else is sent to the parent: not what was typed, not the results.
// See widget/README.md ("The embed page").
const ATTRS = ['municipality', 'topic', 'lang', 'theme', 'near', 'heading-level', 'suggest-url'];
const MAX_VALUE = 100; // longer values are never presets
const HEIGHT = 'selvhjelp-finder:height';
const STEP = 400, MAX = 8000; // the partner's resizer accepts integers from 100 to 8000
const up = (h) => Math.min(MAX, Math.ceil(h / STEP) * STEP);
// floor(w) is 1.1 x the crisis card's height at width w (measured: 970 px at
// 1000 px wide, 1,121 at 640, 1,529 at 390, 1,853 at 320; about
// 560 + 420,000 / w), rounded up to a step: 1,200 px at 1000 px wide, 1,600
// at 640, 2,000 at 390, 2,400 at 320.
const floor = (w) => up(1.1 * (560 + 420000 / Math.max(w, 240)));

const q = new URLSearchParams(location.search);
const resize = q.get('resize') === '1' && window.parent !== window;
let last = 0, used = false;
function tell(el) {
  // The element's box, and the suggestion list where it hangs below it
  // (it is positioned over the content, so it adds no height of its own).
  let bottom = el.getBoundingClientRect().bottom;
  const list = el.shadowRoot?.querySelector('[role=listbox]');
  if (list && !list.hidden) bottom = Math.max(bottom, list.getBoundingClientRect().bottom + 4);
  if (bottom <= 0) return;
  let height = up(bottom + window.scrollY);
  if (used) height = Math.max(height, floor(document.documentElement.clientWidth));
  if (height === last) return;
  last = height;
  window.parent.postMessage({ type: HEIGHT, height }, '*');
}

try {
  const s = document.documentElement.style, b = document.body.style;
  s.margin = b.margin = '0';
  s.background = b.background = 'transparent';
  const el = document.createElement('selvhjelp-finder');
  for (const a of ATTRS) {
    const v = (q.get(a) || '').trim();
    if (v && v.length <= MAX_VALUE) el.setAttribute(a, v);
  }
  document.querySelector('main').append(el);
  if (resize) {
    const send = () => { try { tell(el); } catch {} };
    // The first use: the frame takes its floor before any answer comes.
    for (const type of ['focusin', 'pointerdown', 'keydown']) el.addEventListener(type, () => { used = true; send(); }, true);
    const ro = 'ResizeObserver' in window ? new ResizeObserver(send) : null;
    ro?.observe(el);
    customElements.whenDefined('selvhjelp-finder').then(() => {
      const list = el.shadowRoot?.querySelector('[role=listbox]');
      if (list) ro?.observe(list);
      send();
    }, () => {});
    window.addEventListener('resize', send);
    send();
  }
} catch (e) {
  try { console.error('selvhjelp-finder embed:', e); } catch {}
}
