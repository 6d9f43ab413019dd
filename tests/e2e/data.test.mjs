// data.test.mjs — real data in the page: a scene that asks for digits downloads data/digits.csv once (a scene
// that does not, never does), trains on all 1797 images, draws ten class colours and every first-layer unit's
// weights as an 8x8 picture; choosing a data set by command loads it the same way.
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

// Opens a page and lists the data files it requests.
async function open(path, { lab: isLab = true } = {}) {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.dataRequests = [];
  page.problems = [];
  page.on('request', (r) => { if (/\/data\/[a-z]+\.csv$/.test(r.url())) page.dataRequests.push(new URL(r.url()).pathname); });
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(lab.url + path);
  if (isLab) await page.evaluate(() => window.relulab.ready);
  return page;
}

// Pixels of the canvas inside a CSS-pixel rectangle: counts of pixels near each of the given colours.
async function colourCounts(page, rect, colours, tolerance = 10) {
  // the lab draws only while something changes: wake it, so the frame read is one it just drew
  return page.evaluate(({ rect, colours, tolerance }) => new Promise((resolve) => { window.relulab.wake(); requestAnimationFrame(() => {
    const source = document.getElementById('canvas');
    const k = source.width / source.getBoundingClientRect().width;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const { data, width } = ctx.getImageData(Math.round(rect.x * k), Math.round(rect.y * k), Math.round(rect.w * k), Math.round(rect.h * k));
    const counts = colours.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      colours.forEach(([r, g, b], c) => {
        if (Math.abs(data[i] - r) <= tolerance && Math.abs(data[i + 1] - g) <= tolerance && Math.abs(data[i + 2] - b) <= tolerance) counts[c] += 1;
      });
    }
    resolve({ counts, width });
  }); }), { rect, colours, tolerance });
}

// render::Palette::classes as 8-bit colours (Paul Tol's muted scheme plus dark grey)
// the weight pictures' half-strength tints: white mixed with the orange (w > 0) and the blue (w < 0) class colours
const kTints = [[242, 207, 128], [128, 185, 216]];
const stripsOf = (plane) => ({ x: plane.x + plane.w + 20, y: plane.y, w: 120, h: plane.h });

const kClassColours = [[204, 102, 119], [51, 34, 136], [221, 204, 119], [17, 119, 51], [136, 204, 238],
  [136, 34, 85], [68, 170, 153], [153, 153, 51], [170, 68, 153], [85, 85, 85]];

test('the default scene downloads no data file and draws no weight pictures', async () => {
  const page = await open('index.html');
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 5 }));
  assert.deepEqual(page.dataRequests, []);
  const layout = await page.evaluate(() => window.relulab.layout());
  const tints = await colourCounts(page, stripsOf(layout.planes[0]), kTints, 40);
  assert.ok(tints.counts[0] + tints.counts[1] < 20, `no picture tints without image data: ${tints.counts}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('digits: loaded once when the scene asks, 1438 training images, ten class colours, weight pictures', async () => {
  const page = await open('index.html?data=digits&pre=standardize&test=0.2&hidden=32&lr=0.3');
  assert.deepEqual(page.dataRequests, ['/data/digits.csv']);
  const before = await page.evaluate(() => window.relulab.state());
  const first = before.twins[0].layers[0].units;
  assert.equal(first.length, 32);
  assert.ok(first.every((u) => u.k >= 0 && u.k <= 1438), 'k counts the 1438 training images');
  assert.ok(first.some((u) => u.k > 700), 'a unit is on more than half of them');
  const r = await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 100 }));
  assert.deepEqual(r, { ok: true });
  const after = await page.evaluate(() => window.relulab.state());
  console.log(`digits in the page: step ${after.step}, loss ${after.twins[0].loss.toFixed(4)}, test accuracy ${after.twins[0].test_accuracy.toFixed(3)}`);
  assert.ok(after.twins[0].test_accuracy > 0.85, `test accuracy after 100 steps: ${after.twins[0].test_accuracy}`);
  assert.ok(after.twins[0].loss < before.twins[0].loss / 5);
  await page.evaluate(() => window.relulab.command({ cmd: 'reset' }));
  assert.deepEqual(page.dataRequests, ['/data/digits.csv'], 'a reset reuses the loaded table');

  const layout = await page.evaluate(() => window.relulab.layout());
  const plane = layout.planes[0];
  const { counts } = await colourCounts(page, plane, kClassColours);
  console.log(`class colour pixels in the plane: ${counts.join(' ')}`);
  assert.ok(counts.filter((c) => c >= 20).length >= 9, `at least 9 of the 10 class colours are drawn: ${counts}`);

  // the weight pictures: the strips panel right of the plane holds cells tinted orange (w > 0) and blue (w < 0)
  const strips = stripsOf(plane);
  const tints = await colourCounts(page, strips, kTints, 40);
  console.log(`weight-picture tints in the strips: orange ${tints.counts[0]}, blue ${tints.counts[1]}`);
  assert.ok(tints.counts[0] > 50 && tints.counts[1] > 50, `weight pictures drawn: ${tints.counts}`);
  await page.screenshot({ path: join(artifacts, 'scene-digits.png') });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a data set chosen by command loads the same way; an unknown one is refused and changes nothing', async () => {
  const page = await open('index.html');
  const bad = await page.evaluate(() => window.relulab.command({ cmd: 'set', data: 'mnist' }));
  assert.equal(bad.ok, false);
  assert.match(bad.error, /'mnist' is not a data set; expected one of .*digits, iris, wine, cancer, custom/);
  const r = await page.evaluate(() => window.relulab.command({ cmd: 'set', data: 'iris' }));
  assert.deepEqual(r, { ok: true });
  assert.deepEqual(page.dataRequests, ['/data/iris.csv']);
  const s = await page.evaluate(() => window.relulab.state());
  assert.equal(s.twins[0].layers[0].units.length, 8);
  assert.ok(s.twins[0].layers[0].units.every((u) => u.k <= 150));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// 300 points of a learner's own two-class file (x1 + x2 > 0), with 60 held out, about 12 KB: bigger than a command.
function ownFile(rows = 300) {
  let csv = 'x1,x2,y,split\n';
  for (let i = 0; i < rows; ++i) {
    const a = Math.sin(i * 1.7), b = Math.cos(i * 0.9);
    csv += `${a.toFixed(4)},${b.toFixed(4)},${a + b > 0 ? 1 : 0},${i < rows * 0.8 ? 'train' : 'test'}\n`;
  }
  return csv;
}

test('own data: loadData trains on a CSV; a bad file names line and column and changes nothing', async () => {
  const page = await open('index.html?hidden=5&lr=0.3');
  const before = await page.evaluate(() => window.relulab.state());
  const bad = await page.evaluate(() => window.relulab.loadData('x1,x2,y\n1,2,0\n3,oops,1\n4,5,0\n6,7,1\n'));
  assert.deepEqual(bad, { ok: false, error: "your CSV file: line 3, column 2: 'oops' is not a number" });
  const same = await page.evaluate(() => window.relulab.state());
  assert.equal(JSON.stringify(same.twins), JSON.stringify(before.twins), 'a refused file changes nothing');
  const shot = join(artifacts, 'data-own-refused.png');
  await page.screenshot({ path: shot });

  const file = ownFile();
  assert.ok(file.length > 4096);
  const good = await page.evaluate((csv) => window.relulab.loadData(csv), file);
  assert.deepEqual(good, { ok: true });
  const s = await page.evaluate(() => window.relulab.state());
  assert.equal(s.twins[0].layers[0].units.length, 5);
  assert.ok(s.twins[0].layers[0].units.every((u) => u.k <= 240), 'k counts the 240 training rows of the file');
  assert.equal(await page.evaluate(() => window.relulab.exportText('data')).then((t) => t.split('\n')[0]), 'x1,x2,y,split');
  await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 200 }));
  const trained = await page.evaluate(() => window.relulab.state());
  console.log(`own file: test accuracy after 200 steps ${trained.twins[0].test_accuracy.toFixed(3)}`);
  assert.ok(trained.twins[0].test_accuracy > 0.85);
  assert.deepEqual(page.dataRequests, []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('own data: a file dropped onto the canvas is loaded; the data export reads back as the same scene', async () => {
  const page = await open('index.html?data=moons&test=0.25&n=120');
  const exported = await page.evaluate(() => window.relulab.exportText('data'));
  await page.evaluate(() => window.relulab.command({ cmd: 'set', data: 'circle' }));
  await page.evaluate((csv) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([csv], 'moons.csv', { type: 'text/csv' }));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, exported);
  await page.waitForFunction((csv) => window.relulab.exportText('data') === csv, exported, { timeout: 10000 });
  const s = await page.evaluate(() => window.relulab.state());
  assert.ok(s.twins[0].layers[0].units.every((u) => u.k <= 90), '90 training points, as exported');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('own data: a host page sends a file bigger than a command by postMessage', async () => {
  const page = await open('web/embed-example.html', { lab: false });
  await page.waitForFunction(() => document.getElementById('lab').contentWindow?.relulab !== undefined, null, { timeout: 30000 });
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await frame.evaluate(() => window.relulab.ready);
  const file = ownFile(400);
  const reply = await page.evaluate((csv) => new Promise((resolve) => {
    window.addEventListener('message', (e) => { if (e.data?.type === 'result' && e.data.id === 'own') resolve(e.data); });
    document.getElementById('lab').contentWindow.postMessage({ cmd: 'loadData', csv, id: 'own' }, location.origin);
  }), file);
  assert.equal(reply.ok, true, reply.error);
  const units = await frame.evaluate(() => window.relulab.state().twins[0].layers[0].units);
  assert.ok(units.every((u) => u.k <= 320), '320 training rows');
  await page.context().close();
});
