//! The claim model as the pipeline runs it: how it is attached to the tagger, and what it calls
//! a claim on invented news sentences (not taken from any data set).

use article_annotator::classifier::{ClaimPool, Model};
use article_annotator::Pipeline;

#[test]
fn the_embedded_pipeline_has_a_matching_claim_model() {
    let pipeline = Pipeline::embedded().unwrap();
    let claims = pipeline.claim_model().expect("a claim model ships");
    assert!(claims.is_claim_model());
    // The same rows; only the tagger reads the document-case bits, and only the claim model
    // the register bit (in a cue table of its own).
    let (tagger_tables, claim_tables) = (&pipeline.model().header.tables, &claims.header.tables);
    assert_eq!(
        claim_tables.rows_before_cue(),
        tagger_tables.rows_before_cue()
    );
    assert_eq!((claim_tables.doc_case, claim_tables.register), (0, 1));
    assert_eq!(tagger_tables.register, 0);
    assert!((0.0..1.0).contains(&claims.header.claim_threshold));
}

#[test]
fn a_claim_model_that_does_not_fit_is_refused() {
    let tagger = Model::embedded().unwrap();
    // The tagger is not a claim model (it has tags).
    let err = Pipeline::with_claims(tagger.clone(), tagger.clone())
        .err()
        .expect("refused");
    assert!(err.to_string().contains("not a claim model"), "{err}");
    // A claim model trained on other feature tables would read the wrong rows.
    let mut other = Model::embedded_claims().unwrap();
    other.header.tables.word += 1;
    let err = Pipeline::with_claims(tagger, other).err().expect("refused");
    assert!(err.to_string().contains("other feature tables"), "{err}");
}

#[test]
fn a_claim_model_without_the_document_case_bits_reads_its_own_features() {
    let text = "BANK URGES CUTS\nThe central bank urged the government to cut spending, \
                Bank officials said on Monday.";
    let claims = Model::embedded_claims().unwrap();
    let mut taggers = [Model::embedded().unwrap(), Model::embedded().unwrap()];
    taggers[0].header.tables.doc_case = 0;
    taggers[1].header.tables.doc_case = 1;
    let scored: Vec<_> = taggers
        .into_iter()
        .map(|tagger| {
            let mut claims = claims.clone();
            claims.header.tables.doc_case = 0;
            Pipeline::with_claims(tagger, claims).unwrap().score(text)
        })
        .collect();
    // The claim votes come from the claim model's own features: identical either way.
    assert_eq!(scored[0].claim_votes, scored[1].claim_votes);
    assert!(!scored[0].claim_votes.is_empty());
    // The tagger reads other rows with the bits on, so its scores move.
    assert_ne!(scored[0].scores, scored[1].scores);
}

#[test]
fn pooling_changes_the_scores_not_the_sentences() {
    let text = "The minister urged parliament to ban the sale of fireworks. It rained in the city.";
    let mut claims = Model::embedded_claims().unwrap();
    let mean = Pipeline::with_claims(Model::embedded().unwrap(), claims.clone())
        .unwrap()
        .annotate(text);
    claims.header.claim_pool = ClaimPool::Max;
    let max = Pipeline::with_claims(Model::embedded().unwrap(), claims)
        .unwrap()
        .annotate(text);
    // The max of the votes is at least their mean: every claim of mean pooling is kept.
    for c in &mean.claims {
        let m = max
            .claims
            .iter()
            .find(|m| m.start == c.start)
            .expect("kept");
        assert!(m.score >= c.score - 1e-6);
    }
}

/// (sentence, is it a policy claim) — invented news sentences in the register of the issue's
/// definition: advocacy, proposals, demands, announced plans, commitments, criticism, warnings
/// are claims; events, actions already taken, figures and descriptions are not.
const TABLE: &[(&str, bool)] = &[
    (
        "Prime Minister Jane Doe called for a ban on single-use plastics.",
        true,
    ),
    (
        "The union urged the government to raise the minimum wage.",
        true,
    ),
    (
        "Senator Alan Brooks said the tax cuts should be reversed next year.",
        true,
    ),
    (
        "The European Commission plans to tighten rules on data brokers.",
        true,
    ),
    (
        "The governor vowed to veto any bill that cuts school funding.",
        true,
    ),
    (
        "Opposition leader Maria Lopez criticised the plan as reckless.",
        true,
    ),
    (
        "Health Minister Tom Reid warned that closing the clinics would put patients at risk.",
        true,
    ),
    (
        "The mayor announced the city will build 5,000 affordable homes by 2030.",
        true,
    ),
    ("The bridge was opened to traffic on Monday.", false),
    ("Police arrested 12 people after the match.", false),
    (
        "The company's shares rose 3 percent to 41.20 dollars.",
        false,
    ),
    ("The conference attracted over 800 companies.", false),
    (
        "Heavy rain flooded several streets in the north of the city.",
        false,
    ),
    (
        "The minister arrived in Paris on Tuesday for a two-day visit.",
        false,
    ),
    ("Unemployment fell to 4.1 percent in March.", false),
    ("The museum holds more than 2,000 paintings.", false),
];

#[test]
fn invented_claims_and_non_claims() {
    let pipeline = Pipeline::embedded().unwrap();
    let mut wrong = Vec::new();
    for &(sentence, expected) in TABLE {
        let found = pipeline.annotate(sentence);
        let got = !found.claims.is_empty();
        if got != expected {
            let score = found.claims.first().map(|c| c.score);
            wrong.push(format!(
                "{sentence:?}: expected {expected}, got {got} ({score:?})"
            ));
        }
    }
    // A statistical model: most of the table, not every row. A regression shows up here.
    assert!(
        wrong.len() <= 2,
        "{} of {} sentences wrong:\n{}",
        wrong.len(),
        TABLE.len(),
        wrong.join("\n")
    );
    // The claims that are found carry a cue and, where an actor is named, the speaker.
    let found = pipeline.annotate("The union urged the government to raise the minimum wage.");
    let claim = found.claims.first().expect("a claim");
    assert!(claim.cue.is_some());
}

/// A text in its writer's own voice (a public comment, a letter) is read by the comment
/// convention: the writer's own proposal is a claim with no named speaker. The same proposal
/// in a news report is attributed to the actor who made it.
#[test]
fn a_comment_in_its_writers_own_voice_and_a_report_of_the_same_proposal() {
    let pipeline = Pipeline::embedded().unwrap();
    let comment = "The bureau should cap late fees on student loans. Many borrowers cannot pay \
                   them. The fees are unfair and they hurt families.";
    let found = pipeline.annotate(comment);
    let proposal = found
        .claims
        .iter()
        .find(|c| c.start == 0)
        .expect("the proposal is a claim");
    assert!(proposal.speaker.is_none(), "{proposal:?}");
    let report = "Senator Alan Brooks said the bureau should cap late fees. Many borrowers \
                  cannot pay them, he said. The fees are unfair and hurt families, Brooks told \
                  reporters.";
    let found = pipeline.annotate(report);
    let claim = found
        .claims
        .iter()
        .find(|c| c.start == 0)
        .expect("the reported proposal is a claim");
    let speaker = claim.speaker.as_ref().expect("a speaker");
    assert_eq!(&report[speaker.start..speaker.end], "Alan Brooks");
}

/// A comment's sentence that states a course of action in its writer's own voice is a claim
/// even where the model's vote is low ("need to be banned", "I recommend"); its other
/// sentences keep the model's vote.
#[test]
fn a_comments_courses_of_action_are_claims() {
    let pipeline = Pipeline::embedded().unwrap();
    let comment = "Debt collectors call me at work every day. Robo calls by debt collectors \
                   need to be banned outright. I recommend a rule that limits calls to one a \
                   week. The calls started in May.";
    let found = pipeline.annotate(comment);
    let starts = |needle: &str| comment.find(needle).unwrap();
    for needle in ["Robo calls", "I recommend"] {
        let claim = found
            .claims
            .iter()
            .find(|c| c.start == starts(needle))
            .unwrap_or_else(|| panic!("{needle:?} is a claim: {:?}", found.claims));
        assert!(claim.score >= 0.9, "{claim:?}");
    }
    assert!(
        !found
            .claims
            .iter()
            .any(|c| c.start == starts("The calls started")),
        "{:?}",
        found.claims
    );
}
