// timeline.test.mjs — the census timeline in headless Chromium: four twins trained to 100 000 steps draw no
// stray pixels over the timeline's title, legend and axes (ImGui's 16-bit indices used to wrap there), and
// rewinding by dragging previews the earlier state live, keeps the future, and goes back to it; and the top
// bar beside it: Kick's free-play preset kills or explains, the Scene… panel and the wheel.
// Screenshots go to build/test-artifacts (timeline-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startLab, openPage, openLab, artifacts } from './harness.mjs';

let lab;
before(async () => {
  await mkdir(artifacts, { recursive: true });
  lab = await startLab();
});
after(async () => { await lab?.close(); });

const open = (path) => openLab(lab, { path });

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

// The RGB pixels of a canvas rectangle (x, y, w, h in CSS px), read after the next frame.
// The lab draws only while something changes: wake it, so the pixels read are a frame it just drew.
async function readRegion(page, rect) {
  return page.evaluate(([x, y, w, h]) => new Promise((resolve) => { window.relulab.wake(); requestAnimationFrame(() => {
    const source = document.getElementById('canvas');
    const scale = source.width / source.clientWidth;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const data = ctx.getImageData(Math.round(x * scale), Math.round(y * scale), Math.max(1, Math.round(w * scale)),
                                  Math.max(1, Math.round(h * scale))).data;
    const rgb = [];
    for (let i = 0; i < data.length; i += 4) rgb.push(data[i], data[i + 1], data[i + 2]);
    resolve(rgb);
  }); }), [rect.x, rect.y, rect.w, rect.h]);
}
// Pixels that differ by more than 40 in some channel.
function changed(a, b) {
  let n = 0;
  for (let i = 0; i < a.length; i += 3)
    if (Math.abs(a[i] - b[i]) > 40 || Math.abs(a[i + 1] - b[i + 1]) > 40 || Math.abs(a[i + 2] - b[i + 2]) > 40) ++n;
  return n;
}
// The share of pixels that are ink: darker than light grey, or coloured (far from grey).
function ink(rgb) {
  let n = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i], rgb[i + 1], rgb[i + 2]];
    if (r + g + b < 600 || Math.max(r, g, b) - Math.min(r, g, b) > 40) ++n;
  }
  return n / (rgb.length / 3);
}

test('four twins at 100 000 steps: nothing stray over the timeline title, legend and axes', async () => {
  const page = await open('index.html?lesson=relu-family');
  const em = 15;
  // The title and legend row and the dead-fraction axis say the same at any length: read them early ...
  await stepTo(page, 600);
  const plotAt600 = (await page.evaluate(() => window.relulab.layout())).timeline;
  const bands = ({ x, y, w, h }) => ({
    title: { x: x - 3 * em, y: y - 2.2 * em, w: w + 5 * em, h: 1.4 * em },
    right: { x: x + w + 3, y: y - 0.4 * em, w: 2.5 * em, h: h + 0.8 * em },
    left: { x: x - 3.5 * em, y, w: 3.3 * em, h },
    bottom: { x: x - 1 * em, y: y + h + 3, w: w + 2 * em, h: 1.1 * em },
  });
  const early = bands(plotAt600);
  const titleEarly = await readRegion(page, early.title);
  const rightEarly = await readRegion(page, early.right);
  // ... and again at 100 000 steps
  const started = Date.now();
  await stepTo(page, 100000);
  const seconds = (Date.now() - started) / 1000;
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(artifacts, 'timeline-100k.png') });
  const plot = (await page.evaluate(() => window.relulab.layout())).timeline;
  assert.equal(plot.steps[1], 100000, 'the timeline spans the whole run');
  assert.deepEqual([plot.x, plot.y, plot.w, plot.h], [plotAt600.x, plotAt600.y, plotAt600.w, plotAt600.h]);
  assert.ok(plot.h > 40, `the plot is tall enough to read (${plot.h} px)`);
  const late = bands(plot);
  const title = changed(titleEarly, await readRegion(page, late.title));
  const right = changed(rightEarly, await readRegion(page, late.right));
  assert.ok(title < 30, `title and legend: ${title} pixels changed between step 600 and step 100 000`);
  assert.ok(right < 30, `dead-fraction axis: ${right} pixels changed`);
  // the loss and step axes hold labels that change: text and ticks only, no fill
  const left = ink(await readRegion(page, late.left)), bottom = ink(await readRegion(page, late.bottom));
  assert.ok(left < 0.25 && bottom < 0.25, `loss axis ${left.toFixed(3)}, step axis ${bottom.toFixed(3)} of pixels inked`);
  // and inside the plot every twin's lines are drawn (wrapped indices drop and smear them: 0.03 inked)
  const plotPixels = await readRegion(page, { x: plot.x + 2, y: plot.y + 2, w: plot.w - 4, h: plot.h - 4 });
  const inside = ink(plotPixels);
  assert.ok(inside > 0.08, `the plot has its lines (${inside.toFixed(3)} of pixels inked)`);
  const twinColours = [[0, 114, 178], [213, 94, 0], [0, 158, 115], [204, 121, 167]];  // draw_common.h
  for (const [r, g, b] of twinColours) {
    let near = 0;
    for (let i = 0; i < plotPixels.length; i += 3)
      if (Math.abs(plotPixels[i] - r) + Math.abs(plotPixels[i + 1] - g) + Math.abs(plotPixels[i + 2] - b) < 60) ++near;
    assert.ok(near > 100, `twin colour ${[r, g, b]}: ${near} pixels in the plot`);
  }
  console.log(`# stepped 600 -> 100000 in ${seconds.toFixed(1)} s; changed: title ${title}, right axis ${right}; ` +
              `inked: loss axis ${left.toFixed(3)}, step axis ${bottom.toFixed(3)}, plot ${inside.toFixed(3)}`);
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

// ---------------------------------------------------------------------------------------------------------
// The top bar around the timeline's scene: Kick with visible settings, the Scene… panel, the wheel
// ---------------------------------------------------------------------------------------------------------

test('free play: K kicks x20 on outliers and kills a unit; a kick at step 0 says why nothing died', async () => {
  const page = await open('');
  await page.mouse.move(640, 300);
  await page.keyboard.press('k');
  await page.waitForFunction(() => window.relulab.state().step === 1, null, { timeout: 10000 });
  let state = await page.evaluate(() => window.relulab.state());
  assert.match(state.narration, /^kick x20 on an outlier batch at step 1 — no unit left the data: the closest, unit 1\.\d+, still has z > 0 on \d+ of 400 points; try x50$/);
  await page.evaluate(() => window.relulab.command({ cmd: 'reset' }));
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 100 }));
  await page.keyboard.press('k');
  await page.waitForFunction(() => window.relulab.state().step === 101, null, { timeout: 10000 });
  state = await page.evaluate(() => window.relulab.state());
  const dead = state.twins[0].layers[0].units.filter((u) => u.k === 0).length;
  assert.ok(dead >= 1, `the kick at step 101 killed ${dead} units`);
  await page.screenshot({ path: join(artifacts, 'timeline-free-kick.png') });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the Scene… panel closes on Escape and lets the next click through; the wheel logs nothing', async () => {
  const page = await openPage(lab, { path: '' });
  const messages = [];
  page.on('console', (m) => messages.push(m.text()));
  await page.evaluate(() => window.relulab.ready);
  const { x, y, w, h, view } = (await page.evaluate(() => window.relulab.layout())).planes[0];
  await page.mouse.move(x + w / 2, y + h / 2);
  await page.mouse.wheel(0, -200);
  await page.waitForTimeout(300);
  const zoomed = (await page.evaluate(() => window.relulab.layout())).planes[0].view;
  assert.ok(zoomed[2] - zoomed[0] < 0.9 * (view[2] - view[0]), `the wheel on the canvas zooms the plane (${view} -> ${zoomed})`);
  const sceneAt = [865, 19], stepAt = [401, 19];  // 1280x800, free play: the bar's first row
  await page.mouse.click(...sceneAt);
  await page.waitForTimeout(200);
  const open1 = await page.screenshot({ clip: { x: 830, y: 60, width: 350, height: 40 } });
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  const closed = await page.screenshot({ clip: { x: 830, y: 60, width: 350, height: 40 } });
  assert.notDeepEqual(open1, closed, 'Escape closed the panel');
  await page.mouse.click(...sceneAt);
  await page.waitForTimeout(200);
  await page.mouse.click(...stepAt);
  await page.waitForFunction(() => window.relulab.state().step === 1, null, { timeout: 5000 });
  assert.deepEqual(messages.filter((m) => /passive/i.test(m)), [], 'no passive-listener complaint from the wheel');
  assert.deepEqual(page.problems, []);
  await page.close();
});
