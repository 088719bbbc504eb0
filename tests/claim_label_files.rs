//! The committed claim label files (`data/claims/*.tsv`) are well formed and keep their sets apart:
//! the evaluation-only fresh and general-news sets never share a document with the news set that
//! the claim model is trained and chosen on. Needs no `../shared` (labels only; `data/claims/check.py`
//! also checks them against the CoNLL text).

use std::collections::{HashMap, HashSet};

const HEADER: &str = "split\tfile\tdoc\tsentence\tlabel\tspeaker\tcue";

/// (split, file, doc, sentence, label, speaker, cue) rows of one label file.
fn rows(name: &str) -> Vec<[String; 7]> {
    let path = format!("{}/data/claims/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEADER), "{name}: header");
    lines
        .enumerate()
        .map(|(i, line)| {
            let cols: Vec<String> = line.split('\t').map(str::to_string).collect();
            cols.try_into()
                .unwrap_or_else(|c: Vec<String>| panic!("{name}:{}: {} columns", i + 2, c.len()))
        })
        .collect()
}

/// Checks one file's rows: the allowed (split, file) pairs, labels, a cue on every claim and
/// nothing on a none, each sentence once, and each document's sentences numbered 0..n.
/// Returns its documents.
fn check(name: &str, allowed: &[(&str, &str)]) -> HashSet<(String, u32)> {
    let mut seen = HashSet::new();
    let mut sentences: HashMap<(String, u32), Vec<u32>> = HashMap::new();
    let mut claims = 0;
    for (i, [split, file, doc, sentence, label, speaker, cue]) in rows(name).iter().enumerate() {
        let at = format!("{name}:{}", i + 2);
        assert!(
            allowed.contains(&(split.as_str(), file.as_str())),
            "{at}: split {split} on file {file}"
        );
        let doc: u32 = doc.parse().unwrap_or_else(|_| panic!("{at}: doc {doc:?}"));
        let sentence: u32 = sentence
            .parse()
            .unwrap_or_else(|_| panic!("{at}: sentence {sentence:?}"));
        assert!(
            seen.insert((file.clone(), doc, sentence)),
            "{at}: duplicate"
        );
        sentences
            .entry((file.clone(), doc))
            .or_default()
            .push(sentence);
        match label.as_str() {
            "claim" => {
                claims += 1;
                assert!(!cue.is_empty(), "{at}: a claim needs its cue");
            }
            "none" => assert!(
                speaker.is_empty() && cue.is_empty(),
                "{at}: a none row has no speaker or cue"
            ),
            other => panic!("{at}: label {other:?}"),
        }
    }
    assert!(claims > 0, "{name}: no claims");
    for ((file, doc), mut got) in sentences.clone() {
        got.sort_unstable();
        let want: Vec<u32> = (0..got.len() as u32).collect();
        assert_eq!(got, want, "{name}: {file} {doc} misses sentences");
    }
    sentences.into_keys().collect()
}

#[test]
fn label_files_are_well_formed_and_their_sets_share_no_document() {
    let news = check(
        "news_claims.tsv",
        &[
            ("train", "train"),
            ("dev", "train"),
            ("test", "train"),
            ("train", "valid"),
            ("dev", "valid"),
            ("test", "valid"),
        ],
    );
    let fresh = check(
        "news_claims_fresh.tsv",
        &[("fresh", "test"), ("fresh2", "test")],
    );
    let general = check(
        "news_claims_general.tsv",
        &[("general", "train"), ("general", "valid")],
    );
    let shared: Vec<_> = general.intersection(&news).collect();
    assert!(
        shared.is_empty(),
        "general-news documents in the news set: {shared:?}"
    );
    assert!(
        fresh.iter().all(|(file, _)| file == "test"),
        "the fresh sets hold CoNLL test documents only"
    );
    assert!(
        news.iter().all(|(file, _)| file != "test"),
        "the news set never holds CoNLL test documents"
    );
}
