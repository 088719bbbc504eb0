//! Property tests over the whole pipeline (issue 2, robustness): text in, entities out, for
//! arbitrary Unicode, news-like text built from word pieces, and mutated real text. Whatever the
//! input, `Pipeline::annotate` must not panic, and its entities must be
//!
//! * in bounds, `start < end`, on UTF-8 character boundaries, without surrounding whitespace;
//! * sorted by start and non-overlapping;
//! * labelled PER, ORG or LOC (MISC is kept internally, never shown), scored within [0, 1];
//! * clustered with ids numbered densely from 0 in order of first mention (and, in an ignored test
//!   until src/decode/clusters.rs is fixed, one label per cluster);
//! * (claims) sentence spans with the same bounds, order and score rules, the cue inside its claim,
//!   the speaker one of the entities or a group phrase with a cluster of its own;
//! * convertible through `text::OffsetMap` to code points and UTF-16 and back to the same byte,
//!   agreeing with a brute-force count, with the code-point slice equal to the byte slice.
//!
//! Cases per property default to a number that keeps this file to a few seconds in the test
//! profile; `PROPTEST_CASES=N` runs N per property instead (N/64 for the long texts). The 1M-input
//! run and its command are in bench/README.md.
//! Failures are shrunk to a minimal input and printed; nothing is written to disk.

use article_annotator::text::OffsetMap;
use article_annotator::{Annotations, Pipeline};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::collections::HashMap;

const DEFAULT_CASES: u32 = 512;
const LABELS: &[&str] = &["PER", "ORG", "LOC"];

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

fn config(divisor: u32) -> ProptestConfig {
    ProptestConfig {
        cases: (cases() / divisor).max(1),
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        max_shrink_iters: 20_000,
        ..ProptestConfig::default()
    }
}

thread_local! {
    static PIPELINE: Pipeline = Pipeline::embedded().expect("the embedded model loads");
}

fn annotate(text: &str) -> Annotations {
    PIPELINE.with(|p| p.annotate(text))
}

/// Every invariant of one text's annotations; `Err` says which one broke, on which entity.
fn check(text: &str, a: &Annotations) -> Result<(), String> {
    let map = OffsetMap::new(text);
    if map.byte_len() != text.len()
        || map.char_len() != text.chars().count()
        || map.utf16_len() != text.encode_utf16().count()
    {
        return Err("OffsetMap lengths disagree with the text".into());
    }
    // Brute force: (code points, UTF-16 units) before every char boundary, in one pass.
    let mut brute: Vec<Option<(usize, usize)>> = vec![None; text.len() + 1];
    let (mut chars, mut units) = (0, 0);
    for (b, ch) in text.char_indices() {
        brute[b] = Some((chars, units));
        chars += 1;
        units += ch.len_utf16();
    }
    brute[text.len()] = Some((chars, units));
    let mut prev_end = 0;
    let mut next_cluster = 0;
    for (i, e) in a.entities.iter().enumerate() {
        let at = format!("entity {i} {e:?}");
        if e.start >= e.end {
            return Err(format!("{at}: empty or reversed span"));
        }
        if e.end > text.len() {
            return Err(format!("{at}: past the end ({} bytes)", text.len()));
        }
        if !text.is_char_boundary(e.start) || !text.is_char_boundary(e.end) {
            return Err(format!("{at}: not on a character boundary"));
        }
        let slice = &text[e.start..e.end];
        if slice.trim() != slice {
            return Err(format!("{at}: span {slice:?} has surrounding whitespace"));
        }
        if e.start < prev_end {
            return Err(format!(
                "{at}: unsorted or overlapping (previous end {prev_end})"
            ));
        }
        prev_end = e.end;
        if !LABELS.contains(&e.label.as_str()) {
            return Err(format!("{at}: label {:?}", e.label));
        }
        if !(e.score.is_finite() && (0.0..=1.0).contains(&e.score)) {
            return Err(format!("{at}: score {}", e.score));
        }
        match e.cluster.cmp(&next_cluster) {
            std::cmp::Ordering::Greater => {
                return Err(format!("{at}: cluster {} skips {next_cluster}", e.cluster))
            }
            std::cmp::Ordering::Equal => next_cluster += 1,
            std::cmp::Ordering::Less => {}
        }
        for b in [e.start, e.end] {
            let (c, u) = (map.byte_to_char(b), map.byte_to_utf16(b));
            if Some((c, u)) != brute[b] {
                return Err(format!(
                    "{at}: byte {b} converts to char {c}, utf16 {u}, not {:?}",
                    brute[b]
                ));
            }
            if map.char_to_byte(c) != Some(b) || map.utf16_to_byte(u) != Some(b) {
                return Err(format!("{at}: byte {b} does not round-trip"));
            }
        }
        // What the CLI reports: code points; their slice is the byte slice.
        let (cs, ce) = map.byte_span_to_chars(e.start, e.end);
        let (us, ue) = map.byte_span_to_utf16(e.start, e.end);
        if ce - cs != slice.chars().count() || ue - us != slice.encode_utf16().count() {
            return Err(format!(
                "{at}: code-point span {cs}..{ce} / UTF-16 span {us}..{ue} do not cover {slice:?}"
            ));
        }
    }
    check_claims(text, a)
}

/// Claims: sentence spans in bounds, on boundaries, sorted, non-overlapping, scored in [0, 1];
/// the cue inside its claim; the speaker one of the entities with its cluster, or a group phrase.
fn check_claims(text: &str, a: &Annotations) -> Result<(), String> {
    let on_boundaries = |s: usize, e: usize| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let mut prev_end = 0;
    for (i, c) in a.claims.iter().enumerate() {
        let at = format!("claim {i} {c:?}");
        if !on_boundaries(c.start, c.end) {
            return Err(format!(
                "{at}: span out of bounds, empty or off a character boundary"
            ));
        }
        if c.start < prev_end {
            return Err(format!(
                "{at}: unsorted or overlapping (previous end {prev_end})"
            ));
        }
        prev_end = c.end;
        if !(c.score.is_finite() && (0.0..=1.0).contains(&c.score)) {
            return Err(format!("{at}: score {}", c.score));
        }
        if let Some((cs, ce)) = c.cue {
            if !on_boundaries(cs, ce) || cs < c.start || ce > c.end {
                return Err(format!("{at}: cue {cs}..{ce} is not inside the claim"));
            }
        }
        if let Some(sp) = &c.speaker {
            let known = a
                .entities
                .iter()
                .any(|e| e.start == sp.start && e.end == sp.end && e.cluster == sp.cluster);
            // Otherwise a group phrase ("Palestinian officials"): a span of the text on
            // character boundaries without surrounding space, with a cluster no entity has,
            // shared by every phrase speaker of the same text.
            if !known {
                if !on_boundaries(sp.start, sp.end) {
                    return Err(format!("{at}: phrase speaker off the text's boundaries"));
                }
                let words = &text[sp.start..sp.end];
                if words.trim() != words {
                    return Err(format!(
                        "{at}: phrase speaker {words:?} has surrounding space"
                    ));
                }
                if a.entities.iter().any(|e| e.cluster == sp.cluster) {
                    return Err(format!(
                        "{at}: phrase speaker shares cluster {} with an entity",
                        sp.cluster
                    ));
                }
                for other in a.claims.iter().filter_map(|o| o.speaker.as_ref()) {
                    let same_text = text.get(other.start..other.end) == Some(words);
                    if same_text && other.cluster != sp.cluster {
                        return Err(format!("{at}: phrase {words:?} in two clusters"));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Mentions of one entity have one type: every mention of a cluster carries the same label.
/// (Kept apart from [`check`], as its own property: `one_label_per_cluster`.)
fn check_cluster_labels(a: &Annotations) -> Result<(), String> {
    let mut cluster_label: HashMap<usize, &str> = HashMap::new();
    for e in &a.entities {
        let label = *cluster_label.entry(e.cluster).or_insert(e.label.as_str());
        if label != e.label {
            return Err(format!(
                "{e:?}: cluster {} is both {label} and {}",
                e.cluster, e.label
            ));
        }
    }
    Ok(())
}

fn check_text(text: &str) -> Result<(), TestCaseError> {
    let a = annotate(text);
    check(text, &a).map_err(|m| TestCaseError::fail(format!("{m}\ntext: {text:?}")))
}

// ---------------------------------------------------------------------------------------------
// Generators

const FIXED: &[&str] = &[
    "Li Qiang",
    "Li",
    "Donald Trump",
    "Trump",
    "Mr.",
    "Mrs",
    "President",
    "Prime Minister",
    "Dr.",
    "Gov.",
    "Sen.",
    "Jan.",
    "U.S.",
    "U.N.",
    "UN",
    "United Nations",
    "the",
    "The",
    "of",
    "and",
    "'s",
    "\u{2019}s",
    "s'",
    "JERUSALEM \u{2014}",
    "BEIJING (Reuters) -",
    "World Artificial \
    Intelligence Conference",
    "WAIC",
    "O'Brien",
    "O\u{2019}Neill",
    "Jean-Pierre",
    "McDonald's",
    "al-Assad",
    "van der Berg",
    "https://example.com/a?b=c&d=e#f",
    "www.example.org",
    "@handle",
    "#hashtag",
    "&amp;",
    "&nbsp;",
    "&#8217;",
    "<b>",
    "</p>",
    "1,234.56",
    "3.5%",
    "$10m",
    "\u{20AC}5bn",
    "e.g.",
    "i.e.",
    "No. 10",
    "A.",
    "J. R. R.",
    "St. Louis",
    "Inc.",
    "Corp.",
    "Ltd",
    "said",
    "told",
    "according to",
    "Reuters",
    "BBC",
    "NATO",
    "E.U.",
    "European Union",
    "New York",
    "Berlin",
    "'",
    "\"",
    "...",
    "\u{2026}",
    "--",
    "\u{2014}",
    "\u{2013}",
    "-",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
];

const PUNCT: &[&str] = &[
    ",", ".", ";", ":", "!", "?", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{00AB}",
    "\u{00BB}", "/", "\\", "&", "*", "#", "%", "+", "=", "|", "~", "`", "^", "_", "<", ">",
    "\u{00B7}", "\u{3002}", "\u{FF0C}", "\u{300C}", "\u{300D}", "\u{00BF}", "\u{00A1}",
];

const EMOJI: &[&str] = &[
    "\u{1F600}",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{1F1FA}\u{1F1F8}",
    "\u{1F44D}\u{1F3FD}",
    "\u{2764}\u{FE0F}",
    "\u{1F30D}",
    "\u{1F4F0}",
    "\u{0031}\u{FE0F}\u{20E3}",
    "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
];

const NON_LATIN: &[&str] = &[
    "M\u{00FC}ller",
    "\u{014C}saka",
    "S\u{00E3}o Paulo",
    "\u{00D1}\u{00FA}\u{00F1}ez",
    "\u{0141}\u{00F3}d\u{017A}",
    "\u{0130}stanbul",
    "STRA\u{00DF}E",
    "\u{01C5}ukanovi\u{0107}",
    "Jos\u{0065}\u{0301}",
    "Zoe\u{0308}",
    "\u{0301}",
    "a\u{0300}\u{0301}\u{0302}\u{0303}",
    "\u{0645}\u{062D}\u{0645}\u{062F}",
    "\u{05D9}\u{05E8}\u{05D5}\u{05E9}\u{05DC}\u{05D9}\u{05DD}",
    "\u{0928}\u{0908} \u{0926}\u{093F}\u{0932}\u{094D}\u{0932}\u{0940}",
    "\u{0E01}\u{0E23}\u{0E38}",
    "\u{041C}\u{043E}\u{0441}\u{043A}\u{0432}\u{0430}",
    "\u{0391}\u{03B8}\u{03AE}\u{03BD}\u{03B1}",
    "\u{674E}\u{5F3A}",
    "\u{5317}\u{4EAC}",
    "\u{6771}\u{4EAC}\u{90FD}",
    "\u{30C8}\u{30E8}\u{30BF}",
    "\u{C11C}\u{C6B8}",
    "\u{1D400}\u{1D401}",
    "\u{FB01}nance",
    "\u{2160}\u{2161}",
    "\u{FF21}\u{FF22}\u{FF23}",
];

const ODD_SPACE: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{00A0}",
    "\u{2009}",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{2028}",
    "\u{2029}",
    "\u{0000}",
    "\u{0007}",
    "\u{007F}",
    "\u{0085}",
    "\u{FFFD}",
    "\u{FFFF}",
    "\u{10FFFF}",
    "\u{3000}",
    "\u{202E}",
    "\u{00AD}",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(str::to_string)
}

/// A very long token: one character or short unit repeated hundreds to thousands of times.
fn long_token() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("a"),
            Just("A"),
            Just("Ab"),
            Just("."),
            Just("-"),
            Just("'"),
            Just("9"),
            Just(","),
            Just("\u{00E9}"),
            Just("e\u{0301}"),
            Just("\u{4E2D}"),
            Just("\u{1F600}"),
            Just("Li "),
            Just("U.S."),
            Just("&amp;"),
            Just("\u{0301}"),
        ],
        200usize..6000,
    )
        .prop_map(|(unit, n)| unit.repeat(n))
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Z][a-z]{1,10}",
        4 => "[a-z]{1,9}",
        2 => "[A-Z]{2,6}",
        1 => "[A-Z]\\.",
        1 => "[0-9]{1,4}([,.][0-9]{1,3})?",
        6 => pick(FIXED),
        3 => pick(PUNCT),
        1 => pick(EMOJI),
        2 => pick(NON_LATIN),
        1 => "[\u{4E00}-\u{9FFF}]{1,8}",
        1 => pick(ODD_SPACE),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{1,4}",
    ]
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        12 => Just(" "),
        3 => Just(""),
        2 => Just("\n"),
        1 => Just("\n\n"),
        1 => Just("  "),
        1 => Just(". "),
        1 => Just(", "),
        1 => Just(" \u{2014} "),
        1 => Just("\t"),
    ]
}

/// News-like text: word pieces and separators, sometimes with one very long token inside.
fn news_like() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((piece(), separator()), 0..80),
        prop::option::weighted(0.05, (long_token(), any::<prop::sample::Index>())),
    )
        .prop_map(|(parts, long)| {
            let mut words: Vec<String> = parts.into_iter().map(|(p, s)| p + s).collect();
            if let Some((tok, at)) = long {
                let i = if words.is_empty() {
                    0
                } else {
                    at.index(words.len() + 1)
                };
                words.insert(i, tok + " ");
            }
            words.concat()
        })
}

/// Real-looking text to mutate: the repository's fixture article and a few written for this file.
fn base_texts() -> Vec<String> {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/articles/fixture.json")).expect("fixture");
    let mut texts = vec![fixture["text"].as_str().expect("fixture text").to_string()];
    texts.extend(
        [
            "WASHINGTON (Reuters) - U.S. Secretary of State Antony Blinken met Chinese Foreign Minister \
             Wang Yi in Jakarta on Thursday, the State Department said. Blinken told reporters the \
             talks were \u{201C}candid and constructive.\u{201D}\n\nWang said China\u{2019}s position \
             on Taiwan had not changed.",
            "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\nNadim Ladki\nAL-AIN , United \
             Arab Emirates 1996-12-06\nJapan began the defence of their Asian Cup title with a lucky \
             2-1 win against Syria .",
            "Dr. Ana Mar\u{00ED}a Garc\u{00ED}a-L\u{00F3}pez, who leads the World Health Organization \
             (WHO) office in S\u{00E3}o Paulo, said on Jan. 5 that the WHO had sent 1,200 doses. \
             \u{201C}We\u{2019}re doing what we can,\u{201D} she said. \u{1F489}",
            "BEIJING \u{2014} Chinese Premier Li Qiang (\u{674E}\u{5F3A}) opened the World Artificial \
             Intelligence Conference (WAIC) in Shanghai. Li said the UN should lead; the United \
             Nations welcomed the call. Z\u{00FC}rich-based Nestl\u{00E9} SA and \u{0141}\u{00F3}d\u{017A}\u{2019}s \
             mayor attended. Source: https://example.com/news?id=42 via @reuters &amp; AFP.",
            "MOSCOW, March 3 (Reuters) - \u{041F}\u{0443}\u{0442}\u{0438}\u{043D} Vladimir Putin and \
             Recep Tayyip Erdo\u{011F}an spoke by phone, the Kremlin said; Ankara confirmed. \
             \u{0130}stanbul talks resume Mon.",
        ]
        .map(str::to_string),
    );
    let seed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/articles/seed.json");
    if let Some(t) = std::fs::read_to_string(seed)
        .ok()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .and_then(|v| v["text"].as_str().map(str::to_string))
    {
        texts.push(t);
    }
    texts
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(prop::sample::Index, String),
    Delete(prop::sample::Index, usize),
    Duplicate(prop::sample::Index, usize),
    Upper(prop::sample::Index, usize),
    Lower(prop::sample::Index, usize),
    Truncate(prop::sample::Index),
    /// Flips one byte and repairs the text as a lossy decoder would (U+FFFD where it broke).
    FlipByte(prop::sample::Index, u8),
    SpacesToNewlines,
    NewlinesToSpaces,
    StripSpaces(prop::sample::Index, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = any::<prop::sample::Index>;
    prop_oneof![
        6 => (at(), prop_oneof![3 => piece(), 1 => pick(ODD_SPACE), 1 => pick(EMOJI)])
            .prop_map(|(i, s)| Edit::Insert(i, s)),
        3 => (at(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        2 => (at(), 1usize..200).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        2 => (at(), 1usize..100).prop_map(|(i, n)| Edit::Upper(i, n)),
        2 => (at(), 1usize..100).prop_map(|(i, n)| Edit::Lower(i, n)),
        1 => at().prop_map(Edit::Truncate),
        2 => (at(), any::<u8>()).prop_map(|(i, b)| Edit::FlipByte(i, b)),
        1 => Just(Edit::SpacesToNewlines),
        1 => Just(Edit::NewlinesToSpaces),
        1 => (at(), 1usize..100).prop_map(|(i, n)| Edit::StripSpaces(i, n)),
    ]
}

/// The char boundary at or before `index` of `s` (indices are taken over `len + 1` positions).
fn boundary(s: &str, i: prop::sample::Index) -> usize {
    let mut b = i.index(s.len() + 1);
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    b
}

fn range(s: &str, i: prop::sample::Index, chars: usize) -> (usize, usize) {
    let a = boundary(s, i);
    let b = s[a..]
        .char_indices()
        .nth(chars)
        .map_or(s.len(), |(k, _)| a + k);
    (a, b)
}

fn apply(mut s: String, e: &Edit) -> String {
    match e {
        Edit::Insert(i, piece) => {
            let at = boundary(&s, *i);
            s.insert_str(at, piece);
        }
        Edit::Delete(i, n) => {
            let (a, b) = range(&s, *i, *n);
            s.replace_range(a..b, "");
        }
        Edit::Duplicate(i, n) => {
            let (a, b) = range(&s, *i, *n);
            let copy = s[a..b].to_string();
            s.insert_str(b, &copy);
        }
        Edit::Upper(i, n) => {
            let (a, b) = range(&s, *i, *n);
            let up = s[a..b].to_uppercase();
            s.replace_range(a..b, &up);
        }
        Edit::Lower(i, n) => {
            let (a, b) = range(&s, *i, *n);
            let low = s[a..b].to_lowercase();
            s.replace_range(a..b, &low);
        }
        Edit::Truncate(i) => {
            let at = boundary(&s, *i);
            s.truncate(at);
        }
        Edit::FlipByte(i, x) => {
            if !s.is_empty() {
                let mut bytes = s.into_bytes();
                let k = i.index(bytes.len());
                bytes[k] ^= x | 1;
                s = String::from_utf8_lossy(&bytes).into_owned();
            }
        }
        Edit::SpacesToNewlines => s = s.replace(' ', "\n"),
        Edit::NewlinesToSpaces => s = s.replace('\n', " "),
        Edit::StripSpaces(i, n) => {
            let (a, b) = range(&s, *i, *n);
            let kept: String = s[a..b].chars().filter(|c| !c.is_whitespace()).collect();
            s.replace_range(a..b, &kept);
        }
    }
    s
}

fn mutated() -> impl Strategy<Value = String> {
    let bases = base_texts();
    (
        prop::sample::select(bases),
        prop::collection::vec(edit(), 1..12),
    )
        .prop_map(|(base, edits)| edits.iter().fold(base, apply))
}

/// Many tokens in few sentences, so that classification chunks (4096 tokens) are cut inside
/// names and mid-sentence.
fn long_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((piece(), separator()), 1..12),
        3000usize..9000,
        prop::bool::ANY,
    )
        .prop_map(|(parts, tokens, periods)| {
            let unit: String = parts.into_iter().map(|(p, s)| p + s).collect::<String>() + " ";
            let words = unit.split_whitespace().count().max(1);
            let sep = if periods { ". " } else { " " };
            std::iter::repeat_n(unit.trim_end(), tokens / words + 1)
                .collect::<Vec<_>>()
                .join(sep)
        })
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn arbitrary_unicode(text in any::<String>()) {
        check_text(&text)?;
    }

    #[test]
    fn arbitrary_chars_with_spaces(chars in prop::collection::vec(
        prop_oneof![4 => any::<char>(), 1 => Just(' '), 1 => Just('\n'), 2 => prop::char::range('A', 'Z')],
        0..300,
    )) {
        let text: String = chars.into_iter().collect();
        check_text(&text)?;
    }

    #[test]
    fn news_like_text(text in news_like()) {
        check_text(&text)?;
    }

    #[test]
    fn mutated_real_text(text in mutated()) {
        check_text(&text)?;
    }

    #[test]
    fn offset_map_round_trips_everywhere(text in news_like()) {
        let map = OffsetMap::new(&text);
        let (mut chars, mut units) = (0, 0);
        for (b, ch) in text.char_indices().chain(std::iter::once((text.len(), '\0'))) {
            prop_assert_eq!(map.byte_to_char(b), chars);
            prop_assert_eq!(map.byte_to_utf16(b), units);
            prop_assert_eq!(map.char_to_byte(chars), Some(b));
            prop_assert_eq!(map.utf16_to_byte(units), Some(b));
            // Inside a character: rounds down to its start; between surrogates: no byte.
            for k in 1..ch.len_utf8() {
                prop_assert_eq!(map.byte_to_char(b + k), chars);
                prop_assert_eq!(map.byte_to_utf16(b + k), units);
            }
            if ch.len_utf16() == 2 {
                prop_assert_eq!(map.utf16_to_byte(units + 1), None);
            }
            chars += 1;
            units += ch.len_utf16();
        }
        prop_assert_eq!(map.char_to_byte(map.char_len() + 1), None);
        prop_assert_eq!(map.utf16_to_byte(map.utf16_len() + 1), None);
        prop_assert_eq!(map.byte_to_char(text.len() + 7), map.char_len());
    }
}

/// Long texts cost ~0.1-0.3 s each, so they get 1/64 of the cases. (Run by hand rather than by
/// `proptest!`, which would let PROPTEST_CASES override the ratio.)
#[test]
fn long_texts_across_chunks() {
    let mut runner = proptest::test_runner::TestRunner::new(config(64));
    if let Err(e) = runner.run(&long_text(), |text| check_text(&text)) {
        panic!("{e}");
    }
}

/// The same text twice gives the same annotations (no hidden state between calls).
#[test]
fn annotate_is_deterministic_across_calls() {
    for text in base_texts() {
        let first = annotate(&text);
        check(&text, &first).unwrap();
        assert_eq!(annotate(&text), first);
        assert_eq!(annotate(""), Annotations::default());
    }
}

/// One entity, one type: every mention of a cluster has one label, and an acronym joins at most
/// one expansion (this failed before `decode::clusters::cluster` checked both).
#[test]
fn one_label_per_cluster() {
    use article_annotator::decode::clusters::{cluster, Mention};
    let mention = |text: &'static str, label: &'static str| Mention {
        words: text.split(' ').collect(),
        label,
    };
    for mentions in [
        vec![
            mention("UN", "ORG"),
            mention("United Nations", "ORG"),
            mention("United Nations", "LOC"),
        ],
        vec![
            mention("UN", "LOC"),
            mention("Upper Nile", "LOC"),
            mention("United Nations", "ORG"),
        ],
    ] {
        let out = cluster(&mentions);
        for (i, a) in out.iter().enumerate() {
            for b in &out[..i] {
                assert!(
                    a.0 != b.0 || a.1 == b.1,
                    "{mentions:?} clustered as {out:?}: cluster {} is both {} and {}",
                    a.0,
                    b.1,
                    a.1
                );
            }
        }
    }
    let text = "UN staff met in Upper Nile. United Nations staff left.";
    check_cluster_labels(&annotate(text)).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(config(1));
    let result = runner.run(&prop_oneof![news_like(), mutated()], |text| {
        check_cluster_labels(&annotate(&text))
            .map_err(|m| TestCaseError::fail(format!("{m}\ntext: {text:?}")))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
