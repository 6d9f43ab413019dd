// view.test.mjs — the subject of a lesson is in view: in recovery-far the knocked units' lines cross every
// twin's plane, the twins' planes share one zoom and pan, and in kill-shot's 1-D view the dead units'
// breakpoints are in view or marked at the plane's edge. Screenshots go to build/test-artifacts.
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
// True when the line w1 x + w2 y + b = 0 crosses the rectangle [x0, y0, x1, y1] (corners not all on one side).
function crosses([w1, w2, b], [x0, y0, x1, y1]) {
  const z = [[x0, y0], [x0, y1], [x1, y0], [x1, y1]].map(([x, y]) => w1 * x + w2 * y + b);
  return z.some((v) => v > 0) && z.some((v) => v < 0);
}
const frames = (page, n = 6) => page.evaluate((k) => new Promise((done) => {
  const next = (left) => (left ? requestAnimationFrame(() => next(left - 1)) : done()); next(k);
}), n);

test('recovery-far: the knocked lines lie inside each twin\'s plane, and zoom is linked across twins', async () => {
  const page = await open('?lesson=recovery-far');
  assert.deepEqual(await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 500 })), { ok: true });
  await page.waitForFunction(() => window.relulab.state().twins.length === 3, null, { timeout: 10000 });
  await frames(page);
  const state = await page.evaluate(() => window.relulab.state());
  const layout = await page.evaluate(() => window.relulab.layout());
  await page.screenshot({ path: join(artifacts, 'view-recovery-far.png') });
  assert.equal(state.step, 500);
  assert.equal(layout.planes.length, 3);
  for (let t = 0; t < 3; ++t) {
    const view = layout.planes[t].view;
    for (const u of [0, 1]) {  // the lesson knocks units 1.1 and 1.2 1.5 |w| past the data
      const unit = state.twins[t].layers[0].units[u];
      assert.equal(unit.k, 0, `twin ${t} unit ${u} was knocked off the data`);
      assert.ok(crosses(unit.line, view), `twin ${t}: unit 1.${u + 1}'s line ${unit.line} crosses the view ${view}`);
    }
    assert.deepEqual(view, layout.planes[0].view, 'every twin shows the same data rectangle');
    assert.equal(layout.planes[t].markers, 0, 'no knocked line is left outside');
  }
  // Wheel over the first twin's plane: every plane zooms in together.
  const p = layout.planes[0];
  await page.mouse.move(p.x + p.w / 2, p.y + p.h / 2);
  await page.mouse.wheel(0, -300);
  await frames(page);
  const zoomed = await page.evaluate(() => window.relulab.layout());
  const width = (v) => v[2] - v[0];
  assert.ok(width(zoomed.planes[0].view) < 0.9 * width(p.view), 'the wheel zoomed the plane in');
  for (let t = 1; t < 3; ++t) assert.deepEqual(zoomed.planes[t].view, zoomed.planes[0].view, `twin ${t} zoomed with twin 0`);
  // The wheel's "Unable to preventDefault inside passive event listener" warning is issue 12's item 8 (the
  // page's wheel listener), not this view's: it is left out here.
  assert.deepEqual(page.problems.filter((m) => !/preventDefault inside passive event listener/.test(m)), []);
  await page.close();
});

test('kill-shot: after the kick each dead unit\'s breakpoint is in the 1-D view or marked at its edge', async () => {
  const page = await open('?lesson=kill-shot');
  assert.deepEqual(await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 101 })), { ok: true });
  await frames(page);
  const state = await page.evaluate(() => window.relulab.state());
  const layout = await page.evaluate(() => window.relulab.layout());
  await page.screenshot({ path: join(artifacts, 'view-kill-shot.png') });
  const dead = state.twins[0].layers[0].units.filter((u) => u.k === 0);
  assert.ok(dead.length >= 2, `the kick killed units (${dead.length} with k = 0)`);
  const view = layout.planes[0].view;
  const inView = dead.filter((u) => crosses(u.line, view)).length;
  assert.ok(inView >= 1, `at least one dead unit's breakpoint is in view (${inView} of ${dead.length})`);
  assert.equal(inView + layout.planes[0].markers, dead.length, 'every dead line is in view or has an edge marker');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('phone: recovery-near shows one twin at a time, chosen by a tab, with a usable plane and nothing cut off', async () => {
  const page = await openPage(lab, { path: '?lesson=recovery-near', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, mobile: true });
  await page.evaluate(() => window.relulab.ready);
  assert.deepEqual(await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 500 })), { ok: true });
  await page.waitForFunction(() => window.relulab.state().twins.length === 3, null, { timeout: 10000 });
  await frames(page);
  let layout = await page.evaluate(() => window.relulab.layout());
  await page.screenshot({ path: join(artifacts, 'view-phone-recovery-near.png') });
  const shown = (l) => l.planes.map((p, i) => (p.w > 0 ? i : -1)).filter((i) => i >= 0);
  assert.deepEqual(shown(layout), [0], 'one twin is shown: the first');
  const plane = layout.planes[0];
  assert.ok(plane.w > 0.85 * 390 && plane.h > 100, `the plane is usable (${plane.w.toFixed(0)} x ${plane.h.toFixed(0)} CSS px)`);
  assert.equal(layout.twin_tabs.length, 3, 'a tab per twin');
  for (const [x, y, w, h] of [...layout.twin_tabs, [layout.timeline.x, layout.timeline.y, layout.timeline.w, layout.timeline.h]]) {
    assert.ok(x >= 0 && y >= 0 && x + w <= 390 && y + h <= 844, `[${x}, ${y}, ${w}, ${h}] is on screen`);
  }
  assert.ok(plane.x + plane.w <= 390 && plane.y + plane.h <= layout.timeline.y, 'the plane is on screen, above the timeline');
  // Tap the third tab: the ELU twin's plane takes the place.
  const [x, y, w, h] = layout.twin_tabs[2];
  await page.mouse.click(x + w / 2, y + h / 2);
  await frames(page);
  layout = await page.evaluate(() => window.relulab.layout());
  assert.deepEqual(shown(layout), [2], 'the tapped twin is shown');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
