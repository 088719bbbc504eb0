//! Every shader validates with naga (no GPU needed), and each shader's bindings are exactly
//! what the Rust side creates for it (`classifier::gpu::kernels`, from which the bind group
//! layouts are built).

use article_annotator::classifier::gpu::kernels::{self, Access, Kernel, KERNELS};
use std::path::PathBuf;

fn shader_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("shaders")
}

fn parse(file: &str, source: &str) -> naga::Module {
    naga::front::wgsl::parse_str(source)
        .unwrap_or_else(|e| panic!("{file}: {}", e.emit_to_string(source)))
}

fn validate(file: &str, source: &str, module: &naga::Module) -> naga::valid::ModuleInfo {
    naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::empty(),
    )
    .validate(module)
    .unwrap_or_else(|e| panic!("{file}: {}", e.emit_to_string(source)))
}

#[test]
fn every_shader_parses_and_validates() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shader_dir())
        .expect("shaders/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "wgsl"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let module = parse(&file, &source);
        validate(&file, &source, &module);
        // Every shader on disk is one the Rust side runs, and what it embeds is this file.
        let kernel = KERNELS
            .iter()
            .find(|k| k.file == file)
            .unwrap_or_else(|| panic!("{file} is not in gpu::kernels::KERNELS"));
        assert_eq!(
            kernel.source, source,
            "{file}: the embedded source is stale"
        );
    }
    assert_eq!(files.len(), KERNELS.len(), "a kernel without a shader file");
}

/// Each kernel's entry point is named like its CPU twin, which exists in `classifier::cpu`,
/// and the header comment documents every binding.
#[test]
fn kernels_have_cpu_twins_and_documented_bindings() {
    let cpu = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/classifier/cpu.rs"),
    )
    .unwrap();
    for k in KERNELS {
        assert!(
            cpu.contains(&format!("pub fn {}(", k.name)),
            "{}: no CPU twin `{}` in src/classifier/cpu.rs",
            k.file,
            k.name
        );
        let header: String = k
            .source
            .lines()
            .take_while(|l| l.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            header.contains(k.name),
            "{}: header names the kernel",
            k.file
        );
        assert!(
            header.contains("CPU twin"),
            "{}: header names the CPU twin",
            k.file
        );
        for b in k.bindings {
            let line = header
                .lines()
                .find(|l| l.contains(&format!("@binding({})", b.binding)))
                .unwrap_or_else(|| panic!("{}: header lacks @binding({})", k.file, b.binding));
            assert!(
                line.contains(b.name),
                "{}: {line:?} should name {}",
                k.file,
                b.name
            );
            let kind = match b.access {
                Access::Uniform => "uniform",
                Access::StorageRead => "read ",
                Access::StorageReadWrite => "read_write",
            };
            assert!(
                line.contains(kind),
                "{}: {line:?} should say {kind}",
                k.file
            );
        }
    }
}

fn access_of(space: naga::AddressSpace) -> Option<Access> {
    match space {
        naga::AddressSpace::Uniform => Some(Access::Uniform),
        naga::AddressSpace::Storage { access } if access.contains(naga::StorageAccess::STORE) => {
            Some(Access::StorageReadWrite)
        }
        naga::AddressSpace::Storage { .. } => Some(Access::StorageRead),
        _ => None,
    }
}

fn check_bindings(k: &Kernel) {
    let module = parse(k.file, k.source);
    let info = validate(k.file, k.source, &module);
    let entry = module
        .entry_points
        .iter()
        .position(|e| e.name == k.name)
        .unwrap_or_else(|| panic!("{}: no entry point {}", k.file, k.name));
    let ep = &module.entry_points[entry];
    assert_eq!(ep.stage, naga::ShaderStage::Compute, "{}", k.file);
    assert_eq!(
        ep.workgroup_size,
        [kernels::WORKGROUP_SIZE, 1, 1],
        "{}: dispatch sizes assume WORKGROUP_SIZE",
        k.file
    );
    // Dispatch sizes assume TILE tokens per workgroup.
    let tile = module
        .constants
        .iter()
        .find(|(_, c)| c.name.as_deref() == Some("TILE"))
        .map(|(_, c)| match module.global_expressions[c.init] {
            naga::Expression::Literal(naga::Literal::U32(v)) => v,
            ref other => panic!("{}: TILE is {other:?}", k.file),
        })
        .unwrap_or_else(|| panic!("{}: no `const TILE`", k.file));
    assert_eq!(tile, kernels::TILE, "{}: TILE", k.file);
    let used = info.get_entry_point(entry);
    let mut declared: Vec<(u32, String, Access)> = Vec::new();
    for (handle, var) in module.global_variables.iter() {
        let Some(binding) = &var.binding else {
            continue;
        };
        assert_eq!(binding.group, 0, "{}: everything is in group 0", k.file);
        let access = access_of(var.space)
            .unwrap_or_else(|| panic!("{}: binding {} is not a buffer", k.file, binding.binding));
        assert!(
            !used[handle].is_empty(),
            "{}: binding {} is declared but unused (the layout would still require it)",
            k.file,
            binding.binding
        );
        declared.push((
            binding.binding,
            var.name.clone().unwrap_or_default(),
            access,
        ));
    }
    declared.sort_by_key(|d| d.0);
    let rust: Vec<(u32, String, Access)> = k
        .bindings
        .iter()
        .map(|b| (b.binding, b.name.to_string(), b.access))
        .collect();
    assert_eq!(declared, rust, "{}: WGSL bindings vs gpu::kernels", k.file);

    // The layout entries the Rust side really creates say the same.
    let entries = kernels::layout_entries(k);
    assert_eq!(entries.len(), declared.len(), "{}", k.file);
    for (e, (binding, name, access)) in entries.iter().zip(&declared) {
        assert_eq!(e.binding, *binding, "{}: {name}", k.file);
        assert!(e.visibility.contains(wgpu::ShaderStages::COMPUTE));
        let expected = match access {
            Access::Uniform => wgpu::BufferBindingType::Uniform,
            Access::StorageRead => wgpu::BufferBindingType::Storage { read_only: true },
            Access::StorageReadWrite => wgpu::BufferBindingType::Storage { read_only: false },
        };
        match e.ty {
            wgpu::BindingType::Buffer { ty, .. } => {
                assert_eq!(ty, expected, "{}: binding {binding} ({name})", k.file)
            }
            other => panic!("{}: binding {binding} is {other:?}", k.file),
        }
    }

    // The uniform is the 32-byte `Params` the Rust side writes.
    let (_, params) = module
        .global_variables
        .iter()
        .find(|(_, v)| v.space == naga::AddressSpace::Uniform)
        .expect("a params uniform");
    let size = module.types[params.ty].inner.size(module.to_ctx());
    assert_eq!(size as u64, kernels::PARAMS_SIZE, "{}: Params size", k.file);
}

#[test]
fn shader_bindings_match_the_rust_layouts() {
    for k in KERNELS {
        check_bindings(k);
    }
}
