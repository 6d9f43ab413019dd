// scenes.test.mjs — the lab as a learner uses it, in headless Chromium: a real K key press kills units on
// the kick scene, dragging a unit's line off the data with the mouse kills that unit, dragging on the
// timeline rewinds to an earlier state, a bad URL value shows a banner, and the lessons' predicates hold
// when run inside the page. Screenshots of each scene go to build/test-artifacts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startLab, openLab, canvasStats, artifacts } from './harness.mjs';

let lab;
const shots = new Map();
before(async () => {
  await mkdir(artifacts, { recursive: true });
  lab = await startLab();
});
after(async () => { await lab?.close(); });

const open = (path) => openLab(lab, { path });
async function shoot(page, name) {
  const png = await page.screenshot({ path: join(artifacts, `scene-${name}.png`) });
  shots.set(name, createHash('sha256').update(png).digest('hex'));
  const stats = await canvasStats(page);
  assert.ok(stats.colours > 50 && stats.lumaRange > 100, `scene ${name} is not blank (${JSON.stringify(stats)})`);
}
const deadUnits = (state, twin = 0) =>
  state.twins[twin].layers[0].units.map((u, i) => (u.k === 0 ? i : -1)).filter((i) => i >= 0);
// Data coordinates -> page pixels inside a twin's data plane.
function toPage(layout, twin, [x, y]) {
  const p = layout.planes[twin];
  const [x0, y0, x1, y1] = p.view;
  return [p.x + (x - x0) / (x1 - x0) * p.w, p.y + (y1 - y) / (y1 - y0) * p.h];
}

test('kick scene: pressing K kills units in the ReLU network', async () => {
  const page = await open('?lesson=kill-shot');
  assert.deepEqual(await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 99 })), { ok: true });
  const before = await page.evaluate(() => window.relulab.state());
  assert.equal(before.step, 99);
  const deadBefore = deadUnits(before);
  await shoot(page, 'kick-before');
  await page.mouse.click(8, 795);           // focus the lab (the narration line: no control there)
  await page.keyboard.press('k');
  await page.waitForFunction(() => window.relulab.state().step === 100, null, { timeout: 10000 });
  const after = await page.evaluate(() => window.relulab.state());
  const newlyDead = deadUnits(after).filter((u) => !deadBefore.includes(u));
  assert.ok(newlyDead.length >= 1, `a real K press killed at least one unit (newly dead: ${newlyDead})`);
  for (const u of newlyDead) assert.equal(after.twins[0].layers[0].units[u].state, 'dead');
  await shoot(page, 'kick-after');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Where to grab a unit's line and where to let go so that it passes every data point: grab it where no other
// line is near (lines often cross near the centre), and drop it at the page corner farthest along +w — the
// line keeps its direction and passes through the pointer, and a drag goes on wherever the pointer goes.
async function knockPlan(page, unit) {
  const state = await page.evaluate(() => window.relulab.state());
  const layout = await page.evaluate(() => window.relulab.layout());
  const [w1, w2, b] = state.twins[0].layers[0].units[unit].line;
  assert.ok(state.twins[0].layers[0].units[unit].k > 0, 'the unit starts alive');
  const norm = Math.hypot(w1, w2);
  const [ux, uy] = [w1 / norm, w2 / norm];
  const [x0, y0, x1, y1] = layout.planes[0].view;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const d = (w1 * cx + w2 * cy + b) / norm;
  const foot = [cx - d * ux, cy - d * uy];
  const others = state.twins[0].layers[0].units.filter((_, i) => i !== unit).map((u) => u.line);
  const clearance = ([x, y]) => Math.min(...others.map(([a, c, e]) => Math.abs(a * x + c * y + e) / Math.hypot(a, c)));
  let grab = foot;
  for (let t = -1; t <= 1; t += 0.05) {
    const p = [foot[0] - t * uy, foot[1] + t * ux];
    const inside = p[0] > x0 + 0.1 && p[0] < x1 - 0.1 && p[1] > y0 + 0.1 && p[1] < y1 - 0.1;
    if (inside && clearance(p) > clearance(grab)) grab = p;
  }
  const viewport = page.viewportSize();
  const toData = ([px, py]) => {
    const p = layout.planes[0];
    return [x0 + (px - p.x) / p.w * (x1 - x0), y1 - (py - p.y) / p.h * (y1 - y0)];
  };
  const corners = [[3, 3], [viewport.width - 3, 3], [3, viewport.height - 3], [viewport.width - 3, viewport.height - 3]];
  const along = (corner) => { const [x, y] = toData(corner); return x * ux + y * uy; };
  return { grab: toPage(layout, 0, grab), drop: corners.reduce((best, c) => (along(c) > along(best) ? c : best)) };
}

async function expectKnockedOff(page, unit) {
  await page.waitForFunction((u) => window.relulab.state().twins[0].layers[0].units[u].k === 0, unit, { timeout: 10000 });
  const moved = (await page.evaluate(() => window.relulab.state())).twins[0].layers[0].units[unit];
  assert.equal(moved.k, 0, 'no point is on the active side any more');
  assert.equal(moved.state, 'dead', 'a first-layer ReLU unit with k = 0 is dead');
  assert.ok(moved.margin < 0, `its hyperplane is past the data (margin ${moved.margin})`);
}

test('dragging a unit line off the data with the mouse makes its k zero', async () => {
  const page = await open('');
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 50 }));
  const unit = 0;
  const { grab: [gx, gy], drop: [dx, dy] } = await knockPlan(page, unit);
  await page.mouse.move(gx, gy);
  await page.waitForTimeout(100);
  await page.mouse.down();
  for (let i = 1; i <= 10; ++i) {
    await page.mouse.move(gx + (dx - gx) * i / 10, gy + (dy - gy) * i / 10);
    await page.waitForTimeout(30);
  }
  await shoot(page, 'drag');
  await page.mouse.up();
  await expectKnockedOff(page, unit);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// One finger dragged from `from` to `to` (page pixels) in ten moves, one frame apart. Chromium's touch
// emulation takes synthetic TouchEvents (the page must come from a context with hasTouch).
async function fingerDrag(page, from, to) {
  await page.evaluate(async ({ from, to }) => {
    const canvas = document.getElementById('canvas');
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const send = (type, [x, y]) => {
      const touch = new Touch({ identifier: 7, target: canvas, clientX: x, clientY: y });
      canvas.dispatchEvent(new TouchEvent(type, { touches: type === 'touchend' ? [] : [touch], changedTouches: [touch],
                                                  bubbles: true, cancelable: true }));
    };
    send('touchstart', from);
    await frame(); await frame();
    for (let i = 1; i <= 10; ++i) {
      send('touchmove', [from[0] + (to[0] - from[0]) * i / 10, from[1] + (to[1] - from[1]) * i / 10]);
      await frame();
    }
    send('touchend', to);
  }, { from, to });
}

test('touch: dragging a unit line off the data with one finger makes its k zero', async () => {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(lab.url);
  await page.evaluate(() => window.relulab.ready);
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 50 }));
  const unit = 2;
  const { grab, drop } = await knockPlan(page, unit);
  await fingerDrag(page, grab, drop);
  await expectKnockedOff(page, unit);
  await context.close();
});

test('dragging on the timeline rewinds to the earlier state', async () => {
  const page = await open('');
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 100 }));
  const at100 = await page.evaluate(() => window.relulab.state());
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 100 }));
  const layout = await page.evaluate(() => window.relulab.layout());
  const { x, y, w, h, steps: [s0, s1] } = layout.timeline;
  assert.equal(s1, 200);
  const target = x + (100 - s0) / (s1 - s0) * w;
  await page.mouse.move(x + w - 5, y + h / 2);
  await page.mouse.down();
  await page.mouse.move(target + 20, y + h / 2, { steps: 4 });
  await page.mouse.move(target, y + h / 2, { steps: 2 });
  await page.waitForTimeout(100);
  await shoot(page, 'scrub');
  await page.mouse.up();
  await page.waitForFunction(() => window.relulab.state().step === 100, null, { timeout: 10000 });
  const back = await page.evaluate(() => window.relulab.state());
  assert.equal(back.twins[0].loss, at100.twins[0].loss, 'the loss is the recorded one, bit for bit');
  assert.deepEqual(back.twins[0].layers.map((l) => l.units.map((u) => [u.k, u.line])),
                   at100.twins[0].layers.map((l) => l.units.map((u) => [u.k, u.line])));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a scene without the scrub control does not rewind when the timeline is dragged', async () => {
  const page = await open('?controls=play,step');
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 200 }));
  const { x, y, w, h, steps: [s0, s1] } = (await page.evaluate(() => window.relulab.layout())).timeline;
  assert.equal(s1, 200);
  const target = x + (100 - s0) / (s1 - s0) * w;
  await page.mouse.move(x + w - 5, y + h / 2);
  await page.mouse.down();
  await page.mouse.move(target, y + h / 2, { steps: 4 });
  await page.mouse.up();
  await page.waitForTimeout(300);  // a rewind would have been applied on the next frame
  assert.equal((await page.evaluate(() => window.relulab.state())).step, 200, 'still at step 200');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('touch: a finger dragged along the timeline rewinds to the earlier state', async () => {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(lab.url);
  await page.evaluate(() => window.relulab.ready);
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 100 }));
  const at100 = await page.evaluate(() => window.relulab.state());
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 100 }));
  const { x, y, w, h, steps: [s0, s1] } = (await page.evaluate(() => window.relulab.layout())).timeline;
  await fingerDrag(page, [x + w - 5, y + h / 2], [x + (100 - s0) / (s1 - s0) * w, y + h / 2]);
  await page.waitForFunction(() => window.relulab.state().step === 100, null, { timeout: 10000 });
  const back = await page.evaluate(() => window.relulab.state());
  assert.equal(back.twins[0].loss, at100.twins[0].loss, 'the loss is the recorded one, bit for bit');
  await context.close();
});

test('a bad URL value shows a banner and that key alone falls back to its default', async () => {
  const page = await open('?lr=banana&act=elu');
  const reference = await open('?act=elu');
  const state = await page.evaluate(() => window.relulab.state());
  assert.match(state.banner, /lr: 'banana' is not a number; expected a number from 1e-05 to 10/);
  assert.equal(state.query, await reference.evaluate(() => window.relulab.state().query),
               'act=elu applied and lr at its default: the same scene as without the bad key');
  assert.match(state.query, /act=elu/);
  assert.doesNotMatch(state.query, /lr=/);
  assert.equal(state.twins[0].activation, 'elu:1');
  assert.equal(await reference.evaluate(() => window.relulab.state().banner), '');
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 20 }));
  await reference.evaluate(() => window.relulab.command({ cmd: 'step', n: 20 }));
  const [a, b] = await Promise.all([page, reference].map((p) => p.evaluate(() => window.relulab.state().loss)));
  assert.equal(a, b, 'it trains exactly like the scene without the bad key');
  await shoot(page, 'banner');
  await page.close();
  await reference.close();
});

for (const lesson of ['kill-shot', 'recovery-near']) {
  test(`lesson ${lesson}: its predicate holds when checked inside the page`, async () => {
    const page = await open(`?lesson=${lesson}`);
    const result = await page.evaluate(() => new Promise((resolve) => {
      window.relulab.on('lessonCheck', resolve);
      window.relulab.command({ cmd: 'check' });
    }));
    assert.equal(result.lesson, lesson);
    assert.equal(result.passed, true, result.summary + ' ' + result.seeds.filter((s) => !s.passed).map((s) => s.sentence).join(' | '));
    assert.ok(result.passed_seeds >= 8, `${result.passed_seeds} of ${result.seeds.length} seeds`);
    console.log(`# ${result.summary}`);
    await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 560 }));  // past each lesson's kick or knock
    await shoot(page, lesson);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test('every scene screenshot differs from the others', () => {
  const hashes = [...shots.values()];
  assert.ok(hashes.length >= 6, `${hashes.length} scenes captured`);
  assert.equal(new Set(hashes).size, hashes.length, 'no two scenes look the same');
});

test('touch: tapping a unit line on a touch screen selects that unit', async () => {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(lab.url);
  await page.evaluate(() => window.relulab.ready);
  const state = await page.evaluate(() => window.relulab.state());
  const layout = await page.evaluate(() => window.relulab.layout());
  const unit = 3;
  const [w1, w2, b] = state.twins[0].layers[0].units[unit].line;
  const n = Math.hypot(w1, w2);
  // a point on the unit's line, 0.9 along it from its foot (lines cross near the origin at step 0)
  const [ux, uy] = [w1 / n, w2 / n];
  const point = [-b / n * ux - 0.9 * uy, -b / n * uy + 0.9 * ux];
  await page.touchscreen.tap(...toPage(layout, 0, point));
  await page.waitForFunction((u) => window.relulab.state().selected[1] === u, unit, { timeout: 10000 });
  assert.deepEqual((await page.evaluate(() => window.relulab.state())).selected, [0, unit]);
  await context.close();
});

test('touch: two fingers spreading apart zoom the data plane in about their midpoint', async () => {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(lab.url);
  await page.evaluate(() => window.relulab.ready);
  const before = (await page.evaluate(() => window.relulab.layout())).planes[0];
  const cx = before.x + before.w / 2, cy = before.y + before.h / 2;
  // Chromium's touch emulation takes synthetic TouchEvents with two touch points
  await page.evaluate(({ cx, cy }) => {
    const canvas = document.getElementById('canvas');
    const touch = (id, x, y) => new Touch({ identifier: id, target: canvas, clientX: x, clientY: y });
    const send = (type, spread) => canvas.dispatchEvent(new TouchEvent(type, {
      touches: type === 'touchend' ? [] : [touch(1, cx - spread, cy), touch(2, cx + spread, cy)],
      bubbles: true, cancelable: true }));
    send('touchstart', 40);
    for (let s = 50; s <= 120; s += 10) send('touchmove', s);
    send('touchend', 120);
  }, { cx, cy });
  await page.waitForTimeout(600);
  const after = (await page.evaluate(() => window.relulab.layout())).planes[0];
  const widthBefore = before.view[2] - before.view[0], widthAfter = after.view[2] - after.view[0];
  const zoom = widthBefore / widthAfter;
  assert.ok(Math.abs(zoom - 3) < 0.05, `fingers 80 px -> 240 px apart zoom x3 (got x${zoom.toFixed(3)})`);
  const mid = (v) => [(v[0] + v[2]) / 2, (v[1] + v[3]) / 2];
  const [bx, by] = mid(before.view), [ax, ay] = mid(after.view);
  assert.ok(Math.hypot(ax - bx, ay - by) < 0.01 * widthBefore, 'about the point between the fingers');
  assert.equal((await page.evaluate(() => window.relulab.state())).step, 0, 'a gesture is not a command to the network');
  await context.close();
});

// Median colour of a (2r+1)^2 patch of the canvas around page pixel (x, y), after the next frame (DPR 1).
async function colourAt(page, x, y, r = 4) {
  return page.evaluate(({ x, y, r }) => new Promise((resolve) => { window.relulab.wake(); requestAnimationFrame(() => {
    const source = document.getElementById('canvas');
    const box = source.getBoundingClientRect();
    const copy = document.createElement('canvas');
    copy.width = 2 * r + 1;
    copy.height = 2 * r + 1;
    copy.getContext('2d').drawImage(source, Math.round(x - box.left - r), Math.round(y - box.top - r), 2 * r + 1, 2 * r + 1,
      0, 0, 2 * r + 1, 2 * r + 1);
    const { data } = copy.getContext('2d').getImageData(0, 0, 2 * r + 1, 2 * r + 1);
    const channel = (c) => {
      const v = [];
      for (let i = c; i < data.length; i += 4) v.push(data[i]);
      return v.sort((a, b) => a - b)[v.length >> 1];
    };
    resolve([channel(0), channel(1), channel(2)]);
  }); }), { x, y, r });
}

// The field is drawn by the GPU from the weights: far out (the circle's outer class, blue) and at the centre
// (the inner class, orange) it takes the colour of the network's prediction; a selected unit replaces it with
// that unit's own z, tinted green on its active side and grey on the other.
test('the data plane shows the output field, and a selected unit\'s own z', async () => {
  const page = await open('?data=circle&noise=0.05&hidden=8&seed=3');
  assert.deepEqual(await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 400 })), { ok: true });
  const state = await page.evaluate(() => window.relulab.state());
  assert.ok(state.twins[0].accuracy > 0.9, `trained (accuracy ${state.twins[0].accuracy})`);
  const layout = await page.evaluate(() => window.relulab.layout());
  const plane = layout.planes[0];
  // Okabe-Ito blue (0, 114, 178) and orange (230, 159, 0) over a near-white ground at 35% opacity
  for (const [fx, fy] of [[0.04, 0.04], [0.96, 0.96]]) {
    const [r, g, b] = await colourAt(page, plane.x + fx * plane.w, plane.y + fy * plane.h);
    assert.ok(b - r > 40 && b < 245, `corner (${fx}, ${fy}) is tinted blue: rgb ${r} ${g} ${b}`);
  }
  const [cr, , cb] = await colourAt(page, plane.x + 0.5 * plane.w, plane.y + 0.5 * plane.h, 8);
  assert.ok(cr - cb > 25, `the centre is tinted orange: r ${cr} b ${cb}`);

  // select unit 1.1: sample two points 12% of the view away from its line on each side
  assert.deepEqual(await page.evaluate(() => window.relulab.command({ cmd: 'select', layer: 0, unit: 0 })), { ok: true });
  const [w1, w2, b0] = state.twins[0].layers[0].units[0].line;
  const [x0, y0, x1, y1] = plane.view;
  const norm = Math.hypot(w1, w2);
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const t = -(w1 * cx + w2 * cy + b0) / (norm * norm);          // foot of the view centre on the line
  const [fx, fy] = [cx + t * w1, cy + t * w2];
  const step = 0.12 * (x1 - x0);
  const side = async (sign) => colourAt(page, ...toPage(layout, 0, [fx + sign * step * w1 / norm, fy + sign * step * w2 / norm]), 2);
  const [ar, ag] = await side(+1), [ir, ig, ib] = await side(-1);
  assert.ok(ag - ar > 30, `active side (z > 0) tinted green: rgb ${ar} ${ag}`);
  assert.ok(Math.max(ir, ig, ib) - Math.min(ir, ig, ib) < 20, `inactive side grey: rgb ${ir} ${ig} ${ib}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});
