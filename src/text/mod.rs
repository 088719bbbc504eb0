//! Text positions: the ONE place where UTF-8 bytes, UTF-16 code units and Unicode code points meet.
//!
//! Inside Rust every span is a UTF-8 byte range (`&text[start..end]` just works). The outside world
//! counts differently: JavaScript strings (and so DOM `Range`s) count UTF-16 code units, while the
//! CLI's JSON, Python and the W3C `TextPositionSelector` count code points. [`OffsetMap`] converts
//! between the three; nothing else in the crate should do that arithmetic by hand.
//!
//! # How it works
//!
//! * Pure ASCII text (most English news) is the identity map: no table at all.
//! * Otherwise the text is cut into blocks of 64 bytes. Each block keeps two 64-bit masks: which bytes
//!   start a code point, and which start a 4-byte code point (the only ones that take two UTF-16 units,
//!   a surrogate pair); plus the number of code points and UTF-16 units before the block.
//!   A byte offset then converts in O(1) with one `popcount`; a code point or UTF-16 offset converts
//!   in O(log n) with a binary search over the blocks and a scan of at most 64 bits.
//! * The table costs 32 bytes per 64 bytes of text on 64-bit targets (24 in wasm32), whatever the
//!   script: a table with one entry per non-ASCII char would cost several times the text itself for
//!   CJK or Cyrillic. Building it is one linear pass with an all-ASCII fast path per block.
//!
//! # Out-of-range and misaligned input
//!
//! Nothing here panics. Byte offsets past the end saturate to the end; a byte offset inside a
//! multi-byte character rounds down to that character's start (so a span that was cut mid-character
//! still maps to the characters it touches). Code point or UTF-16 offsets past the end, and UTF-16
//! offsets that point between the two halves of a surrogate pair, give `None`.

/// Bytes per block of the table. 64 so that one `u64` holds one bit per byte.
const BLOCK: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Block {
    /// Bit `i` set: byte `i` of the block starts a code point (it is not a continuation byte).
    starts: u64,
    /// Bit `i` set: byte `i` starts a 4-byte code point, which is two UTF-16 code units.
    wide: u64,
    /// Code points that start before this block.
    chars_before: usize,
    /// UTF-16 code units of the code points that start before this block.
    utf16_before: usize,
}

/// Converts offsets between UTF-8 bytes, Unicode code points and UTF-16 code units for one text.
///
/// Build it once per text with [`OffsetMap::new`]; it does not borrow the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    bytes: usize,
    chars: usize,
    utf16: usize,
    /// Empty for ASCII text, where all three offsets are the same number.
    blocks: Vec<Block>,
}

impl OffsetMap {
    /// Builds the map for `text` in one pass.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return OffsetMap {
                bytes: bytes.len(),
                chars: bytes.len(),
                utf16: bytes.len(),
                blocks: Vec::new(),
            };
        }
        let mut blocks = Vec::with_capacity(bytes.len().div_ceil(BLOCK));
        let (mut chars, mut utf16) = (0usize, 0usize);
        for chunk in bytes.chunks(BLOCK) {
            let (starts, wide) = if chunk.is_ascii() {
                // Every byte starts a char; `chunk.len()` is 64 except in the last block.
                (u64::MAX >> (BLOCK - chunk.len()), 0)
            } else {
                let (mut starts, mut wide) = (0u64, 0u64);
                for (i, &b) in chunk.iter().enumerate() {
                    // Continuation bytes are 0b10xx_xxxx; everything else starts a code point.
                    if b & 0xC0 != 0x80 {
                        starts |= 1 << i;
                    }
                    // Lead bytes 0xF0..=0xF4 start the 4-byte sequences (code points above U+FFFF).
                    if b >= 0xF0 {
                        wide |= 1 << i;
                    }
                }
                (starts, wide)
            };
            blocks.push(Block {
                starts,
                wide,
                chars_before: chars,
                utf16_before: utf16,
            });
            let n = starts.count_ones() as usize;
            chars += n;
            utf16 += n + wide.count_ones() as usize;
        }
        OffsetMap {
            bytes: bytes.len(),
            chars,
            utf16,
            blocks,
        }
    }

    /// Length of the text in UTF-8 bytes.
    pub fn byte_len(&self) -> usize {
        self.bytes
    }

    /// Length of the text in Unicode code points.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// Length of the text in UTF-16 code units (what JavaScript's `string.length` says).
    pub fn utf16_len(&self) -> usize {
        self.utf16
    }

    /// True when the text is pure ASCII and every conversion is the identity.
    pub fn is_ascii(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Code point offset of a byte offset. `byte` should be a char boundary or the text length;
    /// a byte inside a character rounds down to it, and offsets past the end give the end.
    pub fn byte_to_char(&self, byte: usize) -> usize {
        if self.is_ascii() {
            return byte.min(self.bytes);
        }
        if byte >= self.bytes {
            return self.chars;
        }
        let byte = self.floor_boundary(byte);
        let block = &self.blocks[byte / BLOCK];
        let below = (1u64 << (byte % BLOCK)) - 1;
        block.chars_before + (block.starts & below).count_ones() as usize
    }

    /// UTF-16 code unit offset of a byte offset, with the same rounding as [`Self::byte_to_char`].
    pub fn byte_to_utf16(&self, byte: usize) -> usize {
        if self.is_ascii() {
            return byte.min(self.bytes);
        }
        if byte >= self.bytes {
            return self.utf16;
        }
        let byte = self.floor_boundary(byte);
        let block = &self.blocks[byte / BLOCK];
        let below = (1u64 << (byte % BLOCK)) - 1;
        block.utf16_before
            + (block.starts & below).count_ones() as usize
            + (block.wide & below).count_ones() as usize
    }

    /// Byte offset of a code point offset; `ch == char_len()` gives the text length, past that `None`.
    pub fn char_to_byte(&self, ch: usize) -> Option<usize> {
        if self.is_ascii() {
            return (ch <= self.bytes).then_some(ch);
        }
        if ch >= self.chars {
            return (ch == self.chars).then_some(self.bytes);
        }
        // The last block whose first char index is <= ch holds the start of char `ch`
        // (block 0 has chars_before == 0, so the partition point is at least 1).
        let idx = self.blocks.partition_point(|b| b.chars_before <= ch) - 1;
        let block = &self.blocks[idx];
        let mut starts = block.starts;
        for _ in 0..ch - block.chars_before {
            starts &= starts.wrapping_sub(1); // drop the lowest set bit
        }
        (starts != 0).then(|| idx * BLOCK + starts.trailing_zeros() as usize)
    }

    /// Byte offset of a UTF-16 offset; `unit == utf16_len()` gives the text length. `None` past the
    /// end, and for an offset between the two halves of a surrogate pair (no byte offset exists there).
    pub fn utf16_to_byte(&self, unit: usize) -> Option<usize> {
        if self.is_ascii() {
            return (unit <= self.bytes).then_some(unit);
        }
        if unit >= self.utf16 {
            return (unit == self.utf16).then_some(self.bytes);
        }
        let idx = self.blocks.partition_point(|b| b.utf16_before <= unit) - 1;
        let block = &self.blocks[idx];
        let mut at = block.utf16_before;
        let mut starts = block.starts;
        while starts != 0 {
            let bit = starts.trailing_zeros() as usize;
            if at == unit {
                return Some(idx * BLOCK + bit);
            }
            at += 1 + ((block.wide >> bit) & 1) as usize;
            if at > unit {
                return None; // `unit` is the low surrogate of the char at `bit`
            }
            starts &= starts - 1;
        }
        None
    }

    /// Code point span of a byte span (`start..end`, end exclusive).
    pub fn byte_span_to_chars(&self, start: usize, end: usize) -> (usize, usize) {
        (self.byte_to_char(start), self.byte_to_char(end))
    }

    /// UTF-16 span of a byte span (`start..end`, end exclusive).
    pub fn byte_span_to_utf16(&self, start: usize, end: usize) -> (usize, usize) {
        (self.byte_to_utf16(start), self.byte_to_utf16(end))
    }

    fn is_start(&self, byte: usize) -> bool {
        (self.blocks[byte / BLOCK].starts >> (byte % BLOCK)) & 1 == 1
    }

    /// Start of the char containing `byte` (< len). At most 3 steps back: a char is at most 4 bytes,
    /// and byte 0 of a `str` always starts a char.
    fn floor_boundary(&self, mut byte: usize) -> usize {
        while byte > 0 && !self.is_start(byte) {
            byte -= 1;
        }
        byte
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks every offset of `text` against a brute-force table built with `char_indices`.
    fn check_exhaustively(text: &str) {
        let map = OffsetMap::new(text);
        assert_eq!(map.byte_len(), text.len());
        assert_eq!(map.char_len(), text.chars().count());
        assert_eq!(map.utf16_len(), text.encode_utf16().count());
        assert_eq!(map.is_ascii(), text.is_ascii());

        let mut ch = 0;
        let mut unit = 0;
        let mut unit_to_byte = vec![None; text.encode_utf16().count() + 1];
        for (byte, c) in text.char_indices() {
            assert_eq!(
                map.byte_to_char(byte),
                ch,
                "byte_to_char({byte}) in {text:?}"
            );
            assert_eq!(
                map.byte_to_utf16(byte),
                unit,
                "byte_to_utf16({byte}) in {text:?}"
            );
            assert_eq!(
                map.char_to_byte(ch),
                Some(byte),
                "char_to_byte({ch}) in {text:?}"
            );
            // Bytes inside the char round down to it.
            for inner in byte + 1..byte + c.len_utf8() {
                assert_eq!(map.byte_to_char(inner), ch);
                assert_eq!(map.byte_to_utf16(inner), unit);
            }
            unit_to_byte[unit] = Some(byte);
            ch += 1;
            unit += c.len_utf16();
        }
        unit_to_byte[unit] = Some(text.len());
        for (u, expected) in unit_to_byte.iter().enumerate() {
            assert_eq!(
                map.utf16_to_byte(u),
                *expected,
                "utf16_to_byte({u}) in {text:?}"
            );
        }
        // The end, and past the end.
        assert_eq!(map.byte_to_char(text.len()), ch);
        assert_eq!(map.byte_to_utf16(text.len()), unit);
        assert_eq!(map.byte_to_char(text.len() + 10), ch);
        assert_eq!(map.byte_to_utf16(text.len() + 10), unit);
        assert_eq!(map.char_to_byte(ch), Some(text.len()));
        assert_eq!(map.char_to_byte(ch + 1), None);
        assert_eq!(map.utf16_to_byte(unit + 1), None);
        assert_eq!(map.utf16_to_byte(usize::MAX), None);
        assert_eq!(map.char_to_byte(usize::MAX), None);
    }

    #[test]
    fn empty_and_ascii_are_identity() {
        check_exhaustively("");
        check_exhaustively("EU rejects German call to boycott British lamb .");
        let map = OffsetMap::new("abc");
        assert!(map.is_ascii());
        assert_eq!(map.char_to_byte(3), Some(3));
        assert_eq!(map.char_to_byte(4), None);
    }

    #[test]
    fn emoji_take_two_utf16_units() {
        let text = "a😀b";
        let map = OffsetMap::new(text);
        assert_eq!(map.byte_to_char(5), 2); // 'b'
        assert_eq!(map.byte_to_utf16(5), 3);
        assert_eq!(map.utf16_to_byte(2), None); // between the surrogates
        assert_eq!(map.utf16_to_byte(3), Some(5));
        check_exhaustively(text);
    }

    #[test]
    fn zwj_family_is_five_code_points_and_eight_units() {
        // 👩 ZWJ 👩 ZWJ 👧: three 4-byte emoji and two 3-byte joiners.
        let text = "x 👩\u{200D}👩\u{200D}👧 y";
        let map = OffsetMap::new(text);
        let start = 2;
        let end = text.len() - 2;
        assert_eq!(end - start, 18);
        assert_eq!(map.byte_span_to_chars(start, end), (2, 7));
        assert_eq!(map.byte_span_to_utf16(start, end), (2, 10));
        check_exhaustively(text);
    }

    #[test]
    fn cjk_accents_and_combining_marks() {
        let text = "Premier 李强 said café (cafe\u{301}) réussi";
        let map = OffsetMap::new(text);
        let li = text.find('李').unwrap();
        assert_eq!(li, 8);
        assert_eq!(map.byte_to_char(li + 6), 10); // after 李强
        assert_eq!(map.byte_to_utf16(li + 6), 10); // BMP: one unit each
        let combining = text.find("cafe\u{301}").unwrap();
        // "cafe" + U+0301 is 5 code points and 6 bytes.
        assert_eq!(
            map.byte_to_char(combining + 6) - map.byte_to_char(combining),
            5
        );
        check_exhaustively(text);
        check_exhaustively("é");
        check_exhaustively("e\u{301}");
        check_exhaustively("\u{301}");
    }

    #[test]
    fn mixed_text_across_many_blocks() {
        // Long enough that multi-byte chars straddle the 64-byte block boundaries at every phase.
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(["a", "é", "李", "😀", "e\u{301}", " ", "👩\u{200D}👧"][i % 7]);
            if i % 11 == 0 {
                text.push_str("ascii run ");
            }
        }
        check_exhaustively(&text);
        for shift in 1..4 {
            check_exhaustively(&text[text.char_indices().nth(shift).unwrap().0..]);
        }
    }

    #[test]
    fn all_ascii_blocks_inside_non_ascii_text() {
        let text = format!("{}é{}😀", "a".repeat(200), "b".repeat(130));
        check_exhaustively(&text);
    }
}
