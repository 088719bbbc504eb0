//! Spellings: words a name is written with that the tagger or the span clean-up leaves out
//! ("The Hague", "Lloyd 's", "El Salvador", "Kim In-so"), and a plural noun's possessive
//! inside an organisation's name ("People 's Daily").

use super::{Document, Labels};
use crate::lexicon;

impl<'a> Document<'a> {
    /// Words a name is spelled with that the tagger or the span clean-up leaves out: an
    /// article or a possessive that belongs to the name (`lexicon::NAMES_WITH_THE`,
    /// `lexicon::NAMES_WITH_POSSESSIVE`), a Spanish article before a place ("El Salvador"), and a
    /// hyphenated given name after a surname ("Kim In-so", "Li Song-ho"; in CoNLL train and
    /// valid, 9 of 10 such words after a person's name are inside it, the tenth inside a
    /// longer name).
    pub(super) fn name_spellings(&mut self, labels: Labels) {
        let n = self.tokens.len();
        self.widen_spans(|doc, s| {
            (s.start > 0
                && matches!(doc.word(s.start - 1), "The" | "THE")
                && doc.is_free(s.start - 1)
                && lexicon::NAMES_WITH_THE.contains(doc.lower(s.start).as_str()))
            .then(|| (s.start - 1, s.end, s.label))
        });
        self.widen_spans(|doc, s| {
            (Some(s.label) != labels.person
                && doc.past_possessive(s.end) > s.end
                && doc.is_free(s.end)
                && lexicon::NAMES_WITH_POSSESSIVE.contains(doc.lower(s.end - 1).as_str()))
            .then(|| (s.start, s.end + 1, s.label))
        });
        if let Some(place) = labels.place {
            self.widen_spans(|doc, s| {
                (s.label == place && s.start > 0 && matches!(doc.word(s.start - 1), "El" | "EL"))
                    .then(|| (s.start - 1, s.end, place))
            });
        }
        if let Some(person) = labels.person {
            self.widen_spans(|doc, s| {
                (s.label == person
                    && s.end < n
                    && doc.is_free(s.end)
                    && is_hyphenated_given_name(doc.word(s.end)))
                .then(|| (s.start, s.end + 1, person))
            });
        }
    }

    /// "Boatmen 's", "People 's Daily", "Children 's Hospital": a plural noun's possessive is
    /// no person's or place's genitive but part of an organisation's name, and the name goes on
    /// into the organisation after it ("Boatmen 's Bancshares Inc.", which the tagger splits
    /// into a place and a company).
    pub(super) fn plural_possessives(&mut self, labels: Labels) {
        let Some(org) = labels.organisation else {
            return;
        };
        self.widen_spans(|doc, s| {
            let after = doc.past_possessive(s.end);
            if Some(s.label) == labels.person
                || after == s.end
                || !doc.is_free(s.end)
                || !is_plural_name_word(doc.word(s.end - 1))
            {
                return None;
            }
            match doc.covering_from(after) {
                Some(next) if next.label == org => Some((s.start, next.end, org)),
                _ if s.label == org => Some((s.start, after, org)),
                _ => None,
            }
        });
    }
}

/// A plural noun that names a group with a possessive: "Boatmen", "Fishermen", "People",
/// "Children". Seven letters at least, so that "Yemen" and "Carmen" are not plurals.
pub(super) fn is_plural_name_word(word: &str) -> bool {
    matches!(word, "People" | "Children" | "PEOPLE" | "CHILDREN")
        || (word.chars().count() >= 7
            && word.chars().next().is_some_and(char::is_uppercase)
            && (word.ends_with("men") || word.ends_with("MEN")))
}

/// "In-so", "Song-ho", "Young-hoon": two syllables of a romanised Korean or Chinese given name,
/// a capital and lower-case letters, a hyphen, then at most five lower-case letters (not
/// "Re-election").
pub(super) fn is_hyphenated_given_name(word: &str) -> bool {
    let Some((head, tail)) = word.split_once('-') else {
        return false;
    };
    let mut chars = head.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && head.len() > 1
        && chars.all(|c| c.is_ascii_lowercase())
        && (1..=5).contains(&tail.len())
        && tail.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::rules::testing::{owned, run};

    #[test]
    fn a_plural_nouns_possessive_is_part_of_the_name() {
        let text = "Rivermen 's Bancshares Inc. agreed. Rivermen 's was the prize. \
                    Yemen 's army and Carmen 's aunt waited.";
        let got = run(
            text,
            &[
                ("Rivermen", "LOC", 0.6),
                ("Bancshares Inc.", "ORG", 0.9),
                ("Rivermen#2", "ORG", 0.7),
                ("Yemen", "LOC", 0.9),
                ("Carmen", "PER", 0.9),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("Rivermen 's Bancshares Inc.", "ORG"),
                ("Rivermen 's", "ORG"),
                ("Yemen", "LOC"),
                ("Carmen", "PER"),
            ])
        );
    }

    #[test]
    fn articles_possessives_and_given_names_that_belong_to_a_name() {
        let text = "The Hague and the Netherlands met at The Oval . Lloyd 's of London and Clive \
                    Lloyd 's bat . EL SALVADOR and El Salvador . Kim In-so met Li Re-election .";
        let got = run(
            text,
            &[
                ("Hague", "LOC", 0.9),
                ("Netherlands", "LOC", 0.9),
                ("Oval", "LOC", 0.9),
                ("Lloyd", "ORG", 0.9),
                ("Clive Lloyd", "PER", 0.9),
                ("EL", "LOC", 0.6),
                ("SALVADOR", "LOC", 0.9),
                ("El", "ORG", 0.6),
                ("Salvador", "LOC", 0.9),
                ("Kim", "PER", 0.9),
                ("Li", "PER", 0.9),
            ],
        );
        let words: Vec<(&str, &str)> = got.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(
            words,
            vec![
                ("The Hague", "LOC"),
                ("Netherlands", "LOC"),
                ("The Oval", "LOC"),
                ("Lloyd 's", "ORG"),
                ("Clive Lloyd", "PER"),
                ("EL SALVADOR", "LOC"),
                ("El Salvador", "LOC"),
                ("Kim In-so", "PER"),
                ("Li", "PER"),
            ],
            "{got:?}"
        );
    }

    #[test]
    fn a_hyphenated_given_name_is_a_capital_then_lower_case_letters() {
        for (word, expected) in [
            ("In-so", true),
            ("Young-hoon", true),
            ("Re-election", false),
            ("I-so", false),
            ("IN-SO", false),
            ("Song-Ho", false),
            ("Song-", false),
            ("Song", false),
            ("Éa-so", false),
        ] {
            assert_eq!(is_hyphenated_given_name(word), expected, "{word}");
        }
    }
}
