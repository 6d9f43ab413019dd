// lesson_flow.test.mjs — the lesson flow from the page's side: {cmd: "check", seeds: N} runs the lesson's
// check on N seeds from the scene's seed in a few seconds, and a pass is followed by a lessonPassed event.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startLab, openPage, artifacts } from './harness.mjs';

let lab;
before(async () => { lab = await startLab(); await mkdir(artifacts, { recursive: true }); });
after(async () => { await lab?.close(); });

function collect(page, types) {
  return page.evaluate((wanted) => {
    window.__seen = [];
    for (const type of wanted) window.relulab.on(type, (e) => window.__seen.push({ type, ...e }));
  }, types);
}

test('Try 20 seeds: the check runs 20 seeds from the scene\'s seed in seconds, and a pass tells the page', async () => {
  const page = await openPage(lab, { path: 'index.html?lesson=recovery-near&seed=40' });
  await page.evaluate(() => window.relulab.ready);
  await collect(page, ['lessonCheck', 'lessonPassed']);
  const started = Date.now();
  assert.deepEqual(await page.evaluate(() => window.relulab.command({ cmd: 'check', seeds: 20 })), { ok: true });
  await page.waitForFunction(() => window.__seen.some((e) => e.type === 'lessonCheck'), null, { timeout: 20000 });
  const wall = Date.now() - started;
  const seen = await page.evaluate(() => window.__seen);
  const check = seen.find((e) => e.type === 'lessonCheck');
  assert.equal(check.lesson, 'recovery-near');
  assert.deepEqual(check.seeds.map((s) => s.seed), Array.from({ length: 20 }, (_, i) => 40 + i));
  assert.ok(check.ms >= 0 && check.ms < 10000, `the check took ${check.ms} ms`);
  console.log(`# recovery-near, 20 seeds: ${check.ms} ms in the core, ${wall} ms round trip; ${check.summary}`);
  if (check.passed) {
    await page.waitForFunction(() => window.__seen.some((e) => e.type === 'lessonPassed'), null, { timeout: 5000 });
    const passed = (await page.evaluate(() => window.__seen)).find((e) => e.type === 'lessonPassed');
    assert.deepEqual({ lesson: passed.lesson, seeds: passed.seeds }, { lesson: 'recovery-near', seeds: 20 });
  } else {
    assert.ok(!seen.some((e) => e.type === 'lessonPassed'), 'no lessonPassed after a failed check');
  }
  await page.screenshot({ path: join(artifacts, 'lesson-flow-try-seeds.png') });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('check refuses a seed count outside 1 to 50 with a sentence, and runs nothing', async () => {
  const page = await openPage(lab, { path: 'index.html?lesson=dead-unit' });
  await page.evaluate(() => window.relulab.ready);
  await collect(page, ['lessonCheck']);
  const reply = await page.evaluate(() => window.relulab.command({ cmd: 'check', seeds: 51 }));
  assert.deepEqual(reply, { ok: false, error: "'seeds' must be a number from 1 to 50" });
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.__seen), []);
  await page.context().close();
});
