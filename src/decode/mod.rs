//! Scores → spans: constrained BIO decoding, span clean-up and mention clusters.

pub mod clusters;
pub mod consistency;
pub mod discourse;
pub mod spans;

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

/// The best tag sequence under the BIO constraints (Viterbi).
pub fn viterbi(scores: &[f32], tags: &TagSet, tr: &Transitions) -> Vec<usize> {
    let t = tags.kinds.len();
    let n = scores.len() / t;
    if n == 0 {
        return Vec::new();
    }
    let mut best: Vec<f32> = (0..t).map(|j| tr.first(tags, j) + scores[j]).collect();
    let mut back = vec![0u8; n * t];
    let mut next = vec![0.0f32; t];
    for i in 1..n {
        for j in 0..t {
            let (mut arg, mut val) = (0, f32::NEG_INFINITY);
            for (k, &b) in best.iter().enumerate() {
                let v = b + tr.step(tags, k, j);
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

/// `ln Σ exp(x)`, stable. Called once per token and tag in forward-backward, so the values
/// go through a stack buffer (tag sets are small) instead of a heap allocation each time.
fn log_sum_exp(values: impl Iterator<Item = f32>) -> f32 {
    let mut buf = [0.0f32; 32];
    let mut spill = Vec::new();
    let mut n = 0;
    for x in values {
        if n < buf.len() {
            buf[n] = x;
        } else {
            spill.push(x);
        }
        n += 1;
    }
    let v: &[f32] = if n <= buf.len() {
        &buf[..n]
    } else {
        spill.splice(0..0, buf.iter().copied());
        &spill
    };
    let m = v.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    if m == f32::NEG_INFINITY {
        return m;
    }
    m + v.iter().map(|x| (x - m).exp()).sum::<f32>().ln()
}

/// Posterior probability of every tag at every token (forward-backward), token-major.
pub fn marginals(scores: &[f32], tags: &TagSet, tr: &Transitions) -> Vec<f32> {
    let t = tags.kinds.len();
    let n = scores.len() / t;
    if n == 0 {
        return Vec::new();
    }
    let mut alpha = vec![0.0f32; n * t];
    for j in 0..t {
        alpha[j] = tr.first(tags, j) + scores[j];
    }
    for i in 1..n {
        for j in 0..t {
            alpha[i * t + j] =
                log_sum_exp((0..t).map(|k| alpha[(i - 1) * t + k] + tr.step(tags, k, j)))
                    + scores[i * t + j];
        }
    }
    let mut beta = vec![0.0f32; n * t];
    beta[(n - 1) * t..].copy_from_slice(tr.end);
    for i in (0..n - 1).rev() {
        for j in 0..t {
            beta[i * t + j] =
                log_sum_exp((0..t).map(|k| {
                    tr.step(tags, j, k) + scores[(i + 1) * t + k] + beta[(i + 1) * t + k]
                }));
        }
    }
    let z = log_sum_exp((0..t).map(|j| alpha[(n - 1) * t + j] + tr.end[j]));
    alpha
        .iter()
        .zip(&beta)
        .map(|(a, b)| (a + b - z).exp().clamp(0.0, 1.0))
        .collect()
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
}

/// Decodes one sentence: the best BIO path, its spans, and each span's confidence and label
/// distribution. Entities never cross a sentence end.
pub fn tag_sentence(scores: &[f32], tags: &TagSet, tr: &Transitions) -> Vec<TokenSpan> {
    let t = tags.kinds.len();
    let path = viterbi(scores, tags, tr);
    let marg = marginals(scores, tags, tr);
    let conf: Vec<f32> = path
        .iter()
        .enumerate()
        .map(|(i, &j)| marg[i * t + j])
        .collect();
    let mut spans = spans_from_path(&path, &conf, tags);
    for s in &mut spans {
        let mut probs = vec![0.0f32; tags.labels.len()];
        for i in s.start..s.end {
            for (j, kind) in tags.kinds.iter().enumerate() {
                if let TagKind::Begin(l) | TagKind::Inside(l) = kind {
                    probs[*l] += marg[i * t + j];
                }
            }
        }
        let len = (s.end - s.start) as f32;
        probs.iter_mut().for_each(|p| *p /= len);
        s.label_probs = probs;
    }
    spans
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

    #[test]
    fn spans_read_off_bio() {
        let tags = tagset();
        let path = [1, 2, 0, 3, 1, 2, 2];
        let spans = spans_from_path(&path, &[1.0; 7], &tags);
        let got: Vec<_> = spans.iter().map(|s| (s.start, s.end, s.label)).collect();
        assert_eq!(got, vec![(0, 2, 0), (3, 4, 1), (4, 7, 0)]);
    }
}
