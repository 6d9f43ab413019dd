// wasm_core.test.mjs — the core compiled to WebAssembly (run under Node) and natively gives the same
// training trajectory: loss after 500 steps within 1e-4 relative, identical active counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { repo } from '../e2e/harness.mjs';

const run = promisify(execFile);

test('native and WASM cores agree after 500 steps of the default scene', async () => {
  const native = JSON.parse((await run(join(repo, 'build/native/bin/relulab_core_probe'), ['500'])).stdout);
  const wasm = JSON.parse((await run(process.execPath, ['--no-experimental-fetch',
    join(repo, 'build/web/node/relulab_core_probe.js'), '500'])).stdout);
  assert.equal(native.steps, 500);
  assert.ok(Number.isFinite(native.loss) && native.loss > 0, `native loss ${native.loss}`);
  const relative = Math.abs(wasm.loss - native.loss) / Math.abs(native.loss);
  assert.ok(relative < 1e-4, `loss native ${native.loss} vs wasm ${wasm.loss}: relative difference ${relative}`);
  assert.deepEqual(wasm.k, native.k, 'every unit has the same active count');
  console.log(`# native loss ${native.loss}, wasm loss ${wasm.loss}, relative difference ${relative.toExponential(2)}`);
});
