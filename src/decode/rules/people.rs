//! People: a person named with their organisation ("Joel Naroff of First Union"), nicknames,
//! given names the tagger left out, names after a person's title, and titles read into a
//! person's name ("Fed Chair Jerome Powell").

use super::document::{is_calendar_word, is_not_name};
use super::{Document, Labels};
use crate::decode::spans;
use crate::lexicon;
use std::collections::{HashMap, HashSet};

impl<'a> Document<'a> {
    /// "Joel Naroff of First Union": a person named with the organisation they speak for, read
    /// as one organisation, is split in two when the words before "of" are two or three
    /// capitalised words and the last of them names a person elsewhere in the document
    /// ("Naroff said").
    pub(super) fn people_of_organisations(&mut self, labels: Labels) {
        let (Some(person), Some(org)) = (labels.person, labels.organisation) else {
            return;
        };
        let surnames: HashSet<&str> = self
            .spans
            .iter()
            .filter(|s| s.label == person)
            .map(|s| self.word(s.end - 1))
            .collect();
        let mut k = 0;
        while k < self.spans.len() {
            let s = &self.spans[k];
            let (start, end) = (s.start, s.end);
            let of = (start + 2..(start + 4).min(end)).find(|&t| self.word(t) == "of");
            let split = s.label == org
                && of.is_some_and(|of| {
                    (start..of).all(|t| self.is_capitalised(t))
                        && surnames.contains(self.word(of - 1))
                });
            if let (true, Some(of)) = (split, of) {
                let the = of + 1 < end && self.is_word(of + 1, "the");
                let org_start = if the { of + 2 } else { of + 1 };
                if org_start < end {
                    self.set(start, of, person);
                    self.set(org_start, end, org);
                    k += 1;
                }
            }
            k += 1;
        }
    }

    /// 'Roberto " Hands of Stone " Duran', "James Leander ( Leo ) Nichols": a nickname in quotes or
    /// brackets between a person's given name and surname is part of one name, which the tagger
    /// reads as two people around it (and the nickname as a person or a miscellaneous name).
    pub(super) fn nicknames(&mut self, labels: Labels) {
        const LONGEST_NICKNAME: usize = 4;
        let Some(person) = labels.person else {
            return;
        };
        let n = self.tokens.len();
        let mut k = 0;
        while k < self.spans.len() {
            let (start, open) = (self.spans[k].start, self.spans[k].end);
            let closing =
                match (self.spans[k].label == person && open + 2 < n).then(|| self.word(open)) {
                    Some("\"") => "\"",
                    Some("(") => ")",
                    _ => {
                        k += 1;
                        continue;
                    }
                };
            let close =
                (open + 2..n.min(open + 2 + LONGEST_NICKNAME)).find(|&t| self.word(t) == closing);
            let surname = close.and_then(|c| {
                let nick = open + 1..c;
                let words = nick
                    .clone()
                    .all(|t| self.is_capitalised(t) || self.is_word(t, "of"))
                    && self.is_capitalised(open + 1);
                let next = (c + 1 < n)
                    .then(|| self.covering(c + 1))
                    .flatten()
                    .filter(|&j| self.spans[j].start == c + 1 && self.spans[j].label == person);
                (words
                    && nick.clone().all(|t| {
                        self.covering(t).is_none_or(|j| {
                            let label = Some(self.spans[j].label);
                            label == labels.person || label == labels.other
                        })
                    }))
                .then_some(next?)
            });
            if let Some(j) = surname {
                let end = self.spans[j].end;
                self.set(start, end, person);
            }
            k += 1;
        }
    }

    /// "closer Rod Beck", "Nir Sivilia ( 57th )": a capitalised word the tagger left out right
    /// before a person's one-word name, inside a sentence and after no other capitalised word
    /// ("House Speaker Johnson"), is the person's given name, unless it is a title or a form of
    /// address ("Saint Therese", "Speaker Berri", '" Under Rubin').
    pub(super) fn given_names(&mut self, labels: Labels) {
        let Some(person) = labels.person else {
            return;
        };
        for k in 0..self.spans.len() {
            let s = &self.spans[k];
            if s.label != person || s.start < 2 || s.end != s.start + 1 {
                continue;
            }
            let t = s.start - 1;
            let w = self.word(t);
            if self.is_free(t)
                && !self.opens_sentence[t]
                && !self.breaks_line(s.start)
                && self.is_capitalised(t)
                && w.chars().skip(1).all(char::is_lowercase)
                && w.chars().count() >= 2
                && !spans::is_title(w)
                && !is_calendar_word(w)
                && !is_not_name(&w.to_lowercase())
                && !self.is_capitalised(t - 1)
                && !matches!(self.word(t - 1), "\"" | "'" | "`" | "``")
                && !lexicon::FORMS_OF_ADDRESS.contains(w)
            {
                self.unmark(k);
                self.spans[k].start = t;
                self.spans[k].source = self.rule;
                self.mark(k);
            }
        }
    }

    /// "Fed Chair Jerome Powell" read as two people, "Fed Chair" and "Jerome Powell": a
    /// person's span that ends in a title holds the organisation or place the title belongs
    /// to, and takes the label its words have elsewhere in the document ("the Fed").
    pub(super) fn titles_after_organisations(&mut self, labels: Labels) {
        let Some(person) = labels.person else {
            return;
        };
        let mut known: HashMap<Vec<&'a str>, usize> = HashMap::new();
        for s in &self.spans {
            if s.label != person && Some(s.label) != labels.other {
                known.entry(self.words(s.start, s.end)).or_insert(s.label);
            }
        }
        self.widen_spans(|doc, s| {
            let mut end = s.end;
            while end > s.start && spans::is_title(doc.word(end - 1)) {
                end -= 1;
            }
            (s.label == person && end < s.end && end > s.start)
                .then(|| known.get(&doc.words(s.start, end)))
                .flatten()
                .map(|&label| (s.start, end, label))
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::decode::rules::testing::{owned, run};

    #[test]
    fn a_nickname_between_given_name_and_surname_is_part_of_the_name() {
        let text = "He fights Hectar \" Macho \" Camachi . Roberta \" Hands of Stone \" Durana \
                    won. James Lee ( Leo ) Nicholas came. Smith \" The deal \" Jones . Ann ( Bo";
        let got = run(
            text,
            &[
                ("Hectar", "PER", 0.9),
                ("Camachi", "PER", 0.9),
                ("Roberta", "PER", 0.9),
                ("Stone", "LOC", 0.5),
                ("Durana", "PER", 0.9),
                ("James Lee", "PER", 0.9),
                ("Leo", "MISC", 0.6),
                ("Nicholas", "PER", 0.9),
                ("Smith", "PER", 0.9),
                ("Jones", "PER", 0.9),
                ("Ann", "PER", 0.9),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("Hectar \" Macho \" Camachi", "PER"),
                ("Roberta", "PER"),
                ("Stone", "LOC"),
                ("Durana", "PER"),
                ("James Lee ( Leo ) Nicholas", "PER"),
                ("Smith", "PER"),
                ("Jones", "PER"),
                ("Ann", "PER"),
            ]),
            "a place inside the quotes, or words in lower case, stop it"
        );
    }

    #[test]
    fn a_capitalised_word_before_a_one_word_person_is_the_given_name() {
        let text = "Estes was lifted for closer Rodd Becka after a single. House Speaker Johnsen \
                    spoke , as did Saint Therasa and Speaker Berra . Scorers : Nirr Sivilla ( 57th ).";
        let got = run(
            text,
            &[
                ("Estes", "PER", 0.9),
                ("Becka", "PER", 0.9),
                ("House", "ORG", 0.6),
                ("Johnsen", "PER", 0.9),
                ("Therasa", "PER", 0.9),
                ("Berra", "PER", 0.9),
                ("Sivilla", "PER", 0.9),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("Estes", "PER"),
                ("Rodd Becka", "PER"),
                ("House", "ORG"),
                ("Johnsen", "PER"),
                ("Therasa", "PER"),
                ("Berra", "PER"),
                ("Nirr Sivilla", "PER"),
            ]),
            "not a sentence's first word, a title, or a word after another capitalised one"
        );
    }

    #[test]
    fn a_person_named_with_their_organisation_is_split_from_it() {
        let text = "Joel Naroff of First Union said so . Naroff is an economist . Faik Nerweyi of \
                    the Kurdistan Democratic Party spoke . Nerweyi left . The Bank of England \
                    and Association of Lloyd 's met .";
        let got = run(
            text,
            &[
                ("Joel Naroff of First Union", "ORG", 0.8),
                ("Naroff", "PER", 0.9),
                ("Faik Nerweyi of the Kurdistan Democratic Party", "ORG", 0.8),
                ("Nerweyi", "PER", 0.9),
                ("Bank of England", "ORG", 0.9),
                ("Association of Lloyd", "ORG", 0.9),
            ],
        );
        let words: Vec<(&str, &str)> = got.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(
            words,
            vec![
                ("Joel Naroff", "PER"),
                ("First Union", "ORG"),
                ("Naroff", "PER"),
                ("Faik Nerweyi", "PER"),
                ("Kurdistan Democratic Party", "ORG"),
                ("Nerweyi", "PER"),
                // No person is called "Bank": the name stays whole.
                ("Bank of England", "ORG"),
                ("Association of Lloyd 's", "ORG"),
            ],
            "{got:?}"
        );
    }

    #[test]
    fn a_persons_span_ending_in_a_title_names_the_titles_organisation() {
        let text = "The Fed held rates . Fed Chair Jerome Powell spoke . Acme Chair Ann Lee left .";
        let got = run(
            text,
            &[
                ("Fed", "ORG", 0.9),
                ("Fed Chair", "PER", 0.6),
                ("Jerome Powell", "PER", 0.99),
                ("Acme Chair", "PER", 0.6),
                ("Ann Lee", "PER", 0.99),
            ],
        );
        let words: Vec<(&str, &str)> = got.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(
            words,
            vec![
                ("Fed", "ORG"),
                ("Fed", "ORG"),
                ("Jerome Powell", "PER"),
                // Nothing else in the text says what "Acme" is: left as the tagger read it.
                ("Acme Chair", "PER"),
                ("Ann Lee", "PER"),
            ],
            "{got:?}"
        );
    }
}
