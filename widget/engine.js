// engine.js: loads the search module (Go compiled to WebAssembly) and answers
// searches for <selvhjelp-finder>. widget.js runs it on the page (a <script>
// with the engine's SHA-384 as integrity) when an element is first near the
// viewport or focused, and calls start().
//
// The module runs in a dedicated Web Worker, so the page's main thread never
// runs Go. The worker is a module worker made from a blob: holding the text of
// wasm_exec.js and of this file, both fetched with their SHA-384 as integrity
// (a Worker script must be same-origin with the page, and a blob: made from
// checked bytes runs exactly those bytes). When the page's CSP forbids blob:
// workers (worker-src / child-src / script-src), or the worker fails, the
// module runs on the main thread in slices: the dataset is decoded one part at
// a time (see wasm/bundle/parts.go) with a yield to the event loop between
// slices. Every phase is recorded as a performance measure named
// selvhjelp-finder:* on the page (the worker posts its timings back).
//
// The signals' weights (the crisis signal and the topics' signals,
// data/search/signals.go) are not in the module: they are fetched right
// after ready, like the postcodes, and handed to it; until they are in,
// crisis help and topics come from the rules alone. The
// element answers again when the postcodes are in, or when the signal comes
// last; eng.complete is true once both are in.
//
// Integrity: every file this engine brings in (wasm_exec.js, the module, both
// dataset parts, the signals) is pinned by the build with its SHA-384 and fetched with it,
// so the browser refuses a file that is not what the build wrote; such a
// refusal rejects start() with an error whose `integrity` is true, and
// nothing of that file runs or is read.
// scripts/build-assets replaces the __NAME__ placeholders.
const inWorker = typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope;
// In the worker this file runs from a blob:, and the page names the finder's origin.
const BASE = new URL('.', (inWorker && globalThis.__selvhjelpBase) || import.meta.url);
const WASM = '__FINDER_WASM__', EXEC = '__WASM_EXEC__', CORE = '__DATASET_CORE__', POSTCODES = '__POSTCODES__', SIGNAL = '__SIGNALS__';
const SRI = { [WASM]: '__SRI_FINDER_WASM__', [EXEC]: '__SRI_WASM_EXEC__', [CORE]: '__SRI_DATASET_CORE__', [POSTCODES]: '__SRI_POSTCODES__', [SIGNAL]: '__SRI_SIGNALS__' };
const FETCH = { credentials: 'omit', referrerPolicy: 'no-referrer' };
const P = 'selvhjelp-finder:';
const SLICE_MS = 25; // main-thread work between two yields (a long task is over 50 ms)
const DIGIT = /\d/;
// GO_ENV is the Go runtime's environment. GOGC=200 lets the heap grow to
// three times what is live, not two, before the collector runs. Start-up
// (decoding the dataset, indexing it, then again with the postcodes) makes
// much short-lived garbage: with the default the module collected 4 times in
// its first 170 ms (79 ms of collection, stopping the module), with 200 twice
// (23 ms). Over 20,000 searches it collects 73 times instead of 143. The cost
// is memory: WebAssembly memory 14.0 MB instead of 11.8 MB after start, 16.0
// instead of 14.5 MB after the searches. (Node 20, --liftoff-only so that
// compilation does not blur the figures; GODEBUG=gctrace=1.)
const GO_ENV = { GOGC: '200' };

// Built-ins the page may replace: start() takes the ones widget.js captured
// when it loaded (before a host page could change them); these are the
// fallback. A host page that wraps fetch or JSON.parse later changes nothing.
// Promises are awaited, never .then()-ed, so a replaced Promise.prototype.then
// cannot leave a rejection unhandled.
const B = { fetch: globalThis.fetch, parse: JSON.parse, apply: Reflect.apply, appendChild: globalThis.Node?.prototype.appendChild };
const fetchNow = (...a) => B.apply(B.fetch, globalThis, a);
const parse = (s) => B.apply(B.parse, JSON, [s]);
// quiet marks a promise as handled (its failure is seen where it is awaited).
async function quiet(p) { try { await p; } catch { /* seen elsewhere */ } }

// measure records one phase here (page or worker); report passes it on.
function measure(name, start, end) {
  try { performance.measure(P + name, { start, end: Math.max(start, end) }); } catch { /* old browser */ }
}

// yieldNow lets the page's event loop run (input, rendering) before going on.
function yieldNow() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = resolve; c.port2.postMessage(0); });
}

// lines splits a parts file into its parts (one JSON object a line).
function lines(buf) {
  const b = new Uint8Array(buf), out = [];
  let s = 0;
  for (let i = 0; i <= b.length; i++) {
    if (i === b.length || b[i] === 10) {
      const part = b.subarray(s, i);
      s = i + 1;
      if (part.length > 2) out.push(part); // "[" and "]" lines
    }
  }
  return out;
}

// verified fetches a file this engine pins, with its SHA-384 as integrity:
// the browser hands over the bytes only when they are the ones the build
// wrote. sri defaults to the pinned hash of name.
async function verified(name, sri = SRI[name]) {
  const url = new URL(name, BASE);
  try {
    const r = await fetchNow(url, { ...FETCH, integrity: sri });
    if (!r || !r.ok) throw new Error(name + ' ' + (r && r.status));
    return r;
  } catch (e) {
    throw await refusal(url, e);
  }
}

// refusal tells a refused file from a failed download (a fetch rejects the
// same way for both): when the file is there (HEAD answers 200), its bytes
// were not the pinned ones. The error then has integrity = true.
async function refusal(url, e) {
  let there = false;
  try { const r = await fetchNow(url, { ...FETCH, method: 'HEAD', cache: 'no-store' }); there = !!r && r.ok; } catch { /* not there */ }
  if (!there) return e;
  const err = new Error('integrity: ' + url.pathname.split('/').pop() + ' is not the file this loader was built with; refused');
  err.integrity = true;
  return err;
}

async function fetchBytes(name) {
  return await (await verified(name)).arrayBuffer();
}

// script runs wasm_exec.js on the page: a classic <script> with integrity,
// which the browser runs only when its SHA-384 matches.
function script(name) {
  const url = new URL(name, BASE);
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.crossOrigin = 'anonymous';
    s.integrity = SRI[name];
    s.referrerPolicy = 'no-referrer';
    s.onload = () => { s.remove(); resolve(); };
    // Refused, or blocked (a CSP): a fetch with the same integrity tells.
    s.onerror = () => { s.remove(); (async () => { try { await verified(name); } catch (e) { return reject(e); } reject(new Error(name + ' did not run')); })(); };
    s.src = url.href;
    B.apply(B.appendChild, document.head || document.documentElement, [s]);
  });
}

// boot starts Go and loads the dataset core. sliced: yield between slices
// (main thread). It returns the module's API plus a loader for the postcodes.
async function boot(sliced, report) {
  if (!globalThis.WebAssembly || !WebAssembly.instantiateStreaming) throw new Error('no WebAssembly');
  const wasmURL = new URL(WASM, BASE).href;
  const t0 = performance.now();
  const wasm = (async () => await verified(WASM))(); // a fetch that throws becomes a rejection
  const core = (async () => { const b = await fetchBytes(CORE); report('fetch-data', t0, performance.now()); return b; })();
  quiet(core); // awaited below; no unhandled rejection when the module fails first
  quiet(wasm);
  // In the worker, wasm_exec.js came in the blob (checked by the page).
  if (!inWorker) await script(EXEC);
  const go = new globalThis.Go();
  go.env = GO_ENV;
  const { instance } = await WebAssembly.instantiateStreaming(wasm, go.importObject);
  const compiled = performance.now();
  const res = performance.getEntriesByName?.(wasmURL)?.pop();
  if (res?.responseEnd) report('fetch', res.startTime, res.responseEnd);
  report('compile', Math.max(t0, res?.responseEnd || t0), compiled);
  if (sliced) await yieldNow();
  // Go hands over its API once it runs; a module that ends first (a panic,
  // memory it could not get) rejects instead of leaving start() waiting.
  let ended;
  const started = new Promise((resolve, reject) => { globalThis.__selvhjelpFinder = resolve; ended = reject; });
  const tg = performance.now();
  (async () => {
    try { await go.run(instance); } catch (e) { ended(e); }
    ended(new Error('the search module stopped before it started'));
  })();
  const api = await started;
  delete globalThis.__selvhjelpFinder;
  report('go-start', tg, performance.now());
  await add(api, await core, sliced, report, 'decode');
  const ti = performance.now();
  if (sliced) await yieldNow();
  const err = api.build();
  if (err) throw new Error(err);
  report('index', ti, performance.now());
  return api;
}

// add feeds a parts file to Go: all at once, or one slice at a time.
async function add(api, buf, sliced, report, name) {
  const t = performance.now();
  if (!sliced) {
    const err = api.add(new Uint8Array(buf));
    if (err) throw new Error(err);
  } else {
    let slice = performance.now();
    for (const part of lines(buf)) {
      if (performance.now() - slice > SLICE_MS) { await yieldNow(); slice = performance.now(); }
      const err = api.add(part);
      if (err) throw new Error(err);
    }
  }
  report(name, t, performance.now());
}

// POSTCODES_IDLE_MS is the pause in searching after which the postcodes,
// fetched right after ready, are indexed: that takes 0.1-0.4 s in which the
// module answers nothing, so it waits for the person to stop typing. A query
// with a digit, and "near me", need the postcodes and do not wait.
const POSTCODES_IDLE_MS = 400;
// AFTER_READY is how many files are read after ready: the postcodes and the
// signals.
const AFTER_READY = 2;
// WARMUP are searches nobody sees, run one task each right after ready in the
// Web Worker: the first search of each kind runs cold code (2-20 times slower),
// and the person's first keystrokes should not pay for that. No digits: they
// would wait for the postcodes.
const WARMUP = ['b', 'ber', 'bergn', 'sorg', 'angst i tromsø', 'kona mi har kreft', 'tenker på selvmord'];

// loadOnce makes load run once however often it is asked for. A load that
// failed may run again; a refused file (integrity) never is fetched again:
// no request may follow a keystroke.
function loadOnce(load) {
  let p = null;
  return () => (p ||= (async () => {
    try { return await load(); } catch (e) { if (!e?.integrity) p = null; throw e; }
  })());
}

// local wraps the module's API: searches, and the postcodes and the signals
// loaded after ready.
function local(api, sliced, report, changed) {
  let first = true, arrived = 0;
  // arrive: one of the files read after ready is in; complete once all
  // are. The element answers again when the postcodes are in (they change
  // what names mean) or when the last file is: the signal alone does not
  // make it draw an answer twice while someone types.
  const arrive = (rereads) => {
    const complete = ++arrived === AFTER_READY;
    if (rereads || complete) changed(complete);
  };
  let last = performance.now(); // when the last search came (ready counts as one)
  let urgent = false, wake = null; // a search needs the postcodes now
  // pause resolves once no search has come for POSTCODES_IDLE_MS, or at
  // once when a search needs the postcodes.
  const pause = async () => {
    for (let left; !urgent && (left = last + POSTCODES_IDLE_MS - performance.now()) > 0;) {
      await new Promise((res) => { const id = setTimeout(res, left); wake = () => { clearTimeout(id); res(); }; });
    }
    wake = null;
  };
  const loadPostcodes = loadOnce(async () => {
    const t = performance.now();
    const buf = await fetchBytes(POSTCODES); // right away, whatever is typed: no request follows a keystroke
    await pause();
    await add(api, buf, sliced, report, 'postcodes-decode');
    if (sliced) await yieldNow();
    const ti = performance.now();
    const err = api.build();
    if (err) throw new Error(err);
    report('postcodes-index', ti, performance.now());
    report('postcodes', t, performance.now());
    arrive(true);
  });
  const loadSignal = loadOnce(async () => {
    const t = performance.now();
    const err = api.signal(new Uint8Array(await fetchBytes(SIGNAL)));
    if (err) throw new Error(err);
    report('signal', t, performance.now());
    arrive(false);
  });
  const quietPostcodes = async () => { try { await loadPostcodes(); } catch { /* searches go on without them */ } };
  const timed = (f) => {
    if (!first) return f();
    first = false;
    const t = performance.now(), out = f();
    report('first-search', t, performance.now());
    return out;
  };
  const need = () => { urgent = true; wake?.(); return quietPostcodes(); };
  const wait = (q) => { last = performance.now(); return q === null || DIGIT.test(q) ? need() : null; };
  return {
    loadPostcodes,
    loadSignal,
    warm: async () => {
      const t = performance.now();
      for (const q of WARMUP) { await yieldNow(); api.search(q, { limit: 10 }); }
      report('warm-up', t, performance.now());
    },
    search: async (q, o) => { const w = wait(q); if (w) await w; return timed(() => api.search(q, o)); },
    near: async (lat, lon, o) => { await wait(null); return timed(() => api.near(lat, lon, o)); },
    // A preset may be a postcode: it waits for the postcodes like a query.
    preset: async (k, v) => { const w = wait(v); if (w) await w; return api.preset ? api.preset(k, v) : ''; },
    withTopic: async (id) => (api.withTopic ? api.withTopic(id) : '{"results":[]}'),
    info: () => api.info(),
    labels: () => (api.labels ? api.labels() : 'null'),
  };
}

// --- in the worker -----------------------------------------------------------

if (inWorker) {
  const marks = [];
  const report = (name, start, end) => { measure(name, start, end); marks.push([name, start, end]); flush(); };
  let pending = 0;
  function flush() {
    if (pending) return;
    pending = setTimeout(() => { pending = 0; postMessage({ type: 'marks', origin: performance.timeOrigin, marks: marks.splice(0) }); }, 0);
  }
  const ready = boot(false, report).then((api) => local(api, false, report, (complete) => postMessage({ type: 'changed', complete })));
  ready.then((l) => {
    postMessage({ type: 'ready', info: l.info(), labels: l.labels() });
    const refused = (e) => { if (e?.integrity) postMessage({ type: 'refused' }); };
    l.loadSignal().catch(refused);
    l.loadPostcodes().catch(refused);
    l.warm().catch(() => {});
  }, (e) => postMessage({ type: 'failed', error: String(e && e.message || e), integrity: !!e?.integrity }));
  globalThis.onmessage = (ev) => {
    const { id, op, args } = ev.data || {};
    ready.then((l) => (op === 'near' || op === 'preset' || op === 'withTopic' ? l[op](...args) : l.search(...args)))
      .then((json) => postMessage({ id, json }), (e) => postMessage({ id, error: String(e && e.message || e) }));
  };
}

// --- on the page -------------------------------------------------------------

// start loads the engine once: in a Worker, else on the main thread in slices.
// It resolves to {mode: 'local', where: 'worker'|'main', search, near, topics,
// national, onchange} and rejects when neither works (widget.js then falls back
// to the remote API).
// sri is this file's own SHA-384 (the loader's pin), for the worker's copy.
// A refused file rejects with integrity = true and nothing else is tried.
export async function start(builtins, sri) {
  if (builtins?.fetch) B.fetch = builtins.fetch;
  if (builtins?.parse) B.parse = builtins.parse;
  if (builtins?.apply) B.apply = builtins.apply;
  if (builtins?.appendChild) B.appendChild = builtins.appendChild;
  const t = performance.now();
  let eng;
  try {
    eng = await startWorker(sri);
  } catch (e) {
    if (e?.integrity) throw e;
    try { console.info('selvhjelp-finder: no Web Worker (' + (e && e.message || e) + '); searching on the main thread'); } catch {}
    eng = await startMain();
  }
  measure('ready', t, performance.now());
  return eng;
}

// engineOf is what the element uses: every call is asynchronous and answers
// parsed JSON (preset: a string id).
function engineOf(where, info, labels, call) {
  const i = parse(info);
  const national = [];
  for (let k = 0; k < i.results.length; k++) national[k] = i.results[k].contact_point;
  const eng = {
    mode: 'local', where,
    dataset: i.query, // info() carries the dataset version as its query (finder-ready)
    search: async (q, o) => parse(await call('search', [q, o])),
    near: async (lat, lon, o) => parse(await call('near', [lat, lon, o])),
    preset: async (k, v) => await call('preset', [k, v]),
    withTopic: async (id) => parse(await call('withTopic', [id])),
    labels: parse(labels || 'null'),
    national,
    complete: false, // true once the postcodes and the crisis signal are in
    onchange: null,
    onrefused: null, // a pinned file (the postcodes) was refused after ready
  };
  return eng;
}

// canStartWorker resolves when the page's CSP lets a blob: module worker run
// (an empty one says so), and rejects when it does not (the constructor
// throws, or the worker fails to load, or says nothing for 3 s), before the
// worker's code is fetched.
function canStartWorker() {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob(['postMessage(0);'], { type: 'text/javascript' }));
    let w;
    try { w = new Worker(url, { type: 'module' }); } catch (e) { URL.revokeObjectURL(url); throw e; }
    const done = (ok) => { clearTimeout(late); URL.revokeObjectURL(url); try { w.terminate(); } catch {} if (ok) resolve(); else reject(new Error('no blob: worker')); };
    const late = setTimeout(() => done(false), 3000); // a worker that never starts: the main thread
    w.onmessage = () => done(true);
    w.onerror = (e) => { try { e.preventDefault(); } catch {} done(false); };
  });
}

async function startWorker(sri) {
  if (typeof Worker !== 'function' || typeof Blob !== 'function' || !URL.createObjectURL) throw new Error('no Worker');
  if (!sri) throw new Error('no pin for the worker'); // never run unchecked code in the worker
  await canStartWorker();
  // The worker runs these checked bytes, not a second download.
  const [exec, self] = await Promise.all([(async () => await (await verified(EXEC)).text())(), (async () => await (await verified(import.meta.url, sri)).text())()]);
  const src = 'globalThis.__selvhjelpBase = ' + JSON.stringify(BASE.href) + ';\n' + exec + '\n;\n' + self;
  return await new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    let w;
    try {
      w = new Worker(url, { type: 'module', name: 'selvhjelp-finder' }); // throws when the CSP forbids blob: workers
    } finally {
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }
    const calls = new Map();
    let next = 0, eng = null;
    const fail = (e) => {
      const err = e instanceof Error ? e : new Error(e?.message || 'worker failed');
      if (e?.integrity) err.integrity = true;
      for (const c of calls.values()) c.reject(err);
      calls.clear();
      if (!eng) { try { w.terminate(); } catch {} reject(err); }
    };
    const call = (op, args) => new Promise((res, rej) => {
      const id = ++next;
      calls.set(id, { resolve: res, reject: rej });
      w.postMessage({ id, op, args });
    });
    w.onerror = (e) => { try { e.preventDefault(); } catch {} fail(new Error('worker: ' + (e.message || 'could not start'))); };
    w.onmessageerror = () => fail(new Error('worker: message error'));
    w.onmessage = (ev) => {
      const m = ev.data || {};
      if (m.type === 'marks') {
        const shift = m.origin - performance.timeOrigin;
        for (const [name, start, end] of m.marks) measure(name, start + shift, end + shift);
      } else if (m.type === 'ready') {
        eng = engineOf('worker', m.info, m.labels, call);
        resolve(eng);
      } else if (m.type === 'failed') {
        fail({ message: m.error, integrity: m.integrity });
      } else if (m.type === 'refused') {
        try { eng?.onrefused?.(); } catch {}
      } else if (m.type === 'changed') {
        if (eng && m.complete) eng.complete = true;
        try { eng?.onchange?.(); } catch {}
      } else if (calls.has(m.id)) {
        const c = calls.get(m.id);
        calls.delete(m.id);
        if (m.error) c.reject(new Error(m.error)); else c.resolve(m.json);
      }
    };
  });
}

async function startMain() {
  const api = await boot(true, measure);
  let eng;
  const l = local(api, true, measure, (complete) => { if (complete) eng.complete = true; try { eng.onchange?.(); } catch {} });
  eng = engineOf('main', l.info(), l.labels(), (op, args) => l[op](...args));
  // The postcodes right after ready, whether or not anyone types (so that
  // no request follows a keystroke), in slices when the page is idle.
  const idle = globalThis.requestIdleCallback || ((f) => setTimeout(f, 50));
  const refused = (e) => { if (e?.integrity) try { eng.onrefused?.(); } catch {} };
  (async () => { try { await l.loadSignal(); } catch (e) { refused(e); } })();
  idle(() => { (async () => { try { await l.loadPostcodes(); } catch (e) { refused(e); } })(); }, { timeout: 1000 });
  return eng;
}
