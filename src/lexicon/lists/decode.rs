//! Lists that the decode rules read (src/decode/rules/).

use crate::lexicon::WordList;

crate::word_list!(pub ORGANISATION_CLASSES = "organisation_classes");
crate::word_list!(pub PLACE_CLASSES = "place_classes");
crate::word_list!(pub PERSON_CLASSES = "person_classes");
crate::word_list!(pub ORGANISATION_NOUNS = "organisation_nouns");
crate::word_list!(pub EXAMPLE_OPENERS = "example_openers");
crate::word_list!(pub MODERN_ORGANISATIONS = "modern_organisations");
crate::word_list!(pub NOT_NAMES = "not_names");
crate::word_list!(pub CALENDAR_ABBREVIATIONS = "calendar_abbreviations");
crate::word_list!(pub COMPANY_SUFFIXES = "company_suffixes");
crate::word_list!(pub STOCK_WORDS = "stock_words");
crate::word_list!(pub ORGANISATION_ROLES = "organisation_roles");
crate::word_list!(pub EXECUTIVE_ROLES = "executive_roles");
crate::word_list!(pub COMPANY_PARTS = "company_parts");
crate::word_list!(pub NAMES_WITH_THE = "names_with_the");
crate::word_list!(pub NAMES_WITH_POSSESSIVE = "names_with_possessive");
crate::word_list!(pub FORMS_OF_ADDRESS = "forms_of_address");
crate::word_list!(pub PLACE_NOUNS_AFTER_NAME = "place_nouns_after_name");
crate::word_list!(pub ORGANISATION_NOUNS_AFTER_NAME = "organisation_nouns_after_name");
crate::word_list!(pub PLACE_HEADS = "place_heads");
crate::word_list!(pub ORGANISATION_HEADS = "organisation_heads");
crate::word_list!(pub STATE_ABBREVIATIONS = "state_abbreviations");
crate::word_list!(pub PLACE_NOUNS_BEFORE_OF = "place_nouns_before_of");
crate::word_list!(pub ORGANISATION_HEADS_BEFORE_OF = "organisation_heads_before_of");

crate::word_list!(pub TITLES = "titles");
crate::word_list!(pub REGNAL_TITLES = "regnal_titles");
crate::word_list!(pub REGNAL_NUMBERS = "regnal_numbers");
crate::word_list!(pub NAME_PARTICLES = "name_particles");
crate::word_list!(pub FUNCTION_WORDS = "function_words");
crate::word_list!(pub SKIPPED_IN_ACRONYMS = "skipped_in_acronyms");

/// The lists of this file.
pub static DECODE_LISTS: &[&WordList] = &[
    &ORGANISATION_CLASSES,
    &PLACE_CLASSES,
    &PERSON_CLASSES,
    &ORGANISATION_NOUNS,
    &EXAMPLE_OPENERS,
    &MODERN_ORGANISATIONS,
    &NOT_NAMES,
    &CALENDAR_ABBREVIATIONS,
    &COMPANY_SUFFIXES,
    &STOCK_WORDS,
    &ORGANISATION_ROLES,
    &EXECUTIVE_ROLES,
    &COMPANY_PARTS,
    &NAMES_WITH_THE,
    &NAMES_WITH_POSSESSIVE,
    &FORMS_OF_ADDRESS,
    &PLACE_NOUNS_AFTER_NAME,
    &ORGANISATION_NOUNS_AFTER_NAME,
    &PLACE_HEADS,
    &ORGANISATION_HEADS,
    &STATE_ABBREVIATIONS,
    &PLACE_NOUNS_BEFORE_OF,
    &ORGANISATION_HEADS_BEFORE_OF,
    &TITLES,
    &REGNAL_TITLES,
    &REGNAL_NUMBERS,
    &NAME_PARTICLES,
    &FUNCTION_WORDS,
    &SKIPPED_IN_ACRONYMS,
];
