// <selvhjelp-finder>: finds self-help contact points. One ES module, no
// dependencies. Searching runs on the device in a WebAssembly module; nothing
// is fetched until the element is near the viewport or focused. See README.md.
// scripts/build-assets replaces the __NAME__ placeholders with hashed files.
const BASE = new URL('.', import.meta.url);
const WASM = '__FINDER_WASM__', EXEC = '__WASM_EXEC__', DATA = 'v1/dataset.json', API = 'v1/search';
const LIMIT = 8;
const SLOW_MS = 4000; // show the national contact while still loading
const FETCH = { credentials: 'omit', referrerPolicy: 'no-referrer' };
// Shown only when neither the module nor the worker can be reached.
const NATIONAL = { name: 'Selvhjelp Norge', url: 'https://www.selvhjelp.no', email: 'post@selvhjelp.no' };

const T = {
  nb: {
    label: 'Finn selvhjelp nær deg', hint: 'Skriv kommune, postnummer, sted eller tema, for eksempel «sorg Bergen». Søket skjer på din enhet.',
    near: 'Nær meg', options: 'Forslag', kinds: { municipality: 'kommune', postcode: 'postnummer', postal_place: 'poststed', topic: 'tema', contact_point: 'kontaktpunkt' },
    count: (s, r) => (s ? `${s} forslag, ` : '') + `${r} kontaktpunkt${r === 1 ? '' : 'er'}.`, none: 'Ingen treff. Prøv kommune, postnummer eller et tema.',
    results: 'Kontaktpunkter', for: 'for', nearest: 'Nærmest deg', loading: 'Laster søket …',
    phone: 'Telefon', email: 'E-post', web: 'Nettside', topics: 'Tema', verified: 'sist bekreftet', unverified: 'ikke bekreftet',
    status: { closed: 'Stengt', unknown: 'Usikker status – sjekk før du tar kontakt' },
    rel: { local: 'I kommunen', nearby: 'I nærheten', regional: 'Regionalt', national: 'Nasjonalt' },
    geoDenied: 'Fant ikke posisjonen din. Skriv kommune eller postnummer i stedet.', geoBusy: 'Finner posisjonen din …',
    remote: 'Søkemodulen kunne ikke lastes, så det du skriver sendes til selvhjelp-tjenesten for å søke.',
    failed: 'Søket er ikke tilgjengelig nå. Du kan kontakte', slow: 'Søket laster fortsatt. Du kan også kontakte',
  },
  nn: {
    label: 'Finn sjølvhjelp nær deg', hint: 'Skriv kommune, postnummer, stad eller tema, til dømes «sorg Bergen». Søket skjer på eininga di.',
    near: 'Nær meg', options: 'Forslag', kinds: { municipality: 'kommune', postcode: 'postnummer', postal_place: 'poststad', topic: 'tema', contact_point: 'kontaktpunkt' },
    count: (s, r) => (s ? `${s} forslag, ` : '') + `${r} kontaktpunkt.`, none: 'Ingen treff. Prøv kommune, postnummer eller eit tema.',
    results: 'Kontaktpunkt', for: 'for', nearest: 'Nærast deg', loading: 'Lastar søket …',
    phone: 'Telefon', email: 'E-post', web: 'Nettstad', topics: 'Tema', verified: 'sist stadfesta', unverified: 'ikkje stadfesta',
    status: { closed: 'Stengt', unknown: 'Uviss status – sjekk før du tek kontakt' },
    rel: { local: 'I kommunen', nearby: 'I nærleiken', regional: 'Regionalt', national: 'Nasjonalt' },
    geoDenied: 'Fann ikkje posisjonen din. Skriv kommune eller postnummer i staden.', geoBusy: 'Finn posisjonen din …',
    remote: 'Søkjemodulen kunne ikkje lastast, så det du skriv blir sendt til sjølvhjelpstenesta for å søkje.',
    failed: 'Søket er ikkje tilgjengeleg no. Du kan kontakte', slow: 'Søket lastar framleis. Du kan òg kontakte',
  },
  en: {
    label: 'Find self-help near you', hint: 'Type a municipality, postcode, place or topic, for example “grief Bergen”. The search runs on your device.',
    near: 'Near me', options: 'Suggestions', kinds: { municipality: 'municipality', postcode: 'postcode', postal_place: 'postal place', topic: 'topic', contact_point: 'contact point' },
    count: (s, r) => (s ? `${s} suggestion${s === 1 ? '' : 's'}, ` : '') + `${r} contact point${r === 1 ? '' : 's'}.`, none: 'No matches. Try a municipality, postcode or topic.',
    results: 'Contact points', for: 'for', nearest: 'Nearest to you', loading: 'Loading search …',
    phone: 'Phone', email: 'E-mail', web: 'Website', topics: 'Topics', verified: 'last confirmed', unverified: 'not confirmed',
    status: { closed: 'Closed', unknown: 'Status uncertain – check before contacting' },
    rel: { local: 'In the municipality', nearby: 'Nearby', regional: 'Regional', national: 'National' },
    geoDenied: 'Could not find your position. Type a municipality or postcode instead.', geoBusy: 'Finding your position …',
    remote: 'The search module could not load, so what you type is sent to the self-help service to search.',
    failed: 'Search is not available right now. You can contact', slow: 'Search is still loading. You can also contact',
  },
  // Northern Sami: kept short and plain; to be reviewed by a native speaker.
  se: {
    label: 'Oza iešveahki', hint: 'Čális gieldda, poastanummira, báikki dahje fáttá. Ohcan dáhpáhuvvá du ovttadagas.',
    near: 'Mu lahka', options: 'Evttohusat', kinds: { municipality: 'gielda', postcode: 'poastanummir', postal_place: 'poastabáiki', topic: 'fáddá', contact_point: 'kontákta' },
    count: (s, r) => (s ? `Evttohusat: ${s}. ` : '') + `Kontávttat: ${r}.`, none: 'Ii gávdnon mihkke.',
    results: 'Kontávttat', for: '–', nearest: 'Du lahka', loading: 'Viežžamin …',
    phone: 'Telefovdna', email: 'E-poasta', web: 'Neahttasiidu', topics: 'Fáttát', verified: 'dárkkistuvvon', unverified: 'ii dárkkistuvvon',
    status: { closed: 'Giddejuvvon', unknown: 'Dilli ii leat čielggas' },
    rel: { local: 'Gielddas', nearby: 'Lahka', regional: 'Regionála', national: 'Riikkaviidosaš' },
    geoDenied: 'Ii gávdnan du sajádaga. Čális gieldda dahje poastanummira.', geoBusy: 'Ohcamin du sajádaga …',
    remote: 'Ohcanmodula ii sáhttán viežžat. Dat maid čálát, sáddejuvvo bálvalussii.',
    failed: 'Ohcan ii doaimma dál. Váldde oktavuođa:', slow: 'Ohcan ii leat gárvvis. Váldde oktavuođa:',
  },
};
const LOCALE = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB', se: 'se-NO' };

const CSS = `
:host{display:block;font:inherit;color:var(--selvhjelp-color,inherit);
 --_accent:var(--selvhjelp-accent,#1d5fa8);--_on-accent:var(--selvhjelp-on-accent,#fff);
 --_bg:var(--selvhjelp-background,#fff);--_surface:var(--selvhjelp-surface,#f4f6f8);
 --_border:var(--selvhjelp-border,#6b7280);--_muted:var(--selvhjelp-muted,#4b5563);
 --_radius:var(--selvhjelp-radius,6px);--_focus:var(--selvhjelp-focus,#1d5fa8);
 --_mark:var(--selvhjelp-mark,#ffe08a);--_warn-bg:var(--selvhjelp-warning-background,#fff4d6);
 --_warn:var(--selvhjelp-warning,#6b3d00)}
:host([hidden]){display:none}
:host([theme=nav]){font-family:var(--selvhjelp-font,"Source Sans 3","Source Sans Pro",Arial,sans-serif);color:var(--selvhjelp-color,#23262a);
 --_accent:var(--selvhjelp-accent,#0067c5);--_focus:var(--selvhjelp-focus,#00347d);--_border:var(--selvhjelp-border,#6f7785);
 --_muted:var(--selvhjelp-muted,#49515e);--_surface:var(--selvhjelp-surface,#f1f1f1);--_radius:var(--selvhjelp-radius,4px);
 --_mark:var(--selvhjelp-mark,#ffd799);--_warn-bg:var(--selvhjelp-warning-background,#fff5e4)}
.f{font-family:var(--selvhjelp-font,inherit);max-width:100%;box-sizing:border-box}
*,*::before,*::after{box-sizing:inherit}
label{display:block;font-weight:600;margin:0 0 .25em}
.hint,.st,.meta{color:var(--_muted);font-size:.875em}
.hint{margin:.25em 0 0}
.row{display:flex;flex-wrap:wrap;gap:.5em;align-items:flex-start}
.cb{position:relative;flex:1 1 14em;min-width:0}
input{width:100%;font:inherit;color:inherit;background:var(--_bg);border:2px solid var(--_border);border-radius:var(--_radius);padding:.5em .625em;min-height:2.75em}
button{font:inherit;border:2px solid var(--_accent);border-radius:var(--_radius);background:var(--_bg);color:var(--_accent);padding:.5em .875em;min-height:2.75em;cursor:pointer;font-weight:600}
button:hover{background:var(--_accent);color:var(--_on-accent)}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
[role=listbox]{position:absolute;z-index:10;left:0;right:0;top:100%;margin:.25em 0 0;padding:.25em 0;list-style:none;background:var(--_bg);border:2px solid var(--_border);border-radius:var(--_radius);max-height:20em;overflow:auto;box-shadow:0 4px 12px rgba(0,0,0,.15)}
[role=option]{padding:.5em .625em;cursor:pointer;display:flex;flex-wrap:wrap;gap:0 .5em;align-items:baseline}
[role=option]:hover{background:var(--_surface)}
[role=option][aria-selected=true]{background:var(--_accent);color:var(--_on-accent);outline:2px solid transparent}
[role=option][aria-selected=true] :is(.k,.d){color:inherit}
.k,.d{font-size:.8125em;color:var(--_muted)}
.k{text-transform:lowercase;font-weight:600}
mark{background:var(--_mark);color:#111;font-weight:700;border-radius:2px}
.st{min-height:1.25em;margin:.5em 0}
.note{background:var(--_warn-bg);color:var(--_warn);border-left:4px solid currentColor;padding:.5em .75em;margin:.5em 0;border-radius:var(--_radius)}
.note a{color:inherit}
h3,h4{margin:.75em 0 .25em;font-size:1.0625em}
.cards{list-style:none;margin:0;padding:0;display:grid;gap:.75em}
.card{border:1px solid var(--_border);border-radius:var(--_radius);padding:.75em 1em;background:var(--_bg);overflow-wrap:anywhere}
.card h4{margin:0 0 .25em;font-size:1em}
.card p{margin:.25em 0}
.card a{color:var(--_accent)}
.badge{display:inline-block;font-size:.8125em;font-weight:600;padding:.125em .5em;border:1px solid currentColor;border-radius:var(--_radius);margin:0 .25em .25em 0}
.sn{display:block}
.warn{background:var(--_warn-bg);color:var(--_warn)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (forced-colors:active){mark{forced-color-adjust:none;background:Mark;color:MarkText}
 [role=option][aria-selected=true]{forced-color-adjust:none;background:Highlight;color:HighlightText}
 .badge,.note{border-color:CanvasText}}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important;scroll-behavior:auto!important}}
`;

let sheet; // one constructable stylesheet shared by every element
function styles() {
  try { if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); } return [sheet]; } catch { return []; }
}

// h builds an element; children are nodes or strings (always text, never HTML).
function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) if (attrs[k] != null && attrs[k] !== false) e.setAttribute(k, attrs[k]);
  for (const c of kids.flat()) if (c != null && c !== '' && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

// safeURL returns an http(s) URL or null: dataset text never becomes a javascript: link.
function safeURL(u) {
  try { const x = new URL(/^[a-z][a-z0-9+.-]*:/i.test(u) ? u : 'https://' + u); return /^https?:$/.test(x.protocol) ? x.href : null; } catch { return null; }
}

// engine() loads the search once per page and is shared by every element.
// It resolves to {mode, search, near, info} or rejects when nothing works.
let enginePromise;
function engine() {
  return (enginePromise ||= loadLocal().catch(loadRemote).then((e) => { nationalFromData = e.national; return e; }));
}

async function loadLocal() {
  if (!globalThis.WebAssembly || !WebAssembly.instantiateStreaming) throw new Error('no WebAssembly');
  const wasm = fetch(new URL(WASM, BASE), FETCH);
  const data = fetch(new URL(DATA, BASE), FETCH).then((r) => { if (!r.ok) throw new Error('dataset ' + r.status); return r.arrayBuffer(); });
  data.catch(() => {}); // handled below; avoid an unhandled rejection when wasm fails first
  await import(new URL(EXEC, BASE).href);
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiateStreaming(wasm, go.importObject);
  const ready = new Promise((resolve) => { globalThis.__selvhjelpFinder = resolve; });
  go.run(instance).catch(() => {});
  const api = await ready;
  delete globalThis.__selvhjelpFinder;
  const err = api.load(new Uint8Array(await data));
  if (err) throw new Error(err);
  const info = JSON.parse(api.info());
  return {
    mode: 'local',
    search: async (q, o) => JSON.parse(api.search(q, o)),
    near: async (lat, lon, o) => JSON.parse(api.near(lat, lon, o)),
    topics: new Map(info.suggestions.map((t) => [t.id, t.label])),
    national: info.results.map((r) => r.contact_point),
  };
}

// loadRemote is the fallback when WebAssembly is blocked: the worker searches,
// which means the query leaves the browser (the element says so).
async function loadRemote() {
  const get = async (q, o, signal) => {
    const u = new URL(API, BASE);
    u.searchParams.set('q', q);
    u.searchParams.set('limit', o.limit || LIMIT);
    if (o.municipality) u.searchParams.set('municipality', o.municipality);
    if (o.topic) u.searchParams.set('topic', o.topic);
    const r = await fetch(u, { ...FETCH, signal });
    if (!r.ok) throw new Error('search ' + r.status);
    const j = await r.json();
    if (!Array.isArray(j.results)) throw new Error('bad response');
    return j;
  };
  const probe = await get('', { limit: 1 }, AbortSignal.timeout ? AbortSignal.timeout(4000) : undefined);
  return { mode: 'remote', search: (q, o) => get(q, o), near: null, topics: new Map(), national: probe.results.filter((r) => r.relation === 'national').map((r) => r.contact_point) };
}

function formatDate(s, lang) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(s || '');
  if (!m || !m[2]) return s;
  try {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +(m[3] || 1)));
    return new Intl.DateTimeFormat(LOCALE[lang], m[3] ? { dateStyle: 'long', timeZone: 'UTC' } : { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(d);
  } catch { return s; }
}

let uid = 0;

class SelvhjelpFinder extends HTMLElement {
  static observedAttributes = ['municipality', 'topic', 'lang'];
  #n = ++uid; #ui; #io; #eng; #started = false; #seq = 0; #res = null; #sugg = []; #active = -1; #pick = null; #near = null; #timer = 0; #say = 0;

  constructor() {
    super();
    try { this.#build(); } catch (e) { console.error('selvhjelp-finder:', e); }
  }

  get #lang() { const l = (this.getAttribute('lang') || '').toLowerCase(); return T[l] ? l : 'nb'; }
  get #t() { return T[this.#lang]; }

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
    u.box = h('div', { class: 'f', 'data-state': 'idle' }, u.label, h('div', { class: 'row' }, h('div', { class: 'cb' }, u.input, u.list), u.near), u.hint, u.status, u.note, u.results);
    root.append(u.box);
    const on = (el, ev, fn) => el.addEventListener(ev, (e) => this.#guard(() => fn(e)));
    on(u.input, 'input', () => { this.#pick = null; this.#near = null; this.#query(); });
    on(u.input, 'keydown', (e) => this.#key(e));
    on(u.input, 'blur', () => this.#close());
    on(u.list, 'pointerdown', (e) => e.preventDefault()); // keep focus in the input
    on(u.list, 'click', (e) => { const o = e.target.closest('[role=option]'); if (o) this.#choose(+o.dataset.i); });
    on(u.near, 'click', () => { this.#start(); return engine().then(() => this.#guard(() => this.#locate())); });
    on(this, 'focusin', () => this.#start());
    this.#texts();
  }

  connectedCallback() {
    this.#guard(() => {
      if (this.#started || this.#io) return;
      if (!('IntersectionObserver' in globalThis)) return this.#start();
      this.#io = new IntersectionObserver((es) => { if (es.some((e) => e.isIntersecting)) this.#guard(() => this.#start()); }, { rootMargin: '200px' });
      this.#io.observe(this);
    });
  }

  disconnectedCallback() { this.#io?.disconnect(); this.#io = null; }

  attributeChangedCallback(name, old, val) {
    if (old === val || !this.#ui) return;
    this.#guard(() => {
      if (name === 'lang') { this.#texts(); this.#renderList(); this.#renderResults(); return; }
      this.#pick = null;
      if (this.#eng) this.#refresh();
    });
  }

  // #guard keeps every failure inside the element: the host page never sees one.
  #guard(fn) {
    try { const p = fn(); if (p && p.catch) p.catch((e) => this.#fail(e)); } catch (e) { this.#fail(e); }
  }

  #fail(e) { try { console.error('selvhjelp-finder:', e); } catch {} }

  #texts() {
    const t = this.#t, u = this.#ui;
    u.box.lang = this.#lang;
    u.label.textContent = t.label;
    u.hint.textContent = t.hint;
    u.near.textContent = t.near;
    u.list.setAttribute('aria-label', t.options);
    if (this.#eng?.mode === 'remote') this.#notice(t.remote);
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    this.#io?.disconnect();
    this.#ui.box.dataset.state = 'loading';
    const slow = setTimeout(() => this.#guard(() => { if (!this.#eng) this.#contact(this.#t.slow, NATIONAL_LIST()); }), SLOW_MS);
    engine().then((eng) => this.#guard(() => {
      clearTimeout(slow);
      this.#eng = eng;
      this.#ui.box.dataset.state = eng.mode;
      this.#ui.note.hidden = true;
      if (eng.mode === 'remote') { this.#notice(this.#t.remote); this.#ui.near.hidden = true; }
      if (!('geolocation' in navigator)) this.#ui.near.hidden = true;
      this.#refresh();
    }), (e) => this.#guard(() => {
      clearTimeout(slow);
      this.#fail(e);
      this.#ui.box.dataset.state = 'failed';
      this.#ui.status.textContent = '';
      this.#contact(this.#t.failed, NATIONAL_LIST());
      this.#ui.near.hidden = true;
    }));
  }

  #notice(text) { const n = this.#ui.note; n.replaceChildren(text); n.hidden = false; }

  // #contact shows the national contact details (never a dead end).
  #contact(lead, list) {
    const n = this.#ui.note;
    n.replaceChildren(h('p', null, lead), ...list.map((c) => {
      const web = safeURL(c.url);
      return h('p', null, h('strong', null, c.name), web && [' · ', h('a', { href: web }, c.url.replace(/^https?:\/\//, ''))], c.email && [' · ', h('a', { href: 'mailto:' + c.email }, c.email)], c.phone && [' · ', h('a', { href: 'tel:' + c.phone.replace(/[^\d+]/g, '') }, c.phone)]);
    }));
    n.hidden = false;
  }

  #opts() {
    const o = { limit: LIMIT };
    const m = this.getAttribute('municipality'), t = this.getAttribute('topic');
    if (m) o.municipality = m.trim();
    if (t) o.topic = t.trim();
    return o;
  }

  // #refresh reruns whatever is shown for the current input and attributes.
  #refresh() {
    if (this.#near) return this.#locate();
    if (this.#pick) return this.#run('', this.#pick, true);
    if (this.#ui.input.value.trim()) return this.#query();
    this.#close();
    const o = this.#opts();
    this.#sugg = [];
    if (o.municipality || o.topic) return this.#run('', o, true);
    this.#res = null;
    this.#renderList();
    this.#renderResults();
  }

  #query() {
    if (!this.#eng) return;
    const q = this.#ui.input.value;
    if (!q.trim()) return this.#refresh();
    if (this.#eng.mode === 'remote') { // one request per pause in typing, not per keystroke
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#guard(() => this.#run(q, this.#opts())), 250);
      return;
    }
    return this.#run(q, this.#opts());
  }

  async #run(q, o, quiet) {
    const seq = ++this.#seq;
    const r = await this.#eng.search(q, o);
    if (seq !== this.#seq) return; // a newer query answered first
    if (r.error) throw new Error(r.error);
    this.#res = r;
    this.#sugg = quiet ? [] : r.suggestions || [];
    this.#active = -1;
    this.#renderList();
    this.#renderResults();
    this.#announce();
  }

  #announce() {
    clearTimeout(this.#say);
    const r = this.#res, t = this.#t;
    // Wait for a pause so a screen reader is not flooded while typing.
    this.#say = setTimeout(() => this.#guard(() => {
      this.#ui.status.textContent = !r ? '' : (r.suggestions?.length || r.results?.length) ? t.count(this.#sugg.length, r.results.length) : t.none;
    }), 400);
  }

  #renderList() {
    const u = this.#ui, kinds = this.#t.kinds;
    u.list.replaceChildren(...this.#sugg.map((s, i) => h('li', { id: 'o' + i, role: 'option', 'aria-selected': i === this.#active ? 'true' : 'false', 'data-i': i },
      h('span', null, marked(s.label, s.highlight)), h('span', { class: 'k' }, kinds[s.kind] || s.kind), s.detail && h('span', { class: 'd' }, s.detail))));
    const open = this.#sugg.length > 0 && u.input.matches(':focus');
    u.list.hidden = !open;
    u.input.setAttribute('aria-expanded', String(open));
    if (this.#active >= 0 && open) { u.input.setAttribute('aria-activedescendant', 'o' + this.#active); u.list.children[this.#active]?.scrollIntoView?.({ block: 'nearest' }); } else u.input.removeAttribute('aria-activedescendant');
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
      case 'Home': if (open && n) move(0); break;
      case 'End': if (open && n) move(n - 1); break;
      case 'Enter':
        if (open && this.#active >= 0) { e.preventDefault(); this.#choose(this.#active); } else if (open) { e.preventDefault(); this.#close(); }
        break;
      case 'Escape':
        if (open) { e.preventDefault(); this.#close(); } else if (this.#ui.input.value) { e.preventDefault(); this.#ui.input.value = ''; this.#pick = null; this.#query(); }
        break;
    }
  }

  // #choose shows the results of one suggestion, keeping the other half of the
  // reading (a chosen place keeps the topic and the other way round).
  #choose(i) {
    const s = this.#sugg[i], r = this.#res;
    if (!s) return;
    const o = this.#opts();
    const place = r?.place?.municipality, topic = r?.topic?.id;
    if (s.kind === 'topic') { o.topic = s.id; if (place) o.municipality = place; }
    else if (s.kind === 'municipality' || s.kind === 'postal_place') { o.municipality = s.id; if (topic) o.topic = topic; }
    this.#ui.input.value = s.label;
    this.#close();
    if (s.kind === 'postcode' || s.kind === 'contact_point') { this.#pick = null; return this.#run(s.kind === 'postcode' ? s.id : s.label, o, true); }
    this.#pick = o;
    return this.#run('', o, true);
  }

  #locate() {
    const t = this.#t, eng = this.#eng;
    if (!eng?.near || !navigator.geolocation) return;
    this.#ui.status.textContent = t.geoBusy;
    navigator.geolocation.getCurrentPosition((p) => this.#guard(async () => {
      this.#near = { lat: p.coords.latitude, lon: p.coords.longitude };
      const r = await eng.near(this.#near.lat, this.#near.lon, this.#opts());
      if (r.error) throw new Error(r.error);
      this.#res = { ...r, near: true };
      this.#sugg = [];
      this.#renderList();
      this.#renderResults();
      this.#announce();
    }), () => this.#guard(() => { this.#near = null; this.#ui.status.textContent = t.geoDenied; }), { timeout: 15000, maximumAge: 600000 });
  }

  #renderResults() {
    const u = this.#ui, r = this.#res, t = this.#t;
    if (!r || !r.results?.length) { u.results.removeAttribute('aria-labelledby'); return u.results.replaceChildren(); }
    u.results.setAttribute('aria-labelledby', 'rh');
    const what = r.near ? t.nearest : [r.place?.name, r.topic?.name].filter(Boolean).join(', ');
    u.results.replaceChildren(h('h3', { id: 'rh' }, r.near ? t.nearest : what ? `${t.results} ${t.for} ${what}` : t.results),
      h('ul', { class: 'cards' }, r.results.map((x) => this.#card(x))));
  }

  #card(x) {
    const t = this.#t, c = x.contact_point || {}, lang = this.#lang;
    const line = (label, node) => node && h('p', null, h('span', { class: 'sr' }, label + ': '), node);
    const addr = [c.address, [c.postcode, c.postal_place].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    const web = c.url && safeURL(c.url);
    const tel = c.phone && c.phone.replace(/[^\d+]/g, '');
    const topics = (c.topics || []).map((id) => this.#eng?.topics.get(id) || id);
    const dist = x.distance_km > 0 || x.relation !== 'local' && x.relation !== 'national' ? (x.distance_km < 1 ? '< 1 km' : Math.round(x.distance_km) + ' km') : '';
    const status = c.status && c.status !== 'active' && (t.status[c.status] || t.status.unknown);
    return h('li', { class: 'card' },
      h('h4', null, c.name),
      h('p', { class: 'meta' }, [t.rel[x.relation], dist].filter(Boolean).join(' · ')),
      status && h('p', null, h('span', { class: 'badge warn' }, '⚠ ', status), c.status_note && h('span', { class: 'meta sn' }, c.status_note)),
      addr && h('p', null, addr),
      line(t.phone, tel && h('a', { href: 'tel:' + tel }, c.phone)),
      line(t.email, c.email && h('a', { href: 'mailto:' + c.email }, c.email)),
      line(t.web, web && h('a', { href: web }, c.url.replace(/^https?:\/\//, '').replace(/\/$/, ''))),
      topics.length > 0 && h('p', null, t.topics + ': ' + topics.join(', ')),
      h('p', { class: 'meta' }, c.last_verified ? `${t.verified} ${formatDate(c.last_verified, lang)}` : t.unverified));
  }
}

// NATIONAL_LIST is the national contact from the data when it loaded, else the built-in one.
let nationalFromData = null;
function NATIONAL_LIST() { return nationalFromData?.length ? nationalFromData : [NATIONAL]; }

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

try {
  if (!customElements.get('selvhjelp-finder')) customElements.define('selvhjelp-finder', SelvhjelpFinder);
} catch (e) { try { console.error('selvhjelp-finder:', e); } catch {} }
