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

let app; // Promise of the binding ({handleRequest}) of the running instance

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
  const exited = go.run(instance);
  const p = Promise.race([
    isReady.then(() => binding),
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

export default {
  async fetch(req, env) {
    let binding;
    try {
      binding = await (app ?? start(env));
      return await binding.handleRequest(req);
    } catch (e) {
      app = undefined;
      console.error("worker:", e && e.stack ? e.stack : e);
      return failure(503, "the worker failed; try again");
    }
  },
};
