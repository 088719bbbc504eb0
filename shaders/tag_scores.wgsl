// tag_scores: per-token emission scores, scores[t] = bias + x[t]·W.
// CPU twin: src/classifier/cpu.rs `tag_scores`.
//
// Bindings (group 0; the Rust side is `gpu::kernels::TAG_SCORES`):
//   @binding(0) params  : uniform Params             sizes of this dispatch (struct below)
//   @binding(1) x       : storage, read  array<f32>  n × width, token-major
//   @binding(2) weights : storage, read  array<f32>  width × tags, input-major
//   @binding(3) bias    : storage, read  array<f32>  tags
//   @binding(4) scores  : storage, read_write array<f32>  n × tags, token-major
//
// Work split: workgroup g (2-D grid, `groups_x` wide) takes the TILE tokens from g·TILE; each
// of its 64 invocations takes tags li, li + 64, ... with TILE accumulators. Terms are summed
// in the CPU's order (bias, then input i).

struct Params {
    n: u32,         // tokens in the batch
    width: u32,     // model width
    features: u32,  // (unused here)
    tags: u32,      // number of tags
    dilation: u32,  // (unused here)
    rows: u32,      // (unused here)
    groups_x: u32,  // workgroups along x in this dispatch
    pad: u32,
}

// Tokens per workgroup (`gpu::kernels::TILE` on the Rust side).
const TILE: u32 = 8u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> scores: array<f32>;

@compute @workgroup_size(64)
fn tag_scores(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
    let first = (wg.y * params.groups_x + wg.x) * TILE;
    let n = params.n;
    if first >= n {
        return;
    }
    let count = min(TILE, n - first);
    let w = params.width;
    let tags = params.tags;
    for (var j = li; j < tags; j += 64u) {
        var acc: array<f32, TILE>;
        for (var u = 0u; u < TILE; u++) {
            acc[u] = bias[j];
        }
        for (var i = 0u; i < w; i++) {
            let weight = weights[i * tags + j];
            for (var u = 0u; u < count; u++) {
                acc[u] += x[(first + u) * w + i] * weight;
            }
        }
        for (var u = 0u; u < count; u++) {
            scores[(first + u) * tags + j] = acc[u];
        }
    }
}
