// embed.test.mjs — the lab inside a course page: web/embed-example.html embeds a lesson in an iframe,
// drives it by postMessage and receives its events; messages from a disallowed origin, malformed and
// oversized messages are ignored, change nothing, and are reported in the console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, openPage } from './harness.mjs';

let lab;
before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

const labFrame = (page) => page.frames().find((f) => f !== page.mainFrame());
async function openHost(path) {
  const page = await openPage(lab, { path });
  page.warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') page.warnings.push(m.text()); });
  await page.waitForFunction(() => document.getElementById('lab').contentWindow?.relulab !== undefined, null, { timeout: 30000 });
  await labFrame(page).evaluate(() => window.relulab.ready);
  return page;
}

test('the example host page drives a lesson by postMessage and hears unitDied', async () => {
  const page = await openHost('web/embed-example.html');
  await page.waitForFunction(() => window.received.some((e) => e.type === 'ready'), null, { timeout: 30000 });
  const frame = labFrame(page);
  assert.equal(await frame.evaluate(() => window.relulab.state().embed), true, 'the lab runs in embed mode');
  await page.click('#step');
  await page.waitForFunction(() => window.received.some((e) => e.type === 'result' && e.ok), null, { timeout: 20000 });
  await page.click('#kick');
  await page.waitForFunction(() => window.received.some((e) => e.type === 'unitDied'), null, { timeout: 20000 });
  const died = await page.evaluate(() => window.received.filter((e) => e.type === 'unitDied'));
  assert.ok(died.length >= 1);
  assert.match(died[0].text, /^unit 1\.\d+ died at step \d+ \(0\/200 active\)$/);
  assert.equal(died[0].layer, 0);
  const dead = await frame.evaluate(() => window.relulab.state().twins[0].layers[0].units.filter((u) => u.k === 0).length);
  assert.ok(dead >= died.filter((e) => e.layer === 0).length - 0, `the lab's state agrees: ${dead} units at k = 0`);
  await page.screenshot({ path: 'build/test-artifacts/embed-example.png' });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a host on a disallowed origin cannot drive the lab', async () => {
  // the same server under another host name is another origin
  const labUrl = lab.url + 'index.html?lesson=kill-shot&embed=1';
  const hostUrl = lab.url.replace('127.0.0.1', 'localhost') + 'web/embed-example.html?lab=' + encodeURIComponent(labUrl);
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(hostUrl);
  await page.waitForFunction(() => document.getElementById('lab').contentWindow !== null, null, { timeout: 30000 });
  await page.waitForTimeout(500);
  const frame = labFrame(page);
  await frame.evaluate(() => window.relulab.ready);
  await page.click('#step');
  await page.click('#kick');
  await page.waitForTimeout(1500);
  assert.equal(await frame.evaluate(() => window.relulab.state().step), 0, 'nothing changed');
  assert.deepEqual(await page.evaluate(() => window.received), [], 'the lab told the disallowed host nothing');
  const refusals = warnings.filter((w) => /ignored a message from http:\/\/localhost:\d+: not an allowed origin/.test(w));
  assert.equal(refusals.length, 1, `reported once in the console: ${JSON.stringify(warnings)}`);
  await context.close();
});

test('malformed, oversized and invalid messages are ignored and change nothing', async () => {
  const page = await openHost('web/embed-example.html');
  const frame = labFrame(page);
  const before = await frame.evaluate(() => JSON.stringify(window.relulab.state()));
  await page.evaluate(() => {
    const lab = document.getElementById('lab').contentWindow;
    const origin = location.origin;
    lab.postMessage('not json at all', origin);
    lab.postMessage([1, 2, 3], origin);
    lab.postMessage({ cmd: 'step', n: 'ten' }, origin);
    lab.postMessage({ cmd: 'step', n: 5, pad: 'x'.repeat(5000) }, origin);
    lab.postMessage('{"cmd":"step","n":5,"pad":"' + 'y'.repeat(5000) + '"}', origin);
    lab.postMessage({ cmd: 'knock', unit: 99 }, origin);
    lab.postMessage({ cmd: 'step', n: 'ten' }, origin);  // the same refusal again: reported once
  });
  await page.waitForTimeout(1500);
  const after = await frame.evaluate(() => JSON.stringify(window.relulab.state()));
  const strip = (s) => { const o = JSON.parse(s); delete o.core_ms; return o; };
  assert.deepEqual(strip(after), strip(before), 'the state is exactly as before');
  const results = await page.evaluate(() => window.received.filter((e) => e.type === 'result'));
  assert.ok(results.length >= 3 && results.every((r) => r.ok === false), 'commands that reached the lab were refused');
  assert.ok(results.some((r) => /'n' must be a number/.test(r.error)));
  const w = page.warnings.join('\n');
  assert.match(w, /ignored a message that is not JSON/);
  assert.match(w, /ignored a message without a string field cmd/);
  assert.match(w, /ignored a message over 4096 bytes/);
  assert.equal(page.warnings.filter((x) => /'n' must be a number/.test(x)).length, 1, 'each refusal is reported once');
  await page.close();
});
