//! Lists that more than one stage reads: days and months.

use crate::lexicon::WordList;

crate::word_list!(pub DAYS = "days");
crate::word_list!(pub MONTHS = "months");

/// The lists of this file.
pub static COMMON_LISTS: &[&WordList] = &[&DAYS, &MONTHS];
