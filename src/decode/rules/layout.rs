//! Layout: a dateline's first name is a place ("GRONINGEN , Netherlands 1996-08-30"), and a
//! headline's names take the labels its story gives the same words.

use super::document::learn_label;
use super::{Document, Labels, CONFIDENT};
use crate::tokens::TokenKind;
use std::collections::HashMap;

impl<'a> Document<'a> {
    /// "GRONINGEN , Netherlands 1996-08-30": a dateline's first name, in capitals before a comma
    /// or the date, is the place the story was filed from (896 of 907 in CoNLL train; five of
    /// the rest are "UNITED NATIONS", the others labelling slips, "DENVER" as a person), though
    /// a rugby story's "WIGAN" reads like its club.
    pub(super) fn datelines(&mut self, labels: Labels) {
        let Some(place) = labels.place else {
            return;
        };
        for (start, end) in self.lines() {
            let Some(name_end) = self.dateline_place(start, end) else {
                continue;
            };
            let covered = self.covering(start).is_some_and(|k| {
                let s = &self.spans[k];
                s.start == start && s.end == name_end && s.label == place
            });
            let crosses = self
                .covering(name_end - 1)
                .is_some_and(|k| self.spans[k].end > name_end);
            if !covered && !crosses {
                self.set(start, name_end, place);
            }
        }
    }

    /// The end of the place that opens line `start..end` when the line is a dateline.
    pub(super) fn dateline_place(&self, start: usize, end: usize) -> Option<usize> {
        const MOST_TOKENS: usize = 8;
        let last = self.word(end - 1);
        let is_date = last.len() == 10
            && last.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if end - start > MOST_TOKENS || !is_date {
            return None;
        }
        let name_end = (start..end - 1)
            .find(|&t| self.word(t) == ",")
            .unwrap_or(end - 1);
        let capitals = (start..name_end).all(|t| {
            self.tokens[t].kind == TokenKind::Word && !self.word(t).chars().any(char::is_lowercase)
        });
        let words = self.words(start, name_end);
        (name_end > start && name_end - start <= 4 && capitals && words != ["UNITED", "NATIONS"])
            .then_some(name_end)
    }

    /// A headline's names take the labels the story below gives the same words: "Haaland
    /// double sends Manchester City top", read with a place twice, above a story that names
    /// "Erling Haaland" and "Manchester City" (the club) with confidence. Words are compared
    /// without case, so an all-capitals headline counts too; a name the story labels two ways
    /// teaches nothing.
    pub(super) fn headline_names(&mut self, person: Option<usize>) {
        let n = self.tokens.len();
        let Some(end) = (1..n).find(|&t| self.breaks_line(t)) else {
            return;
        };
        if end > crate::tokens::HEADLINE_MAX_TOKENS || self.word(end - 1) == "." {
            return;
        }
        let mut story: HashMap<Vec<String>, Option<usize>> = HashMap::new();
        let mut learn = |key: Vec<String>, label: usize| learn_label(&mut story, key, label);
        for s in self
            .spans
            .iter()
            .filter(|s| s.start >= end && s.score >= CONFIDENT)
        {
            learn((s.start..s.end).map(|t| self.lower(t)).collect(), s.label);
            if Some(s.label) == person && s.end - s.start >= 2 {
                learn(vec![self.lower(s.end - 1)], s.label);
            }
        }
        for k in 0..self.spans.len() {
            let s = &self.spans[k];
            if s.start >= end {
                break;
            }
            let key: Vec<String> = (s.start..s.end).map(|t| self.lower(t)).collect();
            if let Some(Some(label)) = story.get(&key) {
                self.relabel(k, *label);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::decode::rules::testing::{owned, run};

    #[test]
    fn a_datelines_first_name_is_a_place() {
        let text = "WIGAN BEAT BRADFORD\nWIGAN , England 1996-08-31\nWigan beat Bradford .\n\
                    THE HAGUE 1996-08-30\nUNITED NATIONS 1996-08-29\nThe United Nations met .\n\
                    Smith won 1996-08-30\n";
        let got = run(
            text,
            &[
                ("WIGAN", "ORG", 0.9),
                ("WIGAN#2", "ORG", 0.9),
                ("England", "LOC", 0.9),
                ("Wigan", "ORG", 0.9),
                ("UNITED NATIONS", "ORG", 0.9),
                ("United Nations", "ORG", 0.9),
                ("Smith", "PER", 0.9),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("WIGAN", "ORG"),
                ("WIGAN", "LOC"),
                ("England", "LOC"),
                ("Wigan", "ORG"),
                ("THE HAGUE", "LOC"),
                ("UNITED NATIONS", "ORG"),
                ("United Nations", "ORG"),
                ("Smith", "PER"),
            ])
        );
    }

    #[test]
    fn a_headlines_names_take_the_labels_of_its_story() {
        let text = "Dolvik double sends Marston City top\nMARSTON , England\nErik Dolvik scored \
                    twice as Marston City won . Marston City fans sang .";
        let got = run(
            text,
            &[
                ("Dolvik", "LOC", 0.7),
                ("Marston City", "LOC", 0.7),
                ("MARSTON", "LOC", 0.9),
                ("Erik Dolvik", "PER", 0.95),
                ("Marston City#2", "ORG", 0.9),
                ("Marston City#3", "ORG", 0.9),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("Dolvik", "PER"),
                ("Marston City", "ORG"),
                ("MARSTON", "LOC"),
                ("Erik Dolvik", "PER"),
                ("Marston City", "ORG"),
                ("Marston City", "ORG"),
            ])
        );
    }
}
