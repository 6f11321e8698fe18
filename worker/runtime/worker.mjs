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
function serve(go, req) {
  let head = req.method + "\n" + req.url + "\n";
  for (const [name, value] of req.headers) head += name + ":" + value + "\n";
  const bytes = encoder.encode(head);
  // Both return a pointer as a wasm i32: >>> 0 reads it unsigned.
  const inPtr = go.reserve(bytes.length) >>> 0;
  new Uint8Array(go.memory.buffer, inPtr, bytes.length).set(bytes);
  const outPtr = go.serve(bytes.length) >>> 0;
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
  const body = total > 8 + headLen ? out.slice(8 + headLen) : null;
  return new Response(body, { status, headers });
}

export default {
  async fetch(req, env) {
    try {
      const go = await (app ?? start(env));
      return serve(go, req);
    } catch (e) {
      app = undefined;
      console.error("worker:", e && e.stack ? e.stack : e);
      return failure(503, "the worker failed; try again");
    }
  },
};
