//! The classifier on the GPU: WGSL compute kernels (`shaders/*.wgsl`) through wgpu.
//!
//! - **Acquisition** ([`GpuClassifier::new`]) is kept apart from running: adapter, device,
//!   error hooks, the three pipelines and the weights, uploaded once per classifier.
//! - **A request** ([`GpuClassifier::forward`]) is a batch of segments (chunks of one text, or
//!   of many texts): one chain of dispatches (`embed_sum`, one `conv_layer` per layer,
//!   `tag_scores`), one copy into a staging buffer and one readback, awaited through
//!   `map_async` (natively the device is polled; in the browser the callback wakes the future).
//!   Segments never see each other: every token carries its segment id and `conv_layer`
//!   treats a neighbour of another segment as zero, exactly as the CPU does chunk by chunk.
//! - **Failures are values**: every wgpu call of a request runs inside validation and
//!   out-of-memory error scopes, a device-lost callback and an uncaptured-error handler record
//!   what happened, and the caller gets a [`FallbackReason`]; deciding what to do about it is
//!   `classifier::Classifier`'s job (the one fallback rule).
//!
//! All sizes (width, dilations, tags, features per token, table rows) come from the model at
//! run time and reach the shaders as uniforms.

pub mod kernels;
mod oneshot;

use super::model::Model;
use super::FallbackReason;
use kernels::{Build, KernelPipeline, Params, PARAMS_SIZE, TILE};
use std::sync::{Arc, Mutex, MutexGuard};
use wgpu::util::DeviceExt;

/// How to acquire the GPU.
#[derive(Debug, Clone, Default)]
pub struct GpuOptions {
    /// Which wgpu backends to try. `None`: Vulkan and GL natively (narrowed by the
    /// `WGPU_BACKEND` environment variable, as in wgpu's examples), WebGPU in the browser.
    /// `Some(Backends::empty())` is a machine with no adapter.
    pub backends: Option<wgpu::Backends>,
    /// A deliberate failure, for the fault tests only.
    #[doc(hidden)]
    pub fault: Option<Fault>,
}

/// Deliberate failures, so that tests can drive every fallback path on a working GPU.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The device is destroyed in the middle of a document: after the embedding and the first
    /// layer were submitted, before the rest of the chain.
    LoseDeviceMidDocument,
    /// `tag_scores`'s pipeline is built with a layout of its own, so that every dispatch of it
    /// is a validation error (found inside a request).
    BrokenPipeline,
    /// `embed_sum`'s shader is not WGSL (found while acquiring).
    InvalidShader,
}

/// What the device callbacks saw. Shared with callbacks that may run on other threads.
#[derive(Default)]
struct Health {
    lost: Mutex<Option<String>>,
    uncaptured: Mutex<Option<FallbackReason>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The model's weights on the device (uploaded once) and the sizes the kernels need.
struct Weights {
    embed: wgpu::Buffer,
    /// Per layer: weights, bias, dilation.
    layers: Vec<(wgpu::Buffer, wgpu::Buffer, u32)>,
    out_w: wgpu::Buffer,
    out_b: wgpu::Buffer,
    width: usize,
    tags: usize,
    rows: usize,
}

/// Buffers and bind groups for batches of up to `capacity` tokens. Requests take one from
/// the pool and give it back, so two requests in flight never share one.
struct Workspace {
    capacity: usize,
    features: usize,
    ids: wgpu::Buffer,
    seg: wgpu::Buffer,
    params: wgpu::Buffer,
    scores: wgpu::Buffer,
    staging: wgpu::Buffer,
    embed_group: wgpu::BindGroup,
    conv_groups: Vec<wgpu::BindGroup>,
    tags_group: wgpu::BindGroup,
    // Kept alive by the bind groups too; held here for clarity.
    _x: [wgpu::Buffer; 2],
}

/// The GPU classifier: a device, its pipelines and the uploaded weights.
pub struct GpuClassifier {
    device: wgpu::Device,
    queue: wgpu::Queue,
    adapter: String,
    embed_sum: KernelPipeline,
    conv_layer: KernelPipeline,
    tag_scores: KernelPipeline,
    weights: Weights,
    model_id: String,
    uniform_align: u64,
    /// Most tokens one dispatch chain can take (buffer binding limits).
    max_tokens: usize,
    limits: wgpu::Limits,
    max_groups: u32,
    pool: Mutex<Vec<Workspace>>,
    health: Arc<Health>,
    fault: Option<Fault>,
}

/// Turns the outcome of a pair of error scopes into a reason.
fn scope_reason(
    validation: Option<wgpu::Error>,
    oom: Option<wgpu::Error>,
) -> Option<FallbackReason> {
    match (validation, oom) {
        (_, Some(e)) => Some(FallbackReason::OutOfMemory(e.to_string())),
        (Some(e), None) => Some(error_reason(e)),
        (None, None) => None,
    }
}

fn error_reason(e: wgpu::Error) -> FallbackReason {
    match e {
        wgpu::Error::OutOfMemory { .. } => FallbackReason::OutOfMemory(e.to_string()),
        wgpu::Error::Validation { description, .. } => {
            FallbackReason::Validation(one_line(&description))
        }
        wgpu::Error::Internal { description, .. } => {
            FallbackReason::Internal(one_line(&description))
        }
    }
}

/// wgpu's messages span several lines; reasons are printed on one.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl GpuClassifier {
    /// Acquires an adapter and a device and uploads the model. Every failure is a reason:
    /// [`FallbackReason::NoAdapter`] when there is no adapter (or no WebGPU in this browser),
    /// [`FallbackReason::DeviceRequest`] when the device request fails, and validation or
    /// out-of-memory errors while building pipelines or uploading weights.
    pub async fn new(model: &Model, options: &GpuOptions) -> Result<GpuClassifier, FallbackReason> {
        #[cfg(target_arch = "wasm32")]
        if !wgpu::util::is_browser_webgpu_supported().await {
            return Err(FallbackReason::NoAdapter(
                "WebGPU is not available in this browser".into(),
            ));
        }
        let mut desc = wgpu::InstanceDescriptor::new_without_display_handle();
        #[cfg(not(target_arch = "wasm32"))]
        {
            desc.backends = wgpu::Backends::VULKAN | wgpu::Backends::GL;
            desc = desc.with_env();
        }
        #[cfg(target_arch = "wasm32")]
        {
            desc.backends = wgpu::Backends::BROWSER_WEBGPU;
        }
        if let Some(b) = options.backends {
            desc.backends = b;
        }
        if desc.backends.is_empty() {
            return Err(FallbackReason::NoAdapter("no GPU backend enabled".into()));
        }
        let instance = wgpu::Instance::new(desc);
        let adapter = instance
            .request_adapter(&wgpu::RequestAdapterOptions {
                power_preference: wgpu::PowerPreference::HighPerformance,
                ..Default::default()
            })
            .await
            .map_err(|e| FallbackReason::NoAdapter(one_line(&e.to_string())))?;
        let info = adapter.get_info();
        let adapter_name = if info.name.is_empty() {
            format!("{:?}", info.backend)
        } else {
            format!("{} ({:?})", info.name, info.backend)
        };
        let downlevel = adapter.get_downlevel_capabilities();
        if !downlevel
            .flags
            .contains(wgpu::DownlevelFlags::COMPUTE_SHADERS)
        {
            return Err(FallbackReason::DeviceRequest(format!(
                "{adapter_name} cannot run compute shaders"
            )));
        }
        // The largest buffers the adapter allows: a whole batch goes in one chain.
        let limits = adapter.limits();
        let needed = kernels::KERNELS
            .iter()
            .map(|k| k.bindings.len() as u32 - 1)
            .max()
            .unwrap_or(0);
        if limits.max_storage_buffers_per_shader_stage < needed {
            return Err(FallbackReason::DeviceRequest(format!(
                "{adapter_name} allows {} storage buffers per stage, the kernels need {needed}",
                limits.max_storage_buffers_per_shader_stage
            )));
        }
        let (device, queue) = adapter
            .request_device(&wgpu::DeviceDescriptor {
                label: Some("article-annotator"),
                required_limits: limits.clone(),
                ..Default::default()
            })
            .await
            .map_err(|e| FallbackReason::DeviceRequest(one_line(&e.to_string())))?;

        let health = Arc::new(Health::default());
        {
            let h = health.clone();
            device.set_device_lost_callback(move |reason, message| {
                let what = format!("{reason:?}").to_lowercase();
                *lock(&h.lost) = Some(if message.trim().is_empty() {
                    what
                } else {
                    one_line(&format!("{what}: {message}"))
                });
            });
            // wgpu's default handler panics; an error outside our scopes is recorded instead
            // and turns the request it happens in into a fallback.
            let h = health.clone();
            device.on_uncaptured_error(Arc::new(move |e: wgpu::Error| {
                lock(&h.uncaptured).get_or_insert(error_reason(e));
            }));
        }

        let oom = device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let fault = options.fault;
        let pick = |f: Fault, b: Build| if fault == Some(f) { b } else { Build::Normal };
        let embed_sum =
            kernels::embed_sum(&device, pick(Fault::InvalidShader, Build::InvalidSource));
        let conv_layer = kernels::conv_layer(&device, Build::Normal);
        let tag_scores = kernels::tag_scores(&device, pick(Fault::BrokenPipeline, Build::Broken));
        let weights = upload_weights(&device, model);
        let (v, o) = (validation.pop(), oom.pop());
        if let Some(reason) = scope_reason(v.await, o.await) {
            return Err(reason);
        }
        let max_tokens = max_tokens(&limits, &weights);
        Ok(GpuClassifier {
            uniform_align: limits
                .min_uniform_buffer_offset_alignment
                .max(PARAMS_SIZE as u32) as u64,
            max_groups: limits.max_compute_workgroups_per_dimension.max(1),
            max_tokens,
            limits,
            adapter: adapter_name,
            device,
            queue,
            embed_sum,
            conv_layer,
            tag_scores,
            weights,
            model_id: model.id(),
            pool: Mutex::new(Vec::new()),
            health,
            fault,
        })
    }

    /// A classifier for another model on this one's device (the claim model beside the
    /// tagger): the same device, queue and pipelines, its own weights and workspaces.
    pub async fn sibling(&self, model: &Model) -> Result<GpuClassifier, FallbackReason> {
        if let Some(lost) = self.lost() {
            return Err(lost);
        }
        let oom = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let weights = upload_weights(&self.device, model);
        let (v, o) = (validation.pop(), oom.pop());
        if let Some(reason) = scope_reason(v.await, o.await) {
            return Err(reason);
        }
        Ok(GpuClassifier {
            device: self.device.clone(),
            queue: self.queue.clone(),
            adapter: self.adapter.clone(),
            embed_sum: self.embed_sum.clone(),
            conv_layer: self.conv_layer.clone(),
            tag_scores: self.tag_scores.clone(),
            max_tokens: max_tokens(&self.limits, &weights),
            weights,
            model_id: model.id(),
            uniform_align: self.uniform_align,
            limits: self.limits.clone(),
            max_groups: self.max_groups,
            pool: Mutex::new(Vec::new()),
            health: self.health.clone(),
            fault: self.fault,
        })
    }

    /// The adapter in words, e.g. "llvmpipe (LLVM 15.0.6, 256 bits) (Vulkan)".
    pub fn adapter(&self) -> &str {
        &self.adapter
    }

    /// Whether the weights on the device are those of `model`.
    pub fn serves(&self, model: &Model) -> bool {
        self.model_id == model.id()
            && self.weights.width == model.width()
            && self.weights.tags == model.num_outputs()
            && self.weights.layers.len() == model.layers.len()
            && self.weights.rows == model.header.tables.total_rows() as usize
    }

    /// Set once the device is lost: every later request would fail too.
    pub fn lost(&self) -> Option<FallbackReason> {
        lock(&self.health.lost)
            .clone()
            .map(FallbackReason::DeviceLost)
    }

    /// Tag scores of a batch, token-major, segment after segment. `ids` holds `features` ids
    /// per token; `segments` the token count of each segment, in order (they sum to the
    /// token count). As many chains as the device's buffer limits need (one for any
    /// realistic batch), each with one readback.
    pub async fn forward(
        &self,
        ids: &[u32],
        features: usize,
        segments: &[usize],
    ) -> Result<Vec<f32>, FallbackReason> {
        if let Some(lost) = self.lost() {
            return Err(lost);
        }
        let n: usize = segments.iter().sum();
        if features == 0 || ids.len() != n * features {
            return Err(FallbackReason::Internal(format!(
                "{} ids for {n} tokens of {features} features",
                ids.len()
            )));
        }
        let mut scores = Vec::with_capacity(n * self.weights.tags);
        let mut start = 0;
        let mut seg_ids: Vec<u32> = Vec::new();
        let mut i = 0;
        while i < segments.len() {
            // Whole segments, up to the device's limit per chain.
            seg_ids.clear();
            let mut end = start;
            while i < segments.len()
                && (end == start || end - start + segments[i] <= self.max_tokens)
            {
                seg_ids.extend(std::iter::repeat_n(i as u32, segments[i]));
                end += segments[i];
                i += 1;
            }
            if end - start > self.max_tokens {
                return Err(FallbackReason::OutOfMemory(format!(
                    "a segment of {} tokens exceeds this device's buffer limit of {} tokens",
                    end - start,
                    self.max_tokens
                )));
            }
            if end > start {
                let part = &ids[start * features..end * features];
                scores.extend(self.chain(part, features, &seg_ids).await?);
            }
            start = end;
        }
        Ok(scores)
    }

    /// One chain of dispatches over `seg.len()` tokens, with one readback.
    async fn chain(
        &self,
        ids: &[u32],
        features: usize,
        seg: &[u32],
    ) -> Result<Vec<f32>, FallbackReason> {
        let n = seg.len();
        let t = self.weights.tags;
        let out_bytes = (n * t * 4) as u64;
        *lock(&self.health.uncaptured) = None;

        let oom = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let ws = self.take_workspace(n, features);
        self.queue.write_buffer(&ws.ids, 0, &u32_bytes(ids));
        self.queue.write_buffer(&ws.seg, 0, &u32_bytes(seg));
        let layers = self.weights.layers.len();
        let mut params = vec![0u8; (layers + 2) * self.uniform_align as usize];
        let base = Params {
            n: n as u32,
            width: self.weights.width as u32,
            features: features as u32,
            tags: t as u32,
            dilation: 0,
            rows: self.weights.rows as u32,
            groups_x: 0,
        };
        let groups = self.grid(n);
        let mut slot = |i: usize, p: Params| {
            let at = i * self.uniform_align as usize;
            params[at..at + PARAMS_SIZE as usize].copy_from_slice(&p.bytes());
        };
        let base = Params {
            groups_x: groups.0,
            ..base
        };
        slot(0, base);
        for (l, (_, _, d)) in self.weights.layers.iter().enumerate() {
            slot(
                1 + l,
                Params {
                    dilation: *d,
                    ..base
                },
            );
        }
        slot(layers + 1, base);
        self.queue.write_buffer(&ws.params, 0, &params);

        let mut encoder = self.device.create_command_encoder(&Default::default());
        {
            let mut pass = encoder.begin_compute_pass(&Default::default());
            pass.set_pipeline(&self.embed_sum.pipeline);
            pass.set_bind_group(0, &ws.embed_group, &[]);
            pass.dispatch_workgroups(groups.0, groups.1, 1);
        }
        let lose_after = (self.fault == Some(Fault::LoseDeviceMidDocument)).then_some(1);
        for (l, group) in ws.conv_groups.iter().enumerate() {
            if lose_after == Some(l) {
                // The fault: part of the document is on the GPU when the device goes away.
                let done = std::mem::replace(
                    &mut encoder,
                    self.device.create_command_encoder(&Default::default()),
                );
                self.queue.submit([done.finish()]);
                self.device.destroy();
            }
            let mut pass = encoder.begin_compute_pass(&Default::default());
            pass.set_pipeline(&self.conv_layer.pipeline);
            pass.set_bind_group(0, group, &[]);
            pass.dispatch_workgroups(groups.0, groups.1, 1);
        }
        {
            let mut pass = encoder.begin_compute_pass(&Default::default());
            pass.set_pipeline(&self.tag_scores.pipeline);
            pass.set_bind_group(0, &ws.tags_group, &[]);
            pass.dispatch_workgroups(groups.0, groups.1, 1);
        }
        encoder.copy_buffer_to_buffer(&ws.scores, 0, &ws.staging, 0, out_bytes);
        self.queue.submit([encoder.finish()]);
        let (v, o) = (validation.pop(), oom.pop());
        let scoped = scope_reason(v.await, o.await);
        if let Some(reason) = self.failure(scoped) {
            // The workspace may be in any state: drop it rather than reuse it.
            return Err(reason);
        }

        let (sender, receiver) = oneshot::channel();
        ws.staging
            .slice(..out_bytes)
            .map_async(wgpu::MapMode::Read, move |r| sender.send(r));
        #[cfg(not(target_arch = "wasm32"))]
        if let Err(e) = self.device.poll(wgpu::PollType::wait_indefinitely()) {
            return Err(self
                .failure(None)
                .unwrap_or_else(|| FallbackReason::Internal(format!("waiting for the GPU: {e}"))));
        }
        let mapped = receiver.await;
        if let Some(reason) = self.failure(None) {
            return Err(reason);
        }
        match mapped {
            Some(Ok(())) => {}
            Some(Err(e)) => {
                return Err(FallbackReason::Internal(format!(
                    "reading the scores back: {e}"
                )))
            }
            None => {
                return Err(FallbackReason::Internal(
                    "the readback never completed".into(),
                ))
            }
        }
        let scores = {
            let view = ws
                .staging
                .get_mapped_range(..out_bytes)
                .map_err(|e| FallbackReason::Internal(format!("reading the scores back: {e}")))?;
            view.chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect::<Vec<f32>>()
        };
        ws.staging.unmap();
        self.give_back(ws);
        Ok(scores)
    }

    /// What went wrong, if anything: a lost device explains every other error, then what the
    /// scopes caught, then errors that escaped them.
    fn failure(&self, scoped: Option<FallbackReason>) -> Option<FallbackReason> {
        self.lost()
            .or(scoped)
            .or_else(|| lock(&self.health.uncaptured).take())
    }

    /// Workgroups for `tokens` (TILE tokens each), as a 2-D grid `(x, y)` when one dimension
    /// is not enough.
    fn grid(&self, tokens: usize) -> (u32, u32) {
        let groups = tokens.div_ceil(TILE as usize).max(1) as u64;
        let x = groups.min(self.max_groups as u64);
        (x as u32, groups.div_ceil(x) as u32)
    }

    fn take_workspace(&self, tokens: usize, features: usize) -> Workspace {
        let mut pool = lock(&self.pool);
        if let Some(i) = pool
            .iter()
            .position(|w| w.capacity >= tokens && w.features == features)
        {
            return pool.swap_remove(i);
        }
        drop(pool);
        // Grow in powers of two so that a run of similar requests reuses one workspace.
        let capacity = tokens
            .next_power_of_two()
            .max(256)
            .min(self.max_tokens)
            .max(tokens);
        self.workspace(capacity, features)
    }

    fn give_back(&self, ws: Workspace) {
        let mut pool = lock(&self.pool);
        // Keep the two largest: enough for a request in flight while another is recorded.
        pool.push(ws);
        pool.sort_by_key(|w| std::cmp::Reverse(w.capacity));
        pool.truncate(2);
    }

    fn workspace(&self, capacity: usize, features: usize) -> Workspace {
        use wgpu::BufferUsages as U;
        let w = &self.weights;
        let buffer = |label: &str, size: usize, usage: U| {
            self.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some(label),
                size: (size * 4) as u64,
                usage,
                mapped_at_creation: false,
            })
        };
        let ids = buffer("ids", capacity * features, U::STORAGE | U::COPY_DST);
        let seg = buffer("seg", capacity, U::STORAGE | U::COPY_DST);
        let x = [
            buffer("x0", capacity * w.width, U::STORAGE),
            buffer("x1", capacity * w.width, U::STORAGE),
        ];
        let scores = buffer("scores", capacity * w.tags, U::STORAGE | U::COPY_SRC);
        let staging = buffer("staging", capacity * w.tags, U::MAP_READ | U::COPY_DST);
        let slots = w.layers.len() + 2;
        let params = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("params"),
            size: slots as u64 * self.uniform_align,
            usage: U::UNIFORM | U::COPY_DST,
            mapped_at_creation: false,
        });
        let param = |slot: usize| {
            wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                buffer: &params,
                offset: slot as u64 * self.uniform_align,
                size: wgpu::BufferSize::new(PARAMS_SIZE),
            })
        };
        let group = |kernel: &KernelPipeline, resources: Vec<wgpu::BindingResource<'_>>| {
            let entries: Vec<wgpu::BindGroupEntry<'_>> = resources
                .into_iter()
                .enumerate()
                .map(|(i, resource)| wgpu::BindGroupEntry {
                    binding: i as u32,
                    resource,
                })
                .collect();
            self.device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: None,
                layout: &kernel.layout,
                entries: &entries,
            })
        };
        let embed_group = group(
            &self.embed_sum,
            vec![
                param(0),
                ids.as_entire_binding(),
                w.embed.as_entire_binding(),
                x[0].as_entire_binding(),
            ],
        );
        let conv_groups = w
            .layers
            .iter()
            .enumerate()
            .map(|(l, (weights, bias, _))| {
                group(
                    &self.conv_layer,
                    vec![
                        param(1 + l),
                        seg.as_entire_binding(),
                        x[l % 2].as_entire_binding(),
                        weights.as_entire_binding(),
                        bias.as_entire_binding(),
                        x[(l + 1) % 2].as_entire_binding(),
                    ],
                )
            })
            .collect();
        let tags_group = group(
            &self.tag_scores,
            vec![
                param(w.layers.len() + 1),
                x[w.layers.len() % 2].as_entire_binding(),
                w.out_w.as_entire_binding(),
                w.out_b.as_entire_binding(),
                scores.as_entire_binding(),
            ],
        );
        Workspace {
            capacity,
            features,
            ids,
            seg,
            params,
            scores,
            staging,
            embed_group,
            conv_groups,
            tags_group,
            _x: x,
        }
    }
}

/// Uploads a model's weights (inside the caller's error scopes).
fn upload_weights(device: &wgpu::Device, model: &Model) -> Weights {
    let upload = |label: &str, data: &[f32]| {
        device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some(label),
            contents: &f32_bytes(data),
            usage: wgpu::BufferUsages::STORAGE,
        })
    };
    Weights {
        embed: upload("embed", &model.embed),
        layers: model
            .layers
            .iter()
            .zip(&model.header.dilations)
            .map(|((w, b), &d)| (upload("conv.w", w), upload("conv.b", b), d as u32))
            .collect(),
        out_w: upload("out.w", &model.out_w),
        out_b: upload("out.b", &model.out_b),
        width: model.width(),
        tags: model.num_outputs(),
        rows: model.header.tables.total_rows() as usize,
    }
}

/// Per chain: x (n × width), ids (n × features), scores (n × tags) must each fit one
/// binding. 64 ids per token is far above any feature set.
fn max_tokens(limits: &wgpu::Limits, weights: &Weights) -> usize {
    let per_token = 4 * weights.width.max(weights.tags).max(64) as u64;
    let max_binding = limits
        .max_storage_buffer_binding_size
        .min(limits.max_buffer_size);
    (max_binding / per_token).min(u32::MAX as u64 / 4096) as usize
}

fn f32_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn u32_bytes(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}
