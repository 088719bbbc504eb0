//! The weights file: what the trainer writes and every backend reads.
//!
//! Layout (little-endian):
//! ```text
//! magic "AANN" | format version u32 | header length u32 | header (JSON, UTF-8)
//! | tensor data (each tensor at the offset the header gives, relative to the data start)
//! | FNV-1a 64 checksum of every byte before it (u64)
//! ```
//! Tensors are `f32`, `q8` (int8 with one f32 scale per row: the scales first, then the
//! bytes) or `q4` (the same with 4-bit values, two a byte: the embedding table, to fit the
//! browser download). Quantised tensors are dequantised once at load, so the CPU and the GPU compute
//! with exactly the same f32 numbers.

use super::known_words::KnownWords;
use crate::error::{Error, Result};
use crate::features::{Lexicon, TableSizes};
use serde::{Deserialize, Serialize};

/// The format this build reads. A file of another version is refused with a clear error.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 4] = b"AANN";

/// The model that ships inside the library.
pub static DEFAULT_MODEL: &[u8] = include_bytes!("../../model/ner.aann");

/// The policy-claim model that ships beside it (no tags: one claim vote per token).
pub static DEFAULT_CLAIM_MODEL: &[u8] = include_bytes!("../../model/claims.aann");

/// How a sentence's per-token claim votes become one score (before the sigmoid).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimPool {
    /// The mean vote: every token counts.
    #[default]
    Mean,
    /// The strongest vote: one advocacy phrase anywhere makes the sentence.
    Max,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TensorInfo {
    pub name: String,
    pub shape: Vec<usize>,
    /// "f32" or "q8".
    pub dtype: String,
    pub offset: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub version: String,
    /// Width of the embedding and of every encoder layer.
    pub width: usize,
    /// Dilation of each encoder layer (window of 3: t - d, t, t + d).
    pub dilations: Vec<usize>,
    pub tables: TableSizes,
    /// Tag names in output order ("O", "B-PER", "I-PER", ...).
    pub tags: Vec<String>,
    pub tensors: Vec<TensorInfo>,
    /// Extra outputs per token after the tags: each token's vote on whether its sentence
    /// is a policy claim (0 for an entity-only model).
    #[serde(default)]
    pub claim_logits: usize,
    /// A sentence is a claim when the sigmoid of its mean vote reaches this (chosen on dev).
    #[serde(default = "default_claim_threshold")]
    pub claim_threshold: f32,
    /// How the votes of a sentence's tokens are pooled.
    #[serde(default)]
    pub claim_pool: ClaimPool,
}

fn default_claim_threshold() -> f32 {
    0.5
}

/// A loaded model: header plus dequantised tensors.
#[derive(Debug, Clone)]
pub struct Model {
    pub header: Header,
    /// Embedding table, `tables.total_rows() × width`.
    pub embed: Vec<f32>,
    /// Per layer: weights `3·width × width` (input-major) and bias `width`.
    pub layers: Vec<(Vec<f32>, Vec<f32>)>,
    /// Output projection `width × outputs` and bias `outputs` (tags, then claim votes).
    pub out_w: Vec<f32>,
    pub out_b: Vec<f32>,
    /// Transition scores `tags × tags` (from-major), start and end scores.
    pub trans: Vec<f32>,
    pub start: Vec<f32>,
    pub end: Vec<f32>,
    /// The name lexicon the `lex` feature reads (tensor `lexicon`, raw bytes).
    pub lexicon: Lexicon,
    /// The words the tagger's word rows were trained on (tensor `known_words`); other words
    /// read no word rows. `None` for a model without the filter (every word keeps its rows).
    pub known_words: Option<KnownWords>,
}

/// FNV-1a 64 over a byte slice: the checksum of the weights file.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn read_u32(bytes: &[u8], at: usize) -> Result<u32> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| Error::Model("file is truncated".into()))
}

impl Model {
    /// The model embedded in the library.
    pub fn embedded() -> Result<Model> {
        Model::from_bytes(DEFAULT_MODEL)
    }

    /// The claim model embedded in the library.
    pub fn embedded_claims() -> Result<Model> {
        Model::from_bytes(DEFAULT_CLAIM_MODEL)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        if bytes.len() < 20 || &bytes[0..4] != MAGIC {
            return Err(Error::Model(
                "not an article-annotator weights file (bad magic)".into(),
            ));
        }
        let version = read_u32(bytes, 4)?;
        if version != FORMAT_VERSION {
            return Err(Error::Model(format!(
                "weights format version {version}, this build reads version {FORMAT_VERSION}"
            )));
        }
        let body_len = bytes.len() - 8;
        let stored = u64::from_le_bytes(bytes[body_len..].try_into().expect("8 bytes"));
        let actual = checksum(&bytes[..body_len]);
        if stored != actual {
            return Err(Error::Model(format!(
                "checksum mismatch (stored {stored:016x}, computed {actual:016x}): the file is corrupt"
            )));
        }
        let header_len = read_u32(bytes, 8)? as usize;
        let header_end = 12usize
            .checked_add(header_len)
            .filter(|&e| e <= body_len)
            .ok_or_else(|| Error::Model("header length runs past the end of the file".into()))?;
        let header: Header = serde_json::from_slice(&bytes[12..header_end])
            .map_err(|e| Error::Model(format!("header is not valid JSON: {e}")))?;
        let data = &bytes[header_end..body_len];
        let tensor = |name: &str, shape: &[usize]| -> Result<Vec<f32>> {
            let info = header
                .tensors
                .iter()
                .find(|t| t.name == name)
                .ok_or_else(|| Error::Model(format!("tensor {name} is missing")))?;
            if info.shape != shape {
                return Err(Error::Model(format!(
                    "tensor {name} has shape {:?}, the header's dimensions need {:?}",
                    info.shape, shape
                )));
            }
            decode_tensor(info, data)
        };
        let w = header.width;
        let t = header.tags.len();
        // A tagger has tags; a claim model has none, only its claim votes.
        if w == 0 || t + header.claim_logits == 0 {
            return Err(Error::Model(
                "width and output count must be positive".into(),
            ));
        }
        if header.tables.lex == 0 || header.tables.cue == 0 {
            return Err(Error::Model(
                "the lexicon and cue tables need at least one row each".into(),
            ));
        }
        if header.tables.register != 0 && header.tables.cue <= crate::features::ARGUES_IN_OWN_VOICE
        {
            return Err(Error::Model(
                "a model that reads the register bit needs a cue table of 16 rows".into(),
            ));
        }
        // Byte tensors (dtype u8): the lexicon and the known-word filter, each optional.
        let blob = |name: &str| -> Result<Option<&[u8]>> {
            match header.tensors.iter().find(|t| t.name == name) {
                Some(info) if info.dtype == "u8" => {
                    let len = info.shape.iter().product::<usize>();
                    let bytes = info
                        .offset
                        .checked_add(len)
                        .and_then(|end| data.get(info.offset..end))
                        .ok_or_else(|| {
                            Error::Model(format!("tensor {name} runs past the end of the data"))
                        })?;
                    Ok(Some(bytes))
                }
                Some(_) => Err(Error::Model(format!("tensor {name} must have dtype u8"))),
                None => Ok(None),
            }
        };
        let lexicon = match blob("lexicon")? {
            Some(bytes) => Lexicon::from_bytes(bytes)?,
            None => Lexicon::empty(),
        };
        let known_words = blob("known_words")?
            .map(KnownWords::from_bytes)
            .transpose()?;
        let rows = header.tables.total_rows() as usize;
        let embed = tensor("embed", &[rows, w])?;
        let mut layers = Vec::new();
        for i in 0..header.dilations.len() {
            layers.push((
                tensor(&format!("conv{i}.w"), &[3 * w, w])?,
                tensor(&format!("conv{i}.b"), &[w])?,
            ));
        }
        Ok(Model {
            embed,
            layers,
            out_w: tensor("out.w", &[w, t + header.claim_logits])?,
            out_b: tensor("out.b", &[t + header.claim_logits])?,
            trans: tensor("trans", &[t, t])?,
            start: tensor("start", &[t])?,
            end: tensor("end", &[t])?,
            lexicon,
            known_words,
            header,
        })
    }

    pub fn width(&self) -> usize {
        self.header.width
    }

    /// Whether this is a claim model (votes only, no tags to decode).
    pub fn is_claim_model(&self) -> bool {
        self.header.tags.is_empty() && self.header.claim_logits > 0
    }

    pub fn num_tags(&self) -> usize {
        self.header.tags.len()
    }

    /// Scores per token: the tags, then the claim votes.
    pub fn num_outputs(&self) -> usize {
        self.header.tags.len() + self.header.claim_logits
    }

    /// "name version", as reported in every result.
    pub fn id(&self) -> String {
        format!("{} {}", self.header.name, self.header.version)
    }

    pub fn parameter_count(&self) -> usize {
        self.embed.len()
            + self
                .layers
                .iter()
                .map(|(w, b)| w.len() + b.len())
                .sum::<usize>()
            + self.out_w.len()
            + self.out_b.len()
            + self.trans.len()
            + self.start.len()
            + self.end.len()
    }
}

fn decode_tensor(info: &TensorInfo, data: &[u8]) -> Result<Vec<f32>> {
    let count: usize = info.shape.iter().product();
    let bad = || {
        Error::Model(format!(
            "tensor {} runs past the end of the data",
            info.name
        ))
    };
    match info.dtype.as_str() {
        "f32" => {
            let bytes = data
                .get(info.offset..info.offset + 4 * count)
                .ok_or_else(bad)?;
            Ok(bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect())
        }
        "q8" => {
            let rows = info.shape[0];
            let cols = count / rows.max(1);
            let scales_end = info.offset + 4 * rows;
            let scales = data.get(info.offset..scales_end).ok_or_else(bad)?;
            let values = data.get(scales_end..scales_end + count).ok_or_else(bad)?;
            let mut out = Vec::with_capacity(count);
            for (r, scale) in scales.chunks_exact(4).enumerate() {
                let scale = f32::from_le_bytes([scale[0], scale[1], scale[2], scale[3]]);
                out.extend(
                    values[r * cols..(r + 1) * cols]
                        .iter()
                        .map(|&q| (q as i8) as f32 * scale),
                );
            }
            Ok(out)
        }
        "q4" => {
            // Two values a byte (low nibble first), each 0..=15 meaning -8..=7, times its
            // row's scale; each row starts on a byte.
            let rows = info.shape[0];
            let cols = count / rows.max(1);
            let row_bytes = cols.div_ceil(2);
            let scales_end = info.offset + 4 * rows;
            let scales = data.get(info.offset..scales_end).ok_or_else(bad)?;
            let packed = data
                .get(scales_end..scales_end + rows * row_bytes)
                .ok_or_else(bad)?;
            let mut out = Vec::with_capacity(count);
            for (r, scale) in scales.chunks_exact(4).enumerate() {
                let scale = f32::from_le_bytes([scale[0], scale[1], scale[2], scale[3]]);
                let row = &packed[r * row_bytes..(r + 1) * row_bytes];
                out.extend((0..cols).map(|c| {
                    let nibble = (row[c / 2] >> (4 * (c % 2))) & 0x0f;
                    (nibble as i32 - 8) as f32 * scale
                }));
            }
            Ok(out)
        }
        other => Err(Error::Model(format!(
            "tensor {} has unknown dtype {other}",
            info.name
        ))),
    }
}
