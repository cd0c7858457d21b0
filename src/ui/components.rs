//! The page's building blocks: small function components, each with its `XxxProps`.

mod actor_badge;
mod assumptions;
mod event_list;
mod event_row;
mod icons;
mod verdict_box;

pub use actor_badge::{ActorBadge, ActorBadgeProps};
pub use assumptions::{Assumptions, AssumptionsProps};
pub use event_list::{EventList, EventListProps};
pub use event_row::{EventRow, EventRowProps};
pub use icons::{Icon, IconProps, IconShape};
pub use verdict_box::{VerdictBox, VerdictBoxProps};
