//! Token → feature ids: the rows of the model's embedding table that a token reads.
//!
//! Every token reads [`NUM_FEATURES`] rows of one shared table, one per feature, and the
//! model sums them (hash embeddings, as spaCy's tok2vec does). Hashing keeps the vocabulary
//! open: a word never seen in training still gets rows from its prefix, suffix and shape.
//!
//! This module is the single source of truth for features: the trainer does not compute
//! them itself but reads them from `annotate features`, so training and inference can never
//! disagree.

pub mod cues;
pub mod lexicon;

pub use lexicon::Lexicon;

use crate::lexicon as word_lists;
use crate::tokens::{Token, TokenKind, Tokenized};

/// How many rows each token reads.
/// A feature id that reads no row: the embedding sum skips it (CPU and GPU). Set for a dropped
/// affix row and, by the classifier's known-word filter, for an unknown word's rows.
pub const NO_ROW: u32 = u32::MAX;

pub const NUM_FEATURES: usize = 8;

/// Sizes of the feature tables, in rows. Stored in the model header so a model trained
/// with other sizes is rejected instead of silently misread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableSizes {
    pub word: u32,
    pub prefix: u32,
    pub suffix: u32,
    pub shape: u32,
    /// One row per combination of lexicon classes (0 for a model without a lexicon).
    #[serde(default)]
    pub lex: u32,
    /// One row per combination of claim-cue kinds in the token's sentence (reporting,
    /// advocacy, modal): sentence-wide evidence for the claim votes.
    #[serde(default)]
    pub cue: u32,
    /// 1 when the kind row also says how the rest of the document writes the word (lower
    /// case, capitalised inside a sentence); 0 for models trained before this feature.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub doc_case: u32,
    /// 1 when the cue row also says the document's register ([`ARGUES_IN_OWN_VOICE`]): a
    /// comment or a letter argues in its writer's voice, a news report relays what others
    /// said, and the two call different sentences claims. Needs a cue table of 16 rows.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub register: u32,
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

impl TableSizes {
    pub fn total_rows(&self) -> u32 {
        self.word + self.prefix + self.suffix + self.shape + self.lex + self.cue
    }

    /// These tables without the bits that only change which row of a table a token reads
    /// (document case, register) and without the cue table, which comes last: two models
    /// whose `rows_before_cue` are equal read the same rows for every other feature.
    pub fn rows_before_cue(&self) -> TableSizes {
        TableSizes {
            doc_case: 0,
            register: 0,
            cue: 0,
            ..*self
        }
    }
}

/// The cue bit of a document written in its writer's own voice (see `argues_in_own_voice`).
pub const ARGUES_IN_OWN_VOICE: u32 = 8;
const REPORTING_SHARE: usize = 10;

/// Normalised word form: lower case, every digit replaced by `0` so that all dates and
/// amounts of one shape share their rows.
pub fn normalize_word(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii_digit() {
            out.push('0');
        } else if let Some(plain) = plain_punctuation(c) {
            out.push_str(plain);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The typewriter form of typographic punctuation, as the training text (CoNLL-2003) writes
/// it: curly quotes and apostrophes are straight, an em dash is "--". Without it a modern
/// article's quotes and dashes read rows the model never trained (their words and shapes
/// hash elsewhere), and lose the context a quote gives ("... , " she said).
fn plain_punctuation(c: char) -> Option<&'static str> {
    match c {
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => Some("\""),
        '‘' | '’' | '‚' | '‛' | '′' => Some("'"),
        '—' | '―' => Some("--"),
        '–' | '‐' | '‑' | '−' => Some("-"),
        '…' => Some("..."),
        _ => None,
    }
}

/// The spelling the training text (1996 Reuters) gives a word that today's news writes
/// otherwise: "US" and "UN" read the rows of "U.S." and "U.N." (in CoNLL train "U.S." is
/// written 377 times, "US" 6; "U.N." 40 times, "UN" 4), except on an all-capitals line, where
/// "US" may be the pronoun ("LET US PRAY").
fn training_spelling(word: &str, all_caps_line: bool) -> &str {
    match word {
        "US" if !all_caps_line => "U.S.",
        "UN" if !all_caps_line => "U.N.",
        _ => word,
    }
}

/// Word shape: `X` upper, `x` lower, `d` digit, other characters kept (typographic
/// punctuation in its typewriter form); runs of one class longer than three are cut to three
/// ("Washington" → "Xxxx", "1,000" → "d,ddd").
pub fn word_shape(word: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut run = 0;
    let mut buf = [0u8; 4];
    for raw in word.chars() {
        let plain: &str = match plain_punctuation(raw) {
            Some(p) => p,
            None => raw.encode_utf8(&mut buf),
        };
        for c in plain.chars() {
            let class = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else if c.is_alphabetic() {
                // Scripts without case (CJK, Arabic, ...).
                'w'
            } else {
                c
            };
            if class == last {
                run += 1;
            } else {
                run = 1;
                last = class;
            }
            if run <= 3 {
                out.push(class);
            }
        }
    }
}

/// FNV-1a over bytes with a seed: stable across platforms and versions (the model depends
/// on it), cheap, and good enough for hash embeddings.
pub fn hash_str(seed: u64, s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // Final mix so that nearby strings spread over the table.
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// Context flags folded into the shape feature: the model must know when capitals mean
/// nothing (an all-caps headline) and where a line starts (capitalised anyway).
fn context_flags(text: &str, tok: &Token, line_all_caps: bool, sentence_start: bool) -> u32 {
    let _ = (text, tok);
    (line_all_caps as u32) | ((sentence_start as u32) << 1)
}

/// Computes the feature rows of every token: `NUM_FEATURES` global row indices per token,
/// token-major.
pub fn extract(
    text: &str,
    tokenized: &Tokenized,
    sizes: &TableSizes,
    lexicon: &Lexicon,
) -> Vec<u32> {
    extract_rows(text, tokenized, sizes, lexicon, None)
}

/// [`extract`] under `sizes` and under `plain`, in one pass, where `plain` is `sizes` without
/// the document-case bits and with its own cue table (the claim model reads the tagger's rows
/// that way). `None` when `plain` is not such a set of tables or is `sizes` itself.
pub fn extract_with_plain(
    text: &str,
    tokenized: &Tokenized,
    sizes: &TableSizes,
    plain: &TableSizes,
    lexicon: &Lexicon,
) -> Option<(Vec<u32>, Vec<u32>)> {
    if plain == sizes || plain.doc_case != 0 || plain.rows_before_cue() != sizes.rows_before_cue() {
        return None;
    }
    let mut plain_rows = PlainRows {
        sizes: *plain,
        kind: Vec::with_capacity(tokenized.tokens.len()),
        cue: Vec::with_capacity(tokenized.tokens.len()),
    };
    let ids = extract_rows(text, tokenized, sizes, lexicon, Some(&mut plain_rows));
    let mut plain_ids = ids.clone();
    for ((row, kind), cue) in plain_ids
        .chunks_exact_mut(NUM_FEATURES)
        .zip(plain_rows.kind)
        .zip(plain_rows.cue)
    {
        row[KIND_FEATURE] = kind;
        row[CUE_FEATURE] = cue;
    }
    Some((ids, plain_ids))
}

/// The rows that differ under the plain tables, per token.
struct PlainRows {
    sizes: TableSizes,
    kind: Vec<u32>,
    cue: Vec<u32>,
}

/// Which of a token's rows is its kind row, and which its cue row.
const KIND_FEATURE: usize = 5;
const CUE_FEATURE: usize = 7;
/// Which of a token's rows are its 3-letter prefix and suffix rows.
const AFFIX_FEATURES: [usize; 2] = [2, 3];

/// The same tokens without their prefix and suffix rows (each set to [`NO_ROW`], which reads
/// nothing): the tagger's second view of a text (see `Pipeline::score`). A 3-letter affix row
/// is shared by thousands of words, so on a name training never saw it is often the loudest
/// and least reliable evidence; the tagger learned to tag without some rows (feature dropout),
/// so this view is one it knows, and averaging the two views' tag scores tempers what the
/// affixes alone claim.
pub fn affix_free(ids: &[u32]) -> Vec<u32> {
    let mut out = ids.to_vec();
    for token in out.chunks_exact_mut(NUM_FEATURES) {
        for f in AFFIX_FEATURES {
            token[f] = NO_ROW;
        }
    }
    out
}

fn extract_rows(
    text: &str,
    tokenized: &Tokenized,
    sizes: &TableSizes,
    lexicon: &Lexicon,
    mut plain: Option<&mut PlainRows>,
) -> Vec<u32> {
    let tokens = &tokenized.tokens;
    let mut ids = Vec::with_capacity(tokens.len() * NUM_FEATURES);
    let caps = all_caps_sentences(text, tokenized);
    let doc_case = (sizes.doc_case != 0).then(|| DocumentCase::count(text, tokenized, &caps));
    let mut norm = String::new();
    let mut shape = String::new();
    let mut key = String::new();
    let word_base = 0u32;
    let prefix_base = sizes.word;
    let suffix_base = prefix_base + sizes.prefix;
    let shape_base = suffix_base + sizes.suffix;
    let lex_base = shape_base + sizes.shape;
    let cue_base = lex_base + sizes.lex;
    let cues: Vec<SentenceCues> = tokenized
        .sentences
        .iter()
        .map(|s| sentence_cues(text, &tokens[s.tokens.clone()]))
        .collect();
    // Only a model that reads the register bit pays for working it out.
    let needs_register =
        sizes.register != 0 || plain.as_ref().is_some_and(|p| p.sizes.register != 0);
    let own_voice = needs_register && argues_in_own_voice(text, tokenized, &cues);
    let cue_row = |sizes: &TableSizes, bits: u32| {
        let register = if sizes.register != 0 && own_voice {
            ARGUES_IN_OWN_VOICE
        } else {
            0
        };
        cue_base + (bits | register) % sizes.cue.max(1)
    };
    for (si, sentence) in tokenized.sentences.iter().enumerate() {
        let sentence_cue_row = cue_row(sizes, cues[si].bits);
        let plain_cue_row = plain.as_ref().map(|p| cue_row(&p.sizes, cues[si].bits));
        for ti in sentence.tokens.clone() {
            let tok = &tokens[ti];
            let word = training_spelling(tok.text(text), caps[si]);
            normalize_word(word, &mut norm);
            word_shape(word, &mut shape);
            let bucket = |seed: u64, s: &str, rows: u32| (hash_str(seed, s) % rows as u64) as u32;
            ids.push(word_base + bucket(1, &norm, sizes.word));
            ids.push(word_base + bucket(2, &norm, sizes.word));
            // The first and the last three chars (the same bytes as collecting them).
            let prefix_end = norm.char_indices().nth(3).map_or(norm.len(), |(i, _)| i);
            ids.push(prefix_base + bucket(3, &norm[..prefix_end], sizes.prefix));
            let suffix_start = norm.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
            ids.push(suffix_base + bucket(4, &norm[suffix_start..], sizes.suffix));
            let flags = context_flags(text, tok, caps[si], ti == opening_word(text, tokenized, si));
            key.clear();
            key.push_str(&shape);
            key.push(char::from(b'0' + flags as u8));
            ids.push(shape_base + bucket(5, &key, sizes.shape));
            // A kind-specific row: URLs, handles and numbers should never look like names.
            key.clear();
            key.push_str(kind_name(tok.kind));
            // Bytes of the normalised form, so that a curly quote counts as one, as '"' does.
            key.push_str(if norm.len() > 1 { "+" } else { "1" });
            if let (Some(plain), Some(cue)) = (plain.as_deref_mut(), plain_cue_row) {
                plain.kind.push(shape_base + bucket(6, &key, sizes.shape));
                plain.cue.push(cue);
            }
            if let Some(doc_case) = &doc_case {
                key.push(char::from(b'a' + doc_case.elsewhere(ti) as u8));
            }
            debug_assert_eq!(ids.len() % NUM_FEATURES, KIND_FEATURE);
            ids.push(shape_base + bucket(6, &key, sizes.shape));
            // Lexicon classes; a model without a lexicon has one row that every token reads.
            ids.push(lex_base + (lexicon.flags(word) % sizes.lex.max(1)));
            debug_assert_eq!(ids.len() % NUM_FEATURES, CUE_FEATURE);
            ids.push(sentence_cue_row);
        }
    }
    ids
}

/// How a document writes each of its words: the evidence a reader uses to tell a name from
/// a word capitalised only by its position (a headline, a sentence start, a table line).
struct DocumentCase {
    /// Per token: the key of its lower-cased form, and how this occurrence is written.
    tokens: Vec<(u64, u8)>,
    /// Per word key: how many occurrences are written in lower case (bit 0 counts) and how
    /// many capitalised inside a mixed-case sentence (bit 1 counts).
    counts: KeyMap<[u32; 2]>,
}

/// The keys are hashes already: the map passes them through instead of hashing them again.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

type KeyMap<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

const WRITTEN_LOWER: u8 = 1;
const WRITTEN_CAPITALISED: u8 = 2;

impl DocumentCase {
    fn count(text: &str, tokenized: &Tokenized, caps: &[bool]) -> DocumentCase {
        let mut tokens = vec![(0u64, 0u8); tokenized.tokens.len()];
        let mut counts: KeyMap<[u32; 2]> = Default::default();
        let mut norm = String::new();
        for (si, sentence) in tokenized.sentences.iter().enumerate() {
            for ti in sentence.tokens.clone() {
                let word = tokenized.tokens[ti].text(text);
                let Some(first) = word.chars().next() else {
                    continue;
                };
                if !first.is_alphabetic() {
                    continue;
                }
                normalize_word(word, &mut norm);
                let key = hash_str(11, &norm);
                let how = if first.is_lowercase() {
                    WRITTEN_LOWER
                } else if first.is_uppercase()
                    && !caps[si]
                    && ti != opening_word(text, tokenized, si)
                    && word.chars().skip(1).any(|c| c.is_lowercase())
                {
                    WRITTEN_CAPITALISED
                } else {
                    0
                };
                tokens[ti] = (key, how);
                let entry = counts.entry(key).or_default();
                if how == WRITTEN_LOWER {
                    entry[0] += 1;
                } else if how == WRITTEN_CAPITALISED {
                    entry[1] += 1;
                }
            }
        }
        DocumentCase { tokens, counts }
    }

    /// Two bits: the word is written in lower case somewhere else in the document (bit 0),
    /// capitalised inside a sentence somewhere else (bit 1). Its own occurrence not counted.
    fn elsewhere(&self, token: usize) -> u32 {
        let (key, how) = self.tokens[token];
        let Some(&[lower, capitalised]) = self.counts.get(&key) else {
            return 0;
        };
        let lower = lower - (how == WRITTEN_LOWER) as u32;
        let capitalised = capitalised - (how == WRITTEN_CAPITALISED) as u32;
        (lower > 0) as u32 | (((capitalised > 0) as u32) << 1)
    }
}

/// The token that opens sentence `si` for the purpose of capitals: its first token after any
/// leading emoji, which carry no case and do not make the next word a mid-sentence capital
/// (a name after "👩‍👩‍👧 " is still the first word). Other symbols and punctuation (a bullet, an
/// opening quote) are not skipped: the model was trained that way on CoNLL, which has no emoji.
fn opening_word(text: &str, tokenized: &Tokenized, si: usize) -> usize {
    let range = tokenized.sentences[si].tokens.clone();
    range
        .clone()
        .find(|&ti| {
            let tok = &tokenized.tokens[ti];
            tok.kind != TokenKind::Symbol || !crate::tokens::is_pictographic(tok.text(text))
        })
        .unwrap_or(range.start)
}

/// Whether a document argues in its writer's own voice rather than reporting others: fewer
/// than one in [`REPORTING_SHARE`] of its sentences with a word attributes a position to
/// someone (a reporting or advocacy cue without the writer's own "I" or "we"). A news report
/// attributes sentence after sentence ("X said", "Y called for"); a public comment or a letter
/// rarely does, and when it urges, it is the writer who urges ("I urge the agency").
fn argues_in_own_voice(text: &str, tokenized: &Tokenized, cues: &[SentenceCues]) -> bool {
    let mut sentences = 0;
    let mut attributing = 0;
    for (sentence, cues) in tokenized.sentences.iter().zip(cues) {
        let has_word = tokenized.tokens[sentence.tokens.clone()]
            .iter()
            .any(|t| t.kind == TokenKind::Word && t.text(text).chars().any(char::is_alphabetic));
        sentences += has_word as usize;
        attributing +=
            (cues.bits & (REPORTING_CUE | ADVOCACY_CUE) != 0 && !cues.first_person) as usize;
    }
    sentences > 0 && attributing * REPORTING_SHARE < sentences
}

/// For a document that argues in its writer's own voice (see `argues_in_own_voice`), whether
/// each sentence states a course of action in that voice: an unquoted "should", "must", "need
/// to", "ought to", "has to" or "have to", the writer's own advocacy ("I urge", "we
/// propose"), or an instruction ("Ban robocalls.", `IMPERATIVES`). CDCP's guideline names
/// these words for its POLICY label ("what should or should not be done"). `None` for a
/// document that reports others (a news report), where a modal is as often an actor's
/// forecast as a position.
pub fn own_voice_courses_of_action(text: &str, tokenized: &Tokenized) -> Option<Vec<bool>> {
    let cues: Vec<SentenceCues> = tokenized
        .sentences
        .iter()
        .map(|s| sentence_cues(text, &tokenized.tokens[s.tokens.clone()]))
        .collect();
    if !argues_in_own_voice(text, tokenized, &cues) {
        return None;
    }
    let marks = tokenized
        .sentences
        .iter()
        .zip(&cues)
        .map(|(sentence, cues)| {
            // "Put teeth into enforcement.", "Allow States continued enforcement ...": an
            // imperative, the writer's own instruction.
            let imperative = tokenized.tokens[sentence.tokens.clone()]
                .iter()
                .find(|t| t.kind == TokenKind::Word)
                .is_some_and(|t| {
                    word_lists::IMPERATIVES.contains(t.text(text).to_lowercase().as_str())
                });
            cues.own_modal || cues.own_proposal || imperative
        })
        .collect();
    Some(marks)
}
const MODAL_CUE: u32 = 4;

const REPORTING_CUE: u32 = 1;
const ADVOCACY_CUE: u32 = 2;

/// A sentence's claim-cue kinds, one bit each, and whether its writer speaks in the first
/// person in it (outside quotation marks).
struct SentenceCues {
    bits: u32,
    first_person: bool,
    /// An unquoted "should"-like modal of the present ("should", "must", "need to"; not "had
    /// to", "needed to": what was done, not what should be).
    own_modal: bool,
    /// The writer's own proposal: "I urge", "we would recommend" (see [`word_lists::PROPOSING`]).
    own_proposal: bool,
}

fn sentence_cues(text: &str, tokens: &[Token]) -> SentenceCues {
    use crate::features::cues::{find_cues_quoted, quoted_mask, CueKind};
    let quoted = quoted_mask(text, tokens);
    let found = find_cues_quoted(text, tokens, &quoted);
    let bits = found.iter().fold(0, |bits, m| {
        bits | match m.kind {
            CueKind::Reporting => REPORTING_CUE,
            CueKind::Advocacy => ADVOCACY_CUE,
            CueKind::Modal => MODAL_CUE,
        }
    });
    let first_person = tokens
        .iter()
        .zip(&quoted)
        .any(|(t, &q)| !q && word_lists::FIRST_PERSON.contains(t.text(text)));
    let own_modal = found.iter().any(|m| {
        m.kind == CueKind::Modal
            && !m.quoted
            && !matches!(
                tokens[m.first].text(text).to_lowercase().as_str(),
                "had" | "needed"
            )
    });
    let own_proposal = first_person
        && tokens.iter().enumerate().any(|(i, t)| {
            !quoted[i]
                && word_lists::PROPOSING.contains(t.text(text).to_lowercase().as_str())
                && tokens[i.saturating_sub(3)..i]
                    .iter()
                    .any(|p| word_lists::FIRST_PERSON.contains(p.text(text)))
        });
    SentenceCues {
        bits,
        first_person,
        own_modal,
        own_proposal,
    }
}

fn kind_name(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Punct => "punct",
        TokenKind::Url => "url",
        TokenKind::Handle => "handle",
        TokenKind::Email => "email",
        TokenKind::Symbol => "symbol",
    }
}

/// A sentence counts as all caps (a headline, a dateline block) when it has at least two
/// cased words and none with a lower-case letter.
fn all_caps_sentences(text: &str, tokenized: &Tokenized) -> Vec<bool> {
    tokenized
        .sentences
        .iter()
        .map(|s| {
            let mut cased = 0;
            for tok in &tokenized.tokens[s.tokens.clone()] {
                let w = tok.text(text);
                if w.chars().any(|c| c.is_lowercase()) {
                    return false;
                }
                if w.chars().any(|c| c.is_uppercase()) {
                    cased += 1;
                }
            }
            cased >= 2
        })
        .collect()
}

/// Table sizes the trainer uses (it reads them from `annotate features`).
pub const DEFAULT_TABLES: TableSizes = TableSizes {
    word: 12000,
    prefix: 3000,
    suffix: 3000,
    shape: 1000,
    lex: 16,
    cue: 8,
    doc_case: 1,
    register: 0,
};

/// Tag names in the order the trainer numbers them.
pub const TRAINING_TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_cut_long_runs() {
        let mut s = String::new();
        word_shape("Washington", &mut s);
        assert_eq!(s, "Xxxx");
        word_shape("1,000", &mut s);
        assert_eq!(s, "d,ddd");
        word_shape("U.S.", &mut s);
        assert_eq!(s, "X.X.");
        word_shape("李强", &mut s);
        assert_eq!(s, "ww");
    }

    #[test]
    fn normalised_words_share_digits_and_case() {
        let mut s = String::new();
        normalize_word("1996-08-22", &mut s);
        assert_eq!(s, "0000-00-00");
        normalize_word("ÉLYSÉE", &mut s);
        assert_eq!(s, "élysée");
        normalize_word("Trump’s", &mut s);
        assert_eq!(s, "trump's");
    }

    fn kind_rows(text: &str, doc_case: u32) -> Vec<u32> {
        let tokenized = crate::tokens::tokenize(text);
        let sizes = TableSizes {
            doc_case,
            ..DEFAULT_TABLES
        };
        let ids = extract(text, &tokenized, &sizes, &Lexicon::empty());
        ids.chunks(NUM_FEATURES).map(|row| row[5]).collect()
    }

    #[test]
    fn document_case_tells_headline_names_from_headline_words() {
        let text = "BANK SEES GROWTH IN MARKET\nThe central bank said Market Street firms grew.";
        let on = kind_rows(text, 1);
        let off = kind_rows(text, 0);
        // Without the feature every plain word reads the same kind row.
        assert_eq!(off[0], off[3]);
        // "BANK" is written in lower case elsewhere, "MARKET" capitalised inside a sentence,
        // "SEES" nowhere else: three different rows.
        assert_ne!(on[0], on[4]);
        assert_ne!(on[0], on[1]);
        assert_ne!(on[4], on[1]);
        // A word's own occurrence does not count: "central" appears once, like "SEES", and
        // "bank" in lower case is seen elsewhere only in the all-capitals headline.
        let (central, bank) = (6, 7);
        assert_eq!(on[central], on[1]);
        assert_eq!(on[bank], on[1]);
    }

    #[test]
    fn typographic_punctuation_reads_as_typewriter_punctuation() {
        let rows = |text: &str| {
            let tokenized = crate::tokens::tokenize(text);
            extract(text, &tokenized, &DEFAULT_TABLES, &Lexicon::empty())
        };
        // The model was trained on straight quotes and "--" (CoNLL-2003); a modern article's
        // curly quotes, apostrophes and dashes must read the same rows.
        let curly = rows("He said “Nvidia’s chips are sold out” — and ‘rightly’ so…");
        let straight = rows("He said \"Nvidia's chips are sold out\" -- and 'rightly' so...");
        assert_eq!(curly, straight);
        let mut s = String::new();
        word_shape("“", &mut s);
        assert_eq!(s, "\"");
        word_shape("—", &mut s);
        assert_eq!(s, "--");
    }

    #[test]
    fn us_and_un_read_the_rows_of_their_training_spelling() {
        let rows = |text: &str| {
            let tokenized = crate::tokens::tokenize(text);
            extract(text, &tokenized, &DEFAULT_TABLES, &Lexicon::empty())
        };
        // The second token's word, affix, shape and lexicon rows (its kind row may differ: an
        // abbreviation with periods is its own token kind).
        let second = |ids: &[u32]| {
            let row = &ids[NUM_FEATURES..2 * NUM_FEATURES];
            [row[0], row[1], row[2], row[3], row[4], row[6]]
        };
        let modern = rows("Then US officials met UN envoys .");
        let training = rows("Then U.S. officials met U.N. envoys .");
        assert_eq!(second(&modern), second(&training));
        let un = |ids: &[u32]| ids[4 * NUM_FEATURES..4 * NUM_FEATURES + 4].to_vec();
        assert_eq!(un(&modern), un(&training));
        // On an all-capitals line "US" may be the pronoun: it keeps its own rows.
        let shouting = rows("LET US PRAY FOR PEACE");
        let dotted = rows("LET U.S. PRAY FOR PEACE");
        assert_ne!(second(&shouting), second(&dotted));
    }

    #[test]
    fn a_word_after_leading_emoji_still_opens_its_sentence() {
        let rows = |text: &str| {
            let tokenized = crate::tokens::tokenize(text);
            extract(text, &tokenized, &DEFAULT_TABLES, &Lexicon::empty())
        };
        let plain = rows("Angela Merkel met him.");
        let emoji = rows("👩‍👩‍👧 Angela Merkel met him.");
        let quoted = rows("\" Angela Merkel met him.");
        let dollar = rows("$ Angela Merkel met him.");
        let emoji_tokens = emoji.len() / NUM_FEATURES - plain.len() / NUM_FEATURES;
        // Every row of "Angela ..." is the same as without the emoji ...
        assert_eq!(&emoji[emoji_tokens * NUM_FEATURES..], &plain[..]);
        // ... while an opening quote or another symbol still makes "Angela" a mid-sentence
        // capital, as in training.
        for other in [&quoted, &dollar] {
            assert_ne!(
                &other[NUM_FEATURES..2 * NUM_FEATURES],
                &plain[..NUM_FEATURES]
            );
        }
    }

    #[test]
    fn one_pass_gives_both_feature_sets() {
        let text = "BANK SEES GROWTH\nThe central bank said Market Street firms grew.";
        let tokenized = crate::tokens::tokenize(text);
        let with_bits = TableSizes {
            doc_case: 1,
            ..DEFAULT_TABLES
        };
        let plain = TableSizes {
            doc_case: 0,
            ..DEFAULT_TABLES
        };
        let lexicon = Lexicon::empty();
        let (ids, plain_ids) =
            extract_with_plain(text, &tokenized, &with_bits, &plain, &lexicon).expect("bits on");
        assert_eq!(ids, extract(text, &tokenized, &with_bits, &lexicon));
        assert_eq!(plain_ids, extract(text, &tokenized, &plain, &lexicon));
        assert_ne!(ids, plain_ids);
        assert!(extract_with_plain(text, &tokenized, &plain, &plain, &lexicon).is_none());
        // A plain set with its own cue table and the register bit comes out of the same pass.
        let with_register = TableSizes {
            cue: 16,
            register: 1,
            ..plain
        };
        let (_, register_ids) =
            extract_with_plain(text, &tokenized, &with_bits, &with_register, &lexicon)
                .expect("derivable");
        assert_eq!(
            register_ids,
            extract(text, &tokenized, &with_register, &lexicon)
        );
        // Other word tables are not derivable.
        let other = TableSizes { word: 11, ..plain };
        assert!(extract_with_plain(text, &tokenized, &with_bits, &other, &lexicon).is_none());
    }

    /// The cue row of each token, under tables that read the register bit.
    fn cue_rows(text: &str) -> Vec<u32> {
        let tokenized = crate::tokens::tokenize(text);
        let sizes = TableSizes {
            cue: 16,
            register: 1,
            doc_case: 0,
            ..DEFAULT_TABLES
        };
        let cue_base = sizes.total_rows() - sizes.cue;
        extract(text, &tokenized, &sizes, &Lexicon::empty())
            .chunks(NUM_FEATURES)
            .map(|row| row[CUE_FEATURE] - cue_base)
            .collect()
    }

    #[test]
    fn own_voice_courses_of_action_are_the_writers_modals_and_proposals() {
        let comment = "The agency should cap late fees. Borrowers had to pay them. I urge the \
                       agency to act. I support the rule. \"You must pay\" is all we hear. \
                       Collectors need to stop calling at night. We recommend a cap. Ban robocalls now.";
        let tokenized = crate::tokens::tokenize(comment);
        assert_eq!(
            own_voice_courses_of_action(comment, &tokenized),
            Some(vec![true, false, true, false, false, true, true, true])
        );
        // A report: its modals are its actors' (and its writer's forecasts), never a rule's.
        let report = "The agency should cap late fees, the senator said. Borrowers must pay \
                      them, she said. She urged the agency to act.";
        let tokenized = crate::tokens::tokenize(report);
        assert_eq!(own_voice_courses_of_action(report, &tokenized), None);
    }

    #[test]
    fn a_text_in_its_writers_own_voice_sets_the_register_bit() {
        let comment = "The agency should cap late fees. Borrowers cannot pay them. \
                       I urge the agency to act.";
        assert!(cue_rows(comment)
            .iter()
            .all(|r| r & ARGUES_IN_OWN_VOICE != 0));
        let report = "The agency should cap late fees, the senator said. Borrowers cannot pay \
                      them. She urged the agency to act.";
        assert!(cue_rows(report)
            .iter()
            .all(|r| r & ARGUES_IN_OWN_VOICE == 0));
        // The tagger's tables never read it: the same rows with and without a register.
        let tokenized = crate::tokens::tokenize(comment);
        let tagger = extract(comment, &tokenized, &DEFAULT_TABLES, &Lexicon::empty());
        let with_bit = TableSizes {
            register: 1,
            ..DEFAULT_TABLES
        };
        assert_eq!(
            tagger,
            extract(comment, &tokenized, &with_bit, &Lexicon::empty())
        );
    }

    #[test]
    fn hash_is_stable() {
        // The committed model depends on these exact values.
        assert_eq!(hash_str(1, "reuters"), hash_str(1, "reuters"));
        assert_ne!(hash_str(1, "reuters"), hash_str(2, "reuters"));
        assert_eq!(hash_str(7, "Reuters"), 6442165904857340501);
    }
}
