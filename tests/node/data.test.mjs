// data.test.mjs — the real data sets end to end: what scripts/setup extracted from Debian's python3-sklearn
// package file (rows, columns, classes, bytes), the CLI training on them, and the sentences a missing or
// malformed data file gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from '../e2e/harness.mjs';

const binary = join(repo, 'build', 'native', 'bin', 'relulab');
const dataDir = join(repo, 'build', 'native', 'data');

function relulab(args, env = {}) {
  const r = spawnSync(binary, args, { encoding: 'utf8', timeout: 900000, maxBuffer: 64 << 20,
    env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return r;
}

const scratch = mkdtempSync(join(tmpdir(), 'relulab-data-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

// What python3-sklearn 1.2.1 ships, rewritten by scripts/setup into the lab's layout (header x1..xd,y).
const expected = {
  digits: { rows: 1797, inputs: 64, classes: [178, 182, 177, 183, 181, 182, 181, 179, 174, 180],
    sha256: '7845d61899f144b10c374d1218c9c367aeaefa83feae1a9bc05895d1d119c398' },
  iris: { rows: 150, inputs: 4, classes: [50, 50, 50],
    sha256: '40756ae0c060b35e92b959da57e5a2eb3e8fd2e2f3fc4e97e80227f01f2d9fa0' },
  wine: { rows: 178, inputs: 13, classes: [59, 71, 48],
    sha256: 'a3ea222c1920f59ffb6b14eb2b99f6ba71a56b859cfcdba233302119bfc1992c' },
  cancer: { rows: 569, inputs: 30, classes: [212, 357],
    sha256: 'ac17997718dcd0bedaf277b354a345b69d150d79ffc80985dc6afcea1007cd7f' },
};

test('setup extracted the four data sets: rows, inputs, class counts and bytes as packaged', () => {
  for (const [name, want] of Object.entries(expected)) {
    const text = readFileSync(join(dataDir, `${name}.csv`), 'utf8');
    assert.equal(createHash('sha256').update(text).digest('hex'), want.sha256, `${name}.csv bytes`);
    const lines = text.trim().split('\n');
    const header = lines[0].split(',');
    assert.equal(header.length, want.inputs + 1, `${name}: inputs + y`);
    assert.equal(header.at(-1), 'y');
    assert.equal(lines.length - 1, want.rows, `${name}: rows`);
    const counts = new Array(want.classes.length).fill(0);
    for (const line of lines.slice(1)) counts[Number(line.split(',').at(-1))] += 1;
    assert.deepEqual(counts, want.classes, `${name}: points per class`);
  }
});

test('digits: a 64-32-10 net with Adam reaches at least 90% test accuracy in 400 steps (3 seeds)', () => {
  for (const seed of [1, 2, 3]) {
    const r = relulab(['run', '--data', 'digits', '--test', '0.2', '--hidden', '32', '--opt', 'adam', '--lr', '0.01',
      '--steps', '400', '--every', '400', '--seed', String(seed), '--json', '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const last = out.rows.at(-1);
    assert.equal(last.step, 400);
    console.log(`digits seed ${seed}: test accuracy ${last.test_accuracy.toFixed(3)}, dead ${last.dead_fraction[0]}`);
    assert.ok(last.test_accuracy >= 0.9, `seed ${seed}: test accuracy ${last.test_accuracy}`);
    assert.ok(out.rows[0].test_accuracy < 0.3, 'an untrained net is near chance (10 classes)');
  }
});

test('iris, wine and cancer train as 3-, 3- and 2-class problems (standardized)', () => {
  for (const [name, floor] of [['iris', 0.85], ['wine', 0.85], ['cancer', 0.9]]) {
    const r = relulab(['run', '--data', name, '--pre', 'standardize', '--test', '0.3', '--hidden', '8', '--opt', 'adam',
      '--lr', '0.02', '--steps', '300', '--every', '300', '--json', '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    const last = JSON.parse(r.stdout).rows.at(-1);
    assert.ok(last.test_accuracy >= floor, `${name}: test accuracy ${last.test_accuracy} (floor ${floor})`);
  }
});

test('a missing or malformed data file: exit 2 and a sentence saying what to do; nothing trains', () => {
  const missing = relulab(['run', '--data', 'iris', '--steps', '3'], { RELULAB_DATA: join(scratch, 'nowhere') });
  assert.equal(missing.status, 2);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /the iris data set is not at .*nowhere\/iris\.csv: run scripts\/setup/);

  writeFileSync(join(scratch, 'wine.csv'), 'x1,x2,y\n1,2,0\n3,4,1\n5,x,1\n6,7,0\n');
  const bad = relulab(['run', '--data', 'wine', '--steps', '3'], { RELULAB_DATA: scratch });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim(), "relulab run: the wine data file is malformed: line 4, column 2: 'x' is not a number");
});

test('docs/experiments.md: the digits learning-rate table regenerates byte for byte from its command', () => {
  const doc = readFileSync(join(repo, 'docs', 'experiments.md'), 'utf8');
  const at = doc.indexOf('<!-- regenerate-digits -->');
  assert.ok(at >= 0, 'the doc marks the digits command');
  const command = doc.slice(at).match(/```sh\n(relulab [^\n]+)\n```/)[1];
  const args = command.replace(/^relulab /, '').split(/\s+/);
  const svg = args.indexOf('--svg');
  args.splice(svg, 2, '--svg', join(scratch, 'lr-digits.svg'));  // the chart goes to scratch, not into docs/
  const r = relulab([...args, '--quiet']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(doc.includes(r.stdout.trim()), `docs/experiments.md holds the output of: ${command}`);
  assert.equal(readFileSync(join(scratch, 'lr-digits.svg'), 'utf8'),
    readFileSync(join(repo, 'docs', 'experiments', 'lr-digits.svg'), 'utf8'), 'the chart regenerates too');
});
