// perf.test.mjs — the page's performance figures in a real headless Chromium (issues 7 and 13), reported with
// console.log: transfer size (gzip of what the page loads: html, js, wasm, css, fonts, icons), the time from
// navigation to the first drawn frame over 5 fresh loads (median), the core's milliseconds per frame
// (training + census + snapshot, window.relulab.state().core_ms) in the default scene at its default speed,
// and the WebAssembly heap of each embedded course scene. Asserts only sane bounds: the goals (300 KB, 1 s,
// 4 ms) are reported against, not enforced, since SwiftShader on a shared machine varies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { startLab, site } from './harness.mjs';

let lab;
before(async () => { lab = await startLab(); });
after(async () => { await lab?.close(); });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

// A fresh context (no cache), the page loaded; resolves to the page, the files it loaded and its timings.
async function freshLoad(path = '') {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const loaded = new Set();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === new URL(lab.url).origin && response.status() < 400) loaded.add(url.pathname);
  });
  // Stamp the first drawn frame: relulab.ready resolves on the lab's first frame; the stamp is taken in the
  // promise's own callback, registered as soon as the page script has created relulab.
  await page.addInitScript(() => {
    const watch = setInterval(() => {
      if (window.relulab && window.relulab.ready) {
        clearInterval(watch);
        window.relulab.ready.then(() => { window.__relulabFirstFrameMs = performance.now(); }, () => {});
      }
    }, 1);
  });
  await page.goto(lab.url + path);
  await page.evaluate(() => window.relulab.ready);
  const firstFrameMs = await page.evaluate(() => window.__relulabFirstFrameMs);
  const navigation = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
  });
  return { context, page, loaded, firstFrameMs, navigation };
}

test('performance: transfer size, first frame, core milliseconds per frame', async () => {
  const loads = [];
  for (let i = 0; i < 5; ++i) {
    const load = await freshLoad();
    loads.push(load);
    if (i < 4) await load.context.close();
  }
  const { page, loaded, context } = loads[4];
  const firstFrames = loads.map((l) => l.firstFrameMs);

  // Transfer size: every same-origin file the page loaded, gzip-compressed as a server would send it.
  let raw = 0, gzip = 0;
  const files = [];
  for (const path of [...loaded].sort()) {
    const file = join(site, path === '/' ? 'index.html' : decodeURIComponent(path));
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    const packed = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += packed;
    files.push(`${path} ${(bytes.length / 1024).toFixed(1)} KB -> ${(packed / 1024).toFixed(1)} KB`);
  }

  // The default scene at its default speed: play, let it settle, then read core_ms once per frame.
  const played = await page.evaluate(() => window.relulab.command({ cmd: 'play' }));
  assert.deepEqual(played, { ok: true });
  await page.waitForTimeout(1000);
  const frames = await page.evaluate(() => new Promise((resolve) => {
    const samples = [];
    const start = performance.now();
    const sample = () => {
      const state = window.relulab.state();
      samples.push({ core_ms: state.core_ms, step: state.step, speed: state.speed, t: performance.now() });
      // At least 3 s and 20 frames (software WebGL on a busy machine can draw only a few frames a second).
      const elapsed = performance.now() - start;
      if ((elapsed < 3000 || samples.length < 20) && elapsed < 20000) requestAnimationFrame(sample);
      else resolve(samples);
    };
    requestAnimationFrame(sample);
  }));
  const coreMs = frames.map((f) => f.core_ms).filter((v) => Number.isFinite(v));
  const steps = frames[frames.length - 1].step - frames[0].step;
  const p95 = [...coreMs].sort((a, b) => a - b)[Math.floor(0.95 * (coreMs.length - 1))];

  console.log(`# page transfer (gzip -9 of ${files.length} files): ${(gzip / 1024).toFixed(1)} KB ` +
              `(raw ${(raw / 1024).toFixed(1)} KB; goal <= 300 KB)`);
  for (const line of files) console.log(`#   ${line}`);
  console.log(`# first drawn frame over 5 fresh loads: median ${median(firstFrames).toFixed(0)} ms after navigation ` +
              `(${firstFrames.map((t) => t.toFixed(0)).join(', ')} ms; goal <= 1000 ms); last load: DOMContentLoaded ` +
              `${loads[4].navigation.domContentLoaded.toFixed(0)} ms, load ${loads[4].navigation.load.toFixed(0)} ms`);
  const seconds = (frames[frames.length - 1].t - frames[0].t) / 1000;
  console.log(`# core per frame at the default speed (${frames[0].speed} steps/frame, ${frames.length} frames in ` +
              `${seconds.toFixed(1)} s, ${steps} steps): median ${median(coreMs).toFixed(3)} ms, ` +
              `p95 ${p95.toFixed(3)} ms (goal <= 4 ms; the page clock's resolution is 0.1 ms)`);

  assert.ok(files.some((f) => f.startsWith('/relulab.wasm')), 'the page loaded relulab.wasm');
  assert.ok(gzip > 10 * 1024 && gzip < 5 * 1024 * 1024, `transfer size ${gzip} bytes is sane`);
  assert.ok(firstFrames.every((t) => t > 0 && t < 30000), `first frames at ${firstFrames} ms are sane`);
  assert.ok(coreMs.length >= 5, `core_ms sampled on ${coreMs.length} frames`);
  assert.ok(coreMs.every((v) => v >= 0 && v < 200), 'core_ms stays within 0..200 ms per frame');
  assert.ok(steps > 0, 'the lab trained while sampling');
  await context.close();
});

test('heap: each embedded course scene, loaded and after 1000 steps', async () => {
  const lines = [];
  let largest = 0;
  for (const lesson of ['dead-unit', 'kill-shot', 'lr-sweep', 'negative-bias', 'recovery-near', 'fixes']) {
    const { context, page } = await freshLoad(`index.html?lesson=${lesson}&embed=1`);
    const loadedBytes = await page.evaluate(() => window.relulab.memory());
    await page.evaluate(() => window.relulab.command({ cmd: 'step', n: 1000 }));
    const state = await page.evaluate(() => ({ heap: window.relulab.memory(), history: window.relulab.state().history_bytes }));
    lines.push(`${lesson} ${(loadedBytes / 2 ** 20).toFixed(1)} -> ${(state.heap / 2 ** 20).toFixed(1)} MB ` +
               `(history ${(state.history / 2 ** 20).toFixed(1)} MB)`);
    largest = Math.max(largest, state.heap);
    await context.close();
  }
  console.log(`# WebAssembly heap per embedded scene (loaded -> after 1000 steps): ${lines.join('; ')}`);
  assert.ok(largest > 0 && largest <= 32 * 2 ** 20, `the largest embedded scene holds ${largest} bytes`);
});

// Issue 14's speed figure: the digits scene (64-32-32-10, 1438 training images, full census every step) at 2
// steps per frame. Printed, not asserted (speed is a benchmark figure; the goal is <= 4 ms of core per frame).
test('digits: core milliseconds per frame at 2 steps per frame', async () => {
  const { context, page } = await freshLoad('index.html?data=digits&pre=standardize&test=0.2&hidden=32,32&lr=0.3');
  assert.deepEqual(await page.evaluate(() => window.relulab.command({ cmd: 'speed', n: 2 })), { ok: true });
  assert.deepEqual(await page.evaluate(() => window.relulab.command({ cmd: 'play' })), { ok: true });
  await page.waitForTimeout(500);
  const samples = await page.evaluate(() => new Promise((resolve) => {
    const out = [];
    const start = performance.now();
    const sample = () => {
      const state = window.relulab.state();
      out.push({ core_ms: state.core_ms, step: state.step });
      const elapsed = performance.now() - start;
      if ((elapsed < 3000 || out.length < 20) && elapsed < 20000) requestAnimationFrame(sample);
      else resolve(out);
    };
    requestAnimationFrame(sample);
  }));
  const ms = samples.map((s) => s.core_ms).filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  const steps = samples[samples.length - 1].step - samples[0].step;
  console.log(`# digits scene, 2 steps/frame: core per frame median ${ms[Math.floor(ms.length / 2)].toFixed(2)} ms, ` +
              `p90 ${ms[Math.floor(0.9 * (ms.length - 1))].toFixed(2)} ms over ${samples.length} frames (${steps} steps; goal <= 4 ms)`);
  assert.ok(steps > 0 && ms.length >= 5, `the digits scene trained (${steps} steps, ${ms.length} timed frames)`);
  await context.close();
});
