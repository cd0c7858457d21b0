//! A bare Yew 0.23 counter: the smallest app that the page's load time is compared with.

use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    let count = use_state(|| 0u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    html! {
        <main class="counter">
            <p class="counter-value">{ *count }</p>
            <button type="button" {onclick}>{ "+1" }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
