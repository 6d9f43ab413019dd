// lab.test.mjs — the lab in a real headless Chromium (WebGL2 through SwiftShader): it loads, draws,
// trains, answers window.relulab, and stays free of console errors. Screenshots go to build/test-artifacts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startLab, openPage, canvasStats, artifacts } from './harness.mjs';

let lab;
before(async () => {
  await mkdir(artifacts, { recursive: true });
  lab = await startLab();
});
after(async () => { await lab?.close(); });

test('the lab loads, draws with WebGL2 and trains when Play is pressed', async () => {
  const page = await openPage(lab);
  await page.evaluate(() => window.relulab.ready);

  const gl = await page.evaluate(() => {
    const probe = document.createElement('canvas').getContext('webgl2');
    return { webgl2: !!probe, renderer: probe && probe.getParameter(probe.RENDERER) };
  });
  assert.equal(gl.webgl2, true, 'WebGL2 must be available (SwiftShader)');

  const stats = await canvasStats(page);
  assert.equal(stats.width, 1280, 'the drawing buffer follows the CSS size at devicePixelRatio 1');
  assert.ok(stats.colours > 50, `the canvas shows a real picture (distinct colours: ${stats.colours})`);
  assert.ok(stats.lumaRange > 100, `the canvas has contrast (luma range ${stats.lumaRange})`);

  const before = await page.evaluate(() => window.relulab.state());
  assert.equal(before.step, 0, 'the lab opens paused at step 0');
  assert.equal(before.twins.length, 1);
  const units = before.twins[0].layers[0].units;
  assert.ok(units.length >= 2, 'the first hidden layer has units');
  for (const u of units) {
    assert.ok(Number.isInteger(u.k) && u.k >= 0 && u.k <= before.points, `k=${u.k} lies in [0, ${before.points}]`);
    assert.ok(['alive', 'dead', 'inactive', 'saturated', 'revived'].includes(u.state));
  }

  // Play with a real key press (Space) after focusing the canvas.
  await page.click('#canvas', { position: { x: 5, y: 790 } });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.relulab.state().step >= 50, null, { timeout: 20000 });
  const shotA = await page.screenshot({ path: join(artifacts, 'lab-training-a.png') });
  await page.waitForTimeout(1000);
  const shotB = await page.screenshot({ path: join(artifacts, 'lab-training-b.png') });
  assert.notDeepEqual(shotA, shotB, 'two screenshots a second apart differ while training');
  const during = await page.evaluate(() => window.relulab.state());
  assert.ok(during.playing, 'Space started training');
  assert.ok(during.loss < before.loss, `loss fell while training (${before.loss} -> ${during.loss})`);
  await page.screenshot({ path: join(artifacts, 'lab.png') });  // docs/lab.png is a copy of it
  assert.deepEqual(page.problems, [], 'no console errors');
  await page.close();
});

test('Step, Pause and Reset work through window.relulab.command', async () => {
  const page = await openPage(lab);
  await page.evaluate(() => window.relulab.ready);
  const result = await page.evaluate(() => {
    const r = window.relulab;
    const out = {};
    out.step = r.command({ cmd: 'step', n: 10 });
    out.afterStep = r.state().step;
    out.bad = r.command({ cmd: 'step', n: -3 });
    out.unknown = r.command({ cmd: 'fly' });
    out.afterBad = r.state().step;
    out.reset = r.command({ cmd: 'reset' });
    out.afterReset = r.state().step;
    return out;
  });
  assert.deepEqual(result.step, { ok: true });
  assert.equal(result.afterStep, 10);
  assert.equal(result.bad.ok, false);
  assert.match(result.bad.error, /'n' must be a number from 1 to 100000/);
  assert.match(result.unknown.error, /unknown command 'fly'/);
  assert.equal(result.afterBad, 10, 'a refused command changes nothing');
  assert.equal(result.afterReset, 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the canvas is crisp at devicePixelRatio 2 and follows its container', async () => {
  const page = await openPage(lab, { viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
  await page.evaluate(() => window.relulab.ready);
  let stats = await canvasStats(page);
  assert.equal(stats.width, 1800, 'drawing buffer = CSS width x 2');
  assert.equal(stats.height, 1200);
  await page.screenshot({ path: join(artifacts, 'lab-dpr2.png') });
  await page.setViewportSize({ width: 700, height: 500 });
  await page.waitForFunction(() => document.getElementById('canvas').width === 1400, null, { timeout: 5000 });
  stats = await canvasStats(page);
  assert.equal(stats.height, 1000, 'the canvas follows a resized container');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('on a phone held upright the data plane takes the full width and every control stays on screen', async () => {
  const page = await openPage(lab, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, mobile: true });
  await page.evaluate(() => window.relulab.ready);
  const stats = await canvasStats(page);
  assert.equal(stats.width, 1170, 'drawing buffer = 390 CSS px x 3');
  const { planes, timeline } = await page.evaluate(() => window.relulab.layout());
  assert.ok(planes[0].w > 0.85 * 390, `the plane spans the width (${planes[0].w.toFixed(0)} of 390 CSS px)`);
  assert.ok(planes[0].x + planes[0].w <= 390 && timeline.x + timeline.w <= 390, 'nothing runs off the right edge');
  assert.ok(timeline.y > planes[0].y + planes[0].h, 'the timeline is below the plane');
  await page.screenshot({ path: join(artifacts, 'lab-phone.png') });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
