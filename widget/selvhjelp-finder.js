// <selvhjelp-finder>: finds self-help contact points. The element's source is
// ES modules with one concern each (finder/: built-ins, texts, styles, DOM
// helpers, the combobox controller, card rendering, the engine client);
// scripts/build-assets bundles them with esbuild into one widget.js, so
// partners paste one tag. Searching runs on the device in a WebAssembly
// module, in a Web Worker (engine.js); nothing is fetched until the element
// is near the viewport or focused. See README.md.
import { filter, map, settle, some, stringify } from './finder/builtins.js'; // first: captures the built-ins
import { h, put, nextTask, marked, telOf, safeURL, emit } from './finder/dom.js';
import { T, langOf, speaker } from './finder/texts.js';
import { styles } from './finder/styles.js';
import { Combobox } from './finder/combobox.js';
import { renderResults, nothing, toggleNote } from './finder/cards.js';
import { engine, elements, answer, results, NATIONAL, nationalList, nationalResults, readyDetail, SEARCH_LIMIT } from './finder/engine-client.js';
import { loadFirst, firstAnswer } from './finder/first-answers.js';

const SLOW_MS = 4000; // still loading after this: show the national contact too
// ANNOUNCE_PAUSE_MS: the live region and finder-results wait for this pause
// in typing, so a screen reader is not flooded and the host hears one event per search.
const ANNOUNCE_PAUSE_MS = 400;
const REMOTE_PAUSE_MS = 250; // the service fallback asks once per pause in typing, not per keystroke
const START_MARGIN = '200px'; // the element starts loading when it comes this near the viewport
const GEO_TIMEOUT_MS = 15000, GEO_MAX_AGE_MS = 10 * 60 * 1000; // "Nær meg": how long to wait for a fix, how old one may be
const MAX_QUERY = 1000; // the engine reads at most this many characters (search.MaxQueryRunes): the input stops there
// Always under the results (numbers from data/crisis_lines.json).
const ACUTE = [['113', '113'], ['116 123', '116123']];

// near="off" (also "false", "no", "0", "nei", "av") hides "Nær meg".
const nearOff = (v) => ['off', 'false', 'no', '0', 'nei', 'av'].includes(String(v ?? '').trim().toLowerCase());

class SelvhjelpFinder extends HTMLElement {
  static observedAttributes = ['municipality', 'topic', 'lang', 'heading-level', 'near', 'suggest-url'];
  #ui; #cb; #io; #eng; #started = false; #seq = 0; #res = null; #pick = null; #near = null; #timer = 0; #say = 0; #tell = 0;
  #preset = {}; #warned = new Set(); #shown = {}; #rest = null; #later = null;

  constructor() {
    super();
    try { this.#build(); } catch (e) { try { console.error('selvhjelp-finder:', e); this.#ui = null; this.#bare(); } catch { /* nothing may escape */ } }
  }

  get #lang() { return langOf(this.getAttribute('lang')); }
  // #hl is the results' heading level (attribute heading-level, default 2); cards are one below.
  get #hl() { const n = parseInt(this.getAttribute('heading-level'), 10); return n >= 1 && n <= 5 ? n : 2; }

  // #voice gives the element's texts in its language (texts.js speaker).
  get #voice() { return speaker(this.#lang); }
  #s(key, ...a) { return this.#voice.s(key, ...a); }
  #str(key, ...a) { return this.#voice.str(key, ...a); }

  #build() {
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = styles();
    const u = (this.#ui = {});
    u.label = h('label', { for: 'q', id: 'ql' });
    u.input = h('input', { id: 'q', type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'lb', 'aria-describedby': 'hint', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', enterkeyhint: 'search', maxlength: MAX_QUERY });
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
    this.#cb = new Combobox(u.input, u.list, {
      on, option: (s, i, selected) => this.#option(s, i, selected), commit: (i) => this.#choose(i),
      clear: () => { this.#pick = null; clearTimeout(this.#say); u.status.textContent = ''; return this.#query(); }, // the old counts are no longer true
    });
    on(u.input, 'input', () => { this.#pick = null; this.#near = null; this.#later = null; this.#cb.leave(); return this.#query(); });
    on(u.near, 'click', async () => {
      this.#start();
      try { await engine(); } catch { return; } // #start shows and reports that failure
      return this.#locate();
    });
    on(u.results, 'click', (e) => toggleNote(e, this.#voice));
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
    }), ANNOUNCE_PAUSE_MS);
  }

  connectedCallback() {
    this.#guard(() => {
      if (this.#started || this.#io) return;
      if (!('IntersectionObserver' in globalThis)) return this.#start();
      this.#io = new IntersectionObserver((es) => this.#guard(() => { if (some(es, (e) => e.isIntersecting)) this.#start(); }), { rootMargin: START_MARGIN });
      this.#io.observe(this);
    });
  }

  disconnectedCallback() { this.#guard(() => { this.#io?.disconnect(); this.#io = null; }); }

  attributeChangedCallback(name, old, val) {
    if (old === val || !this.#ui) return;
    this.#guard(async () => {
      if (name === 'near') return this.#syncNear();
      if (name === 'suggest-url') return this.#renderResults();
      if (name === 'lang' || name === 'heading-level') { this.#texts(); this.#cb.render(); this.#renderResults(); return; }
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
    this.#cb.options = [];
    this.#cb.close();
    put(u.list);
    this.#res = { results: nationalResults(), place: null, topic: null, failed: true };
    this.#shown = {};
    this.#renderResults();
    this.#contact(this.#str(start ? 'failed' : 'broken'), nationalList());
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
      this.#lang === 'nb' ? 'Hjelpetelefonen' : this.#voice.nb('Hjelpetelefonen'), ' ', h('a', { href: telOf(ACUTE[1][1]) }, ACUTE[1][0]));
    if (u.box.dataset.error) this.#showFailure();
    else if (this.#eng?.mode === 'remote') this.#remoteNote();
  }

  // #remoteNote: the module could not load; what is typed goes to the service.
  #remoteNote() { this.#contact(this.#str('remote') + ' ' + this.#str('always'), nationalList()); }

  #start() {
    if (this.#started) return;
    this.#started = true;
    this.#io?.disconnect();
    this.#ui.box.dataset.state = 'loading';
    // The first answers come while the module loads: shown for what is typed by then.
    this.#guard(async () => { await loadFirst(); if (!this.#eng && this.#ui.input.value.trim()) this.#query(); });
    const slow = setTimeout(() => this.#guard(() => { if (!this.#eng) this.#contact(this.#str('slow'), nationalList()); }), SLOW_MS);
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
      const later = this.#later;
      this.#later = null;
      if (later) return this.#run(...later); // a suggestion chosen before the module answered
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

  #opts() { return { limit: SEARCH_LIMIT, ...this.#preset }; }

  // #refresh reruns whatever is shown for the current input and attributes.
  #refresh() {
    if (this.#near) return this.#locate();
    if (this.#pick) return this.#run('', this.#pick, { quiet: true });
    if (this.#ui.input.value.trim()) return this.#query();
    this.#cb.close();
    const o = this.#opts();
    this.#cb.options = [];
    if (o.municipality || o.topic) return this.#run('', o, { quiet: true, silent: true });
    this.#res = null;
    this.#cb.render();
    this.#renderResults();
  }

  #query() {
    if (!this.#eng) {
      // Typed before the search is ready: the engine's first answers when
      // the build made one for it, and say at once, visibly, that the rest is loading.
      if (this.#ui.box.dataset.state !== 'loading') return;
      const q = this.#ui.input.value;
      if (q.trim()) this.#ui.status.textContent = this.#str('loading');
      return this.#early(q);
    }
    const q = this.#ui.input.value;
    if (!q.trim()) return this.#refresh();
    if (this.#eng.mode === 'remote') { // one request per pause in typing, not per keystroke
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#guard(() => this.#run(q, this.#opts())), REMOTE_PAUSE_MS);
      return;
    }
    return this.#run(q, this.#opts());
  }

  // #early shows the first answers' suggestions for q (first-answers.js)
  // exactly as #run would show the engine's, so the engine's answer, when
  // it comes, finds the same list and keeps the option the person is on. A
  // municipality or topic attribute may change the suggestions: none then.
  #early(q) {
    const r = !this.getAttribute('municipality') && !this.getAttribute('topic') && firstAnswer(q);
    const sugg = r ? r.suggestions : [], cb = this.#cb;
    if (!sugg.length && !cb.options.length) return;
    cb.options = sugg;
    cb.active = -1;
    this.#shown = { sugg, sk: stringify(sugg), res: null, rk: null };
    cb.render();
    if (sugg.length) this.#ui.box.dataset.listed = q; // the suggestions are in (bench-widget)
  }

  // #run searches and shows the answer. quiet: no suggestions (a choice or
  // a preset); silent: nothing announced (the element opening on a preset).
  async #run(q, o, { quiet = false, silent = false } = {}) {
    if (!this.#eng) { this.#later = [q, o, { quiet, silent }]; return; } // runs when the module is ready (#start)
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
    const cb = this.#cb, sameList = was.sugg === cb.options && was.sk === sk;
    // The same suggestions again (the postcodes came in and the element
    // answered again) keep the option the person is on with the arrow keys.
    const keep = sameList && cb.active >= 0 && cb.active < sugg.length;
    const listSame = sameList && (keep || cb.active === -1) && this.#ui.list.hidden === !(sugg.length > 0 && this.#ui.input.matches(':focus'));
    cb.options = sugg;
    if (!keep) cb.active = -1;
    const shown = (this.#shown = { sugg, sk, res: null, rk: null });
    if (!listSame) cb.render();
    this.#ui.box.dataset.listed = q; // the suggestions are in (bench-widget)
    // A topic without a place: the cards list the contact points that work
    // with it, which takes a second call; the suggestions do not wait for it.
    if (r.topic && !r.place && !r.territory && this.#eng.withTopic) {
      try { r.withTopic = results((await this.#eng.withTopic(r.topic.id))?.results); } catch (e) { if (stale(e)) return; }
      if (seq !== this.#seq) return;
    }
    const res = { ...r, typed: q.trim() };
    const rk = stringify({ ...res, query: 0, suggestions: res.suggestions?.length || 0, typed: nothing(res) ? res.typed : !!res.typed });
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

  #announce() {
    clearTimeout(this.#say);
    const r = this.#res;
    // Wait for a pause so a screen reader is not flooded while typing.
    this.#say = setTimeout(() => this.#guard(() => {
      if (!r) { this.#ui.status.textContent = ''; return; }
      const n = this.#ui.results.querySelectorAll('.card').length;
      this.#ui.status.textContent = nothing(r) ? this.#str('none') : (r.crisis ? this.#str('crisisSay') + ' ' : '') + this.#str('count', this.#cb.options.length, n);
    }), ANNOUNCE_PAUSE_MS);
  }

  // #option is one suggestion in the list: its label with the typed part
  // marked, what kind of thing it is, and a detail (a municipality's county).
  #option(s, i, selected) {
    const kinds = this.#voice.kinds;
    return h('li', { id: 'o' + i, role: 'option', 'aria-selected': selected ? 'true' : 'false', 'data-i': i },
      h('span', s.kind === 'topic' && this.#lang !== 'nb' ? { lang: 'nb' } : null, marked(s.label, s.highlight)), h('span', { class: 'k' }, kinds[s.kind] || T.nb.kinds[s.kind] || s.kind), s.detail && h('span', { class: 'd' }, s.detail));
  }

  // #choose shows the results of one suggestion, keeping the other half of
  // the reading: a chosen topic keeps the place, a chosen place the topic,
  // in the results and in the text of the box.
  #choose(i) {
    const s = this.#cb.options[i], r = this.#res;
    if (!s) return;
    const o = this.#opts();
    const place = r?.place, topic = r?.topic;
    const placeText = place && (place.region?.name || place.district || place.name);
    let text = s.label;
    if (s.kind === 'topic') { o.topic = s.id; if (place) { o.municipality = place.municipality; text = `${s.label} ${placeText}`; } }
    else if (['municipality', 'postal_place', 'region', 'district'].includes(s.kind)) { o.municipality = s.id; if (topic) { o.topic = topic.id; text = `${topic.name} ${s.label}`; } }
    this.#ui.input.value = text;
    this.#cb.close();
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
      this.#cb.options = [];
      this.#cb.render();
      this.#renderResults();
      this.#tellResults();
      this.#announce();
    }), () => this.#guard(() => {
      // Refused (or no fix): say so, and still show the national contact.
      this.#near = null;
      clearTimeout(this.#say);
      this.#res = { results: nationalResults(), place: null, topic: null, denied: true };
      this.#cb.options = [];
      this.#cb.render();
      this.#renderResults();
      this.#ui.status.textContent = this.#str('geoDenied');
      emit(this, 'finder-error', { reason: 'location' });
    }), { timeout: GEO_TIMEOUT_MS, maximumAge: GEO_MAX_AGE_MS });
  }

  // #renderResults shows the answer (cards.js); the cards behind a closed
  // group are built in the next task (#rest).
  #renderResults() {
    this.#rest = renderResults({ say: this.#voice, hl: this.#hl, suggest: safeURL(this.getAttribute('suggest-url')), labels: this.#eng?.labels, guard: (fn) => this.#guard(fn) }, this.#ui.results, this.#res);
  }
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
