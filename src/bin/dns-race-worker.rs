//! The page's compute worker: a Web Worker that runs the cascade, the exhaustive search and
//! random runs for the page ([`dns_race::compute`]), built for speed and without Yew. Trunk
//! builds it (index.html, `data-type="worker"`); the page starts it with `new Worker` from
//! www/dns-race-worker-loader.js.

#[cfg(target_arch = "wasm32")]
fn main() {
    use dns_race::compute::{Compute, Reply, Request, PROTOCOL, SEARCH_SLICE_MS};
    use std::cell::RefCell;
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = {
        let scope = scope.clone();
        move |reply: &Reply| {
            // Posting a string cannot fail in a live worker; if it did there is no one to tell.
            let _ = scope.post_message(&js_sys::Uint8Array::from(reply.encode().as_slice()));
        }
    };
    let compute = RefCell::new(Compute::default());
    let answer = post.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let started = js_sys::Date::now();
        let request = event
            .data()
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| "a message that is not bytes".to_string())
            .and_then(|bytes| Request::decode(&bytes.to_vec()));
        let reply = match request {
            Ok(request) => {
                let deadline = started + SEARCH_SLICE_MS;
                let mut reply = compute.borrow_mut().handle(request, &mut || js_sys::Date::now() >= deadline);
                if let Reply::Cascade { ms, .. } = &mut reply {
                    *ms = js_sys::Date::now() - started;
                }
                reply
            }
            Err(problem) => Reply::Refused { job: 0, problem },
        };
        answer(&reply);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The worker lives as long as its scope: the handler must too.
    onmessage.forget();
    // Messages posted before this one would have been lost (the module was still loading).
    post(&Reply::Ready { protocol: PROTOCOL.to_string() });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!(
        "dns-race-worker is the page's Web Worker and runs in a browser: use dns-race on the command line"
    );
    std::process::ExitCode::from(2)
}
