// layers.test.mjs — the architecture's rule, checked on the sources: each layer includes only what lies
// below it (core: std + Eigen; render: + GL; ui: + ImGui; app: no GL/GLFW/emscripten; only platform
// knows GLFW and emscripten).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repo } from '../e2e/harness.mjs';

const forbidden = {
  core: [/GL\//, /GLES/, /render\/gl\.h/, /imgui/i, /GLFW/, /emscripten/, /"(render|ui|app|platform)\//],
  render: [/imgui/i, /GLFW/, /emscripten/, /"(ui|app|platform)\//],
  ui: [/GLFW/, /emscripten/, /"(app|platform)\//],
  app: [/GL\//, /GLES/, /GLFW/, /emscripten/, /"platform\//, /imgui_impl/],
  cli: [/GL\//, /GLES/, /imgui/i, /GLFW/, /emscripten/, /"(render|ui|app|platform)\//],
};

async function includes(dir) {
  let names = [];
  try { names = await readdir(join(repo, 'src', dir)); } catch { return []; }
  const found = [];
  for (const name of names.filter((n) => /\.(h|cpp)$/.test(n))) {
    const text = await readFile(join(repo, 'src', dir, name), 'utf8');
    for (const m of text.matchAll(/^\s*#\s*include\s*([<"][^>"]+[>"])/gm)) found.push({ file: `src/${dir}/${name}`, include: m[1] });
  }
  return found;
}

for (const [layer, rules] of Object.entries(forbidden)) {
  test(`src/${layer} includes nothing from the layers above it`, async () => {
    const all = await includes(layer);
    if (layer === 'core') assert.ok(all.length > 10, 'the core has sources to check');
    const bad = all.filter(({ include }) => rules.some((r) => r.test(include)));
    assert.deepEqual(bad, [], `forbidden includes: ${bad.map((b) => `${b.file}: ${b.include}`).join(', ')}`);
  });
}
