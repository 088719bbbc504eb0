// embed_sum: each token's vector is the sum of its feature rows of the embedding table.
// CPU twin: src/classifier/cpu.rs `embed_sum`.
//
// Bindings (group 0; the Rust side is `gpu::kernels::EMBED_SUM`):
//   @binding(0) params : uniform Params             sizes of this dispatch (struct below)
//   @binding(1) ids    : storage, read  array<u32>  n × features, token-major feature ids
//   @binding(2) embed  : storage, read  array<f32>  rows × width, row-major embedding table
//   @binding(3) x_out  : storage, read_write array<f32>  n × width, token-major
//
// Work split (the same in every kernel): workgroup g of a 2-D grid (`groups_x` wide, so a batch
// may exceed 65535 workgroups) takes the TILE tokens from g·TILE; its 64 invocations take the
// columns li, li + 64, ... of the width. Token indices are thus uniform across a workgroup
// (broadcast loads) and column indices contiguous (coalesced loads).
// Features are added in id order starting from 0.0, as on the CPU, so the sums are identical.
// An id outside the table reads zeros (the CPU would refuse it; features never produce one).

struct Params {
    n: u32,         // tokens in the batch
    width: u32,     // model width
    features: u32,  // feature ids per token
    tags: u32,      // number of tags (unused here)
    dilation: u32,  // conv dilation (unused here)
    rows: u32,      // rows of the embedding table
    groups_x: u32,  // workgroups along x in this dispatch
    pad: u32,
}

// Tokens per workgroup (`gpu::kernels::TILE` on the Rust side).
const TILE: u32 = 8u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> ids: array<u32>;
@group(0) @binding(2) var<storage, read> embed: array<f32>;
@group(0) @binding(3) var<storage, read_write> x_out: array<f32>;

@compute @workgroup_size(64)
fn embed_sum(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
    let first = (wg.y * params.groups_x + wg.x) * TILE;
    let w = params.width;
    let nf = params.features;
    for (var j = 0u; j < TILE; j++) {
        let t = first + j;
        if t >= params.n {
            return;
        }
        for (var c = li; c < w; c += 64u) {
            var acc = 0.0;
            for (var f = 0u; f < nf; f++) {
                let id = ids[t * nf + f];
                if id < params.rows {
                    acc += embed[id * w + c];
                }
            }
            x_out[t * w + c] = acc;
        }
    }
}
