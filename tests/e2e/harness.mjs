// harness.mjs — shared set-up for the browser tests: serve build/web/site, start Debian's Chromium
// headless with WebGL2 through SwiftShader, open a page, and collect console errors and page errors.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const site = join(repo, 'build', 'web', 'site');
export const artifacts = join(repo, 'build', 'test-artifacts');

// Playwright adds --headless and a fresh temporary profile (--user-data-dir) itself.
const kChromiumFlags = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

// Starts the server and the browser. extraFlags go to Chromium (e.g. '--disable-webgl').
export async function startLab({ csp = false, extraFlags = [] } = {}) {
  const { server, url } = await serve(site, { port: 0, csp });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [...kChromiumFlags, ...extraFlags],
    timeout: 60000,
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

// Opens a page and records every console error and uncaught exception in page.problems.
// mobile: a phone's touch screen and mobile viewport handling (hasTouch, isMobile).
export async function openPage(lab, { path = '', viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, mobile = false } = {}) {
  const context = await lab.browser.newContext({ viewport, deviceScaleFactor, hasTouch: mobile, isMobile: mobile });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  await page.goto(lab.url + path);
  return page;
}

// openPage, then waits until the lab has drawn its first frame (window.relulab.ready).
export async function openLab(lab, options = {}) {
  const page = await openPage(lab, options);
  await page.evaluate(() => window.relulab.ready);
  return page;
}

// Reads the canvas pixels (after a frame) and returns simple statistics: distinct colours and spread.
// The lab draws only while something changes: wake it first, so the frame read is one it just drew.
export async function canvasStats(page) {
  return page.evaluate(() => new Promise((resolve) => { window.relulab.wake(); requestAnimationFrame(() => {
    const source = document.getElementById('canvas');
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    const colours = new Set();
    let min = 255, max = 0;
    for (let i = 0; i < data.length; i += 4 * 7) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      const luma = (data[i] + data[i + 1] + data[i + 2]) / 3;
      min = Math.min(min, luma);
      max = Math.max(max, luma);
    }
    resolve({ width: copy.width, height: copy.height, colours: colours.size, lumaRange: max - min });
  }); }));
}
