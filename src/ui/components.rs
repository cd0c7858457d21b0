//! The page's building blocks: small function components, each with its `XxxProps`.

mod actor_badge;
mod architecture_diagram;
mod assumptions;
mod cascade;
mod cascade_charts;
mod cascade_controls;
mod contents_menu;
mod controls;
mod exhaustive_search;
mod explorer;
mod export_panel;
mod icons;
mod mitigation_switches;
mod narration;
mod presenter;
mod random_runs;
mod record_sets;
mod scenario_strip;
mod scheduler;
mod scrubber;
mod sequence_diagram;
mod share_dialog;
mod side_by_side;
mod sources;
mod tour;
mod verdict_bar;
mod verdict_box;

pub use actor_badge::{ActorBadge, ActorBadgeProps};
pub use architecture_diagram::{ArchitectureDiagram, ArchitectureDiagramProps};
pub use assumptions::{Assumptions, AssumptionsProps};
pub use cascade::{settings_of, CascadeSection, CascadeSectionProps, CASCADE_MEASURE};
pub use cascade_charts::{CascadeCharts, CascadeChartsProps};
pub use cascade_controls::{CascadeControls, CascadeControlsProps};
pub use contents_menu::{ContentsMenu, ContentsMenuProps, SECTIONS};
pub use controls::{Controls, ControlsProps};
pub use exhaustive_search::{ExhaustiveSearch, ExhaustiveSearchProps};
pub use explorer::{Explorer, ExplorerProps};
pub use export_panel::{ExportPanel, ExportPanelProps};
pub use icons::{Icon, IconProps, IconShape};
pub use mitigation_switches::{MitigationSwitches, MitigationSwitchesProps};
pub use narration::{Narration, NarrationProps};
pub use presenter::{
    use_notes_window, use_presenter_keys, BlankScreen, BlankScreenProps, PresenterNotes, PresenterNotesProps,
};
pub use random_runs::{RandomRuns, RandomRunsProps};
pub use record_sets::{RecordSets, RecordSetsProps};
pub use scenario_strip::{ScenarioStrip, ScenarioStripProps};
pub use scheduler::{Scheduler, SchedulerProps};
pub use scrubber::{Scrubber, ScrubberProps};
pub use sequence_diagram::{SequenceDiagram, SequenceDiagramProps};
pub use share_dialog::{ShareDialog, ShareDialogProps};
pub use side_by_side::{SideBySide, SideBySideProps};
pub use sources::{Sources, SourcesProps};
pub use tour::{PromptBox, PromptBoxProps, TourButtons, TourButtonsProps, TourPanel, TourPanelProps};
pub use verdict_bar::{VerdictBar, VerdictBarProps};
pub use verdict_box::{VerdictBox, VerdictBoxProps};
