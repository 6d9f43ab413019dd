// frames.mjs — how fast the lab draws, on the renderers this machine has (started by bench/frames, which
// builds first). No GPU here: both renderers are software, on the machine's CPU cores, so these are
// upper bounds on frame time for any machine with a GPU.
//
//  * desktop: relulab_desktop under Xvfb (so Mesa's llvmpipe, whatever the machine has), `--play
//    --frame-times`: the median time between presented frames while training (the first 10 left out);
//  * browser: headless Chromium on SwiftShader, the median interval between animation frames while
//    training, and the median main-thread time of one frame (our WebAssembly + GL calls, i.e. what stays on
//    the CPU when a GPU draws). The peer in the same run is a page that only clears a WebGL2 canvas of
//    the same size: the fastest this browser and renderer present anything.
//
// Each figure is the median over --rounds runs (default 3) of each run's median.
//   node bench/frames.mjs [--json] [--rounds N] [--frames N]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { repo, startLab } from '../tests/e2e/harness.mjs';

function parseArgs(argv) {
  const args = { json: false, rounds: 3, frames: 400 };
  for (let i = 2; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--rounds') args.rounds = Number(argv[++i]);
    else if (a === '--frames') args.frames = Number(argv[++i]);
    else throw new Error(`bench/frames: unknown argument ${a}; expected --json, --rounds N or --frames N`);
  }
  if (!(Number.isInteger(args.rounds) && args.rounds >= 1 && args.rounds <= 20)) throw new Error('bench/frames: --rounds takes a whole number from 1 to 20');
  if (!(Number.isInteger(args.frames) && args.frames >= 60 && args.frames <= 10000)) throw new Error('bench/frames: --frames takes a whole number from 60 to 10000');
  return args;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

// ---- desktop: llvmpipe under Xvfb ----
function desktopRun(query, size, frames) {
  const binary = join(repo, 'build', 'native', 'bin', 'relulab_desktop');
  const out = execFileSync('xvfb-run', ['-a', '-s', '-screen 0 2000x1200x24', binary, '--query', query, '--play',
    '--frames', String(frames), '--size', size, '--frame-times'],
  { encoding: 'utf8', timeout: 300000 });
  const m = out.match(/frame times over (\d+) frames: median ([\d.]+) ms .* p90 ([\d.]+) ms; renderer: (.*)/);
  if (!m) throw new Error(`bench/frames: relulab_desktop printed no frame times:\n${out}`);
  return { median_ms: Number(m[2]), p90_ms: Number(m[3]), renderer: m[4].trim() };
}

// ---- browser: SwiftShader in headless Chromium ----
// Samples animation-frame intervals and the main-thread time of each frame callback for `ms` milliseconds.
const kSampler = (ms) => new Promise((resolve) => {
  const stamps = [];
  const busy = window.__frameBusy = [];
  const start = performance.now();
  const tick = (t) => {
    stamps.push(t);
    if (performance.now() - start < ms) requestAnimationFrame(tick); else resolve({ stamps, busy: busy.slice() });
  };
  requestAnimationFrame(tick);
});

function summarise({ stamps, busy }) {
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
  return { median_ms: median(intervals), frames: intervals.length, busy_ms: busy.length ? median(busy) : null };
}

async function browserLab(lab, { width, height, twins }) {
  const context = await lab.browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  // time every animation-frame callback the page registers (the lab's main loop is one of them)
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (f) => raf((t) => {
      const a = performance.now();
      f(t);
      if (window.__frameBusy) window.__frameBusy.push(performance.now() - a);
    });
  });
  await page.goto(lab.url);
  await page.evaluate(() => window.relulab.ready);
  if (twins) {
    const forked = await page.evaluate((acts) => window.relulab.command({ cmd: 'fork', activations: acts }), twins);
    if (!forked.ok) throw new Error(`bench/frames: fork refused: ${JSON.stringify(forked)}`);
  }
  await page.evaluate(() => window.relulab.command({ cmd: 'play' }));
  await page.waitForTimeout(1500);
  const result = summarise(await page.evaluate(kSampler, 5000));
  // the sampler's own callback is in busy too; it is a few microseconds
  result.step = await page.evaluate(() => window.relulab.state().step);
  await context.close();
  return result;
}

async function browserPeer(lab, { width, height }) {
  const context = await lab.browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.setContent('<canvas id="c" style="display:block;width:100vw;height:100vh"></canvas>');
  const result = summarise(await page.evaluate(async (ms) => {
    const canvas = document.getElementById('c');
    canvas.width = innerWidth;
    canvas.height = innerHeight;
    const gl = canvas.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false });
    const stamps = [];
    let i = 0;
    const start = performance.now();
    return new Promise((resolve) => {
      const tick = (t) => {
        gl.clearColor((i++ % 10) / 10, 0.5, 0.5, 1);
        gl.clear(gl.COLOR_BUFFER_BIT);
        stamps.push(t);
        if (performance.now() - start < ms) requestAnimationFrame(tick); else resolve({ stamps, busy: [] });
      };
      requestAnimationFrame(tick);
    });
  }, 5000));
  await context.close();
  return result;
}

async function main() {
  const args = parseArgs(process.argv);
  for (const file of ['build/native/bin/relulab_desktop', 'build/web/site/relulab.wasm'])
    if (!existsSync(join(repo, file))) throw new Error(`bench/frames: ${file} is missing; run bench/frames without --no-build`);
  const rows = [];
  const add = (renderer, scene, size, runs) => {
    const row = { renderer, scene, size };
    for (const key of Object.keys(runs[0])) {
      const values = runs.map((r) => r[key]).filter((v) => typeof v === 'number');
      if (values.length) row[key] = median(values);
    }
    row.fps = 1000 / row.median_ms;
    rows.push(row);
    if (!args.json) {
      const busy = row.busy_ms != null ? `, main thread ${row.busy_ms.toFixed(2)} ms` : '';
      const p90 = row.p90_ms != null ? `, p90 ${row.p90_ms.toFixed(1)} ms` : '';
      console.log(`${renderer.padEnd(22)} ${scene.padEnd(30)} ${size.padEnd(9)} median ${row.median_ms.toFixed(1).padStart(6)} ms ` +
                  `(${row.fps.toFixed(1)} frames/s)${p90}${busy}`);
    }
  };
  if (!args.json) console.log(`# ${args.rounds} rounds, load average ${loadavg()[0].toFixed(2)} at start`);

  const desktopScenes = [['default scene', ''], ['two hidden layers of 16', 'hidden=16,16']];
  for (const [name, query] of desktopScenes)
    for (const size of ['1280x800', '1920x1080']) {
      const runs = [];
      for (let r = 0; r < args.rounds; ++r) runs.push(desktopRun(query, size, args.frames));
      add(`desktop ${runs[0].renderer.split(' ')[0]}`, name, size, runs);
    }

  const lab = await startLab();
  try {
    for (const [width, height] of [[1280, 800], [800, 500]]) {
      const size = `${width}x${height}`;
      const peer = [], single = [], three = [];
      for (let r = 0; r < args.rounds; ++r) {
        peer.push(await browserPeer(lab, { width, height }));
        single.push(await browserLab(lab, { width, height }));
        three.push(await browserLab(lab, { width, height, twins: ['relu', 'leaky', 'elu'] }));
      }
      add('browser SwiftShader', 'peer: clear-only WebGL2 page', size, peer);
      add('browser SwiftShader', 'default scene', size, single);
      add('browser SwiftShader', 'three twins', size, three);
      if (!args.json) {
        const p = rows[rows.length - 3].median_ms;
        console.log(`${''.padEnd(22)} ratio to the peer: default ${(rows[rows.length - 2].median_ms / p).toFixed(2)}, ` +
                    `three twins ${(rows[rows.length - 1].median_ms / p).toFixed(2)}`);
      }
    }
  } finally {
    await lab.close();
  }
  if (args.json) console.log(JSON.stringify({ rounds: args.rounds, load: loadavg()[0], rows }, null, 2));
}

main().catch((e) => { console.error(e.message); process.exit(2); });
