//! The shipped tagger's known-word filter (built in Python by train/known_words.py, read in
//! Rust): words of CoNLL train keep their word rows, words it never had lose them.

use article_annotator::classifier::{Model, NO_ROW};
use article_annotator::features::{self, NUM_FEATURES};
use article_annotator::tokens;

#[test]
fn words_outside_the_training_vocabulary_read_no_word_rows() {
    let model = Model::embedded().unwrap();
    let known = model
        .known_words
        .as_ref()
        .expect("the shipped tagger has a known-word filter");
    // Frequent words of 1996 Reuters news, then words that did not exist in it.
    let text = "Germany said the government would sell shares . Zelenskyy blogged on Bluesky";
    let tokenized = tokens::tokenize(text);
    let mut ids = features::extract(text, &tokenized, &model.header.tables, &model.lexicon);
    let before = ids.clone();
    known.drop_unknown(&mut ids, NUM_FEATURES);
    let words: Vec<&str> = tokenized.tokens.iter().map(|t| t.text(text)).collect();
    for (i, word) in words.iter().enumerate() {
        let (row, was) = (&ids[i * NUM_FEATURES..], &before[i * NUM_FEATURES..]);
        let dropped = row[0] == NO_ROW && row[1] == NO_ROW;
        let unknown = ["Zelenskyy", "blogged", "Bluesky"].contains(word);
        assert_eq!(dropped, unknown, "{word}");
        // Prefix, suffix, shape, kind, lexicon and cue rows are never touched.
        assert_eq!(row[2..NUM_FEATURES], was[2..NUM_FEATURES], "{word}");
    }
}

#[test]
fn the_taggers_filter_leaves_the_claim_models_rows_alone() {
    use article_annotator::Pipeline;
    let text = "Zelenskyy urged Bluesky to ban the accounts, the ministry said on Monday.";
    let with_filter = Pipeline::embedded().unwrap();
    let mut tagger = Model::embedded().unwrap();
    tagger.known_words = None;
    let without = Pipeline::with_claims(tagger, Model::embedded_claims().unwrap()).unwrap();
    let (a, b) = (with_filter.score(text), without.score(text));
    // The tagger reads other rows for the unknown words, so its scores move ...
    assert_ne!(a.scores, b.scores);
    // ... while the claim model, which has no filter of its own, reads every word's rows.
    assert!(Model::embedded_claims().unwrap().known_words.is_none());
    assert_eq!(a.claim_votes, b.claim_votes);
    assert!(!a.claim_votes.is_empty());
}

#[test]
fn a_claim_models_own_filter_applies_to_its_rows_only() {
    use article_annotator::Pipeline;
    let text = "Zelenskyy urged Bluesky to ban the accounts, the ministry said on Monday.";
    // A tagger without its filter, so that a filter leaking into its ids would show.
    let tagger = || {
        let mut t = Model::embedded().unwrap();
        t.known_words = None;
        t
    };
    let plain = Pipeline::with_claims(tagger(), Model::embedded_claims().unwrap()).unwrap();
    // The claim model given a filter of its own (the tagger's, which it was not trained with).
    let mut claims = Model::embedded_claims().unwrap();
    claims.known_words = Model::embedded().unwrap().known_words;
    assert!(claims.known_words.is_some());
    let filtered = Pipeline::with_claims(tagger(), claims).unwrap();
    let (a, b) = (plain.score(text), filtered.score(text));
    // The unknown words lose their rows in the claim model, so its votes move ...
    assert_ne!(a.claim_votes, b.claim_votes);
    // ... and the tagger, which reads its own copy of the ids, scores exactly as before.
    assert_eq!(a.scores, b.scores);
}
