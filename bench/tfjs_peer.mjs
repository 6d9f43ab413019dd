// tfjs_peer.mjs — the TensorFlow.js peers of bench/run: the same network, data, initial weights, loss and update
// as our core (read from `relulab_bench --dump`), trained with full-batch SGD on the CPU or WASM backend.
// "Probes on" runs the same census our core runs after every step, in TensorFlow.js ops: per hidden unit k
// (z > 0), min, max and mean of z, a 32-bin histogram over the layer's range, and the gradient norm of its
// incoming weights, read back to JavaScript once per step (the lab draws it every frame).
// Prints one JSON row per measurement, like relulab_bench.
//
//   node tfjs_peer.mjs --backend cpu|wasm --problem S.json [--probes off,on] [--samples 5] [--seconds 0.3]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const args = { backend: 'cpu', problem: null, probes: ['off', 'on'], samples: 5, seconds: 0.3 };
  for (let i = 2; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--backend') args.backend = value;
    else if (key === '--problem') args.problem = value;
    else if (key === '--probes') args.probes = value.split(',');
    else if (key === '--samples') args.samples = Math.max(1, Number(value));
    else if (key === '--seconds') args.seconds = Math.max(0.01, Number(value));
    else throw new Error(`tfjs_peer: unknown argument ${key}`);
  }
  if (!args.problem) throw new Error('tfjs_peer: --problem FILE is required');
  return args;
}

async function useBackend(name) {
  if (name === 'wasm') {
    // The .wasm files come from node_modules: nothing is fetched from the network.
    const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
    setWasmPaths(dist.endsWith('/') ? dist : dist + '/');
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs_peer: backend ${name} did not start`);
  await tf.ready();
}

// The network of the problem as TensorFlow.js variables: w (in, out) so that z = h w + b with h (n, in).
let models = 0;
function makeModel(problem) {
  const prefix = `m${models++}_`;
  return problem.layers.map((layer, l) => ({
    w: tf.variable(tf.tidy(() => tf.tensor2d(layer.w, [layer.out, layer.in]).transpose()), true, `${prefix}w${l}`),
    b: tf.variable(tf.tensor1d(layer.b), true, `${prefix}b${l}`),
    units: layer.out,
  }));
}

function forward(model, x, keep) {
  let h = x;
  const zs = [];
  for (let l = 0; l + 1 < model.length; ++l) {
    const z = tf.add(tf.matMul(h, model[l].w), model[l].b);
    if (keep) zs.push(tf.keep(z));
    h = tf.relu(z);
  }
  const last = model[model.length - 1];
  return { logits: tf.add(tf.matMul(h, last.w), last.b), zs };
}

// Histogram of every column of z (n, units) over [lo, hi] in 32 bins: (units * 32) counts.
let histogramWith = 'bincount';
function histograms(z, lo, hi, units) {
  const scale = tf.div(32, tf.sub(hi, lo));
  const bins = tf.cast(tf.clipByValue(tf.floor(tf.mul(tf.sub(z, lo), scale)), 0, 31), 'int32');
  const index = tf.add(bins, tf.mul(tf.range(0, units, 1, 'int32'), tf.scalar(32, 'int32')));
  if (histogramWith === 'bincount') {
    try {
      return tf.bincount(tf.reshape(index, [-1]), [], units * 32);
    } catch (error) {
      histogramWith = 'oneHot';  // no Bincount kernel on this backend
    }
  }
  return tf.sum(tf.oneHot(tf.reshape(index, [-1]), units * 32), 0);
}

function makeStep(problem, probes) {
  const x = tf.tensor2d(problem.x, [problem.n, problem.d]);
  const y = tf.tensor2d(problem.y, [problem.n, 1]);
  const model = makeModel(problem);
  const optimizer = tf.train.sgd(problem.lr);
  const loss = (keep) => {
    const { logits, zs } = forward(model, x, keep);
    return { value: tf.losses.sigmoidCrossEntropy(y, logits), zs };
  };
  // Reading one weight back waits for every queued op (both backends run ops eagerly; this makes sure).
  const flush = () => model[0].b.dataSync();
  if (!probes) {
    return { flush, step: () => optimizer.minimize(() => loss(false).value, false) };
  }
  const step = () => {
    let zs = [];
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const out = loss(true);
        zs = out.zs;
        return out.value;
      });
      const parts = [value];
      zs.forEach((z, l) => {
        const { units } = model[l];
        const zMin = tf.min(z, 0), zMax = tf.max(z, 0);
        const lo = tf.minimum(tf.min(zMin), 0), hi = tf.maximum(tf.max(zMax), 0);
        const gw = grads[model[l].w.name], gb = grads[model[l].b.name];
        parts.push(tf.sum(tf.cast(tf.greater(z, 0), 'int32'), 0), zMin, zMax, tf.mean(z, 0),
          histograms(z, lo, hi, units), tf.sqrt(tf.add(tf.sum(tf.square(gw), 0), tf.square(gb))));
      });
      tf.concat(parts.map((p) => tf.cast(tf.reshape(p, [-1]), 'float32'))).dataSync();  // the census, in JS
      optimizer.applyGradients(grads);
    });
    zs.forEach((z) => z.dispose());
  };
  return { flush, step };
}

function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

function measure(step, flush, samples, seconds) {
  let start = performance.now();
  // TensorFlow.js needs seconds before its rate settles (JIT of its JavaScript, kernel set-up, memory pools).
  let warm = 0;
  for (; warm < 3 || performance.now() - start < 2000; ++warm) step();
  flush();
  // Read the clock (and wait for the backend) once per batch of about 10 ms of steps, like relulab_bench.
  const batch = Math.max(1, Math.floor(warm / ((performance.now() - start) / 1000) / 100));
  const wall = [], cpu = [];
  for (let s = 0; s < samples; ++s) {
    start = performance.now();
    const cpuStart = cpuSeconds();
    let steps = 0, elapsed = 0;
    do {
      for (let i = 0; i < batch; ++i) step();
      steps += batch;
      flush();
      elapsed = (performance.now() - start) / 1000;
    } while (elapsed < seconds);
    wall.push(steps / elapsed);
    cpu.push(steps / Math.max(1e-9, cpuSeconds() - cpuStart));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const args = parseArgs(process.argv);
await useBackend(args.backend);
const problem = JSON.parse(readFileSync(args.problem, 'utf8'));
for (const probe of args.probes) {
  const probes = probe === 'on';
  const { step, flush } = makeStep(problem, probes);
  const tensorsBefore = tf.memory().numTensors;
  const rate = measure(step, flush, args.samples, args.seconds);
  const leaked = tf.memory().numTensors - tensorsBefore;
  const row = {
    config: problem.config, impl: `tfjs-${args.backend}`, probes, steps_per_s: rate.wall,
    steps_per_cpu_s: rate.cpu,
  };
  if (args.backend === 'wasm') {
    row.wasm_simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    row.wasm_threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  }
  if (probes) row.histogram = histogramWith;
  if (leaked > 0) row.leaked_tensors = leaked;
  console.log(JSON.stringify(row));
}
