//! The reference implementation of every kernel. Always compiled; the GPU kernels in
//! `shaders/` have twins of the same names here, and the parity tests compare them.

use super::model::Model;

/// `embed_sum`: each token's vector is the sum of its feature rows.
pub fn embed_sum(model: &Model, ids: &[u32], features: usize, out: &mut Vec<f32>) {
    let w = model.width();
    let n = ids.len() / features;
    out.clear();
    out.resize(n * w, 0.0);
    for (t, row) in out.chunks_exact_mut(w).enumerate() {
        for &id in &ids[t * features..(t + 1) * features] {
            let src = &model.embed[id as usize * w..(id as usize + 1) * w];
            for (o, s) in row.iter_mut().zip(src) {
                *o += s;
            }
        }
    }
}

/// `conv_layer`: a residual window-3 convolution with dilation `d`:
/// `x[t] + relu(b + W·[x[t-d]; x[t]; x[t+d]])`, zero outside the sequence.
pub fn conv_layer(
    x: &[f32],
    n: usize,
    w: usize,
    weights: &[f32],
    bias: &[f32],
    d: usize,
    out: &mut Vec<f32>,
) {
    out.clear();
    out.extend_from_slice(x);
    let mut acc = vec![0.0f32; w];
    for t in 0..n {
        acc.copy_from_slice(bias);
        for (k, src) in [t.checked_sub(d), Some(t), Some(t + d).filter(|&s| s < n)]
            .into_iter()
            .enumerate()
        {
            let Some(s) = src else { continue };
            let input = &x[s * w..(s + 1) * w];
            let block = &weights[k * w * w..(k + 1) * w * w];
            for (i, &v) in input.iter().enumerate() {
                if v == 0.0 {
                    continue;
                }
                let row = &block[i * w..(i + 1) * w];
                for (a, &r) in acc.iter_mut().zip(row) {
                    *a += v * r;
                }
            }
        }
        let dst = &mut out[t * w..(t + 1) * w];
        for (o, &a) in dst.iter_mut().zip(&acc) {
            *o += a.max(0.0);
        }
    }
}

/// `tag_scores`: per-token emission scores, `b + x[t]·W`.
pub fn tag_scores(
    x: &[f32],
    n: usize,
    w: usize,
    weights: &[f32],
    bias: &[f32],
    out: &mut Vec<f32>,
) {
    let tags = bias.len();
    out.clear();
    out.reserve(n * tags);
    for t in 0..n {
        let start = out.len();
        out.extend_from_slice(bias);
        let acc = &mut out[start..];
        for (i, &v) in x[t * w..(t + 1) * w].iter().enumerate() {
            let row = &weights[i * tags..(i + 1) * tags];
            for (a, &r) in acc.iter_mut().zip(row) {
                *a += v * r;
            }
        }
    }
}

/// The whole forward pass: feature ids (token-major) to emission scores (token-major).
pub fn forward(model: &Model, ids: &[u32], features: usize) -> Vec<f32> {
    let w = model.width();
    let n = ids.len() / features;
    let mut x = Vec::new();
    let mut y = Vec::new();
    embed_sum(model, ids, features, &mut x);
    for ((weights, bias), &d) in model.layers.iter().zip(&model.header.dilations) {
        conv_layer(&x, n, w, weights, bias, d, &mut y);
        std::mem::swap(&mut x, &mut y);
    }
    let mut scores = Vec::new();
    tag_scores(&x, n, w, &model.out_w, &model.out_b, &mut scores);
    scores
}
