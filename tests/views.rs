//! The tagger's two views of a text: as it is, and without its prefix and suffix rows; the
//! pipeline decodes 0.6 × the first view's tag scores + 0.4 × the second's (src/pipeline.rs).

use article_annotator::classifier::{cpu, Model, NO_ROW};
use article_annotator::features::{self, NUM_FEATURES};
use article_annotator::{tokens, Pipeline};

#[test]
fn the_second_view_drops_the_affix_rows_only() {
    let model = Model::embedded().unwrap();
    let text = "Nvidia's Jensen Huang spoke in Taipei on Monday.";
    let tokenized = tokens::tokenize(text);
    let ids = features::extract(text, &tokenized, &model.header.tables, &model.lexicon);
    let view = features::affix_free(&ids);
    assert_eq!(view.len(), ids.len());
    for (row, was) in view
        .chunks_exact(NUM_FEATURES)
        .zip(ids.chunks_exact(NUM_FEATURES))
    {
        assert_eq!(row[2], NO_ROW);
        assert_eq!(row[3], NO_ROW);
        assert_ne!(was[2], NO_ROW);
        assert_eq!(row[..2], was[..2]);
        assert_eq!(row[4..], was[4..]);
    }
}

#[test]
fn the_tag_scores_are_the_weighted_mean_of_the_two_views() {
    let pipeline = Pipeline::embedded().unwrap();
    let model = pipeline.model();
    // One chunk, no headline to recase: the ids below are exactly what the pipeline reads.
    let text = "Zelenskyy met Olaf Scholz in Berlin on Monday, the ministry said.";
    let tokenized = tokens::tokenize(text);
    let mut ids = features::extract(text, &tokenized, &model.header.tables, &model.lexicon);
    if let Some(known) = &model.known_words {
        known.drop_unknown(&mut ids, NUM_FEATURES);
    }
    let first = cpu::forward(model, &ids, NUM_FEATURES);
    let second = cpu::forward(model, &features::affix_free(&ids), NUM_FEATURES);
    // The views disagree, so the mean is not either of them.
    assert_ne!(first, second);
    let scored = pipeline.score(text);
    assert_eq!(scored.scores.len(), first.len());
    for ((got, a), b) in scored.scores.iter().zip(&first).zip(&second) {
        let want = 0.6 * a + 0.4 * b;
        assert!(
            (got - want).abs() <= 1e-5 * (1.0 + want.abs()),
            "{got} vs {want}"
        );
    }
}
