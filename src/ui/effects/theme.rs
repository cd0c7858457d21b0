//! The page's colours, set on the document's root element (`data-theme`), which the style
//! sheet reads.

use crate::ui::link::Theme;

/// Sets the page's colours: `Some` forces light or dark, `None` follows the system.
pub fn set_theme(theme: Option<Theme>) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = match theme {
            Some(theme) => root.set_attribute("data-theme", theme.name()),
            None => root.remove_attribute("data-theme"),
        };
    }
}
