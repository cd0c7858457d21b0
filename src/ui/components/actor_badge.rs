//! A small coloured badge with a letter, one per actor.

use crate::sim::Actor;
use crate::ui::view::actor_class;
use yew::prelude::*;

/// Properties of [`ActorBadge`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ActorBadgeProps {
    /// The actor.
    pub actor: Actor,
}

/// The actor's badge followed by its name. The badge is decorative: the name says who.
#[function_component(ActorBadge)]
pub fn actor_badge(props: &ActorBadgeProps) -> Html {
    let actor = props.actor;
    html! {
        <span class="actor">
            <span class={classes!("badge", format!("badge--{}", actor_class(actor)))} aria-hidden="true">{ actor.badge() }</span>
            <span class="actor-name">{ actor.label() }</span>
        </span>
    }
}
