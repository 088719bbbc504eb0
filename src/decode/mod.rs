//! Scores → spans: constrained BIO decoding, span clean-up and mention clusters.

use serde::Serialize;

pub mod clusters;
pub mod consistency;
pub mod entities;
pub mod rules;
pub mod spans;

pub use entities::{entities, Tagging};

/// What a tag says about the token it labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    Outside,
    Begin(usize),
    Inside(usize),
}

/// The tag set of a model, parsed once from its names ("O", "B-PER", "I-PER", ...).
#[derive(Debug, Clone)]
pub struct TagSet {
    pub kinds: Vec<TagKind>,
    pub labels: Vec<String>,
}

impl TagSet {
    pub fn parse(names: &[String]) -> crate::error::Result<TagSet> {
        let mut labels: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        for name in names {
            let kind = if name == "O" {
                TagKind::Outside
            } else if let Some((prefix, label)) = name.split_once('-') {
                let idx = match labels.iter().position(|l| l == label) {
                    Some(i) => i,
                    None => {
                        labels.push(label.to_string());
                        labels.len() - 1
                    }
                };
                match prefix {
                    "B" => TagKind::Begin(idx),
                    "I" => TagKind::Inside(idx),
                    _ => return Err(crate::error::Error::Model(format!("unknown tag {name}"))),
                }
            } else {
                return Err(crate::error::Error::Model(format!("unknown tag {name}")));
            };
            kinds.push(kind);
        }
        Ok(TagSet { kinds, labels })
    }

    /// BIO constraint: `I-X` only after `B-X` or `I-X`.
    pub fn allowed(&self, from: Option<usize>, to: usize) -> bool {
        match self.kinds[to] {
            TagKind::Inside(label) => match from.map(|f| self.kinds[f]) {
                Some(TagKind::Begin(l)) | Some(TagKind::Inside(l)) => l == label,
                _ => false,
            },
            _ => true,
        }
    }
}

/// Transition scores of a linear-chain CRF.
pub struct Transitions<'a> {
    pub trans: &'a [f32],
    pub start: &'a [f32],
    pub end: &'a [f32],
}

const FORBIDDEN: f32 = -1.0e9;

impl Transitions<'_> {
    fn step(&self, tags: &TagSet, from: usize, to: usize) -> f32 {
        if tags.allowed(Some(from), to) {
            self.trans[from * tags.kinds.len() + to]
        } else {
            FORBIDDEN
        }
    }
    fn first(&self, tags: &TagSet, to: usize) -> f32 {
        if tags.allowed(None, to) {
            self.start[to]
        } else {
            FORBIDDEN
        }
    }
}

/// The constrained transitions of one tag set, looked up once per sentence instead of once
/// per token and tag pair: the same numbers [`Transitions::step`] and [`Transitions::first`]
/// give, and which moves are allowed at all.
struct Steps {
    t: usize,
    /// `step(from, to)`, from-major (`FORBIDDEN` where not allowed).
    step: Vec<f32>,
    /// `first(to)`.
    first: Vec<f32>,
    /// For each `to`, the tags it may follow, in increasing order.
    from: Vec<Vec<usize>>,
    /// For each `from`, the tags that may follow it, in increasing order.
    to: Vec<Vec<usize>>,
}

impl Steps {
    fn new(tags: &TagSet, tr: &Transitions) -> Steps {
        let t = tags.kinds.len();
        let mut step = Vec::with_capacity(t * t);
        let mut from = vec![Vec::new(); t];
        let mut to = vec![Vec::new(); t];
        for (k, to_k) in to.iter_mut().enumerate() {
            for (j, from_j) in from.iter_mut().enumerate() {
                step.push(tr.step(tags, k, j));
                if tags.allowed(Some(k), j) {
                    from_j.push(k);
                    to_k.push(j);
                }
            }
        }
        let first = (0..t).map(|j| tr.first(tags, j)).collect();
        Steps {
            t,
            step,
            first,
            from,
            to,
        }
    }
}

/// The best tag sequence under the BIO constraints (Viterbi).
pub fn viterbi(scores: &[f32], tags: &TagSet, tr: &Transitions) -> Vec<usize> {
    viterbi_with(scores, &Steps::new(tags, tr), tr)
}

fn viterbi_with(scores: &[f32], steps: &Steps, tr: &Transitions) -> Vec<usize> {
    let t = steps.t;
    let n = scores.len() / t;
    if n == 0 {
        return Vec::new();
    }
    let mut best: Vec<f32> = (0..t).map(|j| steps.first[j] + scores[j]).collect();
    let mut back = vec![0u8; n * t];
    let mut next = vec![0.0f32; t];
    for i in 1..n {
        for j in 0..t {
            let (mut arg, mut val) = (0, f32::NEG_INFINITY);
            for (k, &b) in best.iter().enumerate() {
                let v = b + steps.step[k * t + j];
                if v > val {
                    val = v;
                    arg = k;
                }
            }
            next[j] = val + scores[i * t + j];
            back[i * t + j] = arg as u8;
        }
        std::mem::swap(&mut best, &mut next);
    }
    let mut last = 0;
    let mut val = f32::NEG_INFINITY;
    for (j, &b) in best.iter().enumerate() {
        let v = b + tr.end[j];
        if v > val {
            val = v;
            last = j;
        }
    }
    let mut path = vec![0usize; n];
    path[n - 1] = last;
    for i in (1..n).rev() {
        path[i - 1] = back[i * t + path[i]] as usize;
    }
    path
}

/// Below this, `exp` of an `f32` is exactly zero: e^-103.98 is under half the smallest
/// subnormal (2^-150), so it rounds to +0.
const EXP_UNDERFLOW: f32 = -104.0;

/// `ln Σ exp(x)`, stable: the max, then the sum of `exp(x - max)` in order, then its log.
///
/// The same number as summing every term, where a term is left out only when it is exactly
/// zero: either `x - max` is below [`EXP_UNDERFLOW`], or `x` is a forbidden move (about
/// -1e9, never the max, since every tag may follow some allowed, finite path). A zero term
/// leaves a sum that already holds `exp(0) = 1` unchanged, and the max is unchanged.
fn log_sum_exp(values: &[f32]) -> f32 {
    let m = values.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    if m == f32::NEG_INFINITY {
        return m;
    }
    let mut sum = -0.0f32;
    for &x in values {
        let d = x - m;
        if d >= EXP_UNDERFLOW {
            sum += d.exp();
        }
    }
    m + sum.ln()
}

/// Forward-backward in log space: fills `alpha` and `beta` (token-major) and returns `ln Z`.
/// Only allowed moves are summed (see [`log_sum_exp`] for why that gives the same numbers).
fn forward_backward(
    scores: &[f32],
    steps: &Steps,
    tr: &Transitions,
    alpha: &mut Vec<f32>,
    beta: &mut Vec<f32>,
    buf: &mut Vec<f32>,
) -> f32 {
    let t = steps.t;
    let n = scores.len() / t;
    alpha.clear();
    alpha.resize(n * t, 0.0);
    for j in 0..t {
        alpha[j] = steps.first[j] + scores[j];
    }
    for i in 1..n {
        let (done, rest) = alpha.split_at_mut(i * t);
        let prev = &done[(i - 1) * t..];
        for (j, a) in rest[..t].iter_mut().enumerate() {
            buf.clear();
            buf.extend(
                steps.from[j]
                    .iter()
                    .map(|&k| prev[k] + steps.step[k * t + j]),
            );
            *a = log_sum_exp(buf) + scores[i * t + j];
        }
    }
    beta.clear();
    beta.resize(n * t, 0.0);
    beta[(n - 1) * t..].copy_from_slice(tr.end);
    for i in (0..n - 1).rev() {
        let (head, tail) = beta.split_at_mut((i + 1) * t);
        let next = &tail[..t];
        let emit = &scores[(i + 1) * t..(i + 2) * t];
        for (j, b) in head[i * t..].iter_mut().enumerate() {
            buf.clear();
            buf.extend(
                steps.to[j]
                    .iter()
                    .map(|&k| steps.step[j * t + k] + emit[k] + next[k]),
            );
            *b = log_sum_exp(buf);
        }
    }
    buf.clear();
    buf.extend((0..t).map(|j| alpha[(n - 1) * t + j] + tr.end[j]));
    log_sum_exp(buf)
}

/// The posterior of tag `j` at token `i`.
fn marginal(alpha: &[f32], beta: &[f32], z: f32, t: usize, i: usize, j: usize) -> f32 {
    (alpha[i * t + j] + beta[i * t + j] - z)
        .exp()
        .clamp(0.0, 1.0)
}

/// Posterior probability of every tag at every token (forward-backward), token-major.
pub fn marginals(scores: &[f32], tags: &TagSet, tr: &Transitions) -> Vec<f32> {
    let t = tags.kinds.len();
    let n = scores.len() / t;
    if n == 0 {
        return Vec::new();
    }
    let (mut alpha, mut beta, mut buf) = (Vec::new(), Vec::new(), Vec::new());
    let z = forward_backward(
        scores,
        &Steps::new(tags, tr),
        tr,
        &mut alpha,
        &mut beta,
        &mut buf,
    );
    (0..n * t)
        .map(|c| marginal(&alpha, &beta, z, t, c / t, c % t))
        .collect()
}

/// A mention of a person, organisation or place. Offsets are UTF-8 bytes, end exclusive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub score: f32,
    /// Mentions of the same entity share this id (0, 1, 2, ... in order of first mention).
    pub cluster: usize,
    /// [`FROM_MODEL`], or the name of the rule that added or relabelled the mention last.
    #[serde(skip)]
    pub source: &'static str,
}

/// The `source` of a mention the tagger found and no rule changed (re-exported by
/// `annotations`, whose types carry it).
pub const FROM_MODEL: &str = "model";

/// The names of the document rules, in the order they run ([`rules::RULES`]).
pub fn rule_names() -> Vec<&'static str> {
    rules::RULES.iter().map(|rule| rule.name).collect()
}

/// A decoded span over token indices, end exclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenSpan {
    pub start: usize,
    pub end: usize,
    pub label: usize,
    /// Mean posterior of the span's tags.
    pub score: f32,
    /// Mean posterior of each label over the span's tokens (B-X plus I-X), by label index.
    pub label_probs: Vec<f32>,
    /// [`FROM_MODEL`], or the name of the rule that added or relabelled it last.
    pub source: &'static str,
}

/// Decodes one sentence: the best BIO path, its spans, and each span's confidence and label
/// distribution. Entities never cross a sentence end.
pub fn tag_sentence(scores: &[f32], tags: &TagSet, tr: &Transitions) -> Vec<TokenSpan> {
    SentenceDecoder::new(tags, tr).tag_sentence(scores)
}

/// [`tag_sentence`] for many sentences of one model: the constrained transitions are looked
/// up once and the forward-backward buffers are reused.
pub struct SentenceDecoder<'a> {
    tags: &'a TagSet,
    tr: &'a Transitions<'a>,
    steps: Steps,
    alpha: Vec<f32>,
    beta: Vec<f32>,
    buf: Vec<f32>,
}

impl<'a> SentenceDecoder<'a> {
    pub fn new(tags: &'a TagSet, tr: &'a Transitions<'a>) -> SentenceDecoder<'a> {
        SentenceDecoder {
            tags,
            tr,
            steps: Steps::new(tags, tr),
            alpha: Vec::new(),
            beta: Vec::new(),
            buf: Vec::new(),
        }
    }

    /// See [`tag_sentence`]. Posteriors are read only where they are used: the path's tag on
    /// tokens inside a span, and every B-/I- tag of a span's tokens (a sentence without a
    /// span needs no forward-backward at all).
    pub fn tag_sentence(&mut self, scores: &[f32]) -> Vec<TokenSpan> {
        let tags = self.tags;
        let t = tags.kinds.len();
        let path = viterbi_with(scores, &self.steps, self.tr);
        if !path.iter().any(|&j| tags.kinds[j] != TagKind::Outside) {
            return Vec::new();
        }
        let z = forward_backward(
            scores,
            &self.steps,
            self.tr,
            &mut self.alpha,
            &mut self.beta,
            &mut self.buf,
        );
        let (alpha, beta) = (&self.alpha, &self.beta);
        let conf: Vec<f32> = path
            .iter()
            .enumerate()
            .map(|(i, &j)| match tags.kinds[j] {
                TagKind::Outside => 0.0,
                _ => marginal(alpha, beta, z, t, i, j),
            })
            .collect();
        let mut spans = spans_from_path(&path, &conf, tags);
        for s in &mut spans {
            let mut probs = vec![0.0f32; tags.labels.len()];
            for i in s.start..s.end {
                for (j, kind) in tags.kinds.iter().enumerate() {
                    if let TagKind::Begin(l) | TagKind::Inside(l) = kind {
                        probs[*l] += marginal(alpha, beta, z, t, i, j);
                    }
                }
            }
            let len = (s.end - s.start) as f32;
            probs.iter_mut().for_each(|p| *p /= len);
            s.label_probs = probs;
        }
        spans
    }
}

/// Reads the spans off a BIO path; `confidence` gives each token's probability.
pub fn spans_from_path(path: &[usize], confidence: &[f32], tags: &TagSet) -> Vec<TokenSpan> {
    let mut spans: Vec<TokenSpan> = Vec::new();
    let mut open: Option<TokenSpan> = None;
    for (i, &tag) in path.iter().enumerate() {
        match tags.kinds[tag] {
            TagKind::Inside(l) if open.as_ref().is_some_and(|s| s.label == l) => {
                let s = open.as_mut().expect("checked");
                s.end = i + 1;
                s.score += confidence[i];
            }
            TagKind::Begin(l) | TagKind::Inside(l) => {
                spans.extend(open.take());
                open = Some(TokenSpan {
                    start: i,
                    end: i + 1,
                    label: l,
                    score: confidence[i],
                    label_probs: Vec::new(),
                    source: crate::decode::FROM_MODEL,
                });
            }
            TagKind::Outside => spans.extend(open.take()),
        }
    }
    spans.extend(open);
    for s in &mut spans {
        s.score /= (s.end - s.start) as f32;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagset() -> TagSet {
        let names: Vec<String> = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        TagSet::parse(&names).unwrap()
    }

    #[test]
    fn inside_never_follows_outside_or_another_label() {
        let tags = tagset();
        let zeros = vec![0.0; 25];
        let tr = Transitions {
            trans: &zeros,
            start: &zeros[..5],
            end: &zeros[..5],
        };
        // Emissions strongly prefer I-PER everywhere, and I-ORG at token 2.
        let mut scores = vec![0.0f32; 3 * 5];
        scores[2] = 10.0;
        scores[5 + 2] = 10.0;
        scores[10 + 4] = 10.0;
        let path = viterbi(&scores, &tags, &tr);
        assert_ne!(
            tags.kinds[path[0]],
            TagKind::Inside(0),
            "no I- at the start"
        );
        for w in path.windows(2) {
            assert!(tags.allowed(Some(w[0]), w[1]), "{path:?}");
        }
        let marg = marginals(&scores, &tags, &tr);
        assert!(marg.iter().all(|&p| (0.0..=1.0).contains(&p)));
        for row in marg.chunks(5) {
            let total: f32 = row.iter().sum();
            assert!(
                (total - 1.0).abs() < 1e-3,
                "marginals of a token sum to one: {row:?}"
            );
        }
    }

    /// The straightforward forward-backward over every move, forbidden ones included.
    fn reference_marginals(scores: &[f32], tags: &TagSet, tr: &Transitions) -> Vec<f32> {
        fn lse(v: Vec<f32>) -> f32 {
            let m = v.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
            if m == f32::NEG_INFINITY {
                return m;
            }
            m + v.iter().map(|x| (x - m).exp()).sum::<f32>().ln()
        }
        let t = tags.kinds.len();
        let n = scores.len() / t;
        let mut alpha = vec![0.0f32; n * t];
        for j in 0..t {
            alpha[j] = tr.first(tags, j) + scores[j];
        }
        for i in 1..n {
            for j in 0..t {
                alpha[i * t + j] = lse((0..t)
                    .map(|k| alpha[(i - 1) * t + k] + tr.step(tags, k, j))
                    .collect())
                    + scores[i * t + j];
            }
        }
        let mut beta = vec![0.0f32; n * t];
        beta[(n - 1) * t..].copy_from_slice(tr.end);
        for i in (0..n - 1).rev() {
            for j in 0..t {
                beta[i * t + j] = lse((0..t)
                    .map(|k| tr.step(tags, j, k) + scores[(i + 1) * t + k] + beta[(i + 1) * t + k])
                    .collect());
            }
        }
        let z = lse((0..t).map(|j| alpha[(n - 1) * t + j] + tr.end[j]).collect());
        alpha
            .iter()
            .zip(&beta)
            .map(|(a, b)| (a + b - z).exp().clamp(0.0, 1.0))
            .collect()
    }

    #[test]
    fn exp_below_the_cutoff_is_exactly_zero() {
        let mut d = EXP_UNDERFLOW;
        while d > -2000.0 {
            assert_eq!(d.exp().to_bits(), 0, "exp({d})");
            d = f32::from_bits(d.to_bits() + 1);
            if d < -120.0 {
                d *= 1.5;
            }
        }
    }

    #[test]
    fn marginals_match_summing_every_move() {
        let names: Vec<String> = crate::features::TRAINING_TAGS
            .iter()
            .map(|s| s.to_string())
            .collect();
        let tags = TagSet::parse(&names).unwrap();
        let t = tags.kinds.len();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut rand = |scale: f32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            ((seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * scale
        };
        for round in 0..300 {
            let scale = [1.0, 8.0, 40.0, 300.0][round % 4];
            let trans: Vec<f32> = (0..t * t).map(|_| rand(scale)).collect();
            let start: Vec<f32> = (0..t).map(|_| rand(scale)).collect();
            let end: Vec<f32> = (0..t).map(|_| rand(scale)).collect();
            let tr = Transitions {
                trans: &trans,
                start: &start,
                end: &end,
            };
            let n = 1 + round % 23;
            let scores: Vec<f32> = (0..n * t).map(|_| rand(scale)).collect();
            let fast = marginals(&scores, &tags, &tr);
            let slow = reference_marginals(&scores, &tags, &tr);
            for (a, b) in fast.iter().zip(&slow) {
                assert_eq!(a.to_bits(), b.to_bits(), "round {round}: {a} != {b}");
            }
            // And the spans read off them.
            let spans = tag_sentence(&scores, &tags, &tr);
            let path = viterbi(&scores, &tags, &tr);
            let conf: Vec<f32> = path
                .iter()
                .enumerate()
                .map(|(i, &j)| slow[i * t + j])
                .collect();
            let mut want = spans_from_path(&path, &conf, &tags);
            for s in &mut want {
                let mut probs = vec![0.0f32; tags.labels.len()];
                for i in s.start..s.end {
                    for (j, kind) in tags.kinds.iter().enumerate() {
                        if let TagKind::Begin(l) | TagKind::Inside(l) = kind {
                            probs[*l] += slow[i * t + j];
                        }
                    }
                }
                let len = (s.end - s.start) as f32;
                probs.iter_mut().for_each(|p| *p /= len);
                s.label_probs = probs;
            }
            assert_eq!(spans.len(), want.len());
            for (a, b) in spans.iter().zip(&want) {
                assert_eq!((a.start, a.end, a.label), (b.start, b.end, b.label));
                assert_eq!(a.score.to_bits(), b.score.to_bits());
                let bits = |p: &[f32]| p.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&a.label_probs), bits(&b.label_probs));
            }
        }
    }

    #[test]
    fn spans_read_off_bio() {
        let tags = tagset();
        let path = [1, 2, 0, 3, 1, 2, 2];
        let spans = spans_from_path(&path, &[1.0; 7], &tags);
        let got: Vec<_> = spans.iter().map(|s| (s.start, s.end, s.label)).collect();
        assert_eq!(got, vec![(0, 2, 0), (3, 4, 1), (4, 7, 0)]);
    }
}
