//! Lists that the claims rules read (src/claims/ and src/features/cues.rs): the cue finder's
//! cue phrases and the words around them, and the speaker rules' function words, nouns of
//! offices, groups, institutions and media, and relayed stance verbs. Each file's header says what
//! it holds and who reads it. Every rule reads its lists by membership only (`contains`, or
//! `entries` for endings and the cue index), so the files' sorted order changes no answer.

use crate::lexicon::WordList;

// The cue finder (src/features/cues.rs).
crate::word_list!(pub REPORTING = "reporting");
crate::word_list!(pub ADVOCACY = "advocacy");
crate::word_list!(pub MODALS = "modals");
crate::word_list!(pub FRONTED_CLAUSE_OPENERS = "fronted_clause_openers");
crate::word_list!(pub GAP_WORDS = "gap_words");
crate::word_list!(pub NOUN_MARKERS = "noun_markers");
crate::word_list!(pub QUESTION_WORDS = "question_words");
crate::word_list!(pub PARTICIPLE_AUXILIARIES = "participle_auxiliaries");
crate::word_list!(pub COURT_NOUNS = "court_nouns");
crate::word_list!(pub SCHEDULE_VERBS = "schedule_verbs");
crate::word_list!(pub QUOTE_MARKS = "quote_marks");
crate::word_list!(pub INTENT_VERBS = "intent_verbs");

// The claim rules (src/claims/select.rs).
crate::word_list!(pub PAGE_CLUTTER = "page_clutter");

// The speaker rules (src/claims/speakers/).
crate::word_list!(pub PREPOSITIONS = "prepositions");
crate::word_list!(pub DETERMINERS = "determiners");
crate::word_list!(pub SKIP_BEFORE_CUE = "skip_before_cue");
crate::word_list!(pub SUBORDINATING = "subordinating");
crate::word_list!(pub PERSON_PRONOUNS = "person_pronouns");
crate::word_list!(pub GROUP_PRONOUNS = "group_pronouns");
crate::word_list!(pub RELATIVE_PRONOUNS = "relative_pronouns");
crate::word_list!(pub CONJUNCTIONS = "conjunctions");
crate::word_list!(pub BE_FORMS = "be_forms");
crate::word_list!(pub ORG_NOUNS = "org_nouns");
crate::word_list!(pub STATE_NOUNS = "state_nouns");
crate::word_list!(pub OWNER_NOUNS = "owner_nouns");
crate::word_list!(pub ROLE_NOUNS = "role_nouns");
crate::word_list!(pub GROUP_HEADS = "group_heads");
crate::word_list!(pub MEMBER_NOUNS = "member_nouns");
crate::word_list!(pub GENERIC_MODIFIERS = "generic_modifiers");
crate::word_list!(pub GENERIC_PEOPLE = "generic_people");
crate::word_list!(pub DEMONYM_ENDINGS = "demonym_endings");
crate::word_list!(pub OWNER_PREPOSITIONS = "owner_prepositions");
crate::word_list!(pub MEDIA_NOUNS = "media_nouns");
crate::word_list!(pub MEDIA_NAME_WORDS = "media_name_words");
crate::word_list!(pub MEDIA_NOUNS_AS_SUBJECT = "media_nouns_as_subject");
crate::word_list!(pub MEDIA_OWN_VOICE = "media_own_voice");
crate::word_list!(pub STANCE_NOUNS = "stance_nouns");
crate::word_list!(pub VERB_PHRASE_AUXILIARIES = "verb_phrase_auxiliaries");
crate::word_list!(pub RELAYED_ACTIONS = "relayed_actions");
crate::word_list!(pub RELAYING_VERBS = "relaying_verbs");
crate::word_list!(pub SPEAKER_LABELS = "speaker_labels");
crate::word_list!(pub DEFINITE_DETERMINERS = "definite_determiners");
crate::word_list!(pub PEOPLE_ADJECTIVE_ENDINGS = "people_adjective_endings");

crate::word_list!(pub FORWARD_WORDS = "forward_words");

crate::word_list!(pub PROPOSING = "proposing");
crate::word_list!(pub IMPERATIVES = "imperatives");
crate::word_list!(pub FIRST_PERSON = "first_person");
crate::word_list!(pub PLATFORMS = "platforms");

/// The lists of this file.
pub static CLAIM_LISTS: &[&WordList] = &[
    &REPORTING,
    &ADVOCACY,
    &MODALS,
    &FRONTED_CLAUSE_OPENERS,
    &GAP_WORDS,
    &NOUN_MARKERS,
    &QUESTION_WORDS,
    &PARTICIPLE_AUXILIARIES,
    &COURT_NOUNS,
    &SCHEDULE_VERBS,
    &QUOTE_MARKS,
    &PREPOSITIONS,
    &DETERMINERS,
    &SKIP_BEFORE_CUE,
    &SUBORDINATING,
    &PERSON_PRONOUNS,
    &GROUP_PRONOUNS,
    &RELATIVE_PRONOUNS,
    &CONJUNCTIONS,
    &BE_FORMS,
    &ORG_NOUNS,
    &STATE_NOUNS,
    &OWNER_NOUNS,
    &ROLE_NOUNS,
    &GROUP_HEADS,
    &MEMBER_NOUNS,
    &GENERIC_MODIFIERS,
    &GENERIC_PEOPLE,
    &DEMONYM_ENDINGS,
    &OWNER_PREPOSITIONS,
    &MEDIA_NOUNS,
    &MEDIA_NAME_WORDS,
    &MEDIA_NOUNS_AS_SUBJECT,
    &MEDIA_OWN_VOICE,
    &STANCE_NOUNS,
    &VERB_PHRASE_AUXILIARIES,
    &RELAYED_ACTIONS,
    &RELAYING_VERBS,
    &SPEAKER_LABELS,
    &INTENT_VERBS,
    &DEFINITE_DETERMINERS,
    &PEOPLE_ADJECTIVE_ENDINGS,
    &FORWARD_WORDS,
    &PROPOSING,
    &IMPERATIVES,
    &FIRST_PERSON,
    &PLATFORMS,
    &PAGE_CLUTTER,
];
