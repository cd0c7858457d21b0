//! "What AWS changed": AWS's published fixes beside the switches the page lets a learner try,
//! for every learner (not only in a presenter's notes). Drawn from
//! [`crate::ui::view::aws_changes`].

use crate::ui::view::aws_changes::aws_changes;
use yew::prelude::*;

/// Properties of [`AwsChanges`] (none).
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AwsChangesProps {}

/// Two columns: what AWS published, and what the page's switches are (and are not).
#[function_component(AwsChanges)]
pub fn aws_changes_section(_: &AwsChangesProps) -> Html {
    let view = aws_changes();
    html! {
        <section id="aws-changes" class="aws-changes panel" aria-labelledby="aws-changes-title">
            <div class="section-head">
                <h2 id="aws-changes-title">{ "What AWS changed, and what this page lets you try" }</h2>
                <p class="section-note">
                    { "AWS's published fixes, and apart from them the page's switches: ideas to \
                       explore, not AWS's fix." }
                </p>
            </div>
            <div class="aws-changes-grid">
                <div class="aws-changes-col aws-changes-col--published">
                    <h3>{ "Published by AWS" }<span class="source source--published">{ "published" }</span></h3>
                    <ul class="aws-fixes">
                        { for view.published.iter().map(|fix| html! {
                            <li class="aws-fix" key={fix.what}>
                                <p class="aws-fix-layer">{ fix.layer }</p>
                                <p class="aws-fix-what">{ fix.what }</p>
                                <p class="aws-fix-page">
                                    if let Some(name) = fix.switch { <code>{ name }</code>{ ": " } }
                                    { fix.on_this_page }
                                </p>
                            </li>
                        }) }
                    </ul>
                </div>
                <div class="aws-changes-col aws-changes-col--switches">
                    <h3>{ "Switches on this page" }<span class="source source--assumed">{ "not AWS's fix" }</span></h3>
                    <p class="aws-changes-warning" role="note">{ view.warning }</p>
                    { for view.switches.iter().map(|group| html! {
                        <details class="aws-switch-group" key={group.title}>
                            <summary>
                                { group.title }
                                <span class="aws-switch-count">{ format!(" · {} · {}", group.switches.len(), group.place) }</span>
                            </summary>
                            <ul>
                                { for group.switches.iter().map(|s| html! {
                                    <li key={s.name}><code>{ s.name }</code>{ " " }{ s.about }</li>
                                }) }
                            </ul>
                        </details>
                    }) }
                </div>
            </div>
        </section>
    }
}
