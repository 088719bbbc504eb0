//! The WGSL kernels: their sources, their bindings and one pipeline-building function per
//! shader. The binding tables here are the single description of each bind group layout:
//! the Rust side builds its layouts from them, and `tests/shaders.rs` checks them against the
//! WGSL (parsed with naga), so a shader and its Rust caller cannot drift apart silently.

/// Invocations per workgroup of every kernel (`@workgroup_size(64)` in each shader; checked
/// by `tests/shaders.rs`).
pub const WORKGROUP_SIZE: u32 = 64;

/// Tokens per workgroup (`const TILE` in each shader; checked by `tests/shaders.rs`): a
/// dispatch over `n` tokens has `ceil(n / TILE)` workgroups.
pub const TILE: u32 = 8;

/// Bytes of the `Params` uniform every kernel reads (eight `u32`).
pub const PARAMS_SIZE: u64 = 32;

/// How a binding is declared in WGSL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `var<uniform>`
    Uniform,
    /// `var<storage, read>`
    StorageRead,
    /// `var<storage, read_write>`
    StorageReadWrite,
}

/// One `@group(0) @binding(n)` of a kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub binding: u32,
    pub name: &'static str,
    pub access: Access,
}

/// A compute kernel: a file in `shaders/`, its entry point (named like its CPU twin in
/// `classifier::cpu`) and its bindings, in binding order.
#[derive(Debug)]
pub struct Kernel {
    pub name: &'static str,
    pub file: &'static str,
    pub source: &'static str,
    pub bindings: &'static [Binding],
}

const fn b(binding: u32, name: &'static str, access: Access) -> Binding {
    Binding {
        binding,
        name,
        access,
    }
}

pub const EMBED_SUM: Kernel = Kernel {
    name: "embed_sum",
    file: "embed_sum.wgsl",
    source: include_str!("../../../shaders/embed_sum.wgsl"),
    bindings: &[
        b(0, "params", Access::Uniform),
        b(1, "ids", Access::StorageRead),
        b(2, "embed", Access::StorageRead),
        b(3, "x_out", Access::StorageReadWrite),
    ],
};

pub const CONV_LAYER: Kernel = Kernel {
    name: "conv_layer",
    file: "conv_layer.wgsl",
    source: include_str!("../../../shaders/conv_layer.wgsl"),
    bindings: &[
        b(0, "params", Access::Uniform),
        b(1, "seg", Access::StorageRead),
        b(2, "x_in", Access::StorageRead),
        b(3, "weights", Access::StorageRead),
        b(4, "bias", Access::StorageRead),
        b(5, "x_out", Access::StorageReadWrite),
    ],
};

pub const TAG_SCORES: Kernel = Kernel {
    name: "tag_scores",
    file: "tag_scores.wgsl",
    source: include_str!("../../../shaders/tag_scores.wgsl"),
    bindings: &[
        b(0, "params", Access::Uniform),
        b(1, "x", Access::StorageRead),
        b(2, "weights", Access::StorageRead),
        b(3, "bias", Access::StorageRead),
        b(4, "scores", Access::StorageReadWrite),
    ],
};

/// Every kernel, in the order of the forward pass.
pub const KERNELS: [&Kernel; 3] = [&EMBED_SUM, &CONV_LAYER, &TAG_SCORES];

/// The bind group layout entries the Rust side creates for a kernel.
pub fn layout_entries(kernel: &Kernel) -> Vec<wgpu::BindGroupLayoutEntry> {
    kernel
        .bindings
        .iter()
        .map(|b| wgpu::BindGroupLayoutEntry {
            binding: b.binding,
            visibility: wgpu::ShaderStages::COMPUTE,
            ty: wgpu::BindingType::Buffer {
                ty: match b.access {
                    Access::Uniform => wgpu::BufferBindingType::Uniform,
                    Access::StorageRead => wgpu::BufferBindingType::Storage { read_only: true },
                    Access::StorageReadWrite => {
                        wgpu::BufferBindingType::Storage { read_only: false }
                    }
                },
                has_dynamic_offset: false,
                min_binding_size: None,
            },
            count: None,
        })
        .collect()
}

/// The per-dispatch uniform (`struct Params` in every shader).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Params {
    pub n: u32,
    pub width: u32,
    pub features: u32,
    pub tags: u32,
    pub dilation: u32,
    pub rows: u32,
    pub groups_x: u32,
}

impl Params {
    pub fn bytes(&self) -> [u8; PARAMS_SIZE as usize] {
        let words = [
            self.n,
            self.width,
            self.features,
            self.tags,
            self.dilation,
            self.rows,
            self.groups_x,
            0,
        ];
        let mut out = [0u8; PARAMS_SIZE as usize];
        for (dst, w) in out.chunks_exact_mut(4).zip(words) {
            dst.copy_from_slice(&w.to_le_bytes());
        }
        out
    }
}

/// A kernel's compiled pipeline and the layout its bind groups are made for.
#[derive(Clone)]
pub struct KernelPipeline {
    pub layout: wgpu::BindGroupLayout,
    pub pipeline: wgpu::ComputePipeline,
}

/// How to build a pipeline. `Broken` is a test-only fault: the pipeline derives its own
/// layout from the shader, so the bind groups made for [`layout_entries`] do not fit it and
/// every dispatch with it is a validation error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Build {
    Normal,
    Broken,
    /// Test-only fault: the shader source is replaced by invalid WGSL.
    InvalidSource,
}

fn build(device: &wgpu::Device, kernel: &Kernel, how: Build) -> KernelPipeline {
    let source = match how {
        Build::InvalidSource => "this is not WGSL",
        _ => kernel.source,
    };
    let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some(kernel.file),
        source: wgpu::ShaderSource::Wgsl(source.into()),
    });
    let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
        label: Some(kernel.name),
        entries: &layout_entries(kernel),
    });
    let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
        label: Some(kernel.name),
        bind_group_layouts: &[Some(&layout)],
        immediate_size: 0,
    });
    let pipeline = device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
        label: Some(kernel.name),
        layout: match how {
            Build::Broken => None,
            _ => Some(&pipeline_layout),
        },
        module: &module,
        entry_point: Some(kernel.name),
        compilation_options: Default::default(),
        cache: None,
    });
    KernelPipeline { layout, pipeline }
}

/// `embed_sum`'s pipeline.
pub(crate) fn embed_sum(device: &wgpu::Device, how: Build) -> KernelPipeline {
    build(device, &EMBED_SUM, how)
}

/// `conv_layer`'s pipeline (one for every layer: dilation and weights are bindings).
pub(crate) fn conv_layer(device: &wgpu::Device, how: Build) -> KernelPipeline {
    build(device, &CONV_LAYER, how)
}

/// `tag_scores`'s pipeline.
pub(crate) fn tag_scores(device: &wgpu::Device, how: Build) -> KernelPipeline {
    build(device, &TAG_SCORES, how)
}
