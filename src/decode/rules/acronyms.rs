//! Acronyms: one defined in brackets takes its expansion's label everywhere ("World Artificial
//! Intelligence Conference (WAIC)"), one defined from lower-case words names no entity
//! ("artificial intelligence (AI)"), and one spelling a multi-word name is that name ("FOMC").

use super::document::learn_label;
use super::Document;
use crate::decode::clusters::acronym;
use crate::tokens::TokenKind;
use std::collections::HashMap;

impl<'a> Document<'a> {
    /// "Long Name (LN)": the acronym takes the name's label wherever it stands alone; an
    /// acronym of lower-case words ("artificial intelligence (AI)") is never a name.
    pub(super) fn defined_acronyms(&mut self) {
        let mut defined: HashMap<&'a str, Option<usize>> = HashMap::new();
        let n = self.tokens.len();
        for i in 1..n.saturating_sub(2) {
            if self.word(i) != "(" || self.word(i + 2) != ")" {
                continue;
            }
            let short = self.word(i + 1);
            let letters: String = short.chars().filter(|c| *c != '.').collect();
            let len = letters.chars().count();
            if !(2..=8).contains(&len) || !letters.chars().all(char::is_uppercase) {
                continue;
            }
            if let Some(k) = self.covering(i - 1) {
                let s = &self.spans[k];
                let words = self.words(s.start, s.end);
                if s.end == i && acronym(&words).as_deref() == Some(letters.as_str()) {
                    defined.insert(short, Some(s.label));
                }
                continue;
            }
            // The `len` words before the bracket, lower case, whose initials spell it.
            if i < len {
                continue;
            }
            let initials: String = (i - len..i)
                .filter_map(|t| self.word(t).chars().next())
                .collect();
            let lower = (i - len..i).all(|t| {
                self.tokens[t].kind == TokenKind::Word
                    && self.word(t).chars().all(|c| !c.is_uppercase())
            });
            if lower && initials.to_uppercase() == letters {
                defined.insert(short, None);
            }
        }
        let expanded = self.expanded_acronyms();
        if defined.is_empty() && expanded.is_empty() {
            return;
        }
        for i in 0..n {
            let label = match defined.get(self.word(i)) {
                Some(&label) => label,
                None => match expanded.get(self.word(i)) {
                    Some(&label) if self.is_free(i) => Some(label),
                    _ => continue,
                },
            };
            match label {
                Some(label) => {
                    let alone = self.covering(i).is_none_or(|k| {
                        let s = &self.spans[k];
                        s.start == i && s.end == i + 1
                    });
                    if alone {
                        self.set(i, i + 1, label);
                    }
                }
                None => self.drop_token(i),
            }
        }
    }

    /// The acronyms of the document's multi-word names, with their labels: "FOMC" where
    /// "Federal Open Market Committee" is named. Three letters at least, and only where the
    /// name's spans agree on its label.
    pub(super) fn expanded_acronyms(&self) -> HashMap<String, usize> {
        let mut found: HashMap<String, Option<usize>> = HashMap::new();
        for s in &self.spans {
            let Some(short) = acronym(&self.words(s.start, s.end)) else {
                continue;
            };
            if short.chars().count() < 3 {
                continue;
            }
            learn_label(&mut found, short, s.label);
        }
        found
            .into_iter()
            .filter_map(|(short, label)| Some((short, label?)))
            .collect()
    }

    /// Takes token `i` out of any span: a span of that token alone goes; a longer one loses it
    /// at its edge, or goes if nothing capitalised is left ("AI industry").
    pub(super) fn drop_token(&mut self, i: usize) {
        let Some(k) = self.covering(i) else { return };
        let (start, end) = (self.spans[k].start, self.spans[k].end);
        let (new_start, new_end) = if i == start {
            (start + 1, end)
        } else if i + 1 == end {
            (start, end - 1)
        } else {
            (start, start)
        };
        self.unmark(k);
        if new_start >= new_end || !(new_start..new_end).any(|t| self.is_capitalised(t)) {
            self.spans.remove(k);
        } else {
            self.spans[k].start = new_start;
            self.spans[k].end = new_end;
            self.spans[k].source = self.rule;
            self.mark(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::decode::rules::testing::{owned, run};

    #[test]
    fn a_bracketed_acronym_takes_its_names_label_everywhere() {
        let text = "The Nordic Grain Council (NGC) met in Oslo. NGC members agreed.";
        let got = run(
            text,
            &[("Nordic Grain Council", "ORG", 0.9), ("Oslo", "LOC", 0.95)],
        );
        assert_eq!(
            got,
            owned(&[
                ("Nordic Grain Council", "ORG"),
                ("NGC", "ORG"),
                ("Oslo", "LOC"),
                ("NGC", "ORG"),
            ])
        );
    }

    #[test]
    fn an_acronym_of_a_named_organisation_is_that_organisation() {
        let text = "The Federal Open Market Committee met. The FOMC held rates. \
                    The Nordic Grain Council and the Nordic Grain Coast met. NGC fell.";
        let got = run(
            text,
            &[
                ("Federal Open Market Committee", "ORG", 0.9),
                ("Nordic Grain Council", "ORG", 0.9),
                ("Nordic Grain Coast", "LOC", 0.5),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("Federal Open Market Committee", "ORG"),
                ("FOMC", "ORG"),
                ("Nordic Grain Council", "ORG"),
                // Two names, two labels: the acronym is left alone.
                ("Nordic Grain Coast", "LOC"),
            ])
        );
    }

    #[test]
    fn an_acronym_of_lower_case_words_is_no_name() {
        let text =
            "Rules for artificial intelligence (AI) are coming. The AI industry in Oslo grew.";
        let got = run(
            text,
            &[
                ("AI", "LOC", 0.6),
                ("AI industry", "ORG", 0.6),
                ("Oslo", "LOC", 0.9),
            ],
        );
        assert_eq!(got, owned(&[("Oslo", "LOC")]));
    }

    #[test]
    fn an_acronym_whose_initials_differ_is_left_alone() {
        let text = "The Nordic Grain Council (NATO) met. NATO agreed.";
        let got = run(text, &[("Nordic Grain Council", "ORG", 0.9)]);
        assert_eq!(got, owned(&[("Nordic Grain Council", "ORG")]));
    }
}
