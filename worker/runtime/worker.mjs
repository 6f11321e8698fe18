// The Worker's entry module (copied to build/worker.mjs by build.sh).
//
// syumai/workers' generated worker.mjs starts a new Go instance for every
// request (~16 ms each in workerd). This one starts Go once per isolate and
// sends every request to that instance: worker/main.go registers its handler
// and then stays alive. The handler is plain net/http and uses neither `env`
// nor the per-request `ctx` (no bindings, no waitUntil), so sharing one
// instance across requests is safe. Should the instance exit (a Go panic),
// the next request starts a new one.
import "./wasm_exec.js"; // Go's own, from $(go env GOROOT)/lib/wasm
import mod from "./app.wasm";

// syumai/workers calls these from Go.
globalThis.tryCatch = (fn) => {
  try {
    return { result: fn() };
  } catch (e) {
    return { error: e };
  }
};

let app; // Promise of the running instance: {reserve, serve, memory}

function start(env) {
  const binding = {};
  // syumai/workers reads globalThis.context once, when Go starts.
  globalThis.context = { env, binding };
  const go = new Go();
  let ready;
  const isReady = new Promise((resolve) => {
    ready = resolve;
  });
  const instance = new WebAssembly.Instance(mod, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  // Read by worker/main.go for /healthz: the linear memory (it only grows)
  // and how many JavaScript values Go holds (wasm_exec.js keeps each alive
  // until Go's garbage collector finalizes its reference).
  globalThis.finderMemory = {
    get wasmBytes() {
      return instance.exports.mem.buffer.byteLength;
    },
    get jsValues() {
      return (go._values?.length ?? 0) - (go._idPool?.length ?? 0);
    },
  };
  const exited = go.run(instance);
  const p = Promise.race([
    isReady.then(() => ({
      reserve: instance.exports.finder_reserve,
      serve: instance.exports.finder_serve,
      memory: instance.exports.mem,
    })),
    exited.then(() => {
      throw new Error("Go exited before it was ready");
    }),
  ]);
  // Go exited (a panic): the next request starts a new instance.
  exited.finally(() => {
    if (app === p) app = undefined;
  });
  app = p;
  return p;
}

function failure(status, message) {
  return new Response(JSON.stringify({ status, error: message }), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "access-control-allow-origin": "*",
    },
  });
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// serve hands one request to Go as bytes in its memory and builds the
// Response from the bytes Go writes back (the format is in worker/bridge).
// Only numbers cross into Go, so Go holds no reference to the Request, its
// Headers or the Response, and nothing stays alive after the request.
function serve(go, req, body) {
  let head = req.method + "\n" + req.url + "\n";
  for (const [name, value] of req.headers) head += name + ":" + value + "\n";
  if (body) head += "\n"; // an empty line, then the body
  const bytes = encoder.encode(head);
  const n = bytes.length + (body ? body.length : 0);
  // Both return a pointer as a wasm i32: >>> 0 reads it unsigned.
  const inPtr = go.reserve(n) >>> 0;
  const into = new Uint8Array(go.memory.buffer, inPtr, n);
  into.set(bytes);
  if (body) into.set(body, bytes.length);
  const outPtr = go.serve(n) >>> 0;
  // Read the buffer only now: a Go call may have grown (and so replaced) it.
  const view = new DataView(go.memory.buffer, outPtr, 8);
  const total = view.getUint32(0, true);
  const headLen = view.getUint32(4, true);
  const out = new Uint8Array(go.memory.buffer, outPtr, total);
  const lines = decoder.decode(out.subarray(8, 8 + headLen)).split("\n");
  const status = Number(lines[0]);
  const headers = new Headers();
  for (let i = 1; i < lines.length; i++) {
    const colon = lines[i].indexOf(":");
    headers.append(lines[i].slice(0, colon), lines[i].slice(colon + 1));
  }
  // slice copies: the Go memory is reused by the next request.
  const answer = total > 8 + headLen ? out.slice(8 + headLen) : null;
  return new Response(answer, { status, headers });
}

// MAX_BODY bounds a request body handed to Go: the largest the API reads is
// a search form (worker/api maxSearchBody, about 12 KB); a longer one gets
// a 413 here, before it is read in full.
const MAX_BODY = 64 * 1024;

// bodyOf reads a request's body for Go: null when it has none, undefined
// when it is longer than MAX_BODY.
async function bodyOf(req) {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return null;
  if (Number(req.headers.get("content-length")) > MAX_BODY) return undefined;
  const b = new Uint8Array(await req.arrayBuffer());
  return b.length > MAX_BODY ? undefined : b;
}

// The published dataset (worker/console's publish): KV "current" names the
// live version's content-addressed files (file/<name>). The console writes
// the files first and "current" last, so what is read here is a whole
// version; without one, or when KV cannot be read, the dataset built into
// the deployment (the static asset) is served.
const DATASET = "/v1/dataset.json";
const VERSIONED = /^\/v1\/(dataset-core\.[0-9a-f]{12}\.json)$/;
const DATA_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "X-Finder-Dataset",
  "cross-origin-resource-policy": "cross-origin",
  "strict-transport-security": "max-age=31536000",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};
const SHORT = "public, max-age=300, must-revalidate"; // a publish reaches citizens within 5 minutes
const IMMUTABLE = "public, max-age=31536000, immutable";

async function published(req, env, path) {
  if (!env.PUBLISHED || (req.method !== "GET" && req.method !== "HEAD")) return null;
  try {
    let name, version, cache;
    if (path === DATASET) {
      const m = await env.PUBLISHED.get("current", "json");
      if (!m || !m.bundle) return null;
      name = m.bundle;
      version = m.version;
      cache = SHORT;
    } else {
      const v = VERSIONED.exec(path);
      if (!v) return null;
      name = v[1];
      cache = IMMUTABLE;
    }
    const body = await env.PUBLISHED.get("file/" + name, "arrayBuffer");
    if (body === null) return null;
    const etag = '"' + (version ?? name) + '"';
    const headers = new Headers(DATA_HEADERS);
    headers.set("cache-control", cache);
    headers.set("etag", etag);
    if (version) headers.set("x-finder-dataset", version);
    const inm = req.headers.get("if-none-match");
    if (inm && (inm === etag || inm === "W/" + etag)) return new Response(null, { status: 304, headers });
    return new Response(req.method === "HEAD" ? null : body, { status: 200, headers });
  } catch (e) {
    console.error("worker: published dataset:", e && e.stack ? e.stack : e);
    return null; // the built-in dataset
  }
}

// The widget follows the published version too. Its loader names the engine
// and the engine's SHA-384, and the engine pins the dataset core by name and
// SHA-384 (widget/README.md, "Integrity"). With a published version:
//   /widget.js (5 minutes) names an engine variant engine.<built>.<core>.js:
//     the built engine with the published core's name and SHA-384 in place of
//     the built one's;
//   /embed (the iframe page, no-cache) loads a loader variant
//     widget.<built>.<core>.js, pinned by its SHA-384, that names that engine.
// Variants are derived only from content-addressed files, so a variant's name
// says all it holds (immutable) and every file stays pinned and checked. A
// partner's pinned loader (widget.<hash>.js) keeps the dataset it was built
// with. When anything is not as expected (nothing published, KV down, a build
// whose text differs), the built files are served.
const LOADER = "/widget.js";
const EMBED = "/embed";
const ROUTED = /^\/(widget|engine)\./; // with EMBED: run_worker_first in wrangler.toml
const VARIANT = /^\/((?:widget|engine)\.[0-9a-f]{12})\.([0-9a-f]{12})\.js$/;
const ENGINE_REF = /var ENGINE = "(engine\.[0-9a-f]{12})\.js";\nvar ENGINE_SRI = "sha384-[A-Za-z0-9+\/=]+";/g;
const CORE_REF = /'v1\/dataset-core\.[0-9a-f]{12}\.json'/g;
const CORE_SRI = /\[CORE\]: 'sha384-[A-Za-z0-9+\/=]+'/g;
// The loader's first answers (widget/finder/first-answers.js) are the built
// dataset's: a variant for a published one names none.
const FIRST_REF = /var FIRST = "v1\/first-answers\.[0-9a-f]{12}\.json";/g;
const LOADER_REF = /src="(widget\.[0-9a-f]{12})\.js" integrity="sha384-[A-Za-z0-9+\/=]+"/g;
const CORE_FILE = /^dataset-core\.([0-9a-f]{12})\.json$/;
const KEEP_VARIANTS = 8; // per isolate: loaders and engines of the live version and a few before it
const variants = new Map(); // "<file>.<core>" -> Promise of {text, sri, headers} or null

async function sri(bytes) {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-384", bytes));
  let bin = "";
  for (const b of d) bin += String.fromCharCode(b);
  return "sha384-" + btoa(bin);
}

// sha256Prefix is the 12 hex digits of SHA-256 that content-addressed names
// carry (worker/console hashedName).
async function sha256Prefix(bytes) {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...d.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// builtFile fetches a static file as built (GET, no conditional headers).
async function builtFile(env, req, path) {
  const res = await env.ASSETS.fetch(new Request(new URL(path, req.url)));
  return res.ok ? res : null;
}

// once returns the one match of re in text, or null: anything else is not
// the file this code knows.
function once(text, re) {
  const all = [...text.matchAll(re)];
  return all.length === 1 ? all[0] : null;
}

// variant builds <file>.<core>.js (file: "engine.<hash>", "widget.<hash>" or
// "widget"), remembered per isolate; null when it cannot be built.
function variant(env, req, file, core) {
  const key = file + "." + core;
  if (!variants.has(key)) {
    const p = (file.startsWith("engine.") ? engineVariant : loaderVariant)(env, req, file, core).catch((e) => {
      console.error("worker: widget variant:", e && e.stack ? e.stack : e);
      return null;
    });
    variants.set(key, p);
    p.then((v) => v || variants.delete(key)); // a failure is tried again
    while (variants.size > KEEP_VARIANTS) variants.delete(variants.keys().next().value);
  }
  return variants.get(key);
}

async function made(text, built) {
  return { text, sri: await sri(encoder.encode(text)), headers: [...built.headers] };
}

async function engineVariant(env, req, file, core) {
  const [built, coreBytes] = await Promise.all([
    builtFile(env, req, "/" + file + ".js"),
    env.PUBLISHED.get("file/dataset-core." + core + ".json", "arrayBuffer"),
  ]);
  // A content-addressed name must be its content's: a core whose SHA-256
  // is not its name is no version the console wrote.
  if (!built || coreBytes === null || (await sha256Prefix(coreBytes)) !== core) return null;
  const text = await built.text();
  if (!once(text, CORE_REF) || !once(text, CORE_SRI)) return null;
  const out = text
    .replace(CORE_REF, "'v1/dataset-core." + core + ".json'")
    .replace(CORE_SRI, "[CORE]: '" + (await sri(coreBytes)) + "'");
  return made(out, built);
}

async function loaderVariant(env, req, file, core) {
  const built = await builtFile(env, req, "/" + file + ".js");
  if (!built) return null;
  const text = await built.text();
  const ref = once(text, ENGINE_REF);
  const e = ref && (await variant(env, req, ref[1], core));
  if (!e) return null;
  if (!once(text, FIRST_REF)) return null;
  const name = ref[1] + "." + core + ".js";
  const out = text
    .replace(ENGINE_REF, 'var ENGINE = "' + name + '";\nvar ENGINE_SRI = "' + e.sri + '";')
    .replace(FIRST_REF, 'var FIRST = "";');
  return made(out, built);
}

// embedPage is the built iframe page loading the loader variant.
async function embedPage(env, req, path, core) {
  const built = await builtFile(env, req, path);
  if (!built) return null;
  const text = await built.text();
  const ref = once(text, LOADER_REF);
  const v = ref && (await variant(env, req, ref[1], core));
  if (!v) return null;
  // The page itself is pinned by nothing: no SHA-384 to compute.
  return { text: text.replace(LOADER_REF, 'src="' + ref[1] + "." + core + '.js" integrity="' + v.sri + '"'), headers: built.headers };
}

function answer(req, v, cache) {
  const headers = new Headers(v.headers);
  for (const h of ["content-length", "etag", "last-modified", "content-encoding"]) headers.delete(h);
  if (cache) headers.set("cache-control", cache);
  return new Response(req.method === "HEAD" ? null : v.text, { status: 200, headers });
}

// widget answers the loader, the iframe page and variants from the published
// version; null means: serve the built file.
async function widget(req, env, path) {
  if (!env.PUBLISHED || !env.ASSETS || (req.method !== "GET" && req.method !== "HEAD")) return null;
  try {
    const v = VARIANT.exec(path);
    if (v) {
      const e = await variant(env, req, v[1], v[2]);
      return e && answer(req, e, IMMUTABLE);
    }
    if (path !== LOADER && path !== EMBED) return null;
    const m = await env.PUBLISHED.get("current", "json");
    const core = m && typeof m.core === "string" && CORE_FILE.exec(m.core);
    if (!core) return null;
    if (path === EMBED) {
      const e = await embedPage(env, req, path, core[1]);
      return e && answer(req, e, null); // the built page's own caching (no-cache)
    }
    const l = await variant(env, req, "widget", core[1]);
    return l && answer(req, l, SHORT);
  } catch (e) {
    console.error("worker: widget:", e && e.stack ? e.stack : e);
    return null;
  }
}

export default {
  async fetch(req, env) {
    const path = new URL(req.url).pathname;
    if (path === DATASET || VERSIONED.test(path)) {
      const res = await published(req, env, path);
      if (res) return res;
      if (path === DATASET && env.ASSETS) return env.ASSETS.fetch(req);
    }
    // wrangler.toml's run_worker_first sends these here: whatever widget()
    // does not answer is the built file.
    if (path === EMBED || ROUTED.test(path)) {
      const res = await widget(req, env, path);
      if (res) return res;
      if (env.ASSETS) return env.ASSETS.fetch(req);
    }
    try {
      const go = await (app ?? start(env));
      const body = await bodyOf(req);
      if (body === undefined) return failure(413, `the request body is too long: at most ${MAX_BODY} bytes`);
      return serve(go, req, body);
    } catch (e) {
      app = undefined;
      console.error("worker:", e && e.stack ? e.stack : e);
      return failure(503, "the worker failed; try again");
    }
  },
};
