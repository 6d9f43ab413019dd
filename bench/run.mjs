// run.mjs — the benchmark table of docs/performance.md (started by bench/run, which builds first).
// For each round and config it runs, back to back: our native build, our WASM build under Node, and the
// TensorFlow.js CPU and WASM backends on the same problem (relulab_bench --dump). Each run reports medians of
// its timed samples; the table shows the median over rounds. Steps per second of wall-clock time are the
// headline; steps per second of processor time are kept too (other programs sharing the cores inflate the
// first, not the second).
//
//   node bench/run.mjs [--json] [--configs S,M,L] [--rounds 1] [--quick] [--cpu]
//   node bench/run.mjs --scaling [--json]   (our core only: ms per step against points and width)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = dirname(fileURLToPath(import.meta.url));
const repo = join(bench, '..');
const kImpls = ['native', 'wasm', 'tfjs-cpu', 'tfjs-wasm'];
// Per config: timed samples and seconds per sample (L steps take ~0.2 s ours, seconds for the peers).
const kTiming = { S: { samples: 7, seconds: 0.25 }, M: { samples: 5, seconds: 0.3 }, L: { samples: 3, seconds: 0.5 } };

function parseArgs(argv) {
  const args = { json: false, configs: ['S', 'M', 'L'], rounds: 1, quick: false, cpu: false, scaling: false };
  for (let i = 2; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--cpu') args.cpu = true;
    else if (a === '--scaling') args.scaling = true;
    else if (a === '--configs') args.configs = argv[++i].split(',');
    else if (a === '--rounds') args.rounds = Math.max(1, Number(argv[++i]));
    else throw new Error(`bench/run: unknown argument ${a}`);
  }
  return args;
}

function jsonRows(text) {
  return text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

// One implementation on one config, probes off and on: two rows.
function runImpl(impl, config, problem, timing) {
  const common = ['--samples', String(timing.samples), '--seconds', String(timing.seconds)];
  const node = [process.execPath, '--no-experimental-fetch', '--no-liftoff'];  // steady state: V8's optimizing tier
  let command;
  if (impl === 'native') command = [join(repo, 'build/native/bin/relulab_bench'), '--configs', config, ...common];
  else if (impl === 'wasm') command = [...node, join(repo, 'build/web/node/relulab_bench.js'), '--configs', config, ...common];
  else command = [...node, join(bench, 'tfjs_peer.mjs'), '--backend', impl.slice(5), '--problem', problem, ...common];
  const out = execFileSync(command[0], command.slice(1), {
    cwd: bench, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'],
    env: kNodeEnv,
  });
  return jsonRows(out);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

const kNodeEnv = { ...process.env, NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(':') };

// Scaling curves of our core, native and WASM: a table of milliseconds per step.
function scalingCurves(args) {
  const common = ['--scaling', '--samples', args.quick ? '1' : '3', '--seconds', args.quick ? '0.1' : '0.3'];
  const rows = [];
  for (const impl of ['native', 'wasm']) {
    if (!args.json) process.stderr.write(`bench: scaling curves, ${impl}\n`);
    const command = impl === 'native' ? [join(repo, 'build/native/bin/relulab_bench'), ...common]
      : [process.execPath, '--no-experimental-fetch', '--no-liftoff', join(repo, 'build/web/node/relulab_bench.js'), ...common];
    rows.push(...jsonRows(execFileSync(command[0], command.slice(1), { encoding: 'utf8', env: kNodeEnv })));
  }
  if (args.json) {
    console.log(JSON.stringify(rows, null, 1));
    return;
  }
  const key = args.cpu ? 'ms_per_cpu_step' : 'ms_per_step';
  console.log(`ReLU Lab core: milliseconds per full-batch step (${args.cpu ? 'processor time' : 'wall clock'}), ` +
    `circle data, ReLU; load average ${loadavg()[0].toFixed(2)}`);
  console.log('curve   points  net           native off  native on  wasm off  wasm on  wasm on: steps per 16 ms frame');
  const seen = new Set();
  for (const r of rows) {
    const id = `${r.curve}/${r.points}/${r.width}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const get = (impl, probes) => rows.find((x) => `${x.curve}/${x.points}/${x.width}` === id && x.impl === impl && x.probes === probes)?.[key];
    const f = (v) => (v === undefined ? '-' : v < 1 ? v.toFixed(3) : v.toFixed(2));
    const wasmOn = get('wasm', true);
    console.log(`${r.curve.padEnd(6)}  ${String(r.points).padStart(6)}  ${`2-${r.width}-${r.width}-1`.padEnd(12)}` +
      `  ${f(get('native', false)).padStart(10)}  ${f(get('native', true)).padStart(9)}  ${f(get('wasm', false)).padStart(8)}` +
      `  ${f(wasmOn).padStart(7)}  ${wasmOn ? String(Math.floor(16 / wasmOn)).padStart(8) : '-'}`);
  }
}

const args = parseArgs(process.argv);
if (args.scaling) {
  scalingCurves(args);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'relulab-bench-'));
const raw = [];
const loadBefore = loadavg()[0];
try {
  const problems = {};
  for (const config of args.configs) {
    problems[config] = join(work, `${config}.json`);
    writeFileSync(problems[config], execFileSync(join(repo, 'build/native/bin/relulab_bench'), ['--dump', config],
      { encoding: 'utf8', maxBuffer: 1 << 28 }));
  }
  for (let round = 0; round < args.rounds; ++round) {
    for (const config of args.configs) {
      const timing = args.quick ? { samples: 3, seconds: 0.1 } : kTiming[config] ?? kTiming.M;
      for (const impl of kImpls) {
        if (!args.json) process.stderr.write(`bench: round ${round + 1}/${args.rounds}, ${config}, ${impl}\n`);
        raw.push(...runImpl(impl, config, problems[config], timing));
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Median over rounds of each (config, impl, probes).
const rows = [];
for (const config of args.configs) {
  for (const impl of kImpls) {
    for (const probes of [false, true]) {
      const runs = raw.filter((r) => r.config === config && r.impl === impl && r.probes === probes);
      if (runs.length === 0) continue;
      rows.push({
        config, impl, probes,
        steps_per_s: median(runs.map((r) => r.steps_per_s)),
        steps_per_cpu_s: median(runs.map((r) => r.steps_per_cpu_s)),
      });
    }
  }
}

function printTable(key, title) {
  const get = (config, impl, probes) => rows.find((r) => r.config === config && r.impl === impl && r.probes === probes)?.[key];
  const fmt = (v) => (v === undefined ? '-' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  const ratio = (a, b) => (a === undefined || b === undefined ? '-' : `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}x`);
  console.log(title);
  const head = ['config', 'probes', 'native', 'wasm', 'tfjs-cpu', 'tfjs-wasm', 'wasm/native', 'wasm/tfjs-wasm', 'wasm/tfjs-cpu', 'native/tfjs-wasm'];
  const widths = [6, 6, 9, 9, 9, 9, 11, 14, 13, 16];
  const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const config of args.configs) {
    for (const probes of [false, true]) {
      const v = Object.fromEntries(kImpls.map((impl) => [impl, get(config, impl, probes)]));
      console.log(line([config, probes ? 'on' : 'off', fmt(v.native), fmt(v.wasm), fmt(v['tfjs-cpu']), fmt(v['tfjs-wasm']),
        ratio(v.wasm, v.native), ratio(v.wasm, v['tfjs-wasm']), ratio(v.wasm, v['tfjs-cpu']), ratio(v.native, v['tfjs-wasm'])]));
    }
  }
  // The census's cost relative to a training step without it: t_on / t_off - 1.
  const share = (impl) => args.configs.map((config) => {
    const off = get(config, impl, false), on = get(config, impl, true);
    return `${config} ${off && on ? `${Math.round(100 * (off / on - 1))}%` : '-'}`;
  }).join(', ');
  console.log(`census cost as a share of a step without it (t_on / t_off - 1): wasm ${share('wasm')}; native ${share('native')}`);
  console.log('');
}

if (args.json) {
  console.log(JSON.stringify(rows, null, 1));
} else {
  console.log(`ReLU Lab bench: full-batch SGD, ReLU, sigmoid + cross-entropy; training steps per second, median of ` +
    `samples${args.rounds > 1 ? ` and of ${args.rounds} rounds` : ''}`);
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadBefore.toFixed(2)} -> ${loadavg()[0].toFixed(2)}`);
  console.log('S = 2-8-8-1, 500 points; M = 2-32-32-32-1, 2000 points; L = 4-64-64-64-64-1, 20000 all-negative points');
  console.log('');
  if (!args.cpu) printTable('steps_per_s', 'steps per second of wall-clock time:');
  printTable('steps_per_cpu_s', 'steps per second of processor time (robust when other programs share the cores):');
}
