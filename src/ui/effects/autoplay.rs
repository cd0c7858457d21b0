//! An embed's `autoplay=1`: playback starts the first time at least half of the figure is in
//! view (not while the reader is still paragraphs above it), from the range's start, and
//! never when the reader asked for reduced motion. It plays once, to the range's end.

use crate::ui::state::Action;
use crate::ui::viewport::{media_matches, when_in_view};
use yew::prelude::*;

/// How much of the figure must be in view for it to start: half.
const IN_VIEW_RATIO: f64 = 0.5;

/// Starts playback (with [`Action::Play`]) once the element of `node` is half in view, if
/// `autoplay` is set and motion is welcome. Where the browser has no IntersectionObserver, it
/// starts at once.
#[hook]
pub fn use_autoplay(node: NodeRef, autoplay: bool, dispatch: Callback<Action>) {
    use_effect_with(autoplay, move |autoplay| {
        let watch = (*autoplay && !media_matches("(prefers-reduced-motion: reduce)"))
            .then(|| when_in_view(&node, "0px", IN_VIEW_RATIO, move || dispatch.emit(Action::Play)))
            .flatten();
        move || {
            if let Some((observer, _seen)) = watch {
                observer.disconnect();
            }
        }
    });
}
