//! The page's compute worker: a Web Worker that runs the cascade, the exhaustive search and
//! random runs for the page ([`dns_race::compute`]), built for speed and without Yew. Trunk
//! builds it (index.html, `data-type="worker"`); the page starts it with `new Worker` from
//! www/dns-race-worker-loader.js.

#[cfg(target_arch = "wasm32")]
fn main() {
    use dns_race::compute::{Compute, Reply, Request, PROTOCOL, SEARCH_SLICE_MS};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = {
        let scope = scope.clone();
        move |reply: &Reply| {
            // Posting bytes cannot fail in a live worker; if it did there is no one to tell.
            let _ = scope.post_message(&js_sys::Uint8Array::from(reply.encode().as_slice()));
        }
    };
    // A search goes on slice after slice without waiting for the page: after each, the worker
    // posts itself the job's number on a channel of its own (a message, unlike a timeout, is
    // never delayed), and the page's messages (a stop) are read in between.
    let Ok(channel) = MessageChannel::new() else {
        post(&Reply::Refused { job: 0, problem: "the worker could not open a message channel".to_string() });
        return;
    };
    let next_slice = channel.port2();
    let compute = Rc::new(RefCell::new(Compute::default()));
    let deadline_from_now = || {
        let deadline = js_sys::Date::now() + SEARCH_SLICE_MS;
        move || js_sys::Date::now() >= deadline
    };
    let answer = {
        let (post, next_slice) = (post.clone(), next_slice.clone());
        move |reply: Reply| {
            post(&reply);
            if let Reply::Searching { job, .. } = reply {
                let _ = next_slice.post_message(&JsValue::from(job));
            }
        }
    };
    let onslice = {
        let (compute, answer) = (compute.clone(), answer.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(job) = event.data().as_f64().map(|job| job as u32) else {
                return;
            };
            let mut past_deadline = deadline_from_now();
            if let Some(reply) = compute.borrow_mut().search_more(job, &mut past_deadline) {
                answer(reply);
            }
        })
    };
    channel.port1().set_onmessage(Some(onslice.as_ref().unchecked_ref()));
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let started = js_sys::Date::now();
        let request = event
            .data()
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| "a message that is not bytes".to_string())
            .and_then(|bytes| Request::decode(&bytes.to_vec()));
        let reply = match request {
            Ok(request) => {
                let mut past_deadline = deadline_from_now();
                let mut reply = compute.borrow_mut().handle(request, &mut past_deadline);
                if let Reply::Cascade { ms, .. } = &mut reply {
                    *ms = js_sys::Date::now() - started;
                }
                reply
            }
            Err(problem) => Reply::Refused { job: 0, problem },
        };
        answer(reply);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The worker lives as long as its scope: the handlers must too.
    onmessage.forget();
    onslice.forget();
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
