//! The explorer: "is this set of mitigations safe, or did the incident's schedule just miss
//! the bad case?", answered by exhaustive search and by random runs.

use super::{ExhaustiveSearch, RandomRuns};
use crate::scenario::Mitigation;
use crate::ui::replay::LoadedRun;
use yew::prelude::*;

/// Properties of [`Explorer`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ExplorerProps {
    /// The mitigations switched on.
    pub mitigations: Vec<Mitigation>,
    /// Called with a run to play in the timeline.
    pub onload: Callback<LoadedRun>,
}

/// Both halves of the explorer, under one heading.
#[function_component(Explorer)]
pub fn explorer(props: &ExplorerProps) -> Html {
    html! {
        <section class="explorer panel" id="explorer" aria-labelledby="explorer-title">
            <div class="section-head">
                <h2 id="explorer-title">{ "Safe, or lucky? Explore every schedule" }</h2>
                <p class="section-note">
                    { "One run shows one schedule. These check the design with the switches above against \
                       all of them, up to a bound, and against thousands of timed runs." }
                </p>
            </div>
            <div class="explorer-parts">
                <ExhaustiveSearch mitigations={props.mitigations.clone()} onload={props.onload.clone()} />
                <RandomRuns mitigations={props.mitigations.clone()} onload={props.onload.clone()} />
            </div>
        </section>
    }
}
