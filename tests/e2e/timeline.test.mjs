// timeline.test.mjs — the census timeline in headless Chromium: four twins trained to 100 000 steps draw no
// stray pixels over the timeline's title, legend and axes (ImGui's 16-bit indices used to wrap there), and
// rewinding by dragging previews the earlier state live, keeps the future, and goes back to it.
// Screenshots go to build/test-artifacts (timeline-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startLab, openPage, artifacts } from './harness.mjs';

let lab;
before(async () => {
  await mkdir(artifacts, { recursive: true });
  lab = await startLab();
});
after(async () => { await lab?.close(); });

async function open(path) {
  const page = await openPage(lab, { path });
  await page.evaluate(() => window.relulab.ready);
  return page;
}

// Steps until the lab reaches `target` (a lesson's script may pause on the way).
async function stepTo(page, target) {
  for (let i = 0; i < 20; ++i) {
    const at = await page.evaluate(() => window.relulab.state().step);
    if (at >= target) return;
    const r = await page.evaluate((n) => window.relulab.command({ cmd: 'step', n }), Math.min(100000, target - at));
    assert.ok(r.ok, JSON.stringify(r));
  }
  assert.fail(`did not reach step ${target}`);
}

// Counts the pixels of the canvas rectangle (x, y, w, h; CSS px) that are coloured: far from grey (text, axes
// and the background are greys). Read after the next frame.
async function colouredPixels(page, rect) {
  return page.evaluate(([x, y, w, h]) => new Promise((resolve) => requestAnimationFrame(() => {
    const source = document.getElementById('canvas');
    const scale = source.width / source.clientWidth;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const data = ctx.getImageData(Math.round(x * scale), Math.round(y * scale), Math.max(1, Math.round(w * scale)),
                                  Math.max(1, Math.round(h * scale))).data;
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) ++coloured;
    }
    resolve({ coloured, total: data.length / 4 });
  })), [rect.x, rect.y, rect.w, rect.h]);
}

test('four twins at 100 000 steps: nothing stray over the timeline title, legend and axes', async () => {
  const page = await open('index.html?lesson=relu-family');
  const started = Date.now();
  await stepTo(page, 100000);
  const seconds = (Date.now() - started) / 1000;
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(artifacts, 'timeline-100k.png') });
  const { x, y, w, h, steps } = (await page.evaluate(() => window.relulab.layout())).timeline;
  assert.equal(steps[1], 100000, 'the timeline spans the whole run');
  assert.ok(h > 40, `the plot is tall enough to read (${h} px)`);
  const em = 15;
  // above the plot: the title and the legend row (its four colour swatches are ~1.6 em x 2 px each)
  const title = await colouredPixels(page, { x: x - 3 * em, y: y - 2.2 * em, w: w + 5 * em, h: 1.4 * em });
  assert.ok(title.coloured < 400, `title and legend: ${title.coloured} coloured pixels of ${title.total}`);
  // left (loss), right (dead fraction) and bottom (steps) axes: text and ticks only
  for (const [name, rect] of [['loss axis', { x: x - 3.5 * em, y, w: 3.3 * em, h }],
                              ['dead-fraction axis', { x: x + w + 3, y, w: 2.5 * em, h }],
                              ['step axis', { x: x - 1 * em, y: y + h + 3, w: w + 2 * em, h: 1.1 * em }]]) {
    const region = await colouredPixels(page, rect);
    assert.ok(region.coloured < 20, `${name}: ${region.coloured} coloured pixels of ${region.total}`);
  }
  // and inside the plot the lines are drawn: every twin's colour is there
  const plot = await colouredPixels(page, { x, y, w, h });
  assert.ok(plot.coloured > 500, `the plot has its lines (${plot.coloured} coloured pixels)`);
  console.log(`# stepped to 100000 in ${seconds.toFixed(1)} s; title ${title.coloured}, plot ${plot.coloured} coloured px`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('dragging the timeline previews the past live; releasing keeps the future; dragging right goes back', async () => {
  const page = await open('');
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 100 }));
  const at100 = await page.evaluate(() => window.relulab.state());
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 100 }));
  const at200 = await page.evaluate(() => window.relulab.state());
  const { x, y, w, h, steps: [s0, s1] } = (await page.evaluate(() => window.relulab.layout())).timeline;
  assert.equal(s1, 200);
  const xAt = (step) => x + (step - s0) / (s1 - s0) * w;
  await page.mouse.move(x + w - 2, y + h / 2);
  await page.mouse.down();
  await page.mouse.move(xAt(150), y + h / 2, { steps: 3 });
  await page.mouse.move(xAt(100), y + h / 2, { steps: 3 });
  // still holding the button: the lab already shows step 100
  await page.waitForFunction(() => window.relulab.state().step === 100, null, { timeout: 10000 });
  await page.screenshot({ path: join(artifacts, 'timeline-preview.png') });
  await page.mouse.up();
  await page.waitForTimeout(200);
  let state = await page.evaluate(() => window.relulab.state());
  assert.equal(state.step, 100);
  assert.equal(state.live_step, 200, 'the future is kept after the release');
  assert.equal(state.twins[0].loss, at100.twins[0].loss, 'the recorded state, bit for bit');
  const layout = (await page.evaluate(() => window.relulab.layout())).timeline;
  assert.deepEqual(layout.steps, [s0, 200], 'the timeline still spans the kept future');
  await page.screenshot({ path: join(artifacts, 'timeline-rewound.png') });

  // drag to the right end: back to live, exactly as it was
  await page.mouse.move(xAt(100), y + h / 2);
  await page.mouse.down();
  await page.mouse.move(x + w + 20, y + h / 2, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => window.relulab.state().step === 200, null, { timeout: 10000 });
  state = await page.evaluate(() => window.relulab.state());
  assert.equal(state.twins[0].loss, at200.twins[0].loss);
  assert.deepEqual(state.twins[0].layers.map((l) => l.units.map((u) => [u.k, u.line])),
                   at200.twins[0].layers.map((l) => l.units.map((u) => [u.k, u.line])));

  // rewind, then a step: the future is dropped
  assert.ok((await page.evaluate(() => window.relulab.command({ cmd: 'rewind', step: 100 }))).ok);
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 1 }));
  state = await page.evaluate(() => window.relulab.state());
  assert.deepEqual([state.step, state.live_step], [101, 101]);
  assert.deepEqual(page.problems, []);
  await page.close();
});
