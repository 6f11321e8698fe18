// <selvhjelp-finder>: finds self-help contact points. One ES module, no
// dependencies. Searching runs on the device in a WebAssembly module, in a Web
// Worker (engine.js); nothing is fetched until the element is near the
// viewport or focused. See README.md.
// scripts/build-assets replaces the __NAME__ placeholders with hashed files.
try { performance.mark('selvhjelp-finder:loader'); } catch { /* old browser */ } // the element's cost starts here (scripts/bench-widget)
const BASE = new URL('.', import.meta.url);
// Built-ins captured when this module loads. A host page that later replaces
// fetch, JSON, Element.prototype.append/replaceChildren or Array.prototype.map
// (filter, some) changes nothing here: the element builds nodes with
// Node.prototype.appendChild, loops with its own map/filter/some, awaits
// promises instead of calling .then (a replaced Promise.prototype.then cannot
// leave a rejection unhandled) and never lets an exception out (#guard).
const B = (() => {
  const o = {};
  try { o.apply = Reflect.apply; o.fetch = globalThis.fetch; o.parse = JSON.parse; o.stringify = JSON.stringify; o.appendChild = Node.prototype.appendChild; o.keys = Object.keys; } catch { /* a very broken page: #guard catches the rest */ }
  return o;
})();
const fetchNow = (...a) => B.apply(B.fetch, globalThis, a);
const stringify = (v) => B.apply(B.stringify, JSON, [v]);
const isArr = Array.isArray;
function map(xs, f) { const out = []; if (xs) for (let i = 0; i < xs.length; i++) out[out.length] = f(xs[i], i); return out; }
function filter(xs, f) { const out = []; if (xs) for (let i = 0; i < xs.length; i++) if (f(xs[i], i)) out[out.length] = xs[i]; return out; }
function some(xs, f) { if (xs) for (let i = 0; i < xs.length; i++) if (f(xs[i], i)) return true; return false; }
// settle awaits p and hands a failure to onError: no rejection is ever left unhandled.
async function settle(p, onError) { try { await p; } catch (e) { try { onError(e); } catch { /* nothing may escape */ } } }
// The engine and its SHA-384: it runs only if it is the file this loader was
// built with, and it pins every file it brings in the same way (engine.js).
const ENGINE = '__ENGINE__', ENGINE_SRI = '__SRI_ENGINE__', API = 'v1/search';
const LIMIT = 8;
const SHORT = 3; // cards shown before "Vis flere"
const SLOW_MS = 4000; // show the national contact while still loading
const FETCH = { credentials: 'omit', referrerPolicy: 'no-referrer' };
// Shown only when neither the module nor the worker can be reached.
const NATIONAL = { name: 'Selvhjelp Norge', url: 'https://www.selvhjelp.no', email: 'post@selvhjelp.no' };
// How a group can be started locally: a real page among the records' sources
// (Selvhjelp Norge on municipalities' contact points for self-help). A test
// checks that it is still a source in data/.
const GUIDE = 'https://selvhjelp.no/samarbeidet-med-og-mellom-kommunene-blomstrer/';
// Always under the results (numbers from data/crisis_lines.json).
const ACUTE = [['113', '113'], ['116 123', '116123']];

// Texts per language. A key missing in a language falls back to bokmål and
// is marked lang="nb" (WCAG 3.1.2): the Northern Sami texts are a short
// draft, and no Sami sentence is made up here.
const T = {
  nb: {
    label: 'Finn selvhjelp nær deg', hint: 'Skriv kommune, postnummer, sted eller tema, for eksempel «sorg Bergen». Søket skjer på din enhet.',
    near: 'Nær meg', options: 'Forslag', kinds: { municipality: 'kommune', postcode: 'postnummer', postal_place: 'poststed', topic: 'tema', contact_point: 'kontaktpunkt', region: 'område', district: 'bydel' },
    count: (s, r) => (s ? `${s} forslag, ` : '') + `${r} kontaktpunkt${r === 1 ? '' : 'er'}.`, none: 'Ingen treff.',
    noneText: (q) => `Ingen treff for «${q}». Prøv en kommune, et postnummer eller et tema.`,
    results: 'Kontaktpunkter', for: 'for', nearest: 'Nærmest deg', loading: 'Laster søket …', always: 'Du kan alltid kontakte',
    phone: 'Telefon', email: 'E-post', web: 'Nettside',
    call: 'Ring', write: 'Skriv til', read: 'Les mer på', noContact: 'Ingen kontaktinformasjon er kjent. Spør Selvhjelp Norge:',
    closed: 'Stengt', since: (d) => `Ikke bekreftet siden ${d}`, never: 'Aldri bekreftet', confirmed: (d) => `Bekreftet ${d}`,
    rel_local: 'I kommunen', rel_area: 'I området', rel_nearby: 'I nærheten', rel_regional: 'I regionen', rel_far: 'Langt unna', rel_national: 'Nasjonalt',
    more: (n) => `Vis flere (${n})`, far: (n) => `Lenger unna (${n})`, lists: (x) => `Har grupper om ${x}`,
    where: 'Hvor bor du?', whereText: 'Skriv kommunen eller postnummeret ditt, så viser vi kontaktpunktene nær deg.', withTopic: (x) => `Kontaktpunkter som har grupper om ${x}`,
    start: 'Start en gruppe der du bor', startText: 'Vi kjenner ikke til et åpent kontaktpunkt i nærheten. Mange kommuner har hjulpet folk å starte en selvhjelpsgruppe, ofte gjennom frivilligsentralen eller frisklivssentralen. Spør kommunen din, eller skriv til Selvhjelp Norge.', startLink: 'Slik har kommuner fått i gang grupper (selvhjelp.no)',
    crisis: 'Trenger du hjelp nå?', crisisText: 'Ring 113 hvis livet er i fare. Du kan også snakke med noen nå, hele døgnet:', moreLines: (n) => `Flere hjelpetelefoner (${n})`, chat: 'chat og nettside', crisisSay: 'Hjelpetelefoner står øverst.',
    acute: 'Akutt hjelp:', helpline: 'Hjelpetelefonen',
    geoDenied: 'Du delte ikke posisjonen din, så vi vet ikke hvor du er. Skriv kommune eller postnummer.', geoBusy: 'Finner posisjonen din …',
    remote: 'Søkemodulen kunne ikke lastes, så det du skriver sendes til selvhjelp-tjenesten for å søke.',
    failed: 'Søket er ikke tilgjengelig nå. Du kan kontakte', slow: 'Søket laster fortsatt. Du kan også kontakte',
    broken: 'Søket svarte ikke. Prøv igjen om litt, eller kontakt', brokenSay: 'Søket svarte ikke.', failedSay: 'Søket er ikke tilgjengelig nå.',
  },
  nn: {
    label: 'Finn sjølvhjelp nær deg', hint: 'Skriv kommune, postnummer, stad eller tema, til dømes «sorg Bergen». Søket skjer på eininga di.',
    near: 'Nær meg', options: 'Forslag', kinds: { municipality: 'kommune', postcode: 'postnummer', postal_place: 'poststad', topic: 'tema', contact_point: 'kontaktpunkt', region: 'område', district: 'bydel' },
    count: (s, r) => (s ? `${s} forslag, ` : '') + `${r} kontaktpunkt.`, none: 'Ingen treff.',
    noneText: (q) => `Ingen treff for «${q}». Prøv ein kommune, eit postnummer eller eit tema.`,
    results: 'Kontaktpunkt', for: 'for', nearest: 'Nærast deg', loading: 'Lastar søket …', always: 'Du kan alltid kontakte',
    phone: 'Telefon', email: 'E-post', web: 'Nettstad',
    call: 'Ring', write: 'Skriv til', read: 'Les meir på', noContact: 'Vi kjenner ikkje til kontaktinformasjon. Spør Selvhjelp Norge:',
    closed: 'Stengd', since: (d) => `Ikkje stadfesta sidan ${d}`, never: 'Aldri stadfesta', confirmed: (d) => `Stadfesta ${d}`,
    rel_local: 'I kommunen', rel_area: 'I området', rel_nearby: 'I nærleiken', rel_regional: 'I regionen', rel_far: 'Langt unna', rel_national: 'Nasjonalt',
    more: (n) => `Vis fleire (${n})`, far: (n) => `Lenger unna (${n})`, lists: (x) => `Har grupper om ${x}`,
    where: 'Kvar bur du?', whereText: 'Skriv kommunen eller postnummeret ditt, så viser vi kontaktpunkta nær deg.', withTopic: (x) => `Kontaktpunkt som har grupper om ${x}`,
    start: 'Start ei gruppe der du bur', startText: 'Vi kjenner ikkje til eit ope kontaktpunkt i nærleiken. Mange kommunar har hjelpt folk å starte ei sjølvhjelpsgruppe, ofte gjennom frivilligsentralen eller frisklivssentralen. Spør kommunen din, eller skriv til Selvhjelp Norge.', startLink: 'Slik har kommunar fått i gang grupper (selvhjelp.no)',
    crisis: 'Treng du hjelp no?', crisisText: 'Ring 113 viss livet er i fare. Du kan òg snakke med nokon no, heile døgnet:', moreLines: (n) => `Fleire hjelpetelefonar (${n})`, chat: 'chat og nettstad', crisisSay: 'Hjelpetelefonar står øvst.',
    acute: 'Akutt hjelp:',
    geoDenied: 'Du delte ikkje posisjonen din, så vi veit ikkje kvar du er. Skriv kommune eller postnummer.', geoBusy: 'Finn posisjonen din …',
    remote: 'Søkjemodulen kunne ikkje lastast, så det du skriv blir sendt til sjølvhjelpstenesta for å søkje.',
    failed: 'Søket er ikkje tilgjengeleg no. Du kan kontakte', slow: 'Søket lastar framleis. Du kan òg kontakte',
    broken: 'Søket svarte ikkje. Prøv igjen om litt, eller kontakt', brokenSay: 'Søket svarte ikkje.', failedSay: 'Søket er ikkje tilgjengeleg no.',
  },
  en: {
    label: 'Find self-help near you', hint: 'Type a municipality, postcode, place or topic, for example “grief Bergen”. The search runs on your device.',
    near: 'Near me', options: 'Suggestions', kinds: { municipality: 'municipality', postcode: 'postcode', postal_place: 'postal place', topic: 'topic', contact_point: 'contact point', region: 'area', district: 'district' },
    count: (s, r) => (s ? `${s} suggestion${s === 1 ? '' : 's'}, ` : '') + `${r} contact point${r === 1 ? '' : 's'}.`, none: 'No matches.',
    noneText: (q) => `No matches for “${q}”. Try a municipality, postcode or topic.`,
    results: 'Contact points', for: 'for', nearest: 'Nearest to you', loading: 'Loading search …', always: 'You can always contact',
    phone: 'Phone', email: 'E-mail', web: 'Website',
    call: 'Call', write: 'Write to', read: 'Read more at', noContact: 'No contact details are known. Ask Selvhjelp Norge:',
    closed: 'Closed', since: (d) => `Not confirmed since ${d}`, never: 'Never confirmed', confirmed: (d) => `Confirmed ${d}`,
    rel_local: 'In the municipality', rel_area: 'In the area', rel_nearby: 'Nearby', rel_regional: 'In the region', rel_far: 'Far away', rel_national: 'National',
    more: (n) => `Show more (${n})`, far: (n) => `Further away (${n})`, lists: (x) => `Has groups on ${x}`,
    where: 'Where do you live?', whereText: 'Type your municipality or postcode to see the contact points near you.', withTopic: (x) => `Contact points with groups on ${x}`,
    start: 'Start a group where you live', startText: 'We know of no open contact point nearby. Many municipalities have helped people start a self-help group, often through the volunteer centre (frivilligsentral) or the healthy-living centre (frisklivssentral). Ask your municipality, or write to Selvhjelp Norge.', startLink: 'How municipalities got groups going (selvhjelp.no, in Norwegian)',
    crisis: 'Do you need help now?', crisisText: 'Call 113 if a life is in danger. You can also talk to someone now, day and night:', moreLines: (n) => `More helplines (${n})`, chat: 'chat and website', crisisSay: 'Helplines are shown first.',
    acute: 'Urgent help:',
    geoDenied: 'You did not share your position, so we do not know where you are. Type a municipality or postcode.', geoBusy: 'Finding your position …',
    remote: 'The search module could not load, so what you type is sent to the self-help service to search.',
    failed: 'Search is not available right now. You can contact', slow: 'Search is still loading. You can also contact',
    broken: 'The search did not answer. Try again shortly, or contact', brokenSay: 'The search did not answer.', failedSay: 'Search is not available right now.',
  },
  // Northern Sami: kept short and plain; to be reviewed by a native speaker.
  se: {
    label: 'Oza iešveahki', hint: 'Čális gieldda, poastanummira, báikki dahje fáttá. Ohcan dáhpáhuvvá du ovttadagas.',
    near: 'Mu lahka', options: 'Evttohusat', kinds: { municipality: 'gielda', postcode: 'poastanummir', postal_place: 'poastabáiki', topic: 'fáddá', contact_point: 'kontákta' },
    count: (s, r) => (s ? `Evttohusat: ${s}. ` : '') + `Kontávttat: ${r}.`, none: 'Ii gávdnon mihkke.',
    results: 'Kontávttat', for: '–', nearest: 'Du lahka', loading: 'Viežžamin …',
    phone: 'Telefovdna', email: 'E-poasta', web: 'Neahttasiidu', closed: 'Giddejuvvon',
    rel_local: 'Gielddas', rel_nearby: 'Lahka', rel_regional: 'Regionála', rel_national: 'Riikkaviidosaš', geoBusy: 'Ohcamin du sajádaga …',
    remote: 'Ohcanmodula ii sáhttán viežžat. Dat maid čálát, sáddejuvvo bálvalussii.',
    failed: 'Ohcan ii doaimma dál. Váldde oktavuođa:', slow: 'Ohcan ii leat gárvvis. Váldde oktavuođa:',
  },
};

// langOf reads a lang attribute as browsers match language tags: the primary
// subtag decides (en-GB → en, nb-NO → nb, nn-NO → nn, sme → se, no → nb).
function langOf(v) {
  const p = String(v || '').trim().toLowerCase().split(/[-_]/)[0];
  return { nb: 'nb', nob: 'nb', no: 'nb', nor: 'nb', nn: 'nn', nno: 'nn', en: 'en', eng: 'en', se: 'se', sme: 'se' }[p] || 'nb';
}

// Colours: the element paints its own background and text, so that a dark
// (or any) host page cannot make it unreadable. Every pair is ≥ 4.5:1 for
// text and ≥ 3:1 for borders and the focus ring (a browser test measures it).
const LIGHT = { text: '#1f2328', bg: '#fff', surface: '#f4f6f8', accent: '#1d5fa8', 'on-accent': '#fff', border: '#6b7280', muted: '#4b5563', focus: '#1d5fa8', mark: '#ffe08a', 'warning-background': '#fff4d6', warning: '#6b3d00', 'crisis-background': '#fdecea', crisis: '#8a1c14' };
const DARK = { text: '#f0f3f6', bg: '#1b1f24', surface: '#2a3038', accent: '#8cc4ff', 'on-accent': '#0d1117', border: '#8b949e', muted: '#b8c0cc', focus: '#8cc4ff', mark: '#ffe08a', 'warning-background': '#3a2c07', warning: '#ffd479', 'crisis-background': '#3b1512', crisis: '#ffb4ab' };
const NAV = { ...LIGHT, text: '#23262a', accent: '#0067c5', focus: '#00347d', border: '#6f7785', muted: '#49515e', surface: '#f1f1f1', mark: '#ffd799', 'warning-background': '#fff5e4' };
// The public names: --selvhjelp-color (text), --selvhjelp-background, and --selvhjelp-<key> for the rest.
const pub = (k) => (k === 'text' ? 'color' : k === 'bg' ? 'background' : k);
const vars = (p) => { let s = ''; for (const k in p) if (Object.hasOwn(p, k)) s += `--_${k}:var(--selvhjelp-${pub(k)},${p[k]});`; return s; };

const CSS = `
:host{display:block;${vars(LIGHT)}--_radius:var(--selvhjelp-radius,6px)}
:host([theme=dark]){${vars(DARK)}}
@media (prefers-color-scheme:dark){:host([theme=auto]){${vars(DARK)}}}
:host([theme=nav]){${vars(NAV)}--_radius:var(--selvhjelp-radius,4px)}
:host([hidden]){display:none}
.f{font-family:var(--selvhjelp-font,inherit);max-width:100%;box-sizing:border-box;color:var(--_text);background:var(--_bg);padding:.75em;border-radius:var(--_radius);line-height:1.4}
:host([theme=nav]) .f{font-family:var(--selvhjelp-font,"Source Sans 3","Source Sans Pro",Arial,sans-serif)}
*,*::before,*::after{box-sizing:inherit}
label{display:block;font-weight:600;margin:0 0 .25em}
.hint,.st,.meta,.acute{color:var(--_muted);font-size:.875em}
.hint{margin:.25em 0 0}
.row{display:flex;flex-wrap:wrap;gap:.5em;align-items:flex-start}
.cb{position:relative;flex:1 1 14em;min-width:0}
input{width:100%;font:inherit;color:var(--_text);background:var(--_bg);border:2px solid var(--_border);border-radius:var(--_radius);padding:.5em .625em;min-height:2.75em}
input::placeholder{color:var(--_muted)}
button{font:inherit;border:2px solid var(--_accent);border-radius:var(--_radius);background:var(--_bg);color:var(--_accent);padding:.5em .875em;min-height:2.75em;cursor:pointer;font-weight:600}
button:hover{background:var(--_accent);color:var(--_on-accent)}
input:focus-visible,button:focus-visible,a:focus-visible,summary:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
a{color:var(--_accent)}
[role=listbox]{position:absolute;z-index:10;left:0;right:0;top:100%;margin:.25em 0 0;padding:.25em 0;list-style:none;color:var(--_text);background:var(--_bg);border:2px solid var(--_border);border-radius:var(--_radius);max-height:20em;overflow:auto;box-shadow:0 4px 12px rgba(0,0,0,.25)}
[role=option]{padding:.5em .625em;cursor:pointer;display:flex;flex-wrap:wrap;gap:0 .5em;align-items:baseline}
[role=option]:hover{background:var(--_surface)}
[role=option][aria-selected=true]{background:var(--_accent);color:var(--_on-accent);outline:2px solid transparent}
[role=option][aria-selected=true] :is(.k,.d){color:inherit}
.k,.d{font-size:.8125em;color:var(--_muted)}
.k{text-transform:lowercase;font-weight:600}
mark{background:var(--_mark);color:#111;font-weight:700;border-radius:2px}
.st{min-height:1.25em;margin:.5em 0}
.note,.box{background:var(--_warning-background);color:var(--_warning);border-left:4px solid currentColor;padding:.5em .75em;margin:.5em 0;border-radius:var(--_radius)}
.box{background:var(--_surface);color:var(--_text);border-color:var(--_border)}
.note a,.crisis a{color:inherit}
.box p,.crisis p{margin:.25em 0}
.rh,.bh{margin:.75em 0 .375em;font-size:1.0625em}
.box .bh,.crisis .bh{margin:0 0 .25em}
.cards{list-style:none;margin:0;padding:0;display:grid;gap:.5em}
.card{border:1px solid var(--_border);border-radius:var(--_radius);padding:.5em .75em;background:var(--_bg);overflow-wrap:anywhere}
.card .cn{margin:0;font-size:1em}
.card p{margin:.125em 0}
.badge{display:inline-block;font-size:.8125em;font-weight:600;padding:0 .375em;border:1px solid currentColor;border-radius:var(--_radius);margin:.125em .375em .125em 0;background:var(--_warning-background);color:var(--_warning)}
.badge.ok{background:var(--_bg);color:var(--_text)}
.meta{margin:0}
details{margin:.5em 0}
summary{cursor:pointer;color:var(--_accent);font-weight:600;padding:.375em 0;min-height:2.75em;display:flex;align-items:center}
details .cards{margin-top:.25em}
.crisis{background:var(--_crisis-background);color:var(--_crisis);border:2px solid currentColor;border-radius:var(--_radius);padding:.625em .875em;margin:.5em 0}
.crisis ul{list-style:none;margin:.25em 0 0;padding:0;display:grid;gap:.375em}
.crisis .num{font-weight:700;font-size:1.125em;white-space:nowrap}
.crisis .for{display:block;font-size:.875em}
.acute{margin:.75em 0 0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (forced-colors:active){mark{forced-color-adjust:none;background:Mark;color:MarkText}
 [role=option][aria-selected=true]{forced-color-adjust:none;background:Highlight;color:HighlightText}
 .badge,.note,.box,.crisis{border-color:CanvasText}}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important;scroll-behavior:auto!important}}
`;

let sheet; // one constructable stylesheet shared by every element
function styles() {
  try { if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); } return [sheet]; } catch { return []; }
}

// h builds an element; children are nodes or strings (always text, never HTML).
function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  const ks = attrs ? B.keys(attrs) : []; // own keys only (a host's Object.prototype.foo is no attribute)
  for (let i = 0; i < ks.length; i++) if (attrs[ks[i]] != null && attrs[ks[i]] !== false) e.setAttribute(ks[i], attrs[ks[i]]);
  add(e, kids);
  return e;
}
// add appends children (nested arrays flattened; null, '' and false skipped) as nodes or text.
function add(e, c) {
  if (c == null || c === '' || c === false) return;
  if (isArr(c)) { for (let i = 0; i < c.length; i++) add(e, c[i]); return; }
  B.apply(B.appendChild, e, [c instanceof Node ? c : document.createTextNode(String(c))]);
}
// put replaces an element's children.
function put(e, ...kids) { e.textContent = ''; add(e, kids); }

// nextTask resolves after the page has had a chance to handle input and paint.
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// safeURL returns an http(s) URL or null: dataset text never becomes a javascript: link.
function safeURL(u) {
  if (typeof u !== 'string' || !u.trim()) return null; // no address: no link (never "https://undefined/")
  try { const x = new URL(/^[a-z][a-z0-9+.-]*:/i.test(u) ? u : 'https://' + u); return /^https?:$/.test(x.protocol) ? x.href : null; } catch { return null; }
}
const telOf = (n) => 'tel:' + String(n).replace(/[^\d+]/g, '');
const hostOf = (u) => u.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
// A private address (c/o a person) is never shown, whatever the data holds.
const privateAddress = (a) => /\bc\s*\/\s*o\b/i.test(a || '');

// engine() loads the search once per page and is shared by every element.
// It resolves to {mode, where, search, near, topics, national, onchange} or
// rejects when nothing works. engine.js runs the module in a Web Worker, else
// on the main thread in slices; when neither works, the worker's API searches.
let enginePromise;
const elements = new Set(); // started elements, refreshed when the engine's data grows
function engine() {
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
    const u = new URL(API, BASE);
    u.searchParams.set('q', q);
    u.searchParams.set('limit', o.limit || LIMIT);
    if (o.municipality) u.searchParams.set('municipality', o.municipality);
    if (o.topic) u.searchParams.set('topic', o.topic);
    const r = await fetchNow(u, { ...FETCH, signal });
    if (!r || !r.ok) throw new Error('search ' + (r && r.status));
    try { dataset ||= r.headers.get('X-Finder-Dataset'); } catch { /* not a Response: r.json() says so */ }
    return answer(await r.json()); // throws on a malformed answer (HTML, invalid JSON, wrong shapes)
  };
  const timeout = (ms) => (AbortSignal.timeout ? AbortSignal.timeout(ms) : undefined);
  const probe = await get('', { limit: 1 }, timeout(4000));
  // A search that hangs fails after a while instead of leaving the last answer standing.
  return { mode: 'remote', complete: true, dataset, search: (q, o) => get(q, o, timeout(8000)), near: null, national: map(filter(probe.results, (r) => r.relation === 'national'), (r) => r.contact_point) };
}

// answer checks an answer's shape (the module's or the worker's) and keeps
// only what the element can show, with the right types. The engine never
// sends a malformed place, topic, suggestion or result: one of those means
// the answer is not the engine's (a proxy, a captive portal, a bug), and the
// whole answer is refused (it throws). Optional details (highlights, crisis
// lines) that are malformed are left out.
function answer(j) {
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
  }
  if (j.error) out.error = String(j.error);
  return out;
}

// results keeps the results whose contact point has a name, with text
// fields only, and the citizen note's translations (citizen_notes).
function results(xs) {
  if (!isArr(xs)) return [];
  return map(filter(xs, (x) => x && typeof x === 'object' && x.contact_point && typeof x.contact_point === 'object' && typeof x.contact_point.name === 'string'), (x) => {
    const c = {}, cp = x.contact_point, keys = B.keys(cp);
    for (let i = 0; i < keys.length; i++) if (typeof cp[keys[i]] === 'string') c[keys[i]] = cp[keys[i]];
    if (isArr(cp.citizen_notes)) c.citizen_notes = notes(cp.citizen_notes);
    return { contact_point: c, relation: typeof x.relation === 'string' ? x.relation : '', distance_km: typeof x.distance_km === 'number' && x.distance_km >= 0 ? x.distance_km : 0, lists_topic: x.lists_topic === true };
  });
}

// notes keeps the {language, text} pairs of a citizen_notes list.
function notes(xs) {
  return map(filter(xs, (n) => n && typeof n === 'object' && typeof n.language === 'string' && typeof n.text === 'string' && n.text), (n) => ({ language: n.language, text: n.text }));
}

// formatDate gives a record's confirmation date at its own precision:
// "2017", "februar 2017"; numeric ("02.2017") in Northern Sami. The month
// names are built in rather than asked of Intl: the first
// Intl.DateTimeFormat, supportedLocalesOf or toLocaleString on a page loads
// the locale's ICU data, 30-100 ms on the host page's main thread inside the
// first render of the cards, and every new formatter ~1 ms per card (seen in
// scripts/bench-widget -trace). Chromium has no Sami or Nynorsk data anyway.
const MONTHS = { nb: 'januar februar mars april mai juni juli august september oktober november desember'.split(' '),
  en: 'January February March April May June July August September October November December'.split(' ') };
MONTHS.nn = MONTHS.nb;
function formatDate(s, lang) {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(s || '');
  if (!m) return '';
  if (!m[2]) return m[1];
  const name = MONTHS[lang]?.[+m[2] - 1];
  return name ? `${name} ${m[1]}` : `${m[2]}.${m[1]}`;
}
// kilometres: whole kilometres grouped as the language writes them (1 234 km; 1,234 km).
const kilometres = (n, lang) => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, lang === 'en' ? ',' : '\u00a0') + ' km';

// Events for the host page (README: Hendelser / Events): they bubble and are
// composed, so a listener on document hears every element. They carry what
// the element read (a municipality number, a topic id, a count), never what
// was typed. A listener that throws is reported by the browser as the host
// page's own error; dispatchEvent does not throw into the element.
function emit(el, type, detail) {
  try { el.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail: Object.freeze(detail) })); } catch {}
}
// readyDetail is finder-ready's detail, from whatever the engine knows: mode
// 'local' (the module on the device, in any thread) or 'remote' (the worker's
// /v1/search), and the dataset version.
function readyDetail(eng) { return { mode: eng?.mode === 'remote' ? 'remote' : 'local', dataset: eng?.dataset || null }; }
// near="off" (also "false", "no", "0", "nei", "av") hides "Nær meg".
const nearOff = (v) => ['off', 'false', 'no', '0', 'nei', 'av'].includes(String(v ?? '').trim().toLowerCase());

let uid = 0;
const REL_ORDER = { local: 0, nearby: 1, regional: 2, '': 2, national: 3, far: 4 };

class SelvhjelpFinder extends HTMLElement {
  static observedAttributes = ['municipality', 'topic', 'lang', 'heading-level', 'near'];
  #n = ++uid; #ui; #io; #eng; #started = false; #seq = 0; #res = null; #sugg = []; #active = -1; #pick = null; #near = null; #timer = 0; #say = 0; #tell = 0;
  #preset = {}; #warned = new Set(); #shown = {}; #rest = null;

  constructor() {
    super();
    try { this.#build(); } catch (e) { try { console.error('selvhjelp-finder:', e); this.#ui = null; this.#bare(); } catch { /* nothing may escape */ } }
  }

  get #lang() { return langOf(this.getAttribute('lang')); }
  get #t() { return T[this.#lang]; }
  // #hl is the results' heading level (attribute heading-level, default 2); cards are one below.
  get #hl() { const n = parseInt(this.getAttribute('heading-level'), 10); return n >= 1 && n <= 5 ? n : 2; }

  // #s is the text for key in the element's language, or the bokmål text
  // marked lang="nb" when the language has none (WCAG 3.1.2).
  #s(key, ...a) {
    const l = this.#lang;
    let v = T[l][key], lg = l;
    if (v === undefined) { v = T.nb[key]; lg = 'nb'; }
    if (typeof v === 'function') v = v(...a);
    return lg === l ? v : h('span', { lang: lg }, v);
  }
  #str(key, ...a) { const v = T[this.#lang][key] ?? T.nb[key]; return typeof v === 'function' ? v(...a) : v; }
  // #nb marks dataset text (written in bokmål) when the element speaks another language.
  #nb(text, tag = 'span', attrs = {}) { return h(tag, this.#lang === 'nb' ? attrs : { ...attrs, lang: 'nb' }, text); }

  #build() {
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = styles();
    const u = (this.#ui = {});
    u.label = h('label', { for: 'q', id: 'ql' });
    u.input = h('input', { id: 'q', type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'lb', 'aria-describedby': 'hint', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', enterkeyhint: 'search' });
    u.list = h('ul', { id: 'lb', role: 'listbox' });
    u.list.hidden = true;
    u.near = h('button', { type: 'button', class: 'near' });
    u.hint = h('p', { id: 'hint', class: 'hint' });
    u.status = h('div', { class: 'st', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    u.note = h('div', { class: 'note' });
    u.note.hidden = true;
    u.results = h('section', { class: 'res' });
    u.acute = h('p', { class: 'acute' });
    u.box = h('div', { class: 'f', 'data-state': 'idle' }, u.label, h('div', { class: 'row' }, h('div', { class: 'cb' }, u.input, u.list), u.near), u.hint, u.status, u.note, u.results, u.acute);
    root.append(u.box);
    // Every handler runs in #guard and hands it its promise: nothing escapes.
    const on = (el, ev, fn) => el.addEventListener(ev, (e) => this.#guard(() => fn(e)));
    on(u.input, 'input', () => { this.#pick = null; this.#near = null; this.#leaveOption(); return this.#query(); });
    on(u.input, 'keydown', (e) => this.#key(e));
    on(u.input, 'blur', () => this.#close());
    on(u.list, 'pointerdown', (e) => e.preventDefault()); // keep focus in the input
    on(u.list, 'click', (e) => { const o = e.target.closest('[role=option]'); if (o) return this.#choose(+o.dataset.i); });
    on(u.near, 'click', async () => {
      this.#start();
      try { await engine(); } catch { return; } // #start shows and reports that failure
      return this.#locate();
    });
    on(this, 'focusin', () => this.#start());
    this.#texts();
    this.#syncNear();
  }

  // #syncNear hides "Nær meg" for near="off", and where it cannot work (the
  // service fallback, no geolocation, nothing loaded); #start only ever hides it.
  #syncNear() {
    const u = this.#ui;
    u.near.hidden = nearOff(this.getAttribute('near')) || this.#eng?.mode === 'remote' || u.box.dataset.state === 'failed' || !('geolocation' in navigator);
  }

  // #tellResults sends finder-results once the answer has settled: after
  // the same pause in typing as the live region, so one per search, not one
  // per keystroke.
  #tellResults() {
    clearTimeout(this.#tell);
    const r = this.#res;
    if (!r) return;
    this.#tell = setTimeout(() => this.#guard(() => {
      if (r !== this.#res) return;
      emit(this, 'finder-results', { place: r.place?.municipality || null, topic: r.topic?.id || null, results: this.#ui.results.querySelectorAll('.card').length, mode: readyDetail(this.#eng).mode });
    }), 400);
  }

  connectedCallback() {
    this.#guard(() => {
      if (this.#started || this.#io) return;
      if (!('IntersectionObserver' in globalThis)) return this.#start();
      this.#io = new IntersectionObserver((es) => this.#guard(() => { if (some(es, (e) => e.isIntersecting)) this.#start(); }), { rootMargin: '200px' });
      this.#io.observe(this);
    });
  }

  disconnectedCallback() { this.#guard(() => { this.#io?.disconnect(); this.#io = null; }); }

  attributeChangedCallback(name, old, val) {
    if (old === val || !this.#ui) return;
    this.#guard(async () => {
      if (name === 'near') return this.#syncNear();
      if (name === 'lang' || name === 'heading-level') { this.#texts(); this.#renderList(); this.#renderResults(); return; }
      this.#pick = null;
      if (!this.#eng) return;
      await this.#presets();
      await this.#refresh();
    });
  }

  // #guard keeps every failure inside the element: the host page never sees
  // one. A function's promise is awaited (settle), never .then()-ed.
  #guard(fn) {
    let p;
    try { p = fn(); } catch (e) { this.#fail(e); return; }
    if (p && typeof p === 'object') settle(p, (e) => this.#fail(e));
  }

  // #fail: something went wrong. The element says so (finder-error, the
  // live region) and shows the national contact instead of a stale answer.
  #fail(e, reason = 'search') {
    try { console.error('selvhjelp-finder:', e); } catch {}
    emit(this, 'finder-error', { reason });
    try { this.#showFailure(); } catch (e2) { try { this.#bare(); } catch { /* nothing may escape */ } }
  }

  #showFailure() {
    const u = this.#ui;
    if (!u) return this.#bare();
    clearTimeout(this.#say); clearTimeout(this.#tell); clearTimeout(this.#timer);
    this.#seq++; // an answer still on its way is no longer wanted
    const start = u.box.dataset.state !== 'local' && u.box.dataset.state !== 'remote';
    if (start) { u.box.dataset.state = 'failed'; u.near.hidden = true; }
    u.box.dataset.error = 'true';
    this.#sugg = [];
    this.#close();
    put(u.list);
    this.#res = { results: nationalResults(), place: null, topic: null, failed: true };
    this.#shown = {};
    this.#renderResults();
    this.#contact(this.#str(start ? 'failed' : 'broken'), NATIONAL_LIST());
    u.status.textContent = this.#str(start ? 'failedSay' : 'brokenSay');
  }

  // #bare is the last resort when even rendering fails: plain text, no markup.
  #bare() {
    const say = this.#str('brokenSay') + ' ' + this.#str('always') + ' ' + NATIONAL.name + ': ' + NATIONAL.email + ', ' + NATIONAL.url.replace(/^https:\/\//, '') + '.';
    const u = this.#ui;
    if (u?.note) { u.note.textContent = say; u.note.hidden = false; u.status.textContent = this.#str('brokenSay'); u.list.hidden = true; return; }
    if (this.shadowRoot) this.shadowRoot.textContent = say;
  }

  #texts() {
    const u = this.#ui;
    u.box.lang = this.#lang;
    put(u.label, this.#s('label'));
    put(u.hint, this.#s('hint'));
    put(u.near, this.#s('near'));
    u.list.setAttribute('aria-label', this.#str('options'));
    // 113 and Hjelpetelefonen 116 123, always, in small type under the results.
    put(u.acute, this.#s('acute'), ' ', h('a', { href: telOf(ACUTE[0][1]) }, ACUTE[0][0]), ' · ',
      this.#lang === 'nb' ? 'Hjelpetelefonen' : this.#nb('Hjelpetelefonen'), ' ', h('a', { href: telOf(ACUTE[1][1]) }, ACUTE[1][0]));
    if (u.box.dataset.error) this.#showFailure();
    else if (this.#eng?.mode === 'remote') this.#remoteNote();
  }

  // #remoteNote: the module could not load; what is typed goes to the service.
  #remoteNote() { this.#contact(this.#str('remote') + ' ' + this.#str('always'), NATIONAL_LIST()); }

  #start() {
    if (this.#started) return;
    this.#started = true;
    this.#io?.disconnect();
    this.#ui.box.dataset.state = 'loading';
    const slow = setTimeout(() => this.#guard(() => { if (!this.#eng) this.#contact(this.#str('slow'), NATIONAL_LIST()); }), SLOW_MS);
    elements.add(this);
    this.#guard(async () => {
      let eng;
      try {
        eng = await engine();
      } catch (e) {
        clearTimeout(slow);
        return this.#fail(e, 'unavailable'); // the national contact, "not available now"
      }
      clearTimeout(slow);
      this.#eng = eng;
      if (eng.refused) emit(this, 'finder-error', { reason: 'integrity' });
      emit(this, 'finder-ready', readyDetail(eng));
      this.#ui.box.dataset.state = eng.mode;
      if (eng.where) this.#ui.box.dataset.engine = eng.where;
      if (eng.complete) this.#ui.box.dataset.complete = 'true';
      this.#ui.note.hidden = true;
      if (this.#ui.status.textContent === this.#str('loading')) this.#ui.status.textContent = '';
      if (eng.mode === 'remote') { this.#remoteNote(); this.#ui.near.hidden = true; }
      if (!('geolocation' in navigator)) this.#ui.near.hidden = true;
      await this.#presets();
      await this.#refresh();
    });
  }

  // engineChanged: the engine read more data (the postcodes): answer again.
  engineChanged() {
    this.#guard(() => {
      if (this.#eng?.complete) this.#ui.box.dataset.complete = 'true';
      if (this.#eng && (this.#res || this.#ui.input.value.trim())) return this.#refresh();
    });
  }

  // #contact shows the national contact details (never a dead end).
  #contact(lead, list) {
    const n = this.#ui.note;
    put(n, h('p', null, lead), map(list, (c) => {
      const web = safeURL(c.url);
      return h('p', null, h('strong', null, c.name), web && [' · ', h('a', { href: web }, c.url.replace(/^https?:\/\//, ''))], c.email && [' · ', h('a', { href: 'mailto:' + c.email }, c.email)], c.phone && [' · ', h('a', { href: telOf(c.phone) }, c.phone)]);
    }));
    n.hidden = false;
  }

  // #presets reads the municipality and topic attributes the forgiving way
  // (a 2024 number, a former number, a name; a topic id, name or synonym).
  // A value that means nothing logs one console.warn and is left out.
  async #presets() {
    const out = {}, eng = this.#eng;
    for (const k of ['municipality', 'topic']) {
      const v = (this.getAttribute(k) || '').trim();
      if (!v) continue;
      let id = '';
      if (eng.preset) id = String((await eng.preset(k, v)) || '');
      else if (k === 'municipality' && /^\d{4}$/.test(v)) id = v; // the worker checks the number
      else {
        const r = await eng.search(v, { limit: 1 });
        id = k === 'municipality' ? r.place?.municipality || '' : (!r.place && r.topic?.id) || '';
      }
      if (id) out[k] = id;
      else if (!this.#warned.has(k + '=' + v)) {
        this.#warned.add(k + '=' + v);
        console.warn(`selvhjelp-finder: ${k}="${v}" is not a known ${k === 'municipality' ? 'municipality number or name' : 'topic id, name or synonym'}; it is ignored.`);
      }
    }
    this.#preset = out;
  }

  #opts() { return { limit: LIMIT, ...this.#preset }; }

  // #refresh reruns whatever is shown for the current input and attributes.
  #refresh() {
    if (this.#near) return this.#locate();
    if (this.#pick) return this.#run('', this.#pick, { quiet: true });
    if (this.#ui.input.value.trim()) return this.#query();
    this.#close();
    const o = this.#opts();
    this.#sugg = [];
    if (o.municipality || o.topic) return this.#run('', o, { quiet: true, silent: true });
    this.#res = null;
    this.#renderList();
    this.#renderResults();
  }

  #query() {
    if (!this.#eng) {
      // Typed before the search is ready: say so at once, visibly.
      if (this.#ui.box.dataset.state === 'loading' && this.#ui.input.value.trim()) this.#ui.status.textContent = this.#str('loading');
      return;
    }
    const q = this.#ui.input.value;
    if (!q.trim()) return this.#refresh();
    if (this.#eng.mode === 'remote') { // one request per pause in typing, not per keystroke
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#guard(() => this.#run(q, this.#opts())), 250);
      return;
    }
    return this.#run(q, this.#opts());
  }

  // #run searches and shows the answer. quiet: no suggestions (a choice or
  // a preset); silent: nothing announced (the element opening on a preset).
  async #run(q, o, { quiet = false, silent = false } = {}) {
    const seq = ++this.#seq;
    // A failure of a call that a newer query has overtaken does not count;
    // any other goes to #guard, whose #fail shows the national contact.
    const stale = (e) => { if (seq !== this.#seq) return true; throw e; };
    let r;
    try {
      r = answer(await this.#eng.search(q, o));
      if (r.error) throw new Error(r.error);
    } catch (e) { if (stale(e)) return; }
    if (seq !== this.#seq) return; // a newer query answered first
    this.#recovered();
    // The suggestions first: they are what answers the keystroke. Render
    // only what changed: typing often keeps the same suggestions or cards.
    const sugg = quiet ? [] : r.suggestions || [];
    const sk = stringify(sugg);
    const was = this.#shown; // what the last #run rendered, if nothing else rendered since
    const sameList = was.sugg === this.#sugg && was.sk === sk;
    // The same suggestions again (the postcodes came in and the element
    // answered again) keep the option the person is on with the arrow keys.
    const keep = sameList && this.#active >= 0 && this.#active < sugg.length;
    const listSame = sameList && (keep || this.#active === -1) && this.#ui.list.hidden === !(sugg.length > 0 && this.#ui.input.matches(':focus'));
    this.#sugg = sugg;
    if (!keep) this.#active = -1;
    const shown = (this.#shown = { sugg, sk, res: null, rk: null });
    if (!listSame) this.#renderList();
    this.#ui.box.dataset.listed = q; // the suggestions are in (bench-widget)
    // A topic without a place: the cards list the contact points that work
    // with it, which takes a second call; the suggestions do not wait for it.
    if (r.topic && !r.place && !r.territory && this.#eng.withTopic) {
      try { r.withTopic = results((await this.#eng.withTopic(r.topic.id))?.results); } catch (e) { if (stale(e)) return; }
      if (seq !== this.#seq) return;
    }
    const res = { ...r, typed: q.trim() };
    const rk = stringify({ ...res, query: 0, suggestions: res.suggestions?.length || 0, typed: this.#nothing(res) ? res.typed : !!res.typed });
    const resSame = was.res === this.#res && was.rk === rk;
    this.#res = res;
    if (!resSame) {
      // The cards in the next task: with cold code the suggestions and the
      // cards were one long task on the host page (bench-widget -trace).
      if (!listSame) { await nextTask(); if (seq !== this.#seq) return; }
      this.#renderResults();
    }
    shown.res = res;
    shown.rk = rk;
    if (this.#rest) { await this.#rest; if (seq !== this.#seq) return; } // the cards built after the visible ones
    this.#ui.box.dataset.answered = q; // tests and the bench wait for this
    this.#tellResults();
    if (!silent) this.#announce();
  }

  // #recovered: an answer came after a failure; the failure note goes.
  #recovered() {
    const u = this.#ui;
    if (!u.box.dataset.error) return;
    delete u.box.dataset.error;
    if (this.#eng?.mode === 'remote') this.#remoteNote(); else u.note.hidden = true;
  }

  // #nothing: the query was read as neither place nor topic nor crisis.
  #nothing(r) { return r && r.typed && !r.place && !r.topic && !r.territory && !r.crisis && !r.near && !r.suggestions?.length; }

  #announce() {
    clearTimeout(this.#say);
    const r = this.#res;
    // Wait for a pause so a screen reader is not flooded while typing.
    this.#say = setTimeout(() => this.#guard(() => {
      if (!r) { this.#ui.status.textContent = ''; return; }
      const n = this.#ui.results.querySelectorAll('.card').length;
      this.#ui.status.textContent = this.#nothing(r) ? this.#str('none') : (r.crisis ? this.#str('crisisSay') + ' ' : '') + this.#str('count', this.#sugg.length, n);
    }), 400);
  }

  #renderList() {
    const u = this.#ui, kinds = this.#t.kinds || T.nb.kinds;
    put(u.list, map(this.#sugg, (s, i) => h('li', { id: 'o' + i, role: 'option', 'aria-selected': i === this.#active ? 'true' : 'false', 'data-i': i },
      h('span', s.kind === 'topic' && this.#lang !== 'nb' ? { lang: 'nb' } : null, marked(s.label, s.highlight)), h('span', { class: 'k' }, kinds[s.kind] || T.nb.kinds[s.kind] || s.kind), s.detail && h('span', { class: 'd' }, s.detail))));
    const open = this.#sugg.length > 0 && u.input.matches(':focus');
    u.list.hidden = !open;
    u.input.setAttribute('aria-expanded', String(open));
    if (this.#active >= 0 && open) { u.input.setAttribute('aria-activedescendant', 'o' + this.#active); u.list.children[this.#active]?.scrollIntoView?.({ block: 'nearest' }); } else u.input.removeAttribute('aria-activedescendant');
  }

  // #leaveOption: typing moves the focus back to the text (APG editable
  // combobox): no option stays active.
  #leaveOption() {
    if (this.#active < 0) return;
    this.#active = -1;
    this.#ui.input.removeAttribute('aria-activedescendant');
    this.#renderList();
  }

  #close() {
    const u = this.#ui;
    u.list.hidden = true;
    u.input.setAttribute('aria-expanded', 'false');
    u.input.removeAttribute('aria-activedescendant');
    this.#active = -1;
  }

  #key(e) {
    const n = this.#sugg.length, open = !this.#ui.list.hidden;
    const move = (i) => { e.preventDefault(); this.#active = i; this.#renderList(); };
    switch (e.key) {
      case 'ArrowDown': if (n) move(open ? (this.#active + 1) % n : 0); break;
      case 'ArrowUp': if (n) move(open ? (this.#active <= 0 ? n - 1 : this.#active - 1) : n - 1); break;
      // APG editable combobox: Home and End move the caret in the box; an
      // active option gives the focus back to the text.
      case 'Home': case 'End': if (this.#active >= 0) { this.#active = -1; this.#renderList(); } break;
      case 'Enter':
        if (open && this.#active >= 0) { e.preventDefault(); return this.#choose(this.#active); }
        if (open) { e.preventDefault(); this.#close(); }
        break;
      case 'Escape':
        if (open) { e.preventDefault(); this.#close(); } else if (this.#ui.input.value) {
          e.preventDefault();
          this.#ui.input.value = '';
          this.#pick = null;
          clearTimeout(this.#say);
          this.#ui.status.textContent = ''; // the old counts are no longer true
          return this.#query();
        }
        break;
    }
  }

  // #choose shows the results of one suggestion, keeping the other half of
  // the reading: a chosen topic keeps the place, a chosen place the topic,
  // in the results and in the text of the box.
  #choose(i) {
    const s = this.#sugg[i], r = this.#res;
    if (!s) return;
    const o = this.#opts();
    const place = r?.place, topic = r?.topic;
    const placeText = place && (place.region?.name || place.district || place.name);
    let text = s.label;
    if (s.kind === 'topic') { o.topic = s.id; if (place) { o.municipality = place.municipality; text = `${s.label} ${placeText}`; } }
    else if (['municipality', 'postal_place', 'region', 'district'].includes(s.kind)) { o.municipality = s.id; if (topic) { o.topic = topic.id; text = `${topic.name} ${s.label}`; } }
    this.#ui.input.value = text;
    this.#close();
    if (s.kind === 'postcode' || s.kind === 'contact_point') { this.#pick = null; return this.#run(s.kind === 'postcode' ? filter([topic?.name, s.id], Boolean).join(' ') : s.label, o, { quiet: true }); }
    this.#pick = o;
    return this.#run('', o, { quiet: true });
  }

  #locate() {
    const eng = this.#eng;
    if (!eng?.near || !navigator.geolocation) return;
    this.#ui.status.textContent = this.#str('geoBusy');
    navigator.geolocation.getCurrentPosition((p) => this.#guard(async () => {
      this.#near = { lat: p.coords.latitude, lon: p.coords.longitude };
      const r = answer(await eng.near(this.#near.lat, this.#near.lon, this.#opts()));
      if (r.error) throw new Error(r.error);
      this.#recovered();
      this.#res = { ...r, near: true };
      this.#sugg = [];
      this.#renderList();
      this.#renderResults();
      this.#tellResults();
      this.#announce();
    }), () => this.#guard(() => {
      // Refused (or no fix): say so, and still show the national contact.
      this.#near = null;
      clearTimeout(this.#say);
      this.#res = { results: nationalResults(), place: null, topic: null, denied: true };
      this.#sugg = [];
      this.#renderList();
      this.#renderResults();
      this.#ui.status.textContent = this.#str('geoDenied');
      emit(this, 'finder-error', { reason: 'location' });
    }), { timeout: 15000, maximumAge: 600000 });
  }

  // #topicName is a topic's name in the element's language (topics.json
  // names), else bokmål marked lang="nb".
  #topicName(tp) {
    const l = this.#lang, names = this.#eng?.labels?.topics?.[tp.id];
    if (names?.[l]) return h('span', null, names[l]);
    return this.#nb(names?.nb || tp.name);
  }

  // #placeName is the place as the element's language names it: in Sami the
  // official Sami name where there is one ("Guovdageaidnu"), marked with its
  // own language when it is Lule or Southern Sami.
  #placeName(p) {
    if (p.region) return h('span', null, p.region.name);
    if (this.#lang === 'se') {
      const names = this.#eng?.labels?.places?.[p.municipality] || [];
      const n = names.find((x) => x.language === 'se') || names.find((x) => x.language === 'smj' || x.language === 'sma');
      if (n) return h('span', n.language === 'se' ? null : { lang: n.language }, n.name);
    }
    return h('span', null, p.district ? `${p.district} (${p.name})` : p.name);
  }

  #renderResults() {
    const u = this.#ui, r = this.#res, hl = this.#hl;
    if (!r) { u.results.removeAttribute('aria-labelledby'); return put(u.results); }
    const out = [];
    const H = (n, attrs, ...kids) => h('h' + Math.min(n, 6), attrs, ...kids);
    if (r.crisis?.lines?.length) out.push(this.#crisis(r.crisis.lines, H));
    const results = r.results || [];
    const national = filter(results, (x) => x.relation === 'national');
    let heading, list = results, ask = null, start = null;
    if (r.denied || r.failed || this.#nothing(r)) {
      if (!r.denied && !r.failed) out.push(h('p', { class: 'none' }, this.#s('noneText', r.typed)));
      heading = this.#s('always');
      list = national;
    } else if (r.near) {
      heading = this.#s('nearest');
    } else if (r.topic && !r.place && !r.territory) {
      const tn = this.#topicName(r.topic);
      ask = h('div', { class: 'box ask' }, H(hl, { class: 'bh' }, this.#s('where')), h('p', null, this.#s('whereText')));
      if (r.withTopic?.length) { heading = this.#s('withTopic', ''); heading = [heading, tn]; list = [...r.withTopic, ...national]; }
      else { heading = this.#s('always'); list = national; }
    } else if (r.place || r.territory) {
      const what = [r.place ? this.#placeName(r.place) : r.territory.name, ...map(r.topics?.length ? r.topics : r.topic ? [r.topic] : [], (tp) => this.#topicName(tp))];
      heading = [this.#s('results'), ' ', this.#s('for'), ' ', map(what, (w, i) => (i ? [', ', w] : w))];
      // Where no open contact point is near: how a group can be started locally.
      if (!some(results, (x) => (x.relation === 'local' || x.relation === 'nearby') && x.contact_point?.status !== 'closed')) start = this.#startBox(H);
    } else {
      heading = this.#s('always');
      list = national;
    }
    if (ask) out.push(ask);
    const open = filter(list, (x) => x.contact_point?.status !== 'closed');
    const near = filter(open, (x) => x.relation !== 'far').sort((a, b) => (REL_ORDER[a.relation] ?? 2) - (REL_ORDER[b.relation] ?? 2));
    const far = filter(open, (x) => x.relation === 'far');
    const rest = [...near.slice(SHORT), ...filter(list, (x) => x.contact_point?.status === 'closed')];
    const cards = (xs) => h('ul', { class: 'cards' }, map(xs, (x) => this.#card(x, r, hl + 1)));
    // The cards behind a closed "Vis flere" / "Lenger unna" are built in the
    // next task, after the visible ones (or at once when the group is opened):
    // the first answer, with cold code, is otherwise one long task on the host
    // page (scripts/bench-widget -trace).
    const later = [];
    const group = (cls, summary, xs) => {
      const ul = h('ul', { class: 'cards' });
      let done = false;
      const fill = () => { if (!done && ul.isConnected) { done = true; add(ul, map(xs, (x) => this.#card(x, r, hl + 1))); } };
      later.push(fill);
      const d = h('details', { class: cls }, h('summary', null, summary), ul);
      d.addEventListener('toggle', () => this.#guard(fill));
      return d;
    };
    if (list.length) {
      out.push(H(hl, { id: 'rh', class: 'rh' }, heading), cards(near.slice(0, SHORT)));
      if (rest.length) out.push(group('more', this.#s('more', rest.length), rest));
      if (far.length) out.push(group('far', this.#s('far', far.length), far));
    }
    if (start) out.push(start);
    if (list.length) u.results.setAttribute('aria-labelledby', 'rh'); else u.results.removeAttribute('aria-labelledby');
    put(u.results, out);
    this.#rest = later.length ? new Promise((resolve) => setTimeout(() => { try { this.#guard(() => { for (let i = 0; i < later.length; i++) later[i](); }); } finally { resolve(); } }, 0)) : null;
  }

  #crisis(lines, H) {
    const line = (l) => {
      const web = safeURL(l.url);
      return h('li', null, l.number && [h('a', { class: 'num', href: telOf(l.number) }, l.number), ' '], this.#nb(l.name, 'strong'),
        l.hours && l.hours.length <= 40 && [' · ', this.#nb(l.hours)], web && [' · ', h('a', { href: web }, this.#s('chat'))],
        l.for && this.#nb(l.for, 'span', { class: 'for' }));
    };
    const first = lines.slice(0, 5), more = lines.slice(5);
    return h('section', { class: 'crisis', 'aria-labelledby': 'ch' }, H(this.#hl, { id: 'ch', class: 'bh' }, this.#s('crisis')),
      h('p', null, this.#s('crisisText')), h('ul', null, map(first, line)),
      more.length > 0 && h('details', null, h('summary', null, this.#s('moreLines', more.length)), h('ul', null, map(more, line))));
  }

  #startBox(H) {
    const nat = NATIONAL_LIST()[0];
    return h('div', { class: 'box start' }, H(this.#hl, { class: 'bh' }, this.#s('start')), h('p', null, this.#s('startText')),
      h('p', null, h('a', { href: GUIDE }, this.#s('startLink')), nat?.email && [' · ', h('a', { href: 'mailto:' + nat.email }, nat.email)]));
  }

  #relation(x, r) {
    if (!x.relation) return '';
    if (x.relation === 'local' && r.place?.region) return this.#s('rel_area');
    return this.#s('rel_' + x.relation);
  }

  #badge(c) {
    const lang = this.#lang;
    if (c.status === 'closed') return h('span', { class: 'badge' }, this.#s('closed'));
    const d = formatDate(c.last_verified, lang);
    if (c.status === 'active' && d) return h('span', { class: 'badge ok' }, this.#s('confirmed', d));
    return h('span', { class: 'badge' }, d ? this.#s('since', d) : this.#s('never'));
  }

  // #card shows only what is meant for citizens: name, relation and
  // distance, state, the citizen note and how to get in touch. Never the
  // maintainers' status_note or note, and never a c/o address.
  // #note is the citizen note in the element's language (citizen_notes:
  // nn, en), else the bokmål citizen_note marked lang="nb" (so in Sami too).
  #note(c) {
    const l = this.#lang;
    const t = filter(notes(c.citizen_notes), (n) => n.language === l)[0];
    if (t) return h('p', { class: 'cnote' }, t.text);
    return c.citizen_note && this.#nb(c.citizen_note, 'p', { class: 'cnote' });
  }

  #card(x, r, level) {
    const c = x.contact_point || {}, lang = this.#lang;
    const web = c.url && safeURL(c.url);
    const tel = c.phone && c.phone.replace(/[^\d+]/g, '').length >= 3 && c.phone;
    const mail = c.email && /^[^\s@"<>]+@[^\s@"<>]+$/.test(c.email) && c.email;
    const addr = !privateAddress(c.address) && filter([c.address, filter([c.postcode, c.postal_place], Boolean).join(' ')], Boolean).join(', ');
    const showKm = ['nearby', 'regional', 'far'].includes(x.relation) && x.distance_km > 0;
    const km = showKm && (x.distance_km < 1 ? '< 1 km' : kilometres(x.distance_km, lang));
    const rel = this.#relation(x, r);
    const todo = filter([
      tel && [this.#s('call'), ' ', h('a', { href: telOf(c.phone) }, tel)],
      mail && [this.#s('write'), ' ', h('a', { href: 'mailto:' + mail }, mail)],
      web && [this.#s('read'), ' ', h('a', { href: web }, hostOf(web))],
    ], Boolean);
    const nat = NATIONAL_LIST()[0];
    const topic = x.lists_topic && r.topic && this.#topicName(r.topic);
    if (topic) topic.textContent = topic.textContent.toLowerCase();
    return h('li', { class: 'card', 'data-relation': x.relation || null, 'data-status': c.status || null },
      h('h' + Math.min(level, 6), { class: 'cn' }, c.name),
      h('p', { class: 'meta' }, rel, rel && km ? ' · ' : '', km, (rel || km) ? ' ' : '', this.#badge(c)),
      this.#note(c),
      topic && h('p', null, this.#s('lists', ''), topic),
      addr && h('p', null, addr),
      todo.length ? h('p', { class: 'todo' }, map(todo, (t, i) => (i ? [' · ', t] : t)))
        : c.status !== 'closed' && nat && h('p', { class: 'todo' }, this.#s('noContact'), ' ', nat.email ? h('a', { href: 'mailto:' + nat.email }, nat.email) : safeURL(nat.url) && h('a', { href: safeURL(nat.url) }, hostOf(nat.url))));
  }
}

// NATIONAL_LIST is the national contact from the data when it loaded, else the built-in one.
let nationalFromData = null;
function NATIONAL_LIST() { return nationalFromData?.length ? nationalFromData : [NATIONAL]; }
function nationalResults() { return map(NATIONAL_LIST(), (c) => ({ contact_point: c, relation: 'national', distance_km: 0 })); }

// marked renders label with the [start, end) UTF-16 ranges wrapped in <mark>.
function marked(label, ranges) {
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

// Defined in the next task, not while this module is evaluated: defining
// upgrades the page's elements at once (shadow DOM, styles, first layout),
// and together the two were one long task on the host page (bench-widget
// -trace at 4x CPU: 64 ms evaluating the module, then 60 ms upgrading).
function define() {
  try {
    if (!customElements.get('selvhjelp-finder')) customElements.define('selvhjelp-finder', SelvhjelpFinder);
  } catch (e) { try { console.error('selvhjelp-finder:', e); } catch {} }
}
try { setTimeout(define, 0); } catch { define(); }
