//! The page's building blocks: small function components, each with its `XxxProps`.

mod actor_badge;
mod architecture_diagram;
mod assumptions;
mod controls;
mod exhaustive_search;
mod explorer;
mod icons;
mod mitigation_switches;
mod narration;
mod random_runs;
mod record_sets;
mod scrubber;
mod sequence_diagram;
mod side_by_side;
mod sources;
mod verdict_bar;
mod verdict_box;

pub use actor_badge::{ActorBadge, ActorBadgeProps};
pub use architecture_diagram::{ArchitectureDiagram, ArchitectureDiagramProps};
pub use assumptions::{Assumptions, AssumptionsProps};
pub use controls::{Controls, ControlsProps};
pub use exhaustive_search::{ExhaustiveSearch, ExhaustiveSearchProps};
pub use explorer::{Explorer, ExplorerProps};
pub use icons::{Icon, IconProps, IconShape};
pub use mitigation_switches::{MitigationSwitches, MitigationSwitchesProps};
pub use narration::{Narration, NarrationProps};
pub use random_runs::{RandomRuns, RandomRunsProps};
pub use record_sets::{RecordSets, RecordSetsProps};
pub use scrubber::{Scrubber, ScrubberProps};
pub use sequence_diagram::{SequenceDiagram, SequenceDiagramProps};
pub use side_by_side::{SideBySide, SideBySideProps};
pub use sources::{Sources, SourcesProps};
pub use verdict_bar::{VerdictBar, VerdictBarProps};
pub use verdict_box::{VerdictBox, VerdictBoxProps};
