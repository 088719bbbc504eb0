//! Word lists as data. Each list is a plain file in `src/lexicon/words/` — one entry a line (an
//! entry may be a phrase of several words), sorted (byte order) and unique, after a header of `#`
//! lines that says what the list is and which code reads it — embedded at build time (without
//! the header: build.rs), so the wasm package and the CLI carry the same lists and nothing is
//! read at run time.
//!
//! A list is declared once, in a family file of `lists/` (common, decode, claims), with the
//! [`word_list!`] macro; rules read it by its
//! name (`lexicon::COMPANY_FORMS.contains(word)`). Stage-neutral like `text` and `error`: any stage
//! may read a list, and a list reads nothing. `tests/word_lists.rs` checks that every file is
//! declared, sorted, unique and read somewhere outside this module.
//!
//! To add a list: write `src/lexicon/words/NAME.txt` (a header of `#` lines with a `Read by:` line,
//! then the entries, sorted), declare it in the family file of `lists/` with
//! `word_list!(pub NAME = "NAME");`, add it to that file's `*_LISTS` slice, and read it where the rule is.

use std::sync::OnceLock;

/// One embedded list: its file's name and text, parsed on first use.
pub struct WordList {
    name: &'static str,
    source: &'static str,
    entries: OnceLock<Vec<&'static str>>,
}

impl WordList {
    /// A list over `source`, the text of `words/{name}.txt` (see [`word_list!`]).
    pub const fn new(name: &'static str, source: &'static str) -> WordList {
        WordList {
            name,
            source,
            entries: OnceLock::new(),
        }
    }

    /// The file's name without `.txt`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The entries in file order (sorted): build.rs already dropped the header and trimmed them.
    pub fn entries(&self) -> &[&'static str] {
        self.entries.get_or_init(|| self.source.lines().collect())
    }

    /// Whether `entry` is in the list, exactly (case and all). A linear scan, as the constant
    /// slices these lists replaced did: `==` on strings compares lengths first, so nearly every
    /// entry is passed over without touching its bytes, where a binary search would compare
    /// bytes at every step (measured: the document rules 10 % slower end to end).
    pub fn contains(&self, entry: &str) -> bool {
        self.entries().contains(&entry)
    }
}

/// Declares `static NAME: WordList` over `src/lexicon/words/FILE.txt`.
#[macro_export]
macro_rules! word_list {
    ($vis:vis $name:ident = $file:literal) => {
        $vis static $name: $crate::lexicon::WordList = $crate::lexicon::WordList::new(
            $file,
            // The entries alone: build.rs copies each file without its header.
            include_str!(concat!(env!("OUT_DIR"), "/words/", $file, ".txt")),
        );
    };
}

mod lists;
pub use lists::claims::*;
pub use lists::common::*;
pub use lists::decode::*;

/// Every list of the crate (the tests check each file is here, sorted, unique and read).
pub fn all() -> impl Iterator<Item = &'static WordList> {
    [
        lists::common::COMMON_LISTS,
        lists::decode::DECODE_LISTS,
        lists::claims::CLAIM_LISTS,
    ]
    .into_iter()
    .flatten()
    .copied()
}
