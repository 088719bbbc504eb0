//! Class nouns: a list after a class noun takes the class ("firms such as Huawei and Alibaba",
//! "countries like Chad and Niger"), a name right after a singular class noun is an
//! organisation ("the startup DeepSeek"), and so is one an appositive calls a company.

use super::document::is_not_name;
use super::{Document, Labels, LONGEST_NAME};
use crate::lexicon;
use crate::tokens::TokenKind;

impl<'a> Document<'a> {
    /// "firms such as Huawei and Alibaba": the examples of a class noun take its class.
    pub(super) fn example_lists(&mut self, labels: Labels) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            let Some(label) = self.class_label(i, labels) else {
                i += 1;
                continue;
            };
            let mut at = i + 1;
            if at < n && self.word(at) == "," {
                at += 1;
            }
            // The openers begin with different words, so at most one matches (the list's order
            // does not matter).
            let Some(opener) = lexicon::EXAMPLE_OPENERS.entries().iter().find(|o| {
                at + o.split(' ').count() <= n
                    && o.split(' ')
                        .enumerate()
                        .all(|(k, w)| self.is_word(at + k, w))
            }) else {
                i += 1;
                continue;
            };
            at += opener.split(' ').count();
            let mut items = self.list_items(at);
            // "American companies like ...": a nationality ends the list, it is no example.
            if let Some(cut) = items.iter().position(|&(start, end)| {
                (start..end).any(|t| {
                    self.covering(t)
                        .is_some_and(|k| Some(self.spans[k].label) == labels.other)
                })
            }) {
                items.truncate(cut);
            }
            if let Some(&(_, last)) = items.last() {
                for (start, end) in items {
                    self.set(start, end, label);
                }
                i = last;
            } else {
                i += 1;
            }
        }
    }

    pub(super) fn class_label(&self, i: usize, labels: Labels) -> Option<usize> {
        let w = self.lower(i);
        if lexicon::ORGANISATION_CLASSES.contains(w.as_str()) {
            labels.organisation
        } else if lexicon::PLACE_CLASSES.contains(w.as_str()) {
            labels.place
        } else if lexicon::PERSON_CLASSES.contains(w.as_str()) {
            labels.person
        } else {
            None
        }
    }

    /// Items of a list starting at `at`: runs of capitalised words separated by commas, "and"
    /// and "or". The list ends at the first word that is neither.
    pub(super) fn list_items(&self, mut at: usize) -> Vec<(usize, usize)> {
        let n = self.tokens.len();
        let mut items = Vec::new();
        loop {
            let start = at;
            while at < n && (self.is_capitalised(at) || self.is_inner_joiner(at, start)) {
                at += 1;
            }
            if at == start || is_not_name(&self.lower(start)) {
                break;
            }
            items.push((start, at));
            let mut sep = at;
            if sep < n && self.word(sep) == "," {
                sep += 1;
            }
            if sep < n && (self.is_word(sep, "and") || self.is_word(sep, "or")) {
                sep += 1;
            }
            if sep == at || sep >= n || !self.is_capitalised(sep) {
                break;
            }
            at = sep;
        }
        items
    }

    /// "of" or "&" inside a name ("Bank of America"), never at its edges.
    pub(super) fn is_inner_joiner(&self, i: usize, start: usize) -> bool {
        i > start
            && matches!(self.word(i), "of" | "&" | "de")
            && i + 1 < self.tokens.len()
            && self.is_capitalised(i + 1)
    }

    /// "the startup DeepSeek", "chipmaker Nvidia": a name right after a singular class noun
    /// is an organisation.
    pub(super) fn class_noun_names(&mut self, labels: Labels) {
        let Some(label) = labels.organisation else {
            return;
        };
        let n = self.tokens.len();
        for i in 0..n.saturating_sub(1) {
            let noun = self.lower(i);
            if !lexicon::ORGANISATION_NOUNS.contains(noun.as_str())
                || self.is_capitalised(i)
                || self.opens_sentence[i + 1]
                || !self.is_capitalised(i + 1)
                || is_not_name(&self.lower(i + 1))
                || self.word(i + 1).chars().count() < 2
            {
                continue;
            }
            let mut end = i + 1;
            while end < n && (self.is_capitalised(end) || self.is_inner_joiner(end, i + 1)) {
                end += 1;
            }
            // A name the tagger already gave a label, or that runs past these words, is left.
            let untouched = (i + 1..end).all(|t| self.is_free(t));
            let in_span = self.covering(i + 1).is_some_and(|k| {
                let s = &self.spans[k];
                s.start == i + 1
                    && s.end == end
                    && Some(s.label) != labels.organisation
                    && Some(s.label) != labels.other
            });
            if untouched || in_span {
                self.set(i + 1, end, label);
            }
        }
    }

    /// "Tokopedia and Grab , the Southeast Asian tech firms ,", "Magna , the auto parts maker .":
    /// names that an appositive after them calls companies (a class noun closing the phrase:
    /// not "Smith , the company 's chief", not "Jones , the bank chairman"). A name read as a
    /// person's keeps that reading.
    pub(super) fn appositive_classes(&mut self, labels: Labels) {
        let Some(org) = labels.organisation else {
            return;
        };
        let n = self.tokens.len();
        let mut found = Vec::new();
        for comma in 1..n.saturating_sub(2) {
            if self.word(comma) != "," || self.word(comma + 1) != "the" {
                continue;
            }
            let Some(noun) = (comma + 2..(comma + 7).min(n))
                .take_while(|&t| self.tokens[t].kind == TokenKind::Word)
                .find(|&t| {
                    let w = self.lower(t);
                    // People are rivals and competitors too.
                    lexicon::ORGANISATION_NOUNS.contains(w.as_str())
                        || (lexicon::ORGANISATION_CLASSES.contains(w.as_str())
                            && !matches!(w.as_str(), "rivals" | "competitors"))
                })
            else {
                continue;
            };
            let closes = noun + 1 == n || matches!(self.word(noun + 1), "," | "." | ";" | ":");
            if !closes {
                continue;
            }
            let plural = lexicon::ORGANISATION_CLASSES.contains(self.lower(noun).as_str());
            // The names before the comma: one, or a list ("A , B and C") before a plural.
            let mut end = comma;
            while let Some(start) = self.name_ending_at(end) {
                found.push((start, end));
                if !plural || start < 2 || !matches!(self.word(start - 1), "and" | ",") {
                    break;
                }
                end = start - 1;
            }
        }
        for (start, end) in found {
            // A person's reading stands: "the film's makers" are people.
            let alone = self.covering(start).is_none_or(|k| {
                let s = &self.spans[k];
                s.start == start && s.end == end && s.label != org && Some(s.label) != labels.person
            });
            if alone && (start..end).all(|t| self.covering(t) == self.covering(start)) {
                self.set(start, end, org);
            }
        }
    }

    /// The name that ends just before token `end`: the span ending there, or the capitalised
    /// words no span holds.
    pub(super) fn name_ending_at(&self, end: usize) -> Option<usize> {
        let last = end.checked_sub(1)?;
        if let Some(k) = self.covering(last) {
            let s = &self.spans[k];
            return (s.end == end).then_some(s.start);
        }
        let mut start = end;
        while start > 0
            && end - start < LONGEST_NAME
            && self.is_free(start - 1)
            && self.is_capitalised(start - 1)
            && !self.opens_sentence[start]
        {
            start -= 1;
        }
        (start < end).then_some(start)
    }
}

#[cfg(test)]
mod tests {
    use crate::decode::rules::testing::{owned, run};

    #[test]
    fn examples_after_a_class_noun_take_the_class() {
        let text = "Chinese firms such as Quzhen and Baoli Tech are growing, alongside American \
                    companies like Vexon, Arlo, and Pim Group. Countries like Tarsia signed.";
        let got = run(
            text,
            &[
                ("Chinese", "MISC", 0.99),
                ("Quzhen", "PER", 0.7),
                ("Baoli Tech", "LOC", 0.6),
                ("American", "MISC", 0.99),
                ("Arlo", "PER", 0.8),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("Chinese", "MISC"),
                ("Quzhen", "ORG"),
                ("Baoli Tech", "ORG"),
                ("American", "MISC"),
                ("Vexon", "ORG"),
                ("Arlo", "ORG"),
                ("Pim Group", "ORG"),
                ("Tarsia", "LOC"),
            ])
        );
    }

    #[test]
    fn a_name_after_a_singular_class_noun_is_an_organisation() {
        let text = "The startup Quorvex built a model. The company said Monday it would grow. \
                    Chipmaker Tenzo rose. The news weekly Der Spegel said so.";
        let got = run(text, &[("Quorvex", "PER", 0.7), ("Der Spegel", "PER", 0.8)]);
        assert_eq!(
            got,
            owned(&[("Quorvex", "ORG"), ("Der Spegel", "ORG")]),
            "no day names, and a capitalised class noun opening a sentence is left to the tagger"
        );
    }

    #[test]
    fn names_an_appositive_calls_companies_are_companies() {
        let text = "Shares of Tokova and Grabbit , the Southeast Asian tech firms , rose. \
                    Venlo , the auto parts maker , fell. Lina Smith , the company 's chief , \
                    left. Ada and Bo , the rivals , met.";
        let got = run(text, &[("Tokova", "LOC", 0.6), ("Lina Smith", "PER", 0.9)]);
        assert_eq!(
            got,
            owned(&[
                ("Tokova", "ORG"),
                ("Grabbit", "ORG"),
                ("Venlo", "ORG"),
                ("Lina Smith", "PER"),
            ])
        );
    }
}
