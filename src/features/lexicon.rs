//! Name lexicon: which words are known person, organisation, place or other names.
//!
//! Built by `train/lexicon.py` from word vectors and CoNLL train labels plus GeoNames
//! places, it reaches far beyond the ~20k words the tagger saw in training. Each class is a
//! Bloom filter: a "yes" can be a false positive (about 1%), a "no" is certain. The tagger
//! learns how far to trust it.
//!
//! Blob layout: `"AALX" | header length u32 | header JSON {classes, hashes, bits} | bit
//! arrays, one per class, each bits/8 bytes`.

use super::hash_str;
use crate::error::{Error, Result};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
struct LexiconHeader {
    classes: Vec<String>,
    hashes: u32,
    bits: Vec<u64>,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    pub classes: Vec<String>,
    hashes: u32,
    filters: Vec<(u64, Vec<u8>)>,
}

impl Lexicon {
    /// A lexicon that knows no word (for models trained without one).
    pub fn empty() -> Lexicon {
        Lexicon {
            classes: Vec::new(),
            hashes: 0,
            filters: Vec::new(),
        }
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Lexicon> {
        let bad = |m: &str| Error::Model(format!("lexicon: {m}"));
        if bytes.len() < 8 || &bytes[..4] != b"AALX" {
            return Err(bad("bad magic"));
        }
        let hlen = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        let hend = 8usize
            .checked_add(hlen)
            .filter(|&e| e <= bytes.len())
            .ok_or_else(|| bad("truncated header"))?;
        let header: LexiconHeader =
            serde_json::from_slice(&bytes[8..hend]).map_err(|e| bad(&format!("header: {e}")))?;
        if header.classes.len() != header.bits.len() || header.classes.len() > 8 {
            return Err(bad("classes and bit arrays do not match"));
        }
        let mut filters = Vec::new();
        let mut at = hend;
        for &bits in &header.bits {
            if bits == 0 || bits % 8 != 0 {
                return Err(bad("bit array size must be a positive multiple of 8"));
            }
            let len = (bits / 8) as usize;
            let arr = bytes
                .get(at..at + len)
                .ok_or_else(|| bad("truncated bit array"))?;
            filters.push((bits, arr.to_vec()));
            at += len;
        }
        Ok(Lexicon {
            classes: header.classes,
            hashes: header.hashes,
            filters,
        })
    }

    /// The word's two Bloom hashes (the same for every class).
    fn hashes(word: &str) -> (u64, u64) {
        (hash_str(101, word), hash_str(102, word) | 1)
    }

    fn contains(&self, class: usize, (h1, h2): (u64, u64)) -> bool {
        let (bits, arr) = &self.filters[class];
        (0..self.hashes as u64).all(|i| {
            let bit = h1.wrapping_add(i.wrapping_mul(h2)) % bits;
            arr[(bit >> 3) as usize] & (1 << (bit & 7)) != 0
        })
    }

    /// One bit per class the word belongs to. An all-capitals word (a headline) is also
    /// looked up in title case: "JAPAN" → "Japan".
    pub fn flags(&self, word: &str) -> u32 {
        if self.filters.is_empty() || !word.chars().next().is_some_and(char::is_uppercase) {
            return 0;
        }
        let mut flags = 0;
        let mut cs = word.chars();
        let first = cs.next().expect("non-empty");
        let rest = cs.as_str();
        let titled = if !rest.is_empty() && word.chars().all(|c| !c.is_lowercase()) {
            let mut t = String::with_capacity(word.len());
            t.push(first);
            if rest.is_ascii() {
                t.extend(rest.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                t.push_str(&rest.to_lowercase());
            }
            Some(Self::hashes(&t))
        } else {
            None
        };
        let plain = Self::hashes(word);
        for c in 0..self.filters.len() {
            if self.contains(c, plain) || titled.is_some_and(|t| self.contains(c, t)) {
                flags |= 1 << c;
            }
        }
        flags
    }
}
