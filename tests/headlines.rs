//! A title-case headline is read as its article writes those words: only its names are found.

use article_annotator::Pipeline;

#[test]
fn a_title_case_headline_yields_only_its_names() {
    let pipeline = Pipeline::embedded().expect("the shipped models load");
    let text =
        "Norway Urges Global Rules for Chip Exports\n\nNorway's trade minister Jan Olsen said \
                on Monday that Norway would push for global rules on chip exports at the next \
                meeting in Geneva.\n";
    let headline_end = text.find('\n').unwrap();
    let found = pipeline.annotate(text);
    let in_headline: Vec<(&str, &str)> = found
        .entities
        .iter()
        .filter(|e| e.start < headline_end)
        .map(|e| (&text[e.start..e.end], e.label.as_str()))
        .collect();
    assert_eq!(in_headline, vec![("Norway", "LOC")], "{:?}", found.entities);
    // The spans still point into the text as given, capitals and all.
    let body: Vec<&str> = found
        .entities
        .iter()
        .filter(|e| e.start > headline_end)
        .map(|e| &text[e.start..e.end])
        .collect();
    assert!(
        body.contains(&"Jan Olsen") && body.contains(&"Geneva"),
        "{body:?}"
    );
}
