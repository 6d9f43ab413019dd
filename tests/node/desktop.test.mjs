// desktop.test.mjs — the desktop build (GLFW + OpenGL 3.3 core) under Xvfb on Mesa: it opens the same lab,
// trains for a number of frames, and the frame it saves is a real picture, not a blank window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repo, artifacts } from '../e2e/harness.mjs';

const run = promisify(execFile);
const binary = join(repo, 'build', 'native', 'bin', 'relulab_desktop');

function parsePpm(buffer) {
  const header = buffer.subarray(0, 64).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
  assert.ok(header, 'a binary PPM');
  const [, w, h] = header.map(Number);
  return { width: w, height: h, pixels: buffer.subarray(header[0].length) };
}

test('the desktop lab draws a non-blank frame under Xvfb', async () => {
  await mkdir(artifacts, { recursive: true });
  const shot = join(artifacts, 'desktop.ppm');
  const { stdout } = await run('xvfb-run', ['-a', '-s', '-screen 0 1400x900x24', binary, '--play', '--frames', '90',
    '--size', '1280x800', '--screenshot', shot], { timeout: 120000 });
  const steps = Number(stdout.match(/step (\d+)/)?.[1]);
  assert.ok(steps >= 90, `training ran while playing (step ${steps})`);
  const { width, height, pixels } = parsePpm(await readFile(shot));
  assert.equal(width, 1280);
  assert.equal(height, 800);
  const colours = new Set();
  let min = 255, max = 0;
  for (let i = 0; i < pixels.length; i += 3 * 11) {
    colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
    const luma = (pixels[i] + pixels[i + 1] + pixels[i + 2]) / 3;
    min = Math.min(min, luma);
    max = Math.max(max, luma);
  }
  assert.ok(colours.size > 50, `distinct colours: ${colours.size}`);
  assert.ok(max - min > 100, `luma range: ${max - min}`);
});

test('the desktop build refuses a bad option with a sentence and status 2', async () => {
  await assert.rejects(run(binary, ['--frames', 'many']), (e) => {
    assert.equal(e.code, 2);
    assert.match(e.stderr, /--frames takes a whole number from 1 to 1000000/);
    return true;
  });
});

test('the desktop build opens the same lesson scene as the page (kill-shot, paused right after the kick)', async () => {
  await mkdir(artifacts, { recursive: true });
  const shot = join(artifacts, 'desktop-kill-shot.ppm');
  const { stdout } = await run('xvfb-run', ['-a', '-s', '-screen 0 1400x900x24', binary, '--query', 'lesson=kill-shot',
    '--play', '--frames', '80', '--size', '1280x800', '--screenshot', shot], { timeout: 120000 });
  // the lesson's script kicks at step 100 and pauses right after it, whatever the frame count beyond that
  assert.match(stdout, /after 80 frames \(step 101\)/);
  const { pixels } = parsePpm(await readFile(shot));
  let orange = 0;  // the "dead" badges are vermillion (213, 94, 0), drawn at 90% over the pale panel: (217, 110, 24)
  for (let i = 0; i < pixels.length; i += 3)
    if (Math.abs(pixels[i] - 215) < 12 && Math.abs(pixels[i + 1] - 102) < 16 && pixels[i + 2] < 32) ++orange;
  assert.ok(orange > 500, `dead-unit badges are on screen (${orange} vermillion pixels)`);
});

test('the desktop build reports a bad scene key on stderr and still runs', async () => {
  const { stderr, stdout } = await run('xvfb-run', ['-a', binary, '--query', 'lr=banana', '--frames', '3'], { timeout: 60000 });
  assert.match(stderr, /lr: 'banana' is not a number; expected a number from 1e-05 to 10/);
  assert.equal(stdout, '');
});
