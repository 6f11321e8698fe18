// The snippet builder on the demo page: a partner picks a municipality (by
// typing its name into the finder itself), a topic, language, theme, "Nær
// meg" and heading level, sees a live preview, and copies the script embed,
// the SRI-pinned script embed or the iframe embed, with the worker's real
// origin filled in. No dependencies; it only reads the page's own elements.
//
// The origin: PUBLIC_ORIGIN (worker/wrangler.toml [vars]) when the build set
// it (data-origin), else the origin this script was loaded from. The script
// is one of the worker's static files, so that is the origin that serves
// widget.js; on the demo page it equals location.origin.
const root = document.getElementById('builder');
const PLACEHOLDER = 'https://WORKER';
const origin = (root?.dataset.origin || new URL(import.meta.url).origin).replace(/\/$/, '');

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Every snippet on the page shows the real origin.
for (const c of document.querySelectorAll('pre code')) {
  if (c.textContent.includes(PLACEHOLDER)) c.textContent = c.textContent.split(PLACEHOLDER).join(origin);
}

// settings returns the chosen attributes, in the order of the README's table.
function settings() {
  const a = [];
  const muni = $('b-muni').value.trim();
  if (muni) a.push(['municipality', muni]);
  if ($('b-topic').value) a.push(['topic', $('b-topic').value]);
  if ($('b-lang').value) a.push(['lang', $('b-lang').value]);
  if ($('b-theme').value) a.push(['theme', $('b-theme').value]);
  if (!$('b-near').checked) a.push(['near', 'off']);
  if ($('b-hl').value) a.push(['heading-level', $('b-hl').value]);
  // The deployment's suggestion form (SUGGEST_URL at build): the element's
  // "start a group" box links to it.
  if (root.dataset.suggest) a.push(['suggest-url', root.dataset.suggest]);
  return a;
}

const TITLES = { nb: 'Finn selvhjelp nær deg', nn: 'Finn sjølvhjelp nær deg', en: 'Find self-help near you', se: 'Oza iešveahki' };

// snippets returns the embeds for the chosen settings. resize: the iframe
// asks the embed page for its height (resize=1; without it the frame posts
// nothing to the partner's page), and the resizer sets it.
export function snippets(a, o = origin, pinned = root.dataset.pinned, integrity = root.dataset.integrity, resize = false) {
  const el = `<selvhjelp-finder${a.map(([k, v]) => ` ${k}="${esc(v)}"`).join('')}></selvhjelp-finder>`;
  const q = new URLSearchParams(resize ? [...a, ['resize', '1']] : a).toString();
  const lang = (a.find(([k]) => k === 'lang') || [])[1] || 'nb';
  // "Nær meg" needs the position, which a frame gets only with allow="geolocation".
  const near = !a.some(([k, v]) => k === 'near' && v === 'off');
  return {
    script: `<script type="module" src="${o}/widget.js"></script>\n${el}`,
    sri: `<script type="module" src="${o}/${pinned}"\n        integrity="${integrity}" crossorigin="anonymous"></script>\n${el}`,
    iframe: `<iframe src="${esc(o + '/embed' + (q ? '?' + q : ''))}" title="${esc(TITLES[lang] || TITLES.nb)}"\n        width="100%" height="640" loading="lazy"${near ? ' allow="geolocation"' : ''} style="border:0"></iframe>`,
    // Only messages from the finder's origin, from one of the page's frames,
    // with an integer height from 100 to 8000 px.
    resizer: `<script>addEventListener("message",e=>{const d=e.data,h=d&&d.type==="selvhjelp-finder:height"&&d.height;if(e.origin==="${o}"&&Number.isInteger(h)&&h>=100&&h<=8000)for(const f of document.querySelectorAll("iframe"))if(f.contentWindow===e.source)f.height=h})</script>`,
  };
}

function update() {
  const a = settings();
  const live = $('b-live');
  for (const k of ['municipality', 'topic', 'lang', 'theme', 'near', 'heading-level', 'suggest-url']) {
    const v = (a.find(([n]) => n === k) || [])[1];
    if (v === undefined) live.removeAttribute(k); else if (live.getAttribute(k) !== v) live.setAttribute(k, v);
  }
  const resize = $('b-resize').checked;
  const s = snippets(a, origin, root.dataset.pinned, root.dataset.integrity, resize);
  for (const k of Object.keys(s)) $('b-' + k).textContent = s[k];
  $('b-resizer-part').hidden = !resize;
}

async function copy(id, button) {
  const text = $(id).textContent;
  let ok = false;
  try { await navigator.clipboard.writeText(text); ok = true; } catch {
    // No clipboard API (or refused): select the text and use the old command.
    try {
      const r = document.createRange();
      r.selectNodeContents($(id));
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
      ok = document.execCommand('copy');
    } catch {}
  }
  $('b-status').textContent = ok ? `Kopiert: ${button.dataset.what}.` : 'Kunne ikke kopiere. Merk teksten og kopier den selv.';
}

if (root) {
  try {
    // The finder picks the municipality: what it reads (finder-results) fills the fields.
    $('b-pick').addEventListener('finder-results', (e) => {
      if (e.detail.place) $('b-muni').value = e.detail.place;
      if (e.detail.topic && !$('b-topic').value) $('b-topic').value = e.detail.topic;
      update();
    });
    root.addEventListener('input', (e) => { if (!e.target.closest('selvhjelp-finder')) update(); });
    root.addEventListener('change', update);
    for (const b of root.querySelectorAll('button[data-copy]')) b.addEventListener('click', () => copy(b.dataset.copy, b));
    update();
  } catch (e) {
    try { console.error('snippet builder:', e); } catch {}
  }
}
