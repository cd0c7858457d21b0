// Starts the page's compute worker (src/bin/dns-race-worker.rs): its wasm-bindgen glue, then
// its module, both beside this file. The page starts it with
// `new Worker("dns-race-worker-loader.js")` (src/ui/workers.rs). A module that fails to load
// is rethrown outside the promise, so that the page hears of it as the worker's error.
importScripts('./dns-race-worker.js');
wasm_bindgen({ module_or_path: './dns-race-worker_bg.wasm' }).catch((error) => {
  setTimeout(() => {
    throw error;
  });
});
