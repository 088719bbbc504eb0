//! Modern typography and web text through the shipped models: curly quotes and dashes read as the
//! training text's straight ones, addresses are no names, no name ends in a function word, and a
//! lead paragraph on a line of its own lends no speaker. The article is invented for the test.

use article_annotator::{Annotations, Pipeline};

const ARTICLE: &str = "Nvidia shares rose 4% on Wednesday after the chipmaker reported record \
quarterly revenue of $35.1 billion, beating Wall Street estimates, as demand for its processors \
kept growing.\n\nJensen Huang, Nvidia’s founder and chief executive, said supply would remain \
tight into next year. China’s foreign ministry accused Washington of “weaponizing” trade — and \
urged talks.\n\nMore details: https://www.example.com/nvidia-results and @NvidiaNews.\n";

/// Every entity of `text` as (its words, its label).
fn names_in<'a>(text: &'a str, found: &'a Annotations) -> Vec<(&'a str, &'a str)> {
    found
        .entities
        .iter()
        .map(|e| (&text[e.start..e.end], e.label.as_str()))
        .collect()
}

/// The labels of every mention written `words`, in order.
fn labels_of<'a>(names: &[(&str, &'a str)], words: &str) -> Vec<&'a str> {
    names
        .iter()
        .filter(|(t, _)| *t == words)
        .map(|(_, l)| *l)
        .collect()
}

#[test]
fn curly_quotes_and_dashes_give_what_straight_ones_give() {
    let pipeline = Pipeline::embedded().expect("the shipped models load");
    let straight = ARTICLE
        .replace(['“', '”'], "\"")
        .replace('’', "'")
        .replace('—', "--");
    let read = |text: &str| {
        let found = pipeline.annotate(text);
        let entities: Vec<(String, String)> = found
            .entities
            .iter()
            .map(|e| (text[e.start..e.end].replace('’', "'"), e.label.clone()))
            .collect();
        let scores: Vec<String> = found
            .claims
            .iter()
            .map(|c| format!("{:.3}", c.score))
            .collect();
        (entities, scores)
    };
    assert_eq!(read(ARTICLE), read(&straight));
}

#[test]
fn a_modern_article_reads_like_a_typewritten_one() {
    let pipeline = Pipeline::embedded().expect("the shipped models load");
    let found = pipeline.annotate(ARTICLE);
    let names = names_in(ARTICLE, &found);
    // Both mentions of the company, the second before a curly possessive and its founder.
    let nvidia = labels_of(&names, "Nvidia");
    assert_eq!(nvidia, ["ORG", "ORG"], "{names:?}");
    assert!(names.contains(&("Jensen Huang", "PER")), "{names:?}");
    assert!(names.contains(&("Washington", "LOC")), "{names:?}");
    for (text, _) in &names {
        assert!(
            !text.ends_with(" of"),
            "a name ends in a function word: {names:?}"
        );
        assert!(
            !text.contains("http") && !text.starts_with('@'),
            "an address is read as a name: {names:?}"
        );
    }
    // The lead names nobody and is no headline: whatever it scores, it has no speaker.
    let lead_end = ARTICLE.find('\n').unwrap();
    for claim in found.claims.iter().filter(|c| c.start < lead_end) {
        assert!(claim.speaker.is_none(), "{claim:?}");
    }
    // The quoted, dashed sentence is a claim of the ministry.
    let accused = ARTICLE.find("China’s").unwrap();
    let claim = found
        .claims
        .iter()
        .find(|c| c.start <= accused && accused < c.end)
        .expect("the ministry's accusation is a claim");
    let speaker = claim.speaker.as_ref().expect("the claim has a speaker");
    let said = &ARTICLE[speaker.start..speaker.end];
    assert!(said.contains("foreign ministry"), "{said:?}");
}

/// Today's companies, which the 1996 training text never names: the tagger read "Google" as a
/// person in every mention, and left "OpenAI" before its chief executive out.
const TECH_ARTICLE: &str = "Japan orders Google to open Android search\n\nTOKYO — Japan's \
Fair Trade Commission on Monday ordered Google to stop requiring phone makers to pre-install its \
search app. A Google spokesperson said the company would review the order.\n\nOpenAI CEO Sam \
Altman, who met Prime Minister Shigeru Ishiba last month, said regulators should act together.\n";

#[test]
fn todays_companies_are_organisations() {
    let pipeline = Pipeline::embedded().expect("the shipped models load");
    let found = pipeline.annotate(TECH_ARTICLE);
    let names = names_in(TECH_ARTICLE, &found);
    let google = labels_of(&names, "Google");
    assert_eq!(google, ["ORG", "ORG", "ORG"], "{names:?}");
    assert!(names.contains(&("OpenAI", "ORG")), "{names:?}");
    assert!(names.contains(&("Sam Altman", "PER")), "{names:?}");
    assert!(names.contains(&("Shigeru Ishiba", "PER")), "{names:?}");
}

#[test]
fn us_and_un_without_periods_are_found() {
    // Today's news writes "US" and "UN"; 1996 Reuters wrote "U.S." and "U.N." (the tagger reads
    // the training spelling's rows). Before that, "US" before a title or in a coordination was
    // missed.
    let pipeline = Pipeline::embedded().expect("the shipped models load");
    let text = "Later, US President Joe Biden met the UN envoy in Tokyo. Meanwhile, UK and US \
                regulators opened an inquiry into Microsoft.";
    let found = pipeline.annotate(text);
    let names = names_in(text, &found);
    assert_eq!(labels_of(&names, "US"), vec!["LOC", "LOC"], "{names:?}");
    assert_eq!(labels_of(&names, "UN"), vec!["ORG"], "{names:?}");
    assert_eq!(labels_of(&names, "Joe Biden"), vec!["PER"], "{names:?}");
}
