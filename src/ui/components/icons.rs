//! Inline SVG icons: shapes that carry meaning without relying on colour.

use yew::prelude::*;

/// Which icon to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconShape {
    /// An octagon with an exclamation mark: the record failed.
    Stop,
    /// A circle with a check mark: the record survived.
    Check,
    /// A triangle with an exclamation mark: an invariant is violated after this step.
    Warning,
}

/// Properties of [`Icon`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct IconProps {
    /// The shape.
    pub shape: IconShape,
    /// Extra CSS classes.
    #[prop_or_default]
    pub class: Classes,
}

/// A decorative icon (`aria-hidden`); the text next to it says the same in words.
#[function_component(Icon)]
pub fn icon(props: &IconProps) -> Html {
    let class = classes!("icon", props.class.clone());
    match props.shape {
        IconShape::Stop => html! {
            <svg {class} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path class="icon-fill" d="M7.86 2h8.28L22 7.86v8.28L16.14 22H7.86L2 16.14V7.86z" />
                <path class="icon-mark" d="M12 6.5v7" stroke-width="2.4" stroke-linecap="round" />
                <circle class="icon-dot" cx="12" cy="17.2" r="1.4" />
            </svg>
        },
        IconShape::Check => html! {
            <svg {class} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <circle class="icon-fill" cx="12" cy="12" r="10" />
                <path class="icon-mark" d="M7 12.5l3.2 3.2L17 9" stroke-width="2.4" stroke-linecap="round"
                    stroke-linejoin="round" fill="none" />
            </svg>
        },
        IconShape::Warning => html! {
            <svg {class} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path class="icon-fill" d="M12 2.5L23 21.5H1z" />
                <path class="icon-mark" d="M12 9v6" stroke-width="2.2" stroke-linecap="round" />
                <circle class="icon-dot" cx="12" cy="18.3" r="1.25" />
            </svg>
        },
    }
}
