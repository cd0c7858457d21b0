//! "You are the scheduler": every actor that can move now, what its move would do, and a
//! button to make it move.

use super::{ActorBadge, Icon, IconShape};
use crate::sim::Actor;
use crate::ui::link::Hand;
use crate::ui::replay::Moment;
use crate::ui::scheduler::choices;
use yew::prelude::*;

/// Properties of [`Scheduler`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SchedulerProps {
    /// The world at the cursor: who can move from here.
    pub moment: Moment,
    /// Called with the actor the learner picked.
    pub onpick: Callback<Actor>,
    /// The schedule picked so far (`None`: the timed run is shown).
    pub hand: Option<Hand>,
}

/// One button per actor that can move, with the sentence its move would add and a warning
/// when the move breaks an invariant. Picking drops the events after the cursor.
#[function_component(Scheduler)]
pub fn scheduler(props: &SchedulerProps) -> Html {
    let choices = choices(&props.moment.world);
    let later = props.moment.replay.len().saturating_sub(props.moment.position);
    html! {
        <section class="scheduler panel" aria-labelledby="scheduler-title">
            <div class="section-head">
                <h2 id="scheduler-title">{ "You are the scheduler: who moves next?" }</h2>
                <p class="section-note">
                    { "The timed run chose by the clock. Here you choose: each actor that can move now, and \
                       what its move would do. The lock, the checks and Route 53 still follow the rules." }
                    if later > 0 {
                        { format!(" Picking replaces the {later} events after this one.") }
                    }
                </p>
            </div>
            <ul class="scheduler-choices">
                { for choices.into_iter().map(|choice| {
                    let actor = choice.actor;
                    let onclick = props.onpick.reform(move |_: MouseEvent| actor);
                    let breaks = (!choice.breaks.is_empty()).then(|| {
                        let names: Vec<&str> = choice.breaks.iter().map(|i| i.name()).collect();
                        format!("breaks {}", names.join(", "))
                    });
                    html! {
                        <li class={classes!("scheduler-choice", breaks.is_some().then_some("scheduler-choice--breaks"))}>
                            <button type="button" class="btn scheduler-pick" {onclick}
                                aria-label={format!("{} moves: {}", actor.label(), choice.sentence)}>
                                <ActorBadge {actor} />
                                <span class="scheduler-letter" aria-hidden="true">{ choice.letter }</span>
                            </button>
                            <p class="scheduler-sentence">{ choice.sentence.clone() }</p>
                            if let Some(breaks) = breaks {
                                <p class="scheduler-breaks"><Icon shape={IconShape::Warning} class="icon--small" />{ breaks }</p>
                            }
                        </li>
                    }
                }) }
            </ul>
            if let Some(hand) = &props.hand {
                <p class="scheduler-count">{ match hand.picks.len() {
                    1 => "1 event picked by hand so far.".to_string(),
                    n => format!("{n} events picked by hand so far."),
                } }</p>
            }
        </section>
    }
}
