// conv_layer: a residual window-3 convolution with dilation d:
//   x_out[t] = x_in[t] + relu(bias + W·[x_in[t-d]; x_in[t]; x_in[t+d]])
// A neighbour outside the batch or in another segment (another chunk or document of the batch)
// counts as zero, so a batch computes exactly what the CPU computes segment by segment.
// CPU twin: src/classifier/cpu.rs `conv_layer`.
//
// Bindings (group 0; the Rust side is `gpu::kernels::CONV_LAYER`):
//   @binding(0) params  : uniform Params             sizes of this dispatch (struct below)
//   @binding(1) seg     : storage, read  array<u32>  n, segment id of each token
//   @binding(2) x_in    : storage, read  array<f32>  n × width, token-major
//   @binding(3) weights : storage, read  array<f32>  3·width × width, input-major:
//                         row k·width + i (k = 0: t-d, 1: t, 2: t+d; i = input), column = output
//   @binding(4) bias    : storage, read  array<f32>  width
//   @binding(5) x_out   : storage, read_write array<f32>  n × width, token-major
//
// Work split: workgroup g (2-D grid, `groups_x` wide) takes the TILE tokens from g·TILE; each
// of its 64 invocations takes output columns li, li + 64, ... and keeps TILE accumulators, so
// each weight it loads serves TILE tokens, and the inputs it reads are the same for the whole
// workgroup (broadcast). Terms are summed in the CPU's order (bias, then k, then i).

struct Params {
    n: u32,         // tokens in the batch
    width: u32,     // model width
    features: u32,  // (unused here)
    tags: u32,      // (unused here)
    dilation: u32,  // d
    rows: u32,      // (unused here)
    groups_x: u32,  // workgroups along x in this dispatch
    pad: u32,
}

// Tokens per workgroup (`gpu::kernels::TILE` on the Rust side).
const TILE: u32 = 8u;
// Marks a neighbour that counts as zero.
const NONE: u32 = 0xffffffffu;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> seg: array<u32>;
@group(0) @binding(2) var<storage, read> x_in: array<f32>;
@group(0) @binding(3) var<storage, read> weights: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;
@group(0) @binding(5) var<storage, read_write> x_out: array<f32>;

@compute @workgroup_size(64)
fn conv_layer(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
    let first = (wg.y * params.groups_x + wg.x) * TILE;
    let n = params.n;
    if first >= n {
        return;
    }
    let w = params.width;
    let d = params.dilation;
    for (var c = li; c < w; c += 64u) {
        var acc: array<f32, TILE>;
        for (var j = 0u; j < TILE; j++) {
            acc[j] = bias[c];
        }
        for (var k = 0u; k < 3u; k++) {
            // Where token j's k-th input row starts in x_in, or NONE.
            var src: array<u32, TILE>;
            for (var j = 0u; j < TILE; j++) {
                let t = first + j;
                src[j] = NONE;
                if t < n {
                    var s = t;
                    var inside = true;
                    if k == 0u {
                        inside = t >= d;
                        s = t - d;
                    } else if k == 2u {
                        s = t + d;
                        inside = s < n;
                    }
                    if inside && seg[s] == seg[t] {
                        src[j] = s * w;
                    }
                }
            }
            let block = k * w * w + c;
            for (var i = 0u; i < w; i++) {
                let weight = weights[block + i * w];
                for (var j = 0u; j < TILE; j++) {
                    if src[j] != NONE {
                        acc[j] += x_in[src[j] + i] * weight;
                    }
                }
            }
        }
        for (var j = 0u; j < TILE; j++) {
            let t = first + j;
            if t < n {
                let at = t * w + c;
                x_out[at] = x_in[at] + max(acc[j], 0.0);
            }
        }
    }
}
