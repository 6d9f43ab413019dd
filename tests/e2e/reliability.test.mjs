// reliability.test.mjs — the page under hostile conditions: a strict Content-Security-Policy, a browser
// without WebGL, a lost GL context, a diverging run; it makes no requests beyond its own assets, sets no
// cookies, and its WebAssembly heap stays bounded during a long run at top speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, openPage, canvasStats } from './harness.mjs';

test('the lab works under a strict Content-Security-Policy, requests only its own assets and sets no cookies', async () => {
  const lab = await startLab({ csp: true });
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {  // runs before the page's own scripts; CSP does not apply to it
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const requests = [], problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  const response = await page.goto(lab.url);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; object-src 'none'/);
  await page.evaluate(() => window.relulab.ready);
  await page.evaluate(() => window.relulab.command({ cmd: 'play' }));
  await page.waitForFunction(() => window.relulab.state().step >= 20, null, { timeout: 20000 });
  const stats = await canvasStats(page);
  assert.ok(stats.colours > 50, 'it draws');
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violation');
  assert.deepEqual(problems, [], 'no console errors');
  const foreign = requests.filter((u) => !u.startsWith(lab.url));
  assert.deepEqual(foreign, [], 'every request goes to the lab\'s own origin');
  assert.ok(requests.some((u) => u.endsWith('relulab.wasm')));
  assert.deepEqual(await context.cookies(), [], 'no cookies');
  assert.equal(await page.evaluate(() => document.cookie), '');
  await lab.close();
});

test('without WebGL the page explains itself in HTML', async () => {
  const lab = await startLab({ extraFlags: ['--disable-webgl', '--disable-webgl2'] });
  const page = await openPage(lab);
  const rejected = await page.evaluate(() => window.relulab.ready.then(() => null, (e) => e.message));
  assert.match(rejected, /WebGL2/);
  const text = await page.textContent('#lab-status');
  assert.match(text, /ReLU Lab draws with WebGL2, which this browser has turned off or does not support/);
  assert.equal(await page.isVisible('#lab-status'), true);
  const requests = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(!requests.some((u) => u.endsWith('relulab.wasm')), 'the lab is not even downloaded');
  await page.screenshot({ path: 'build/test-artifacts/no-webgl.png' });
  await lab.close();
});

test('a lost WebGL context is explained on the page', async () => {
  const lab = await startLab();
  const page = await openPage(lab);
  await page.evaluate(() => window.relulab.ready);
  await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context').loseContext());
  await page.waitForFunction(() => !document.getElementById('lab-status').hidden, null, { timeout: 5000 });
  assert.match(await page.textContent('#lab-status'), /graphics context was lost.*Reload the page/);
  await lab.close();
});

test('a diverging twin stops with a message; the other twins and the page keep running', async () => {
  const lab = await startLab();
  const page = await openPage(lab, { path: '?data=sin&hidden=16&lr=0.1' });
  await page.evaluate(() => window.relulab.ready);
  const result = await page.evaluate(() => {
    const r = window.relulab;
    r.command({ cmd: 'step', n: 50 });
    r.command({ cmd: 'fork', activations: ['relu', 'leaky:0.1', 'elu'] });
    r.command({ cmd: 'kick', factor: 1000000 });
    r.command({ cmd: 'step', n: 30 });
    return r.state();
  });
  const stopped = result.twins.filter((t) => t.diverged);
  assert.ok(stopped.length >= 1, 'a kick of x1e6 stops at least one twin');
  for (const t of stopped) assert.match(t.diverged_reason, /non-finite/);
  assert.ok(stopped.length < 3 || result.twins.some((t) => !t.diverged), 'not every twin needs to stop');
  assert.match(result.banner, /stopped: /, 'the learner sees it');
  for (const t of result.twins)
    for (const l of t.layers)
      for (const u of l.units) for (const v of [u.z_min, u.z_max, ...u.line]) assert.ok(Number.isFinite(v), 'no NaN reaches the views');
  const steps = await page.evaluate(() => { window.relulab.command({ cmd: 'step', n: 10 }); return window.relulab.state().step; });
  assert.equal(steps, result.step + 10, 'the lab keeps running');
  const stats = await canvasStats(page);
  assert.ok(stats.colours > 50, 'and keeps drawing');
  assert.deepEqual(page.problems, []);
  await page.screenshot({ path: 'build/test-artifacts/diverged.png' });
  await lab.close();
});

// scripts/test runs 90 s (its whole run must stay within 15 minutes); docs/reliability.md records a 600 s run:
// RELULAB_SOAK_SECONDS=600 node --test --test-name-pattern=heap tests/e2e/reliability.test.mjs
const soakSeconds = Number(process.env.RELULAB_SOAK_SECONDS || 90);
test(`${soakSeconds} s of play at top speed keeps the WebAssembly heap bounded`, { timeout: (soakSeconds + 120) * 1000 }, async () => {
  const lab = await startLab();
  const page = await openPage(lab);
  await page.evaluate(() => window.relulab.ready);
  await page.evaluate(() => { window.relulab.command({ cmd: 'speed', n: 1000 }); window.relulab.command({ cmd: 'play' }); });
  const samples = [];
  const start = Date.now();
  const every = Math.max(5, Math.floor(soakSeconds / 10));
  while (Date.now() - start < soakSeconds * 1000) {
    await page.waitForTimeout(every * 1000);
    samples.push(await page.evaluate(() => ({ heap: window.relulab.memory(), step: window.relulab.state().step,
                                               history: window.relulab.state().history_bytes })));
  }
  console.log('# heap samples (bytes, step, history bytes):', samples.map((s) => `${s.heap}@${s.step}/${s.history}`).join(' '));
  const last = samples[samples.length - 1];
  assert.ok(last.step > 100 * soakSeconds, `it trained hard (${last.step} steps in ${soakSeconds} s)`);
  const settled = samples[Math.min(2, samples.length - 1)].heap;
  assert.ok(last.heap <= settled, `the heap stopped growing: ${settled} -> ${last.heap} bytes`);
  assert.ok(samples.every((s) => s.history <= 16 * 1024 * 1024), 'the history ring keeps its cap');
  assert.deepEqual(page.problems, []);
  await lab.close();
});

test('a URL cannot make the lab reserve a gigabyte of rewind history', async () => {
  const lab = await startLab();
  const page = await openPage(lab, { path: '?history=1024' });
  await page.evaluate(() => window.relulab.ready);
  const state = await page.evaluate(() => { window.relulab.command({ cmd: 'step', n: 5 }); return window.relulab.state(); });
  assert.match(state.banner, /history: the lab keeps at most 64 MB of rewind history; using the default \(16 MB\)/);
  assert.equal(state.step, 5, 'the lab runs');
  assert.ok(await page.evaluate(() => window.relulab.memory()) < 256 * 1024 * 1024, 'the heap stayed small');
  await lab.close();
});
