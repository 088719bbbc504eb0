//! Companies: a name seen once with a company form or its shares is a company throughout, and
//! so are names before a company's part ("its Specia unit"), airlines ("Air France") and the
//! names before an executive's role ("OpenAI CEO Sam Altman").

use super::document::looks_like_adjective;
use super::{Document, Labels, LONGEST_NAME};
use crate::lexicon;
use std::collections::HashMap;

impl<'a> Document<'a> {
    /// A name seen once as a company ("Pirelli SpA", "Pirelli shares") is a company in every
    /// mention of the document: the tagger may call a company named after its founder a person
    /// all through a story.
    pub(super) fn company_names(&mut self, labels: Labels) {
        let Some(org) = labels.organisation else {
            return;
        };
        let n = self.tokens.len();
        let is_suffix = |w: &str| {
            lexicon::COMPANY_SUFFIXES.contains(w.trim_end_matches('.').to_lowercase().as_str())
        };
        // (words, by form): a company form ("SpA") is evidence enough to overrule a place;
        // shares alone are not ("London shares" are a market), only a person.
        let mut companies: HashMap<Vec<&'a str>, bool> = HashMap::new();
        let mut add = |words: Vec<&'a str>, by_form: bool| {
            *companies.entry(words).or_insert(by_form) |= by_form;
        };
        for s in &self.spans {
            if Some(s.label) == labels.other {
                continue;
            }
            let words = self.words(s.start, s.end);
            if self.has_organisation_role(s.start, s.end) {
                add(words.clone(), self.has_company_role(s.end));
            }
            let (last, base) = words.split_last().expect("spans are not empty");
            if base.is_empty() {
                // One word followed by its company form or by its shares.
                let next = |k: usize| (s.end + k < n).then(|| self.lower(s.end + k));
                let stock = |w: Option<String>| {
                    w.is_some_and(|w| lexicon::STOCK_WORDS.contains(w.as_str()))
                };
                match next(0).as_deref() {
                    Some(w) if is_suffix(w) => add(words, true),
                    Some("'s") | Some("’s") if stock(next(1)) => add(words, false),
                    _ if stock(next(0))
                        && !(s.end + 1 < n && self.is_word(s.end + 1, "exchange")) =>
                    {
                        add(words, false)
                    }
                    _ => {}
                }
            } else if is_suffix(last) && self.is_capitalised(s.end - 1) {
                // A shorter form of the name ("Jones Medical", "Jones" for "Jones Medical
                // Industries Inc") is the company too, against a person's reading only.
                for k in 1..base.len() {
                    add(base[..k].to_vec(), false);
                }
                add(base.to_vec(), true);
                add(words, true);
            }
        }
        if companies.is_empty() {
            return;
        }
        for k in 0..self.spans.len() {
            let s = &self.spans[k];
            if s.label == org || Some(s.label) == labels.other {
                continue;
            }
            let person = Some(s.label) == labels.person;
            let words = self.words(s.start, s.end);
            let same = companies
                .get(&words)
                .is_some_and(|&by_form| by_form || person);
            if same {
                self.relabel(k, org);
            }
        }
    }

    /// Whether the name ending at `end` is followed (past a possessive) by a role only a
    /// company has: "Nvidia ’s founder and chief executive". A place has shareholders or a
    /// board in CoNLL ("London shares", "Britain 's Board of Trade"); it has no chief executive.
    pub(super) fn has_company_role(&self, end: usize) -> bool {
        let n = self.tokens.len();
        let after = self.past_possessive(end);
        let words = |k: usize| (after + k < n).then(|| self.lower(after + k));
        match words(0).as_deref() {
            Some("founder" | "co-founder") => true,
            Some("chief") => words(1).as_deref() == Some("executive"),
            _ => false,
        }
    }

    /// Whether the name at `start..end` is written with a role only an organisation has,
    /// after it (past a possessive) or before it.
    pub(super) fn has_organisation_role(&self, start: usize, end: usize) -> bool {
        let n = self.tokens.len();
        // A phrase of the list is its words separated by one space.
        let phrase_at = |at: usize, phrase: &str| {
            at + phrase.split(' ').count() <= n
                && phrase
                    .split(' ')
                    .enumerate()
                    .all(|(k, w)| self.is_word(at + k, w))
        };
        let after = self.past_possessive(end);
        // "Ohio-based KeyCorp": people are rarely introduced by where they are based.
        let based = start > 0 && self.lower(start - 1).ends_with("-based");
        based
            || lexicon::ORGANISATION_ROLES.entries().iter().any(|phrase| {
                let len = phrase.split(' ').count();
                phrase_at(after, phrase)
                    || (start > len
                        && self.is_word(start - 1, "of")
                        && phrase_at(start - 1 - len, phrase))
            })
    }

    /// "its Specia unit", "its Harper-Collins publishing division": a name between "its" and a
    /// company's part, with at most two lower-case words before the part, is an organisation
    /// (the tagger reads such names as people, or misses them).
    pub(super) fn company_parts(&mut self, labels: Labels) {
        const MOST_LOWER_WORDS: usize = 2;
        let Some(org) = labels.organisation else {
            return;
        };
        let n = self.tokens.len();
        for its in 0..n.saturating_sub(2) {
            if !self.is_word(its, "its") || !self.is_capitalised(its + 1) {
                continue;
            }
            let mut end = its + 1;
            while end < n && end - its <= LONGEST_NAME && self.is_capitalised(end) {
                end += 1;
            }
            let mut part = end;
            while part < n
                && part - end < MOST_LOWER_WORDS
                && !lexicon::COMPANY_PARTS.contains(self.word(part))
                && self
                    .word(part)
                    .chars()
                    .all(|c| c.is_lowercase() || c == '-')
            {
                part += 1;
            }
            if part == n || !lexicon::COMPANY_PARTS.contains(self.word(part)) {
                continue;
            }
            let readings: Vec<usize> = (its + 1..end).filter_map(|t| self.covering(t)).collect();
            let crosses = readings
                .iter()
                .any(|&k| self.spans[k].start <= its || self.spans[k].end > end);
            let misc = readings
                .iter()
                .any(|&k| Some(self.spans[k].label) == labels.other);
            let adjective = end == its + 2 && looks_like_adjective(self.word(its + 1));
            if !crosses && !misc && !adjective {
                self.set(its + 1, end, org);
            }
        }
    }

    /// "Air France", "Air India": "Air" before a place's name makes an airline, which the
    /// tagger, reading the country, tends to leave out.
    pub(super) fn airlines(&mut self, labels: Labels) {
        let (Some(place), Some(org)) = (labels.place, labels.organisation) else {
            return;
        };
        self.widen_spans(|doc, s| {
            (s.label == place
                && s.start > 0
                && matches!(doc.word(s.start - 1), "Air" | "AIR")
                && doc.is_free(s.start - 1))
            .then(|| (s.start - 1, s.end, org))
        });
    }

    /// "OpenAI CEO Sam Altman", "Eagles owner Jeffrey Lurie": capitalised words the tagger
    /// left out (or read as a miscellaneous name), right before a role only an organisation
    /// has and a person's name, are that organisation.
    pub(super) fn companies_of_executives(&mut self, labels: Labels) {
        let (Some(person), Some(org)) = (labels.person, labels.organisation) else {
            return;
        };
        let mut found = Vec::new();
        for s in &self.spans {
            if s.label != person {
                continue;
            }
            let role = match s.start.checked_sub(1).map(|t| self.word(t)) {
                Some(w) if lexicon::EXECUTIVE_ROLES.contains(w) => 1,
                Some("executive") if s.start >= 2 && self.is_word(s.start - 2, "chief") => 2,
                _ => continue,
            };
            let end = s.start - role;
            let mut start = end;
            while start > 0 && end - start < LONGEST_NAME && self.is_capitalised(start - 1) {
                match self.covering(start - 1) {
                    None => start -= 1,
                    // A name read as neither person, organisation nor place ("OpenAI" as MISC).
                    Some(k) if Some(self.spans[k].label) == labels.other => {
                        start = self.spans[k].start;
                    }
                    Some(_) => break,
                }
            }
            if start < end && self.is_word(start, "the") {
                start += 1;
            }
            if start < end {
                found.push((start, end));
            }
        }
        for (start, end) in found {
            self.set(start, end, org);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::decode::rules::testing::{owned, run};

    #[test]
    fn capitalised_words_before_an_executives_role_are_the_company() {
        let text = "OpenAI CEO Sam Altman spoke. Eagles owner Jeffrey Lurie agreed. \
                    The Quorvex chief executive Ana Lind left. Senator Ana Lind stayed.";
        let got = run(
            text,
            &[
                ("OpenAI", "MISC", 0.6),
                ("Sam Altman", "PER", 0.9),
                ("Jeffrey Lurie", "PER", 0.9),
                ("Ana Lind", "PER", 0.9),
                ("Ana Lind#2", "PER", 0.9),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("OpenAI", "ORG"),
                ("Sam Altman", "PER"),
                ("Eagles", "ORG"),
                ("Jeffrey Lurie", "PER"),
                ("Quorvex", "ORG"),
                ("Ana Lind", "PER"),
                ("Ana Lind", "PER"),
            ])
        );
    }

    #[test]
    fn brothers_in_a_name_make_a_company() {
        let text = "A statement released by Warnor Bros said so. Warnor Bros . rose.";
        let got = run(
            text,
            &[("Warnor Bros", "PER", 0.8), ("Warnor Bros#2", "PER", 0.8)],
        );
        assert_eq!(
            got,
            owned(&[("Warnor Bros", "ORG"), ("Warnor Bros", "ORG")])
        );
    }

    #[test]
    fn a_company_form_or_its_shares_make_a_name_a_company_throughout() {
        let text = "Pirelli said profits rose. Pirelli SpA chairman Marco Tonchetti spoke. \
                    Veltro shares fell as Veltro cut jobs. London shares rose.";
        let got = run(
            text,
            &[
                ("Pirelli", "PER", 0.9),
                ("Pirelli SpA", "ORG", 0.9),
                ("Marco Tonchetti", "PER", 0.99),
                ("Veltro", "PER", 0.8),
                ("London", "LOC", 0.99),
            ],
        );
        let labels: Vec<(&str, &str)> = got.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(
            labels,
            vec![
                ("Pirelli", "ORG"),
                ("Pirelli SpA", "ORG"),
                ("Marco Tonchetti", "PER"),
                ("Veltro", "ORG"),
                ("Veltro", "ORG"),
                ("London", "LOC"),
            ],
            "a market's shares leave the place a place"
        );
    }

    #[test]
    fn a_shorter_form_of_a_company_name_is_the_company() {
        let text = "Jones said more. Jones Medical completes deal. Jones Medical Industries Inc \
                    said it bought Daniels.";
        let got = run(
            text,
            &[
                ("Jones Medical", "PER", 0.6),
                ("Jones Medical Industries Inc", "ORG", 0.9),
                ("Daniels", "PER", 0.6),
                ("Jones", "PER", 0.6),
            ],
        );
        let labels: Vec<(&str, &str)> = got.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(
            labels,
            vec![
                ("Jones", "ORG"),
                ("Jones Medical", "ORG"),
                ("Jones Medical Industries Inc", "ORG"),
                ("Daniels", "PER"),
            ]
        );
    }

    #[test]
    fn roles_only_an_organisation_has_make_a_person_reading_a_company() {
        let text = "Eagles owner Jeffrey Lurie spoke. The general manager of Petofi quit. \
                    Ohio-based KeyCorp declined. Clinton spokesman Mike McCurry said Clinton \
                    would go. Paris board members met. Nvidia ’s founder and chief executive \
                    spoke. Britain 's board met.";
        let got = run(
            text,
            &[
                ("Eagles", "PER", 0.6),
                ("Jeffrey Lurie", "PER", 0.99),
                ("Petofi", "PER", 0.6),
                ("KeyCorp", "PER", 0.6),
                ("Clinton", "PER", 0.9),
                ("Mike McCurry", "PER", 0.99),
                ("Paris", "LOC", 0.9),
                ("Nvidia", "LOC", 0.9),
                ("Britain", "LOC", 0.9),
            ],
        );
        let labels: Vec<(&str, &str)> = got.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(
            labels,
            vec![
                ("Eagles", "ORG"),
                ("Jeffrey Lurie", "PER"),
                ("Petofi", "ORG"),
                ("KeyCorp", "ORG"),
                ("Clinton", "PER"),
                ("Mike McCurry", "PER"),
                ("Clinton", "PER"),
                ("Paris", "LOC"),
                ("Nvidia", "ORG"),
                ("Britain", "LOC"),
            ],
            "a spokesman is no evidence, and a role overrules only a person's reading, but for \
             a company's own (founder, chief executive)"
        );
    }

    #[test]
    fn a_name_between_its_and_a_company_part_is_an_organisation() {
        let text = "Profits rose at its Harpo-Collins publishing division and its Speciaa unit , \
                    but its European arm and its New York office lagged.";
        let got = run(
            text,
            &[("Harpo-Collins", "PER", 0.7), ("New York", "LOC", 0.9)],
        );
        assert_eq!(
            got,
            owned(&[
                ("Harpo-Collins", "ORG"),
                ("Speciaa", "ORG"),
                ("New York", "LOC"),
            ]),
            "an adjective read as a miscellaneous name stays, and an office is no company"
        );
    }

    #[test]
    fn air_before_a_place_makes_an_airline() {
        let text = "Air France workers marched in France . AIR INDIA cut fares . Air Bag Safety";
        let got = run(
            text,
            &[
                ("France", "LOC", 0.9),
                ("France#2", "LOC", 0.9),
                ("INDIA", "LOC", 0.9),
            ],
        );
        let labels: Vec<(&str, &str)> = got.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(
            labels,
            vec![
                ("Air France", "ORG"),
                ("France", "LOC"),
                ("AIR INDIA", "ORG")
            ]
        );
    }
}
