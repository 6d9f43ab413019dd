// page.test.mjs — what the page offers around the canvas: exports (PNG, census CSV, weights JSON, data CSV),
// a scene link that reproduces the scene exactly, the text alternative for screen readers, and an embedded
// lab that leaves the host page's scrolling alone until the learner clicks into it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startLab, openPage } from './harness.mjs';

let lab;
before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

async function open(path, options) {
  const page = await openPage(lab, { path, ...options });
  await page.evaluate(() => window.relulab.ready);
  return page;
}

test('exports: a PNG of the view, the census as CSV, the weights as JSON, the data as CSV', async () => {
  const page = await open('?lesson=kill-shot');
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 120 }));
  const save = async (what) => {
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.evaluate((w) => window.relulab.command({ cmd: 'export', what: w }), what)]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  };
  const png = await save('png');
  assert.match(png.name, /^relulab-kill-shot-step\d+\.png$/);
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  assert.ok(png.bytes.length > 20000, `a real picture (${png.bytes.length} bytes)`);

  const census = (await save('census')).bytes.toString('utf8').trim().split('\n');
  assert.equal(census[0], 'step,twin,activation,train_loss,dead_fraction_layer1');
  const rows = census.slice(1).map((line) => line.split(','));
  assert.ok(rows.length >= 100, `${rows.length} recorded steps`);
  const state = await page.evaluate(() => window.relulab.state());
  const last = rows[rows.length - 1];
  assert.equal(Number(last[0]), state.step);
  assert.equal(Number(last[3]), state.twins[0].loss, 'the last row is the current loss, to the last digit');
  assert.equal(Number(last[4]), state.twins[0].layers[0].dead_fraction);

  const weights = JSON.parse((await save('weights')).bytes.toString('utf8'));
  assert.equal(weights.length, state.twins.length, 'one document per twin');
  const text = JSON.parse(await page.evaluate(() => window.relulab.exportText('weights')));
  assert.deepEqual(text, weights, 'the API and the download agree');

  const data = (await save('data')).bytes.toString('utf8').trim().split('\n');
  assert.ok(data.length >= 200, `${data.length - 1} points`);
  const refused = await page.evaluate(() => window.relulab.command({ cmd: 'export', what: 'pdf' }));
  assert.match(refused.error, /'what' must be "png", "census", "weights" or "data"/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the scene link reproduces the scene exactly', async () => {
  const page = await open('?lesson=kill-shot&lr=0.2&seed=7');
  const query = await page.evaluate(() => window.relulab.state().query);
  assert.match(query, /^lesson=kill-shot&/);
  assert.match(query, /lr=0\.2/);
  assert.match(query, /seed=7/);
  const copy = await open('?' + query);
  const run = (p) => p.evaluate(() => { window.relulab.command({ cmd: 'step', n: 150 }); return window.relulab.state(); });
  const [a, b] = await Promise.all([run(page), run(copy)]);
  assert.equal(b.query, a.query);
  assert.equal(b.loss, a.loss, 'same loss, bit for bit');
  assert.deepEqual(b.twins.map((t) => t.layers[0].units.map((u) => u.k)), a.twins.map((t) => t.layers[0].units.map((u) => u.k)));
  await page.close();
  await copy.close();
});

test('screen readers get the narration and a summary of unit states in HTML', async () => {
  const page = await open('?lesson=kill-shot');
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 101 }));
  // the batch's sentence: deaths of one step grouped ("4 units died — 1.4, …"; issue 13)
  await page.waitForFunction(() => /units? (died|1\.\d+ died)/.test(document.getElementById('narration').textContent), null, { timeout: 10000 });
  assert.equal(await page.getAttribute('#narration', 'aria-live'), 'polite');
  await page.waitForFunction(() => /Step 101\./.test(document.getElementById('summary').textContent), null, { timeout: 10000 });
  const summary = await page.textContent('#summary');
  assert.match(summary, /Twin 1, relu: loss [\d.]+; layer 1: \d+ alive, \d+ dead \(dead: (1\.\d+ ?)+\)/);
  await page.close();
});

test('an embedded lab leaves the page scroll alone until the learner clicks into it', async () => {
  const page = await openPage(lab, { path: 'web/embed-example.html', viewport: { width: 1000, height: 500 } });
  const frame = () => page.frames().find((f) => f !== page.mainFrame());
  await page.waitForFunction(() => document.getElementById('lab').contentWindow?.relulab !== undefined, null, { timeout: 30000 });
  await frame().evaluate(() => window.relulab.ready);
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.locator('#lab').boundingBox();
  await page.mouse.move(box.x + box.width / 2, Math.min(box.y + 40, 480));
  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(500);
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0, `the wheel over the lab scrolled the page (${scrolled} px)`);
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'lab', 'the lab did not take the keyboard focus');
  await page.mouse.click(box.x + box.width / 2, Math.min(box.y + 40 - scrolled, 480));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  const again = await page.locator('#lab').boundingBox();
  await page.mouse.move(again.x + again.width / 2, Math.min(again.y + 40, 480));
  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'after a click the lab has the wheel');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'lab', 'keyboard focus went to the lab only on click');
  await page.close();
});
