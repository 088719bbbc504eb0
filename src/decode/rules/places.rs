//! Places: what a sentence's opening "In", "the town of", a place noun after the name
//! ("Huize county"), a state's abbreviation ("Creedmoor , N.C.") or a name's last word
//! ("Allenby Bridge", and "Israel Radio" for an organisation) says a name is.

use super::document::looks_like_adjective;
use super::{Document, Labels, LONGEST_NAME};
use crate::lexicon;
use std::collections::{HashMap, HashSet};

impl<'a> Document<'a> {
    /// "In Oakland , ..." opening a sentence says where something happened: a place, even in a
    /// sports report whose teams go by their cities (in CoNLL train 47 of 48 such names are
    /// places).
    pub(super) fn places_opened_by_in(&mut self, labels: Labels) {
        let (Some(place), Some(org)) = (labels.place, labels.organisation) else {
            return;
        };
        let n = self.tokens.len();
        for k in 0..self.spans.len() {
            let s = &self.spans[k];
            if s.label != org || s.start == 0 || s.end >= n {
                continue;
            }
            let before = s.start - 1;
            if self.opens_sentence[before] && self.is_word(before, "in") && self.word(s.end) == ","
            {
                self.relabel(k, place);
            }
        }
    }

    /// "the town of Tavildara": a place, and so is every mention of it the tagger read as a
    /// person, missed, or read alone as a miscellaneous name ("near Pokrovsk" in a headline).
    /// The name itself may be one the tagger missed ("the town of Uyo").
    pub(super) fn places_named_by_of(&mut self, labels: Labels) {
        let Some(place) = labels.place else {
            return;
        };
        let n = self.tokens.len();
        let mut places: HashSet<Vec<&'a str>> = HashSet::new();
        for i in 0..n.saturating_sub(2) {
            if !lexicon::PLACE_NOUNS_BEFORE_OF.contains(self.word(i))
                || !self.is_word(i + 1, "of")
                || !self.is_capitalised(i + 2)
            {
                continue;
            }
            let Some(k) = self.covering(i + 2) else {
                // A name the tagger missed ("the town of Uyo"): its capitalised words.
                let mut end = i + 2;
                while end < n
                    && end - (i + 2) < LONGEST_NAME
                    && self.is_free(end)
                    && self.is_capitalised(end)
                {
                    end += 1;
                }
                places.insert(self.words(i + 2, end));
                self.set(i + 2, end, place);
                continue;
            };
            let s = &self.spans[k];
            if s.start != i + 2 {
                continue;
            }
            places.insert(self.words(s.start, s.end));
            self.relabel(k, place);
        }
        if places.is_empty() {
            return;
        }
        for k in 0..self.spans.len() {
            let s = &self.spans[k];
            if Some(s.label) == labels.person && places.contains(&self.words(s.start, s.end)) {
                self.relabel(k, place);
            }
        }
        // Its other mentions that the tagger missed ("POKROVSK" aside, "near Pokrovsk"), found by
        // their first word so that a long text with many such places stays linear.
        let mut by_first: HashMap<&'a str, Vec<Vec<&'a str>>> = HashMap::new();
        for words in places {
            by_first.entry(words[0]).or_default().push(words);
        }
        for i in 0..n {
            let Some(candidates) = by_first.get(self.word(i)) else {
                continue;
            };
            for words in candidates {
                let end = i + words.len();
                // Missed, or read as a miscellaneous name on its own.
                let open = |doc: &Self| {
                    (i..end).all(|t| doc.is_free(t))
                        || doc.covering(i).is_some_and(|k| {
                            let s = &doc.spans[k];
                            s.start == i && s.end == end && Some(s.label) == labels.other
                        })
                };
                if end <= n
                    && (i..end).zip(words.iter()).all(|(t, w)| self.word(t) == *w)
                    && open(self)
                    && (i == 0 || self.opens_sentence[i] || !self.is_capitalised(i - 1))
                    && (end == n || self.opens_sentence[end] || !self.is_capitalised(end))
                {
                    self.set(i, end, place);
                    break;
                }
            }
        }
    }

    /// "the disputed Nagorno-Karabakh region", "a group of farmers in Huize county": the name
    /// before a place noun is a place, where the tagger read it as an organisation or a person
    /// (and so are its other mentions read that way) or missed it (one word, not an adjective's
    /// ending: "Himalayan region" is no place).
    pub(super) fn places_before_place_nouns(&mut self, labels: Labels) {
        let Some(place) = labels.place else {
            return;
        };
        let misread =
            |label: usize| Some(label) == labels.organisation || Some(label) == labels.person;
        let mut places: HashSet<Vec<&'a str>> = HashSet::new();
        for noun in 2..self.tokens.len() {
            if !lexicon::PLACE_NOUNS_AFTER_NAME.contains(self.word(noun)) {
                continue;
            }
            let name = noun - 1;
            match self.covering(name) {
                Some(k) => {
                    let s = &self.spans[k];
                    if s.end == noun && misread(s.label) {
                        places.insert(self.words(s.start, s.end));
                        self.relabel(k, place);
                    }
                }
                None => {
                    let w = self.word(name);
                    let adjective = looks_like_adjective(w);
                    if self.is_capitalised(name)
                        && !self.opens_sentence[name]
                        && !self.is_capitalised(name - 1)
                        && w.chars().skip(1).all(char::is_lowercase)
                        && !adjective
                    {
                        self.set(name, noun, place);
                    }
                }
            }
        }
        // Its other mentions, read the same wrong way ("autonomy to Nagorno-Karabakh").
        for k in 0..self.spans.len() {
            let s = &self.spans[k];
            if misread(s.label) && places.contains(&self.words(s.start, s.end)) {
                self.relabel(k, place);
            }
        }
    }

    /// "KIRKLAND , Wash .", "Creedmoor , N.C. ;": a state's abbreviation after a capitalised
    /// town and a comma is a place (the tagger misses them, or reads "Wash" as a name). Not
    /// "Ill.-based", which CoNLL leaves unlabelled.
    pub(super) fn state_abbreviations(&mut self, labels: Labels) {
        let Some(place) = labels.place else {
            return;
        };
        for t in 2..self.tokens.len() {
            let w = self.word(t);
            if !lexicon::STATE_ABBREVIATIONS.contains(w.strip_suffix('.').unwrap_or(w))
                || self.word(t - 1) != ","
                || (self.is_free(t - 2) && !self.is_capitalised(t - 2))
            {
                continue;
            }
            match self.covering(t) {
                Some(k) if self.spans[k].start == t && self.spans[k].end == t + 1 => {
                    self.relabel(k, place);
                }
                Some(_) => {}
                None => self.set(t, t + 1, place),
            }
        }
    }

    /// "Taipei University Hospital", "the Allenby Bridge crossing": a name of two words or more
    /// whose last word is a place's head noun is a place, where the tagger read it as an
    /// organisation or a person; "Israel Radio", "Kabul Radio": one whose last word is an
    /// organisation's is an organisation, where read as a place or a person.
    pub(super) fn places_by_last_word(&mut self, labels: Labels) {
        let (Some(place), Some(org)) = (labels.place, labels.organisation) else {
            return;
        };
        for k in 0..self.spans.len() {
            let s = &self.spans[k];
            if s.end - s.start < 2 {
                continue;
            }
            let last = self.word(s.end - 1);
            let label = Some(s.label);
            if lexicon::PLACE_HEADS.contains(last) && (label == Some(org) || label == labels.person)
            {
                self.relabel(k, place);
            } else if lexicon::ORGANISATION_HEADS.contains(last)
                && (label == Some(place) || label == labels.person)
            {
                self.relabel(k, org);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::decode::rules::testing::{owned, run};

    #[test]
    fn a_sentence_opened_by_in_names_a_place() {
        let text =
            "Oakland won again. In Oakland , Telgheder pitched. He moved to Boston , then left.";
        let got = run(
            text,
            &[
                ("Oakland", "ORG", 0.6),
                ("Oakland#2", "ORG", 0.6),
                ("Telgheder", "PER", 0.9),
                ("Boston", "ORG", 0.6),
            ],
        );
        let labels: Vec<&str> = got.iter().map(|(_, l)| *l).collect();
        assert_eq!(
            labels,
            vec!["ORG", "LOC", "PER", "ORG"],
            "only a name after a sentence's opening \"In\" and before a comma"
        );
    }

    #[test]
    fn a_name_after_the_town_of_is_a_place_in_every_mention() {
        let text = "Rebels took the town of Tavildara . Tavildara is quiet. Lentini , 27 , \
                    joined the club of Torino .";
        let got = run(
            text,
            &[
                ("Tavildara", "PER", 0.6),
                ("Tavildara#2", "PER", 0.6),
                ("Lentini", "PER", 0.9),
                ("Torino", "ORG", 0.7),
            ],
        );
        let labels: Vec<&str> = got.iter().map(|(_, l)| *l).collect();
        assert_eq!(labels, vec!["LOC", "LOC", "PER", "ORG"]);
    }

    #[test]
    fn a_name_before_a_place_noun_is_a_place() {
        let text = "Peace in the disputed Karabakhia region is near. Autonomy for Karabakhia \
                    was offered. Farmers in Huizo county rose. The Kurdic region and the \
                    Himalayan region were calm.";
        let got = run(
            text,
            &[
                ("Karabakhia", "ORG", 0.6),
                ("Karabakhia#2", "PER", 0.5),
                ("Kurdic", "MISC", 0.9),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("Karabakhia", "LOC"),
                ("Karabakhia", "LOC"),
                ("Huizo", "LOC"),
                ("Kurdic", "MISC"),
            ])
        );
    }

    #[test]
    fn a_state_abbreviation_after_a_town_is_a_place() {
        let text = "KIRKLAND , Wash . 1996-08-26\nPlants in Creedmoor , N.C. ; and Glenview , \
                    Ill.-based units. He will wash , Pa said.";
        let got = run(text, &[("KIRKLAND", "LOC", 0.9), ("Creedmoor", "LOC", 0.9)]);
        assert_eq!(
            got,
            owned(&[
                ("KIRKLAND", "LOC"),
                ("Wash", "LOC"),
                ("Creedmoor", "LOC"),
                ("N.C.", "LOC"),
            ])
        );
    }

    #[test]
    fn a_name_ending_in_a_place_noun_is_a_place() {
        let text = "She went to Taipa University Hospital near the Allenbo Bridge , then to \
                    Hospital Smith and Bridge Capital Inc. , Israil Radio said , at Columbo \
                    University .";
        let got = run(
            text,
            &[
                ("Taipa University Hospital", "ORG", 0.7),
                ("Allenbo Bridge", "PER", 0.6),
                ("Hospital Smith", "PER", 0.9),
                ("Bridge Capital Inc.", "ORG", 0.9),
                ("Israil Radio", "LOC", 0.7),
                ("Columbo University", "LOC", 0.9),
            ],
        );
        let labels: Vec<&str> = got.iter().map(|(_, l)| *l).collect();
        assert_eq!(labels, vec!["LOC", "LOC", "PER", "ORG", "ORG", "ORG"]);
    }

    #[test]
    fn a_missed_name_after_the_town_of_is_a_place_in_every_mention() {
        let text = "Troops near Pokrovna\nForces held the eastern town of Pokrovna on Monday. \
                    Police in the town of Uyoro Beach said Pokrovna was calm. Pokrovnaya fell.";
        let got = run(text, &[("Pokrovna", "MISC", 0.5)]);
        assert_eq!(
            got,
            owned(&[
                ("Pokrovna", "LOC"),
                ("Pokrovna", "LOC"),
                ("Uyoro Beach", "LOC"),
                ("Pokrovna", "LOC"),
            ])
        );
    }
}
