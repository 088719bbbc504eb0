//! Mention clusters: mentions of one entity share an id ("Li Qiang" / "Li", "United Nations"
//! / "UN", "U.S." / "US", "Pirelli SpA" / "Pirelli", repeated mentions). Ids count up from 0 in
//! order of first mention.

use crate::lexicon;
use std::collections::HashMap;

/// One mention, as the clustering sees it.
#[derive(Debug, Clone)]
pub struct Mention<'a> {
    /// The mention's words, in order.
    pub words: Vec<&'a str>,
    pub label: &'a str,
}

/// The initials of a multi-word name, upper case ("World Artificial Intelligence
/// Conference" → "WAIC").
pub fn acronym(words: &[&str]) -> Option<String> {
    if words.len() < 2 {
        return None;
    }
    let mut out = String::new();
    for w in words {
        if lexicon::SKIPPED_IN_ACRONYMS.contains(w.to_lowercase().as_str()) {
            continue;
        }
        for part in w.split('-') {
            let c = part.chars().next()?;
            if !c.is_uppercase() {
                return None;
            }
            out.push(c);
        }
    }
    (out.chars().count() >= 2).then_some(out)
}

/// The words by which two mentions of one label are the same name: lower case, an acronym
/// without its periods ("U.S." is "us", as "US" is), a company without its company form at the
/// end ("Pirelli SpA" is "pirelli").
fn same_name_key(words: &[&str]) -> String {
    if let [word] = words {
        if is_acronym_form(word) {
            return word.replace('.', "").to_lowercase();
        }
    }
    let mut words = words;
    if let [name @ .., last] = words {
        let form = last.trim_end_matches('.').to_lowercase();
        if !name.is_empty() && lexicon::COMPANY_SUFFIXES.contains(form.as_str()) {
            words = name;
        }
    }
    words.join(" ").to_lowercase()
}

fn is_acronym_form(word: &str) -> bool {
    let letters: String = word.chars().filter(|c| *c != '.').collect();
    letters.chars().count() >= 2 && letters.chars().all(|c| c.is_uppercase())
}

/// Returns, for each mention, its cluster id and the label its cluster settles on.
///
/// Rules, in order: the same name and label ([`same_name_key`]: case, an acronym's periods and
/// a company form aside); a one-word mention that is
/// the first or last word of an earlier person's name (then it is a person too); an
/// all-capitals mention that is the acronym of an earlier or later multi-word name (then it
/// takes that name's label).
pub fn cluster<'a>(mentions: &[Mention<'a>]) -> Vec<(usize, &'a str)> {
    // Every rule looks its candidates up in a map, so that a 10 MB text with hundreds of
    // thousands of mentions clusters in linear time; the answers are those of scanning the
    // earlier mentions nearest first.
    let keys: Vec<String> = mentions.iter().map(|m| same_name_key(&m.words)).collect();
    let acronyms: Vec<Option<String>> = mentions.iter().map(|m| acronym(&m.words)).collect();
    // The first mention whose expansion spells each acronym.
    let mut first_expansion: HashMap<&str, usize> = HashMap::new();
    for (j, a) in acronyms.iter().enumerate() {
        if let Some(a) = a {
            first_expansion.entry(a.as_str()).or_insert(j);
        }
    }
    // The latest cluster of each (words, label); of each first or last word of a person's name;
    // the first one-word mention of each acronym's letters; the names of more than one word in
    // each cluster.
    let mut same_words: HashMap<(&str, &str), (usize, &'a str)> = HashMap::new();
    let mut name_parts: HashMap<String, (usize, &'a str)> = HashMap::new();
    let mut first_short: HashMap<String, usize> = HashMap::new();
    let mut long_names: HashMap<usize, Vec<&str>> = HashMap::new();
    let mut out: Vec<(usize, &'a str)> = Vec::with_capacity(mentions.len());
    let mut next_id = 0;
    for (i, m) in mentions.iter().enumerate() {
        let mut found: Option<(usize, &'a str)> =
            same_words.get(&(keys[i].as_str(), m.label)).copied();
        let letters: Option<String> =
            (m.words.len() == 1).then(|| m.words[0].chars().filter(|c| *c != '.').collect());
        if found.is_none() && m.words.len() == 1 {
            // A one-word mention that is the first or last word of an earlier person's name.
            found = name_parts.get(&m.words[0].to_lowercase()).copied();
        }
        if found.is_none() && m.words.len() == 1 && is_acronym_form(m.words[0]) {
            let letters = letters.as_deref().expect("one word");
            // An expansion may come before or after the acronym.
            if let Some(&j) = first_expansion.get(letters) {
                if j < i {
                    found = Some(out[j]);
                } else {
                    // The expansion comes later: it will join this cluster, with its label.
                    found = Some((next_id, mentions[j].label));
                    next_id += 1;
                }
            }
        }
        if found.is_none() {
            if let Some(acr) = &acronyms[i] {
                // An acronym seen earlier whose cluster was opened for this expansion.
                if let Some(&j) = first_short.get(acr) {
                    // Only if the acronym has no other expansion yet ("UN" after "Upper Nile" is
                    // not "United Nations"), and with the cluster's label: one entity, one type.
                    let cluster = out[j].0;
                    let taken = long_names
                        .get(&cluster)
                        .is_some_and(|names| names.iter().any(|k| *k != keys[i]));
                    if !taken {
                        found = Some(out[j]);
                    }
                }
            }
        }
        let entry = found.unwrap_or_else(|| {
            next_id += 1;
            (next_id - 1, m.label)
        });
        out.push(entry);
        same_words.insert((keys[i].as_str(), m.label), entry);
        if m.words.len() > 1 {
            if entry.1 == "PER" {
                for w in [m.words[0], m.words[m.words.len() - 1]] {
                    name_parts.insert(w.to_lowercase(), entry);
                }
            }
            let names = long_names.entry(entry.0).or_default();
            if !names.contains(&keys[i].as_str()) {
                names.push(keys[i].as_str());
            }
        } else if let Some(letters) = letters {
            first_short.entry(letters).or_insert(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m<'a>(text: &'a str, label: &'a str) -> Mention<'a> {
        Mention {
            words: text.split(' ').collect(),
            label,
        }
    }

    #[test]
    fn dotted_and_undotted_acronyms_and_company_forms_are_one_name() {
        let ms = [
            m("U.S.", "LOC"),
            m("US", "LOC"),
            m("U.K.", "LOC"),
            m("UK", "LOC"),
            m("UN", "ORG"),
            m("U.N.", "ORG"),
            m("Pirelli SpA", "ORG"),
            m("Pirelli", "ORG"),
            m("Magna International Inc.", "ORG"),
            m("Magna International", "ORG"),
            m("US", "ORG"),
            m("Inc", "ORG"),
        ];
        let ids: Vec<usize> = cluster(&ms).iter().map(|g| g.0).collect();
        assert_eq!(ids, vec![0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6]);
    }

    #[test]
    fn an_acronym_and_its_expansion_anywhere_are_one_cluster_with_dots_or_without() {
        let ms = [
            m("U.N.", "ORG"),
            m("Geneva", "LOC"),
            m("United Nations", "ORG"),
            m("UN", "ORG"),
        ];
        let ids: Vec<usize> = cluster(&ms).iter().map(|g| g.0).collect();
        assert_eq!(ids, vec![0, 1, 0, 0]);
    }

    #[test]
    fn acronyms_skip_function_words() {
        assert_eq!(acronym(&["United", "Nations"]).as_deref(), Some("UN"));
        assert_eq!(acronym(&["Bank", "of", "England"]).as_deref(), Some("BE"));
        assert_eq!(
            acronym(&["World", "Artificial", "Intelligence", "Conference"]).as_deref(),
            Some("WAIC")
        );
        assert_eq!(acronym(&["Li"]), None);
    }

    #[test]
    fn surnames_and_acronyms_join_their_names() {
        let ms = [
            m("Li Qiang", "PER"),
            m("World Artificial Intelligence Conference", "ORG"),
            m("WAIC", "ORG"),
            m("Li", "LOC"),
            m("Donald Trump", "PER"),
            m("Trump", "ORG"),
            m("UN", "ORG"),
            m("United Nations", "ORG"),
            m("Shanghai", "LOC"),
            m("shanghai", "LOC"),
        ];
        let got = cluster(&ms);
        let ids: Vec<usize> = got.iter().map(|g| g.0).collect();
        assert_eq!(ids, vec![0, 1, 1, 0, 2, 2, 3, 3, 4, 4]);
        assert_eq!(got[3].1, "PER", "a surname of a person is a person");
        assert_eq!(got[5].1, "PER");
    }
}
