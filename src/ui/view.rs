//! View models: pure functions from a [`super::replay::Moment`] to exactly what a panel
//! shows (texts, positions, states), so that what the learner reads is tested natively and
//! the components only draw.

pub mod architecture;
pub mod narration;
pub mod record_set;
pub mod sequence;
