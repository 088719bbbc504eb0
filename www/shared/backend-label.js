// The badge's words for page, widget and popup: which backend answered, what `auto` chose.

/** "vendor architecture" of the WebGPU adapter the browser offers, or null. */
function adapterName(webgpu) {
  if (!webgpu?.adapter) return null;
  return [webgpu.adapter.vendor, webgpu.adapter.architecture].filter(Boolean).join(" ") || "WebGPU adapter";
}

/** `{ short, label, detail }` for a result or info `r`; `info`: the annotator's current info. */
export function describeBackend(r, info = null) {
  const webgpu = r.webgpu ?? info?.webgpu;
  const adapter = adapterName(webgpu);
  if (r.backend === "webgpu") {
    return { short: "WebGPU", label: `WebGPU${adapter ? ` · ${adapter}` : ""}`, detail: adapter ? `WebGPU (${adapter})` : "WebGPU" };
  }
  const auto = info?.auto ?? r.auto ?? null;
  let why;
  if (r.fallback) why = `fallback: ${r.fallback}`;
  else if (!auto) why = "chosen";
  else if (auto.state === "pending") why = webgpu?.available ? "first result; the GPU is measured next" : "auto";
  else if (auto.state === "calibrating") why = "measuring the GPU…";
  else if (auto.crossoverTokens !== null) why = `WebGPU takes over from ${auto.crossoverTokens.toLocaleString("en")} tokens`;
  else if (auto.source === "no-webgpu") why = "no WebGPU";
  else if (auto.source === "failed") why = "GPU unusable";
  else why = "faster than this GPU";
  const parts = [`CPU (wasm), ${why}`];
  if (r.fallbackDetail) parts.push(`(${r.fallbackDetail})`);
  if (auto?.state === "settled" && auto.source === "remembered") parts.push("; measured on an earlier visit");
  if (auto?.reason && auto.source !== "no-webgpu") parts.push(`; ${auto.reason}`);
  if (webgpu?.reason) parts.push(`; WebGPU: ${webgpu.reason}`);
  else if (adapter) parts.push(`; WebGPU adapter present (${adapter})`);
  return { short: "CPU", label: `CPU (wasm) · ${why}`, detail: parts.join(" ").replace(/ ;/g, ";") };
}
