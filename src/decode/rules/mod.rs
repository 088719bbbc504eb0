//! Document-level name rules: what a reader learns from the rest of an article and a tagger
//! reading a few words either side cannot know. Trained on 1996 Reuters copy, the tagger has
//! never seen most of today's company names, so a modern article leans on these cues (an acronym
//! defined in brackets, a name found with confidence elsewhere, a class noun before a list of
//! names, a company form, a place noun, a sports table's layout...).
//!
//! Each rule is a method of [`Document`] in the file of its family; [`RULES`] lists them in the
//! order they run, each with its name (kebab-case: the `source` of every span it adds or
//! relabels, and the name `annotate eval --without` switches off) and why it stands where it
//! does. See README.md in this folder to add one.

mod acronyms;
mod classes;
mod companies;
mod document;
mod layout;
mod organisations;
mod people;
mod places;
mod repeated_names;
mod spellings;
mod sports;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;

pub use document::Document;

use crate::decode::TokenSpan;
use crate::switches::RuleSwitches;
use crate::tokens::Tokenized;

/// A mention at least this sure (mean tag posterior) teaches the rest of the document its name.
const CONFIDENT: f32 = 0.8;

/// The longest name (in tokens) that is looked for again elsewhere in the document.
const LONGEST_NAME: usize = 6;

/// Label indices of the model's tag set; a rule whose label the model lacks does nothing.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    pub person: Option<usize>,
    pub organisation: Option<usize>,
    pub place: Option<usize>,
    /// Nationalities, events and the like ("American", "Chinese"): never re-labelled here.
    pub other: Option<usize>,
}

impl Labels {
    pub fn find(labels: &[String]) -> Labels {
        let at = |name: &str| labels.iter().position(|l| l == name);
        Labels {
            person: at("PER"),
            organisation: at("ORG"),
            place: at("LOC"),
            other: at("MISC"),
        }
    }

    fn max_index(&self) -> usize {
        [self.person, self.organisation, self.place, self.other]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0)
    }
}

/// One document rule: its name, why it runs where it does, and what it does.
pub struct Rule {
    /// Kebab-case; the `source` of the spans it adds or relabels, and its switch's name.
    pub name: &'static str,
    /// One line: why the rule stands at this place in the order.
    pub why_here: &'static str,
    /// The rule itself, given the model's labels.
    pub run: fn(&mut Document, Labels),
}

/// Every document rule, in the order they run. Each sees the spans the rules above it left.
pub const RULES: &[Rule] = &[
    Rule {
        name: "known-organisations",
        why_here: crate::why_here!(
            "First: it corrects names no context can (\"Google\" read as a person), so \
            every rule below learns from the corrected label."
        ),
        run: |doc, labels| doc.known_organisations(labels),
    },
    Rule {
        name: "defined-acronyms",
        why_here: crate::why_here!(
            "Before repeated-names: an acronym takes its definition's label, and a \
            lower-case one (\"AI\") is dropped before it can teach a name."
        ),
        run: |doc, _| doc.defined_acronyms(),
    },
    Rule {
        name: "repeated-names",
        why_here: crate::why_here!(
            "Spreads the tagger's confident readings before the context rules below, which \
            may still correct a mention from its own context."
        ),
        run: |doc, labels| doc.repeated_names(labels.person),
    },
    Rule {
        name: "example-lists",
        why_here: crate::why_here!(
            "Opens the class-noun rules: a plural class noun's list (\"firms such as ...\") \
            is read before a singular one's name."
        ),
        run: |doc, labels| doc.example_lists(labels),
    },
    Rule {
        name: "class-noun-names",
        why_here: crate::why_here!(
            "After example-lists: a singular class noun's name (\"the startup X\") once \
            the plural nouns' lists are read; before the appositives, which read a name's span."
        ),
        run: |doc, labels| doc.class_noun_names(labels),
    },
    Rule {
        name: "appositive-classes",
        why_here: crate::why_here!(
            "Last of the class-noun rules; before company-names, so an organisation it \
            finds is read as one there."
        ),
        run: |doc, labels| doc.appositive_classes(labels),
    },
    Rule {
        name: "company-names",
        why_here: crate::why_here!(
            "After the class-noun rules, before the place rules: a company form or shares \
            settle a name as a company throughout first."
        ),
        run: |doc, labels| doc.company_names(labels),
    },
    Rule {
        name: "places-opened-by-in",
        why_here: crate::why_here!(
            "First of the place rules: a sentence's opening \"In X ,\" turns an \
            organisation (a club named by its city) back into a place."
        ),
        run: |doc, labels| doc.places_opened_by_in(labels),
    },
    Rule {
        name: "places-named-by-of",
        why_here: crate::why_here!(
            "\"the town of X\" makes X a place in every mention, before the noun rules read \
            the same names by the noun after them."
        ),
        run: |doc, labels| doc.places_named_by_of(labels),
    },
    Rule {
        name: "places-before-place-nouns",
        why_here: crate::why_here!(
            "A place noun after a name (\"Huize county\"), read before the organisation \
            nouns, which leave a place alone."
        ),
        run: |doc, labels| doc.places_before_place_nouns(labels),
    },
    Rule {
        name: "organisations-before-organisation-nouns",
        why_here: crate::why_here!(
            "An organisation's noun after a name (\"the Likud party\"), after the place \
            nouns and before the company parts."
        ),
        run: |doc, labels| doc.organisations_before_organisation_nouns(labels),
    },
    Rule {
        name: "company-parts",
        why_here: crate::why_here!(
            "\"its X unit\": after the noun rules, so a name they labelled as a place or an \
            organisation is left as they read it."
        ),
        run: |doc, labels| doc.company_parts(labels),
    },
    Rule {
        name: "state-abbreviations",
        why_here: crate::why_here!(
            "\"Town , Wash .\": after the rules that label the town before the comma."
        ),
        run: |doc, labels| doc.state_abbreviations(labels),
    },
    Rule {
        name: "places-by-last-word",
        why_here: crate::why_here!(
            "A name's head noun (\"Bridge\", \"Radio\") corrects a person's or the other \
            kind's reading, after the rules that add names."
        ),
        run: |doc, labels| doc.places_by_last_word(labels),
    },
    Rule {
        name: "bracketed-letter-marks",
        why_here: crate::why_here!(
            "First of the rules that widen spans: a club takes its \"( Z )\" mark once the \
            clubs are labelled."
        ),
        run: |doc, labels| doc.bracketed_letter_marks(labels),
    },
    Rule {
        name: "airlines",
        why_here: crate::why_here!(
            "\"Air\" before a place: after the place rules have settled the place it widens."
        ),
        run: |doc, labels| doc.airlines(labels),
    },
    Rule {
        name: "name-spellings",
        why_here: crate::why_here!(
            "Words that belong to a name (\"The Hague\", \"Lloyd 's\"): widens the spans \
            the rules above settled."
        ),
        run: |doc, labels| doc.name_spellings(labels),
    },
    Rule {
        name: "plural-possessives",
        why_here: crate::why_here!(
            "Next to name-spellings, the other rule that carries a name past a possessive \
            (\"People 's Daily\"); both widen spans before the \"of\" names are joined."
        ),
        run: |doc, labels| doc.plural_possessives(labels),
    },
    Rule {
        name: "organisations-named-with-of",
        why_here: crate::why_here!(
            "\"House of Lords\": joins the pieces the rules above left, before the people \
            rules split a person from an organisation."
        ),
        run: |doc, labels| doc.organisations_named_with_of(labels),
    },
    Rule {
        name: "people-of-organisations",
        why_here: crate::why_here!(
            "First of the people rules: splits \"Joel Naroff of First Union\", read as one \
            organisation, in two."
        ),
        run: |doc, labels| doc.people_of_organisations(labels),
    },
    Rule {
        name: "nicknames",
        why_here: crate::why_here!(
            "Joins a given name and a surname around a nickname before given-names looks at \
            one-word people."
        ),
        run: |doc, labels| doc.nicknames(labels),
    },
    Rule {
        name: "given-names",
        why_here: crate::why_here!(
            "A one-word person takes the given name before it, once the nicknames are \
            joined."
        ),
        run: |doc, labels| doc.given_names(labels),
    },
    Rule {
        name: "titles-after-organisations",
        why_here: crate::why_here!(
            "\"Fed Chair\" read as a person: needs the labels every rule above gave the \
            organisation's other mentions."
        ),
        run: |doc, labels| doc.titles_after_organisations(labels),
    },
    Rule {
        name: "companies-of-executives",
        why_here: crate::why_here!(
            "\"OpenAI CEO Sam Altman\": after the people rules have settled the person \
            after the role."
        ),
        run: |doc, labels| doc.companies_of_executives(labels),
    },
    Rule {
        name: "results-tables",
        why_here: crate::why_here!(
            "First of the sports-page rules: a table line's names take the labels the rules \
            above gave their spans."
        ),
        run: |doc, _| doc.results_tables(),
    },
    Rule {
        name: "datelines",
        why_here: crate::why_here!(
            "Near the end: a dateline's place stands over what the name rules read there (a \
            rugby story's \"WIGAN\")."
        ),
        run: |doc, labels| doc.datelines(labels),
    },
    Rule {
        name: "headline-names",
        why_here: crate::why_here!(
            "Last: a headline takes the labels its story ends with, after every other rule \
            has had its say."
        ),
        run: |doc, labels| doc.headline_names(labels.person),
    },
];

/// Runs every rule that `switches` leaves on, in [`RULES`]' order, on the document's spans
/// (sorted, non-overlapping on entry and on exit).
pub fn apply(
    text: &str,
    tokenized: &Tokenized,
    spans: &mut Vec<TokenSpan>,
    labels: Labels,
    switches: &RuleSwitches,
) {
    let num_labels = spans
        .first()
        .map_or(0, |s| s.label_probs.len())
        .max(labels.max_index() + 1);
    let mut doc = Document::new(text, tokenized, std::mem::take(spans), num_labels);
    for rule in RULES {
        if switches.is_on(rule.name) {
            doc.rule = rule.name;
            (rule.run)(&mut doc, labels);
        }
    }
    *spans = doc.finish();
}
