//! Mention clusters: mentions of one entity share an id ("Li Qiang" / "Li", "United Nations"
//! / "UN", repeated mentions). Ids count up from 0 in order of first mention.

/// One mention, as the clustering sees it.
#[derive(Debug, Clone)]
pub struct Mention<'a> {
    /// The mention's words, in order.
    pub words: Vec<&'a str>,
    pub label: &'a str,
}

/// Function words skipped when an acronym is formed ("Bank of England" → "BOE" is not
/// written, "BoE" and "BE" are rare; "United Nations" → "UN").
const SKIPPED_IN_ACRONYMS: &[&str] =
    &["of", "the", "and", "for", "on", "in", "&", "de", "du", "la"];

/// The initials of a multi-word name, upper case ("World Artificial Intelligence
/// Conference" → "WAIC").
pub fn acronym(words: &[&str]) -> Option<String> {
    if words.len() < 2 {
        return None;
    }
    let mut out = String::new();
    for w in words {
        if SKIPPED_IN_ACRONYMS.contains(&w.to_lowercase().as_str()) {
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

fn is_acronym_form(word: &str) -> bool {
    let letters: String = word.chars().filter(|c| *c != '.').collect();
    letters.chars().count() >= 2 && letters.chars().all(|c| c.is_uppercase())
}

/// Returns, for each mention, its cluster id and the label its cluster settles on.
///
/// Rules, in order: the same words (case-insensitive) and label; a one-word mention that is
/// the first or last word of an earlier person's name (then it is a person too); an
/// all-capitals mention that is the acronym of an earlier or later multi-word name (then it
/// takes that name's label).
pub fn cluster<'a>(mentions: &[Mention<'a>]) -> Vec<(usize, &'a str)> {
    let keys: Vec<String> = mentions
        .iter()
        .map(|m| m.words.join(" ").to_lowercase())
        .collect();
    let acronyms: Vec<Option<String>> = mentions.iter().map(|m| acronym(&m.words)).collect();
    let mut out: Vec<(usize, &'a str)> = Vec::with_capacity(mentions.len());
    let mut next_id = 0;
    for (i, m) in mentions.iter().enumerate() {
        let mut found: Option<(usize, &'a str)> = None;
        // The most recent matching mention wins: "Li" after two Lis means the nearer one.
        for j in (0..i).rev() {
            if keys[j] == keys[i] && mentions[j].label == m.label {
                found = Some(out[j]);
                break;
            }
        }
        if found.is_none() && m.words.len() == 1 {
            let w = m.words[0].to_lowercase();
            for j in (0..i).rev() {
                let other = &mentions[j];
                let person = out[j].1 == "PER";
                if person && other.words.len() > 1 {
                    let first = other.words[0].to_lowercase();
                    let last = other.words[other.words.len() - 1].to_lowercase();
                    if w == first || w == last {
                        found = Some(out[j]);
                        break;
                    }
                }
            }
        }
        if found.is_none() && m.words.len() == 1 && is_acronym_form(m.words[0]) {
            let letters: String = m.words[0].chars().filter(|c| *c != '.').collect();
            // An expansion may come before or after the acronym.
            if let Some(j) =
                (0..mentions.len()).find(|&j| acronyms[j].as_deref() == Some(letters.as_str()))
            {
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
                for j in 0..i {
                    if mentions[j].words.len() == 1 {
                        let letters: String =
                            mentions[j].words[0].chars().filter(|c| *c != '.').collect();
                        if &letters == acr {
                            // Only if the acronym has no other expansion yet ("UN" after
                            // "Upper Nile" is not "United Nations"), and with the cluster's
                            // label: one entity, one type.
                            let cluster = out[j].0;
                            let taken = (0..i).any(|k| {
                                out[k].0 == cluster
                                    && mentions[k].words.len() > 1
                                    && keys[k] != keys[i]
                            });
                            if !taken {
                                found = Some(out[j]);
                            }
                            break;
                        }
                    }
                }
            }
        }
        let entry = found.unwrap_or_else(|| {
            next_id += 1;
            (next_id - 1, m.label)
        });
        out.push(entry);
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
