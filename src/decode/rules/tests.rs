//! The registry's own tests: names, order, sources and switches.

use super::testing::run_with;
use super::RULES;
use crate::switches::RuleSwitches;
use std::collections::HashSet;

#[test]
fn rule_names_are_unique_kebab_case_and_in_the_registrys_order() {
    let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    assert_eq!(crate::decode::rule_names(), names);
    let unique: HashSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "a name is used twice: {names:?}");
    for name in names {
        let kebab = !name.is_empty()
            && !name.starts_with('-')
            && !name.ends_with('-')
            && !name.contains("--")
            && name.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        assert!(kebab, "{name} is not kebab-case");
    }
    for rule in RULES {
        assert!(
            !rule.why_here.is_empty() && !rule.why_here.contains('\n'),
            "{}: why_here is one line",
            rule.name
        );
    }
}

const WAIC: &str = "The World Artificial Intelligence Conference (WAIC) opened in Shanghai. \
                    Thousands came to WAIC this year.";

fn waic(switches: &RuleSwitches) -> Vec<(String, &'static str, &'static str)> {
    run_with(
        WAIC,
        &[
            ("World Artificial Intelligence Conference", "MISC", 0.9),
            ("Shanghai", "LOC", 0.95),
        ],
        switches,
    )
    .into_iter()
    .map(|f| (f.words, f.label, f.source))
    .collect()
}

#[test]
fn a_span_a_rule_makes_names_the_rule_as_its_source() {
    let got = waic(&RuleSwitches::all_on());
    let waics: Vec<_> = got.iter().filter(|(w, _, _)| w == "WAIC").collect();
    assert_eq!(waics.len(), 2, "{got:?}");
    for (_, label, source) in waics {
        assert_eq!((*label, *source), ("MISC", "defined-acronyms"));
    }
    let shanghai = got.iter().find(|(w, _, _)| w == "Shanghai").unwrap();
    assert_eq!(
        shanghai.2,
        crate::decode::FROM_MODEL,
        "a span no rule touched keeps the model as its source"
    );
}

#[test]
fn a_rule_switched_off_by_name_does_nothing() {
    let got = waic(&RuleSwitches::with_off(["defined-acronyms"]));
    assert!(
        got.iter()
            .all(|(w, _, source)| w != "WAIC" && *source != "defined-acronyms"),
        "{got:?}"
    );
}

#[test]
fn a_relabelled_span_names_the_rule_that_relabelled_it() {
    let got = run_with(
        "Rebels took the town of Tavildara .",
        &[("Tavildara", "PER", 0.6)],
        &RuleSwitches::all_on(),
    );
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].label, got[0].source), ("LOC", "places-named-by-of"));
}
