//! A small coloured badge with a letter, one per actor.

use yew::prelude::*;

/// Properties of [`ActorBadge`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ActorBadgeProps {
    /// The actor's name as in the trace: "Planner", "Enactor A", "Client", "Operators".
    pub actor: AttrValue,
}

/// The letter(s) and CSS modifier of an actor's badge.
fn badge_of(actor: &str) -> (String, &'static str) {
    match actor {
        "Planner" => ("P".into(), "planner"),
        "Client" => ("Cl".into(), "client"),
        "Operators" => ("Op".into(), "operators"),
        other => match other.strip_prefix("Enactor ") {
            Some(letter) => {
                let modifier = match letter {
                    "A" => "enactor-a",
                    "B" => "enactor-b",
                    "C" => "enactor-c",
                    _ => "enactor-other",
                };
                (letter.to_string(), modifier)
            }
            None => (other.chars().take(2).collect(), "other"),
        },
    }
}

/// The actor's badge followed by its name. The badge is decorative: the name says who.
#[function_component(ActorBadge)]
pub fn actor_badge(props: &ActorBadgeProps) -> Html {
    let (letter, modifier) = badge_of(&props.actor);
    html! {
        <span class="actor">
            <span class={classes!("badge", format!("badge--{modifier}"))} aria-hidden="true">{ letter }</span>
            <span class="actor-name">{ props.actor.clone() }</span>
        </span>
    }
}
