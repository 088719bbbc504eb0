//! The speaker ranker: its weights file (round trip, mismatch errors), the candidates and their
//! named features, and speakers of the kinds the rule chain got wrong on real articles (a role
//! noun, a pronoun, a dateline, a quote over two sentences, two coordinated speakers).

use article_annotator::claims::speakers::candidates::{
    feature_names, speaker_candidates, Candidate,
};
use article_annotator::claims::{find_cue, SpeakerRanker, RANKER_SWITCH};
use article_annotator::switches::RuleSwitches;
use article_annotator::{tokens, Annotations, Pipeline};

fn pipeline() -> Pipeline {
    Pipeline::embedded().expect("embedded models")
}

/// The speaker's text of the claim whose sentence contains `claim`.
fn speaker_of(text: &str, found: &Annotations, claim: &str) -> Option<String> {
    let at = text.find(claim).expect("claim in text");
    let c = found
        .claims
        .iter()
        .find(|c| c.start <= at && at < c.end)
        .unwrap_or_else(|| panic!("no claim found at {claim:?}: {:?}", found.claims));
    c.speaker.as_ref().map(|s| text[s.start..s.end].to_string())
}

#[test]
fn the_weights_round_trip_and_a_file_for_other_features_is_refused() {
    let ranker = SpeakerRanker::embedded().expect("the shipped weights load");
    let again = SpeakerRanker::from_json(&ranker.to_json()).unwrap();
    assert_eq!(again, ranker);

    let mut file: serde_json::Value = serde_json::from_str(&ranker.to_json()).unwrap();
    let weights = file["weights"].as_object_mut().unwrap();
    weights.remove("chain");
    weights.insert("no-such-feature".to_string(), serde_json::json!(0.5));
    let err = SpeakerRanker::from_json(&file.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unknown: no-such-feature") && err.contains("missing: chain"),
        "{err}"
    );

    let mut old = serde_json::from_str::<serde_json::Value>(&ranker.to_json()).unwrap();
    old["format"] = serde_json::json!("speaker-ranker/0");
    let err = SpeakerRanker::from_json(&old.to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("speaker-ranker/1"), "{err}");
    assert!(SpeakerRanker::from_json("not json").is_err());
    assert!(SpeakerRanker::from_json("{\"format\": \"speaker-ranker/1\"}").is_err());
}

/// The candidates of the claim sentence that contains `claim`, every rule on, and the
/// features' names.
fn candidates(text: &str, entities: &Annotations, claim: &str) -> Vec<Candidate> {
    let t = tokens::tokenize(text);
    let at = text.find(claim).unwrap();
    let si = t
        .sentences
        .iter()
        .position(|s| s.start <= at && at < s.end)
        .unwrap();
    let cue = find_cue(text, &t.tokens, &t.sentences[si]);
    speaker_candidates(
        text,
        &t,
        &entities.entities,
        si,
        cue.as_ref(),
        &RuleSwitches::all_on(),
    )
}

fn fired(c: &Candidate) -> Vec<String> {
    let names = feature_names();
    c.features.iter().map(|&(f, _)| names[f].clone()).collect()
}

fn said<'a>(text: &'a str, c: &Candidate) -> Option<&'a str> {
    c.speaker.map(|s| &text[s.start..s.end])
}

#[test]
fn candidates_name_the_rule_chain_its_runner_up_and_where_each_mention_stands() {
    let text = "Officials in Paris met on Monday. \"We must act,\" Defence Minister Ana Ruiz \
                told reporters on Twitter, according to the Interior Ministry.";
    let found = pipeline().annotate(text);
    let cands = candidates(text, &found, "We must act");
    // Nobody is always the first candidate.
    assert_eq!(cands[0].speaker, None);
    assert!(fired(&cands[0]).contains(&"nobody".to_string()));
    let names = feature_names();
    let unique: std::collections::BTreeSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "feature names are unique");
    for c in &cands {
        let f: Vec<usize> = c.features.iter().map(|&(f, _)| f).collect();
        assert!(
            f.windows(2).all(|w| w[0] < w[1]),
            "each feature once, in order"
        );
    }
    let by_text = |t: &str| {
        cands
            .iter()
            .find(|c| said(text, c) == Some(t))
            .unwrap_or_else(|| panic!("no candidate {t:?} among {cands:?}"))
    };
    // "according to X" outranks the cue's subject: the chain's answer, with its rule's name; the
    // subject is the runner-up.
    let ministry = fired(by_text("Interior Ministry"));
    assert!(
        ministry.contains(&"chain".to_string())
            && ministry.contains(&"rule:according-to".to_string()),
        "{ministry:?}"
    );
    let ruiz = fired(by_text("Ana Ruiz"));
    for f in [
        "runner-up",
        "label:PER",
        "in-claim-sentence",
        "before-cue",
        "cue-follows",
    ] {
        assert!(ruiz.contains(&f.to_string()), "{f} not in {ruiz:?}");
    }
    assert!(ruiz.iter().any(|f| f.starts_with("alt:")), "{ruiz:?}");
    let paris = fired(by_text("Paris"));
    assert!(
        paris.contains(&"one-sentence-back".to_string())
            && paris.contains(&"in-prepositional-phrase".to_string())
            && !paris.contains(&"in-claim-sentence".to_string()),
        "{paris:?}"
    );
    if let Some(twitter) = cands.iter().find(|c| said(text, c) == Some("Twitter")) {
        assert!(fired(twitter).contains(&"medium".to_string()));
    }
}

#[test]
fn a_role_noun_subject_is_the_office_holder_named_before() {
    let text = "Ana Ruiz became the country's defence minister in May. The minister called for \
                new talks with the rebels on Tuesday.";
    let mut p = pipeline();
    let found = p.annotate(text);
    let claim = "The minister called for";
    assert_eq!(speaker_of(text, &found, claim).as_deref(), Some("Ana Ruiz"));
    let source = found
        .claims
        .iter()
        .find_map(|c| c.speaker.as_ref())
        .unwrap()
        .source;
    assert_eq!(
        source, "speaker-ranker",
        "no rule names her: the ranker does"
    );
    // The rule chain alone finds nobody for a role noun with no later name.
    p.set_rules_off(&[RANKER_SWITCH]).unwrap();
    assert_eq!(speaker_of(text, &p.annotate(text), claim), None);
}

#[test]
fn speakers_of_the_kinds_the_rules_missed_on_real_articles() {
    let p = pipeline();
    let cases = [
        // a pronoun: the person the paragraph is about
        (
            "Defence Minister Ana Ruiz visited the base in Rota on Monday. She said the army \
             would withdraw its troops by June.",
            "She said",
            Some("Ana Ruiz"),
        ),
        // a capitalised dateline is never the speaker
        (
            "MADRID — The country's defence minister, Ana Ruiz, called for new talks with the \
             rebels.",
            "called for",
            Some("Ana Ruiz"),
        ),
        // the second sentence of a quote keeps its opener's speaker
        (
            "\"We will cut taxes for every family,\" said Senator John Smith of Ohio. \"We will \
             also raise the minimum wage next year.\"",
            "We will also raise",
            Some("John Smith"),
        ),
        // an embedded post's sentences: the name that signs it ("— Name (@handle) date")
        (
            "The senator posted on Friday.\n\nCongress must pass the farm bill now! Farmers \
             cannot wait. — Jane Roe (@janeroe) May 2, 2020",
            "Farmers cannot wait",
            Some("Jane Roe"),
        ),
        // two coordinated speakers: the first named speaks
        (
            "Officials in Paris and Berlin met on Monday. France and Germany called for an \
             immediate ceasefire in the region.",
            "France and Germany",
            Some("France"),
        ),
    ];
    for (text, claim, want) in cases {
        let found = p.annotate(text);
        assert_eq!(
            speaker_of(text, &found, claim).as_deref(),
            want,
            "{text}\n{found:?}"
        );
    }
}

#[test]
fn an_opinion_piece_is_its_writers_and_a_signed_quote_its_signers() {
    let p = pipeline();
    // The writer's bio closes the piece, in a paragraph of its own; nobody else is named.
    let piece = "The state should cut the gas tax this year. Drivers already pay too much at the \
                 pump.\n\nJane Roe is a columnist for the Daily Herald.";
    let found = p.annotate(piece);
    let claim = "The state should cut";
    assert_eq!(
        speaker_of(piece, &found, claim).as_deref(),
        Some("Jane Roe")
    );
    let cands = candidates(piece, &found, claim);
    let roe = cands
        .iter()
        .find(|c| said(piece, c) == Some("Jane Roe"))
        .expect("the writer is a candidate");
    assert!(fired(roe).contains(&"author-bio".to_string()));
    // The same closing line about someone the story is about is no bio.
    let story = "Jane Roe visited the plant on Monday. The state should cut the gas tax this \
                 year.\n\nJane Roe is a columnist for the Daily Herald.";
    let found = p.annotate(story);
    assert!(candidates(story, &found, claim)
        .iter()
        .all(|c| !fired(c).contains(&"author-bio".to_string())));

    // A quote signed with a dash after it.
    let roundup = "Reactions poured in on Monday.\n\n“We must prioritize the people over the \
                   police.” — Justin Brooks, The Appeal\n\nOthers disagreed.";
    let found = p.annotate(roundup);
    let claim = "We must prioritize";
    assert_eq!(
        speaker_of(roundup, &found, claim).as_deref(),
        Some("Justin Brooks")
    );
    let brooks = candidates(roundup, &found, claim)
        .into_iter()
        .find(|c| said(roundup, c) == Some("Justin Brooks"))
        .unwrap();
    assert!(fired(&brooks).contains(&"signs-the-quote".to_string()));
}

#[test]
fn a_dateline_is_never_a_candidate() {
    let text = "MADRID — The country's defence minister, Ana Ruiz, called for new talks with the \
                rebels.";
    let found = pipeline().annotate(text);
    assert!(found
        .entities
        .iter()
        .any(|e| &text[e.start..e.end] == "MADRID"));
    let cands = candidates(text, &found, "called for");
    assert!(
        cands.iter().all(|c| said(text, c) != Some("MADRID")),
        "{cands:?}"
    );
    assert!(cands.iter().any(|c| said(text, c) == Some("Ana Ruiz")));
    // A capitalised name that opens a line and speaks is a candidate.
    let text = "NATO called for new talks on Monday.";
    let found = pipeline().annotate(text);
    let cands = candidates(text, &found, "called for");
    assert!(
        cands.iter().any(|c| said(text, c) == Some("NATO")),
        "{cands:?}"
    );
}
