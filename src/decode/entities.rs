//! Scores → entities: constrained decoding per sentence, span clean-up, the document's label
//! vote, the document rules, mention clusters, and names joined to their bracketed acronyms.

use super::rules;
use super::{
    clusters, consistency, spans, Entity, SentenceDecoder, TagSet, TokenSpan, Transitions,
};
use crate::switches::RuleSwitches;
use crate::tokens::Tokenized;
use std::collections::HashMap;

/// What decoding needs of the tagger: its tags and their transition scores, how many scores
/// each token has, and the labels the product does not show.
pub struct Tagging<'a> {
    pub tags: &'a TagSet,
    pub transitions: Transitions<'a>,
    /// Tags per token, and scores per token (the tags first, then the model's other outputs).
    pub num_tags: usize,
    pub stride: usize,
    pub hidden: &'a [&'a str],
}

/// The entities of a text from its tokens and the tagger's scores (`stride` per token), with
/// the rules of `switches` on.
pub fn entities(
    text: &str,
    tokenized: &Tokenized,
    scores: &[f32],
    tagging: &Tagging,
    switches: &RuleSwitches,
) -> Vec<Entity> {
    let toks = &tokenized.tokens;
    let person = tagging.tags.labels.iter().position(|l| l == "PER");
    let stride = tagging.stride;
    let t = tagging.num_tags;
    let mut found: Vec<TokenSpan> = Vec::new();
    let mut tag_scores = Vec::new();
    let mut decoder = SentenceDecoder::new(tagging.tags, &tagging.transitions);
    for sentence in &tokenized.sentences {
        let range = sentence.tokens.clone();
        let rows = &scores[range.start * stride..range.end * stride];
        let sentence_scores = if stride == t {
            rows
        } else {
            tag_scores.clear();
            for row in rows.chunks_exact(stride) {
                tag_scores.extend_from_slice(&row[..t]);
            }
            &tag_scores[..]
        };
        for mut span in decoder.tag_sentence(sentence_scores) {
            span.start += range.start;
            span.end += range.start;
            found.extend(spans::trim(text, toks, span, person));
        }
    }
    found.retain(|s| {
        let words = &toks[s.start..s.end];
        spans::has_letters(text, words) && spans::has_no_address(words)
    });
    if switches.is_on(consistency::DOCUMENT_VOTE) {
        consistency::vote_labels(text, toks, &mut found);
    }
    rules::apply(
        text,
        tokenized,
        &mut found,
        rules::Labels::find(&tagging.tags.labels),
        switches,
    );
    found.retain(|s| {
        !tagging
            .hidden
            .contains(&tagging.tags.labels[s.label].as_str())
    });
    let mentions: Vec<clusters::Mention> = found
        .iter()
        .map(|s| clusters::Mention {
            words: toks[s.start..s.end]
                .iter()
                .map(|tk| tk.text(text))
                .collect(),
            label: tagging.tags.labels[s.label].as_str(),
        })
        .collect();
    let assigned = clusters::cluster(&mentions);
    let mut entities: Vec<Entity> = found
        .iter()
        .zip(assigned)
        .map(|(s, (cluster, label))| Entity {
            start: toks[s.start].start,
            end: toks[s.end - 1].end,
            label: label.to_string(),
            score: s.score,
            cluster,
            source: s.source,
        })
        .collect();
    bracket_aliases(text, &mut entities);
    entities
}

/// An acronym defined in brackets right after a name is that name, whatever its letters: "the
/// Rally for the Return of Refugees and Democracy in Rwanda ( RDR )" puts every "RDR" in the
/// name's cluster (the acronym of a name in another language matches none of its words). Only
/// names of one label are joined; clusters are then renumbered densely in order of first
/// mention.
fn bracket_aliases(text: &str, entities: &mut [Entity]) {
    let acronym_like = |s: &str| {
        let caps = s.chars().filter(char::is_ascii_uppercase).count();
        (2..=8).contains(&s.len())
            && caps >= 2
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c == '.' || c == '-')
    };
    let mut into: HashMap<usize, usize> = HashMap::new();
    for i in 1..entities.len() {
        let (a, b) = (&entities[i - 1], &entities[i]);
        let (Some(gap), Some(after), Some(short), Some(long)) = (
            text.get(a.end..b.start),
            text.get(b.end..),
            text.get(b.start..b.end),
            text.get(a.start..a.end),
        ) else {
            continue;
        };
        if gap.trim() == "("
            && after.trim_start().starts_with(')')
            && acronym_like(short)
            && long.split_whitespace().count() >= 2
            && a.label == b.label
            && a.cluster != b.cluster
        {
            let target = *into.get(&a.cluster).unwrap_or(&a.cluster);
            into.entry(b.cluster).or_insert(target);
        }
    }
    if into.is_empty() {
        return;
    }
    let mut dense: HashMap<usize, usize> = HashMap::new();
    for e in entities.iter_mut() {
        let merged = *into.get(&e.cluster).unwrap_or(&e.cluster);
        let next = dense.len();
        e.cluster = *dense.entry(merged).or_insert(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::FROM_MODEL;

    fn entity(text: &str, word: &str, label: &str, cluster: usize) -> Entity {
        let start = text.find(word).expect("in text");
        Entity {
            start,
            end: start + word.len(),
            label: label.to_string(),
            score: 1.0,
            cluster,
            source: FROM_MODEL,
        }
    }

    #[test]
    fn an_acronym_in_brackets_joins_its_name() {
        let text = "The Rally for Return ( RFR ) met Oxfam . Later the RFR said so .";
        let later = text.rfind("RFR").unwrap();
        let mut ents = vec![
            entity(text, "Rally for Return", "ORG", 0),
            entity(text, "RFR", "ORG", 1),
            entity(text, "Oxfam", "ORG", 2),
            Entity {
                start: later,
                end: later + 3,
                label: "ORG".to_string(),
                score: 1.0,
                cluster: 1,
                source: FROM_MODEL,
            },
        ];
        bracket_aliases(text, &mut ents);
        let clusters: Vec<usize> = ents.iter().map(|e| e.cluster).collect();
        // Dense again, in order of first mention.
        assert_eq!(clusters, vec![0, 0, 1, 0]);
        // A bracket that is not right after a name, or a label that differs, joins nothing.
        let text = "Oxfam met the Rally ( RFR ) today .";
        let mut ents = vec![
            entity(text, "Oxfam", "ORG", 0),
            entity(text, "Rally", "PER", 1),
            entity(text, "RFR", "ORG", 2),
        ];
        bracket_aliases(text, &mut ents);
        assert_eq!(
            ents.iter().map(|e| e.cluster).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
    }
}
