//! Repeated names: a name found with confidence is the same name where the tagger missed it
//! ("the US" after "US President"), and a person's surname is that person ("Li" after
//! "Li Qiang"), in all-capitals headlines too.

use super::document::learn_label;
use super::{Document, CONFIDENT, LONGEST_NAME};
use crate::decode::spans;
use crate::tokens::TokenKind;
use std::collections::HashMap;

impl<'a> Document<'a> {
    /// A name the tagger found with confidence labels its other, missed mentions; a person's
    /// surname labels that person's later one-word mentions.
    pub(super) fn repeated_names(&mut self, person: Option<usize>) {
        let mut names: HashMap<Vec<&'a str>, Option<usize>> = HashMap::new();
        let mut learn = |key: Vec<&'a str>, label: usize| learn_label(&mut names, key, label);
        for s in &self.spans {
            if s.score < CONFIDENT || s.end - s.start > LONGEST_NAME {
                continue;
            }
            if !(s.start..s.end).all(|t| self.tokens[t].kind == TokenKind::Word) {
                continue;
            }
            learn(self.words(s.start, s.end), s.label);
        }
        // A person's surname names that person ("Li" after "Li Qiang").
        let surnames: Vec<(usize, usize)> = self
            .spans
            .iter()
            .filter(|s| s.score >= CONFIDENT && s.end - s.start >= 2)
            .filter(|s| Some(s.label) == person)
            .map(|s| (s.end - 1, s.label))
            .collect();
        for (t, label) in surnames {
            if self.is_capitalised(t) && self.word(t).chars().count() >= 2 {
                learn(vec![self.word(t)], label);
            }
        }
        if names.is_empty() {
            return;
        }
        let n = self.tokens.len();
        // A title ends a run: "US" in "US President Donald Trump" is the US of the text.
        let free = |doc: &Self, t: usize| {
            doc.is_free(t) && doc.is_capitalised(t) && !spans::is_title(doc.word(t))
        };
        let mut i = 0;
        while i < n {
            // Only whole runs of unlabelled capitalised words: the "Li" of "Li Peng" is not Li.
            if !free(self, i) || (i > 0 && free(self, i - 1)) {
                i += 1;
                continue;
            }
            let longest = LONGEST_NAME.min(n - i);
            let found = (1..=longest).rev().find_map(|len| {
                let end = i + len;
                let whole = (i..end).all(|t| self.is_free(t))
                    && self.is_capitalised(end - 1)
                    && (end == n || !free(self, end));
                if !whole {
                    return None;
                }
                let key = self.words(i, end);
                match names.get(&key) {
                    Some(Some(label)) => Some((end, *label)),
                    _ => None,
                }
            });
            match found {
                Some((end, label)) => {
                    self.set(i, end, label);
                    i = end;
                }
                None => i += 1,
            }
        }
        self.capitalised_headline_names(&names);
    }

    /// In an all-capitals headline every word looks like a name, so runs say nothing there:
    /// "HARRISON , EDWARDS TO MEET" has "EDWARDS" because the story below has "Edwards".
    pub(super) fn capitalised_headline_names(
        &mut self,
        names: &HashMap<Vec<&'a str>, Option<usize>>,
    ) {
        let folded: HashMap<Vec<String>, usize> = names
            .iter()
            .filter_map(|(k, l)| Some((k.iter().map(|w| w.to_lowercase()).collect(), (*l)?)))
            .collect();
        let shouting = |doc: &Self, t: usize| {
            let w = doc.word(t);
            doc.is_free(t)
                && doc.tokens[t].kind == TokenKind::Word
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        };
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            if !shouting(self, i) {
                i += 1;
                continue;
            }
            let longest = LONGEST_NAME.min(n - i);
            let found = (1..=longest).rev().find_map(|len| {
                if !(i..i + len).all(|t| shouting(self, t)) {
                    return None;
                }
                let key: Vec<String> = (i..i + len).map(|t| self.lower(t)).collect();
                folded.get(&key).map(|&label| (i + len, label))
            });
            match found {
                Some((end, label)) => {
                    self.set(i, end, label);
                    i = end;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::decode::rules::testing::{owned, run};

    #[test]
    fn confident_names_and_surnames_label_their_missed_mentions() {
        let text =
            "Premier Vela Okonkwo visited the Zarvia Republic. Okonkwo said the Zarvia Republic \
                    would sign. Okonkwo Holdings fell.";
        let got = run(
            text,
            &[
                ("Vela Okonkwo", "PER", 0.95),
                ("Zarvia Republic", "LOC", 0.9),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("Vela Okonkwo", "PER"),
                ("Zarvia Republic", "LOC"),
                ("Okonkwo", "PER"),
                ("Zarvia Republic", "LOC"),
            ]),
            "a longer run of capitalised words (Okonkwo Holdings) is another name"
        );
    }

    #[test]
    fn unsure_or_contested_names_teach_nothing() {
        let text = "Mora beat Lenz. Mora won. Lenz lost. Lenz lost again.";
        let got = run(
            text,
            &[
                ("Mora", "PER", 0.5),
                ("Lenz", "PER", 0.9),
                ("Lenz lost", "ORG", 0.9),
            ],
        );
        // "Lenz" alone is a person; nothing else is learned from the unsure "Mora".
        assert!(
            got.iter().filter(|(t, _)| t == "Mora").count() == 1,
            "{got:?}"
        );
        let lenz = got
            .iter()
            .filter(|(t, l)| t == "Lenz" && *l == "PER")
            .count();
        assert_eq!(lenz, 2, "the tagged Lenz and the missed one: {got:?}");
    }

    #[test]
    fn an_all_capitals_headline_takes_the_names_of_its_story() {
        let text = "ATHLETICS - HARRISON , EDWARDS TO MEET IN OSLO .\nJonathan Edwards will meet \
                    Kenny Harrison in Oslo .";
        let got = run(
            text,
            &[
                ("Jonathan Edwards", "PER", 0.95),
                ("Kenny Harrison", "PER", 0.95),
                ("Oslo", "LOC", 0.95),
            ],
        );
        let words: Vec<(&str, &str)> = got.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(
            &words[..3],
            &[("HARRISON", "PER"), ("EDWARDS", "PER"), ("OSLO", "LOC")],
            "{got:?}"
        );
        assert!(!words.iter().any(|(t, _)| *t == "MEET" || *t == "ATHLETICS"));
    }
}
