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
            for (o, s) in row.iter_mut().zip(embedding_row(model, id)) {
                *o += s;
            }
        }
    }
}

/// Row `id` of the embedding table; empty for an id past its end ([`super::NO_ROW`]: a word
/// the tagger never saw reads no word rows), as the WGSL `embed_sum` skips it.
fn embedding_row(model: &Model, id: u32) -> &[f32] {
    let w = model.width();
    let id = id as usize;
    if id < model.embed.len() / w {
        &model.embed[id * w..(id + 1) * w]
    } else {
        &[]
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
///
/// The same arithmetic as [`embed_sum`], [`conv_layer`] and [`tag_scores`] one after the other,
/// in the same order for every output (bias first, then `x[t-d]`, `x[t]`, `x[t+d]`, each over
/// its inputs in order, a multiply then an add: no fused multiply-add), so the scores are the
/// same numbers. It is faster because the activations carry zero rows on both sides (a
/// neighbour outside the sequence adds an exact zero instead of being skipped) and a block of
/// tokens and outputs stays in registers while the weights stream past once per block; on
/// x86 CPUs with AVX the same code runs eight lanes wide (chosen at run time, so the binary
/// still runs on any x86-64).
pub fn forward(model: &Model, ids: &[u32], features: usize) -> Vec<f32> {
    forward_with(model, ids, features, true)
}

/// [`forward`], on the portable loops only when `simd` is false (for the tests).
fn forward_with(model: &Model, ids: &[u32], features: usize, simd: bool) -> Vec<f32> {
    let w = model.width();
    let n = ids.len() / features;
    let pad = model.header.dilations.iter().copied().max().unwrap_or(0);
    let rows = n + 2 * pad;
    let mut x = vec![0.0f32; rows * w];
    let mut y = vec![0.0f32; rows * w];
    embed_rows(model, ids, features, &mut x[pad * w..(pad + n) * w]);
    for ((weights, bias), &d) in model.layers.iter().zip(&model.header.dilations) {
        conv_padded(&x, &mut y, n, w, pad, weights, bias, d, simd);
        std::mem::swap(&mut x, &mut y);
    }
    let mut scores = Vec::new();
    let x = &x[pad * w..(pad + n) * w];
    #[cfg(target_arch = "x86_64")]
    if simd && std::arch::is_x86_feature_detected!("avx") {
        // SAFETY: the CPU has AVX (checked just above).
        unsafe { tag_scores_avx(x, n, w, &model.out_w, &model.out_b, &mut scores) };
        return scores;
    }
    tag_scores(x, n, w, &model.out_w, &model.out_b, &mut scores);
    scores
}

/// [`tag_scores`] with AVX: four tokens at a time, eight outputs a register (the rest one
/// at a time), each output summed in the same order.
///
/// # Safety
/// The CPU must have AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn tag_scores_avx(
    x: &[f32],
    n: usize,
    w: usize,
    weights: &[f32],
    bias: &[f32],
    out: &mut Vec<f32>,
) {
    use std::arch::x86_64::*;
    let tags = bias.len();
    assert!(x.len() >= n * w && weights.len() >= w * tags);
    out.clear();
    out.resize(n * tags, 0.0);
    let full = tags / 8 * 8;
    let mut t = 0;
    while t < n {
        let tb = (n - t).min(4);
        let rows: [&[f32]; 4] = std::array::from_fn(|k| &x[(t + k.min(tb - 1)) * w..][..w]);
        for ob in (0..full).step_by(8) {
            // SAFETY: `ob + 8 <= tags`, `i < w`: in bounds by the assert.
            unsafe {
                let b = _mm256_loadu_ps(bias.as_ptr().add(ob));
                let mut acc = [b; 4];
                for i in 0..w {
                    let r = _mm256_loadu_ps(weights.as_ptr().add(i * tags + ob));
                    for (a, row) in acc.iter_mut().zip(&rows) {
                        let v = _mm256_set1_ps(*row.get_unchecked(i));
                        *a = _mm256_add_ps(*a, _mm256_mul_ps(v, r));
                    }
                }
                for (k, a) in acc.iter().enumerate().take(tb) {
                    _mm256_storeu_ps(out.as_mut_ptr().add((t + k) * tags + ob), *a);
                }
            }
        }
        for o in full..tags {
            let mut acc = [bias[o]; 4];
            for i in 0..w {
                let r = weights[i * tags + o];
                for (a, row) in acc.iter_mut().zip(&rows) {
                    *a += row[i] * r;
                }
            }
            for (k, a) in acc.iter().enumerate().take(tb) {
                out[(t + k) * tags + o] = *a;
            }
        }
        t += tb;
    }
}

/// [`embed_sum`] into a zeroed slice of `n × width`.
fn embed_rows(model: &Model, ids: &[u32], features: usize, out: &mut [f32]) {
    let w = model.width();
    const AHEAD: usize = 4;
    for (t, (row, tok)) in out
        .chunks_exact_mut(w)
        .zip(ids.chunks_exact(features))
        .enumerate()
    {
        if let Some(later) = ids.get((t + AHEAD) * features..(t + AHEAD + 1) * features) {
            prefetch_rows(&model.embed, w, later);
        }
        for &id in tok {
            for (o, s) in row.iter_mut().zip(embedding_row(model, id)) {
                *o += s;
            }
        }
    }
}

/// The embedding table is megabytes and its rows are read at random: ask for a later
/// token's rows now so that they are in cache when it comes (a hint: it changes no value).
#[inline(always)]
fn prefetch_rows(embed: &[f32], w: usize, ids: &[u32]) {
    #[cfg(target_arch = "x86_64")]
    for &id in ids {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let start = id as usize * w;
        if let Some(src) = embed.get(start..start + w) {
            for line in src.chunks(16) {
                // SAFETY: a prefetch of memory inside `embed`; it reads nothing.
                unsafe { _mm_prefetch::<_MM_HINT_T0>(line.as_ptr().cast()) };
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (embed, w, ids);
}

/// [`conv_layer`] on padded activations: `x` and `out` hold `pad` zero rows, the `n` token
/// rows, then `pad` zero rows (`pad >= d`); only the token rows of `out` are written.
#[allow(clippy::too_many_arguments)]
fn conv_padded(
    x: &[f32],
    out: &mut [f32],
    n: usize,
    w: usize,
    pad: usize,
    weights: &[f32],
    bias: &[f32],
    d: usize,
    simd: bool,
) {
    debug_assert!(pad >= d && x.len() == (n + 2 * pad) * w && out.len() == x.len());
    let args = ConvArgs {
        x,
        n,
        w,
        pad,
        weights,
        bias,
        d,
    };
    if w.is_multiple_of(16) {
        #[cfg(target_arch = "x86_64")]
        if simd && std::arch::is_x86_feature_detected!("avx") {
            // SAFETY: the CPU has AVX (checked just above).
            unsafe { conv_avx(&args, out) };
            return;
        }
        let _ = simd;
        conv_blocks::<1, 16>(&args, out);
    } else if w.is_multiple_of(4) {
        conv_blocks::<1, 4>(&args, out);
    } else {
        conv_blocks::<1, 1>(&args, out);
    }
}

struct ConvArgs<'a> {
    x: &'a [f32],
    n: usize,
    w: usize,
    pad: usize,
    weights: &'a [f32],
    bias: &'a [f32],
    d: usize,
}

/// [`conv_blocks`] with AVX intrinsics: 6 tokens × 16 outputs in twelve registers.
///
/// # Safety
/// The CPU must have AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn conv_avx(a: &ConvArgs, out: &mut [f32]) {
    let w = a.w;
    let rows = a.n + 2 * a.pad;
    assert!(
        w.is_multiple_of(16)
            && a.pad >= a.d
            && a.x.len() >= rows * w
            && out.len() >= rows * w
            && a.weights.len() >= 3 * w * w
            && a.bias.len() >= w
    );
    let mut t = 0;
    while t + 6 <= a.n {
        // SAFETY: every row read is below `pad + n + d <= rows`, every column below `w`.
        unsafe { conv_avx_block::<6>(a, out, t) };
        t += 6;
    }
    while t < a.n {
        // SAFETY: as above.
        unsafe { conv_avx_block::<1>(a, out, t) };
        t += 1;
    }
}

/// Tokens `t0..t0 + TB` (all below `n`), 16 outputs at a time.
///
/// # Safety
/// AVX, and the bounds [`conv_avx`] asserts.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
#[inline]
unsafe fn conv_avx_block<const TB: usize>(a: &ConvArgs, out: &mut [f32], t0: usize) {
    use std::arch::x86_64::*;
    let w = a.w;
    let x = a.x.as_ptr();
    let dst = out.as_mut_ptr();
    for ob in (0..w).step_by(16) {
        // SAFETY (all pointer reads and writes below): in bounds by `conv_avx`'s assert.
        unsafe {
            let b0 = _mm256_loadu_ps(a.bias.as_ptr().add(ob));
            let b1 = _mm256_loadu_ps(a.bias.as_ptr().add(ob + 8));
            let mut lo = [b0; TB];
            let mut hi = [b1; TB];
            for k in 0..3 {
                let first = a.pad + t0 + k * a.d - a.d;
                let mut wp = a.weights.as_ptr().add(k * w * w + ob);
                let mut xp = x.add(first * w);
                for _ in 0..w {
                    let w0 = _mm256_loadu_ps(wp);
                    let w1 = _mm256_loadu_ps(wp.add(8));
                    for tb in 0..TB {
                        let v = _mm256_broadcast_ss(&*xp.add(tb * w));
                        lo[tb] = _mm256_add_ps(lo[tb], _mm256_mul_ps(v, w0));
                        hi[tb] = _mm256_add_ps(hi[tb], _mm256_mul_ps(v, w1));
                    }
                    wp = wp.add(w);
                    xp = xp.add(1);
                }
            }
            let zero = _mm256_setzero_ps();
            for tb in 0..TB {
                let r = (a.pad + t0 + tb) * w + ob;
                let x0 = _mm256_loadu_ps(x.add(r));
                let x1 = _mm256_loadu_ps(x.add(r + 8));
                // `s.max(0.0)`: the accumulator is never NaN, so maxps gives the same.
                _mm256_storeu_ps(dst.add(r), _mm256_add_ps(x0, _mm256_max_ps(lo[tb], zero)));
                _mm256_storeu_ps(
                    dst.add(r + 8),
                    _mm256_add_ps(x1, _mm256_max_ps(hi[tb], zero)),
                );
            }
        }
    }
}

/// Every token row, `TB` tokens at a time (then one at a time for the rest).
#[inline(always)]
fn conv_blocks<const TB: usize, const OB: usize>(a: &ConvArgs, out: &mut [f32]) {
    let mut t = 0;
    while t + TB <= a.n {
        conv_block::<TB, OB>(a, out, t);
        t += TB;
    }
    while t < a.n {
        conv_block::<1, OB>(a, out, t);
        t += 1;
    }
}

/// Tokens `t0..t0 + TB`, `OB` outputs at a time; `a.w` is a multiple of `OB`.
#[inline(always)]
fn conv_block<const TB: usize, const OB: usize>(a: &ConvArgs, out: &mut [f32], t0: usize) {
    let w = a.w;
    let row = |r: usize| &a.x[r * w..(r + 1) * w];
    for ob in (0..w).step_by(OB) {
        let mut acc = [[0.0f32; OB]; TB];
        let b: &[f32; OB] = a.bias[ob..ob + OB].try_into().expect("OB outputs");
        for lane in acc.iter_mut() {
            *lane = *b;
        }
        for k in 0..3 {
            // Padded row of token t0's neighbour k (t - d, t, t + d).
            let first = a.pad + t0 + k * a.d - a.d;
            let inputs: [&[f32]; TB] = std::array::from_fn(|tb| row(first + tb));
            let block = &a.weights[k * w * w..(k + 1) * w * w];
            for (i, wrow) in block.chunks_exact(w).enumerate() {
                let wr: &[f32; OB] = wrow[ob..ob + OB].try_into().expect("OB outputs");
                for (lane, input) in acc.iter_mut().zip(&inputs) {
                    let v = input[i];
                    for (s, &r) in lane.iter_mut().zip(wr) {
                        *s += v * r;
                    }
                }
            }
        }
        for (tb, lane) in acc.iter().enumerate() {
            let r = (a.pad + t0 + tb) * w + ob;
            let dst = &mut out[r..r + OB];
            for ((o, &xv), &s) in dst.iter_mut().zip(&a.x[r..r + OB]).zip(lane) {
                *o = xv + s.max(0.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference composition of the kernels, as the GPU runs them.
    fn reference(model: &Model, ids: &[u32], features: usize) -> Vec<f32> {
        let w = model.width();
        let n = ids.len() / features;
        let (mut x, mut y) = (Vec::new(), Vec::new());
        embed_sum(model, ids, features, &mut x);
        for ((weights, bias), &d) in model.layers.iter().zip(&model.header.dilations) {
            conv_layer(&x, n, w, weights, bias, d, &mut y);
            std::mem::swap(&mut x, &mut y);
        }
        let mut scores = Vec::new();
        tag_scores(&x, n, w, &model.out_w, &model.out_b, &mut scores);
        scores
    }

    #[test]
    fn forward_is_the_reference_kernels_bit_for_bit() {
        let models = [
            Model::embedded().unwrap(),
            Model::embedded_claims().unwrap(),
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for model in &models {
            let rows = model.embed.len() / model.width();
            for n in [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 100, 257] {
                let ids: Vec<u32> = (0..n * 8)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        (seed % rows as u64) as u32
                    })
                    .collect();
                let slow = reference(model, &ids, 8);
                for simd in [true, false] {
                    let fast = forward_with(model, &ids, 8, simd);
                    assert_eq!(fast.len(), slow.len());
                    for (i, (a, b)) in fast.iter().zip(&slow).enumerate() {
                        // Equal as numbers (a zero may differ in sign only, which no later
                        // addition, multiplication or comparison can tell).
                        assert!(a == b, "{} n={n} simd={simd} [{i}]: {a} != {b}", model.id());
                    }
                }
            }
        }
    }
}
