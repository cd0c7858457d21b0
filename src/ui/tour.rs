//! The guided tour: the incident told chapter by chapter, in the order of AWS's summary
//! (`shared/INCIDENT.md`). Pure Rust: what each chapter says and where it puts the cursor.

/// A chapter of the guided tour, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Chapter {
    /// The DNS automation: Planner, plans, three Enactors, Route 53's trees and aliases.
    Design,
    /// Enactor A falls behind while B races ahead with much newer plans.
    Race,
    /// A's stale write and B's clean-up: the regional record answers with no addresses.
    Empty,
    /// Every later write needs the deleted tree: no Enactor can fix it.
    Stuck,
    /// Operators find the cause and restore the records by hand.
    Repair,
    /// What AWS changed afterwards.
    Changes,
    /// The learner switches mitigations on and sees whether the record survives.
    Try,
}

impl Chapter {
    /// Every chapter, in reading order.
    pub const ALL: [Chapter; 7] = [
        Chapter::Design,
        Chapter::Race,
        Chapter::Empty,
        Chapter::Stuck,
        Chapter::Repair,
        Chapter::Changes,
        Chapter::Try,
    ];

    /// The chapter's name in a link (`chapter=race`).
    pub fn id(self) -> &'static str {
        match self {
            Chapter::Design => "design",
            Chapter::Race => "race",
            Chapter::Empty => "empty",
            Chapter::Stuck => "stuck",
            Chapter::Repair => "repair",
            Chapter::Changes => "changes",
            Chapter::Try => "try",
        }
    }

    /// The chapter called `id` in a link.
    pub fn from_id(id: &str) -> Option<Chapter> {
        Chapter::ALL.into_iter().find(|c| c.id() == id)
    }
}
