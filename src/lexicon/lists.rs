//! Every word list of the crate, declared once (see the module docs of [`crate::lexicon`]). Grouped
//! by the stage that reads them; [`ALL`] names every one, for the tests.

use super::WordList;

/// Every list, for `tests/word_lists.rs` (each file in `words/` must be here, and each list read).
pub static ALL: &[&WordList] = &[];
