//! The page's Web Workers: each runs `dns-race-worker` (the core built for speed, none of
//! Yew) and speaks [`compute`](crate::compute)'s messages. The page starts them only when a
//! section asks for work (the cascade near the viewport, a search, random runs), and
//! terminates them when the work is done, cancelled or superseded.
//!
//! Where a worker cannot start (a sandboxed embed has an opaque origin; a browser without
//! workers; the worker's files missing or from another build), [`ComputeWorker::start`]
//! fails or the worker reports [`WorkerEvent::Failed`], and the section does the work on the
//! page's own thread in slices, saying so in one line ([`fallback_note`]).

use crate::compute::{Reply, Request, PROTOCOL};
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};
use yew::Callback;

/// The worker's loader (www/dns-race-worker-loader.js), beside the page: relative, since the
/// page may live under a sub-path.
pub const WORKER_URL: &str = "dns-race-worker-loader.js";

/// How long a worker may take to say it is ready (fetching and compiling its module) before
/// the page gives up on it: a failure to fetch the module is not reported otherwise.
const READY_MS_MAX: u32 = 20_000;

/// The most workers a pool starts, whatever the machine says it has.
const POOL_MAX: u32 = 8;

/// What a worker says: a reply, or that it cannot serve (it never will again).
#[derive(Clone, Debug, PartialEq)]
// Made once per message and moved straight into a match: boxing the reply would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum WorkerEvent {
    /// A reply to a request.
    Reply(Reply),
    /// The worker failed to start, crashed or is from another build: what happened.
    Failed(String),
}

/// The line a section shows when it works on the page's thread instead of in workers.
pub fn fallback_note(reason: &str) -> String {
    format!("Running on this page's own thread, in short slices, because {reason}.")
}

/// How many workers a pool starts: one per core the browser reports, at least one, at most
/// [`POOL_MAX`].
pub fn pool_size() -> u32 {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    // hardwareConcurrency is a small whole number; anything else counts as one core.
    if cores.is_finite() && cores >= 1.0 {
        (cores as u32).clamp(1, POOL_MAX)
    } else {
        1
    }
}

/// Why no worker can start on this page, if that is known before trying.
fn unavailable() -> Option<String> {
    let window = web_sys::window()?;
    // An embed in <iframe sandbox="allow-scripts"> has the opaque origin "null": the browser
    // refuses it any worker script. It does not try, so that the console stays clean.
    if window.origin() == "null" {
        return Some("the page is embedded in a sandbox, where browsers start no Web Workers".into());
    }
    let has_worker = js_sys::Reflect::has(&window, &JsValue::from_str("Worker")).unwrap_or(false);
    (!has_worker).then(|| "this browser has no Web Workers".into())
}

struct Shared {
    ready: bool,
    failed: bool,
    queue: Vec<js_sys::Uint8Array>,
}

/// One running worker. Requests sent before it is ready wait in a queue; dropping it
/// terminates the worker at once, wherever its work is.
pub struct ComputeWorker {
    worker: Worker,
    shared: Rc<RefCell<Shared>>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(Event)>,
    _ready_timeout: Timeout,
}

impl ComputeWorker {
    /// Starts a worker whose replies and failure go to `onevent`; `Err` says why none can
    /// start here.
    pub fn start(onevent: Callback<WorkerEvent>) -> Result<ComputeWorker, String> {
        if let Some(reason) = unavailable() {
            return Err(reason);
        }
        let worker = Worker::new(WORKER_URL).map_err(|e| {
            let detail = e.as_string().or_else(|| js_sys::Error::from(e).message().as_string());
            format!("the browser refused to start a Web Worker ({})", detail.unwrap_or_default())
        })?;
        let shared = Rc::new(RefCell::new(Shared { ready: false, failed: false, queue: Vec::new() }));
        let fail = {
            let (shared, onevent) = (shared.clone(), onevent.clone());
            move |what: String| {
                let mut s = shared.borrow_mut();
                if !s.failed {
                    s.failed = true;
                    s.queue.clear();
                    drop(s);
                    onevent.emit(WorkerEvent::Failed(what));
                }
            }
        };
        let onmessage = {
            let (shared, worker, fail) = (shared.clone(), worker.clone(), fail.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let reply = event
                    .data()
                    .dyn_into::<js_sys::Uint8Array>()
                    .map_err(|_| "a message that is not bytes".to_string())
                    .and_then(|bytes| Reply::decode(&bytes.to_vec()));
                match reply {
                    Ok(Reply::Ready { protocol }) if protocol == PROTOCOL => {
                        let queue = {
                            let mut s = shared.borrow_mut();
                            s.ready = true;
                            std::mem::take(&mut s.queue)
                        };
                        for bytes in queue {
                            // A live worker takes any bytes; a dead one reports through onerror.
                            let _ = worker.post_message(&bytes);
                        }
                    }
                    Ok(Reply::Ready { protocol }) => fail(format!(
                        "its worker is from another build ({protocol}, the page is {PROTOCOL}): reload the page"
                    )),
                    Ok(reply) => onevent.emit(WorkerEvent::Reply(reply)),
                    Err(problem) => fail(format!("its worker sent {problem}")),
                }
            })
        };
        let onerror = {
            let fail = fail.clone();
            Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                event.prevent_default();
                // A script that failed to load fires a plain Event; an uncaught error (a trap
                // in the module) an ErrorEvent with its message.
                let message = event.dyn_ref::<ErrorEvent>().map(ErrorEvent::message).unwrap_or_default();
                fail(if message.is_empty() {
                    "its Web Worker could not load".to_string()
                } else {
                    format!("its Web Worker stopped: {message}")
                });
            })
        };
        let ready_timeout = {
            let (shared, fail) = (shared.clone(), fail.clone());
            Timeout::new(READY_MS_MAX, move || {
                if !shared.borrow().ready {
                    fail(format!("its Web Worker was not ready after {} s", READY_MS_MAX / 1000));
                }
            })
        };
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(ComputeWorker {
            worker,
            shared,
            _onmessage: onmessage,
            _onerror: onerror,
            _ready_timeout: ready_timeout,
        })
    }

    /// Posts `request`, or queues it until the worker is ready.
    pub fn send(&self, request: &Request) {
        let bytes = js_sys::Uint8Array::from(request.encode().as_slice());
        let mut s = self.shared.borrow_mut();
        if s.failed {
            return;
        }
        if s.ready {
            drop(s);
            let _ = self.worker.post_message(&bytes);
        } else {
            s.queue.push(bytes);
        }
    }
}

impl Drop for ComputeWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
