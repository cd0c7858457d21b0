//! Placeholder shell, replaced by the page below once the core is in.
use yew::prelude::*;

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    html! { <main></main> }
}
