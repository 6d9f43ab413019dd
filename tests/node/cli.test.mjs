// cli.test.mjs — the `relulab` command: each subcommand on small inputs, with invariants and stated tolerances.
// - layer-1 ReLU units never revive under plain SGD without weight decay (k = 0 stays 0, exactly);
// - born dead, width 1: the Monte Carlo matches 1 - 2^-(L-2) within three standard errors;
// - --json parses and has the documented fields; --threads 1 and 2 print identical bytes;
// - bad input exits 2 with one line naming the flag and its range, and writes no file;
// - a table in docs/experiments.md regenerates from its printed command to the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from '../e2e/harness.mjs';

const binary = join(repo, 'build', 'native', 'bin', 'relulab');

function relulab(args, { cwd } = {}) {
  const r = spawnSync(binary, args, { encoding: 'utf8', cwd, timeout: 60000, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args) {
  const r = relulab([...args, '--json', '--quiet']);
  assert.equal(r.status, 0, `relulab ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function hasFields(object, fields, where) {
  for (const f of fields) assert.ok(f in object, `${where} has "${f}"`);
}

const scratch = mkdtempSync(join(tmpdir(), 'relulab-cli-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

test('every subcommand answers --help with status 0 and its flags', () => {
  for (const [command, flag] of [['run', '--kick-at'], ['sweep', '--param'], ['born-dead', '--trials'],
    ['recovery', '--margins'], ['lessons', '--seeds']]) {
    const r = relulab([command, '--help']);
    assert.equal(r.status, 0, command);
    assert.match(r.stdout, new RegExp(`usage: relulab ${command}`));
    assert.ok(r.stdout.includes(flag), `${command} --help lists ${flag}`);
  }
});

test('run: layer-1 ReLU units that reach k = 0 never come back under SGD without weight decay', () => {
  // A violent kick on an outlier batch kills units; then 1500 steps, k of every unit after every step.
  const out = json(['run', '--data', 'sin', '--n', '200', '--hidden', '16', '--lr', '0.1', '--steps', '1500',
    '--kick-at', '100', '--kick-factor', '5', '--kick-batch', 'outlier', '--twins', 'relu,elu', '--every', '1', '--units']);
  hasFields(out, ['config', 'steps', 'kick', 'rows', 'victims', 'twins', 'events'], 'run --json');
  hasFields(out.rows[0], ['step', 'twin', 'activation', 'loss', 'test_loss', 'accuracy', 'dead_fraction', 'k'], 'a row');
  const relu = out.rows.filter((r) => r.activation === 'relu');
  assert.equal(relu.at(-1).step, 1500);
  assert.ok(out.victims.length >= 1, 'the kick killed at least one unit');
  let deaths = 0;
  for (let unit = 0; unit < 16; unit++) {
    let deadSince = -1;
    for (const row of relu) {
      const k = row.k[0][unit];
      if (k === 0 && deadSince < 0) { deadSince = row.step; deaths++; }
      if (deadSince >= 0) assert.equal(k, 0, `unit 1.${unit + 1} dead since step ${deadSince} has k = ${k} at step ${row.step}`);
    }
  }
  assert.ok(deaths >= out.victims.length, `deaths seen: ${deaths}`);
  const twin = out.twins.find((t) => t.activation === 'relu');
  assert.equal(twin.revived, 0, 'no ReLU unit revived');
  assert.equal(twin.victims_back, 0, 'no ReLU victim back');
  hasFields(twin, ['activation', 'loss', 'dead_fraction', 'revived', 'victims_back', 'diverged', 'reason'], 'a twin');
});

test('run: exports the weights and the data; --csv has a header and one line per reported step', () => {
  const weights = join(scratch, 'w.json');
  const data = join(scratch, 'd.csv');
  const r = relulab(['run', '--steps', '50', '--every', '10', '--csv', '--export-weights', weights, '--export-data', data]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^step,twin,activation,loss,test_loss,accuracy,dead_l1/);
  assert.equal(lines.length, 1 + 6);  // steps 0, 10, ..., 50
  const w = JSON.parse(readFileSync(weights, 'utf8'));
  assert.equal(w.format, 'relulab-weights');
  assert.equal(w.layers.length, 2);
  assert.match(readFileSync(data, 'utf8'), /^x1,x2,y,split\n/);
});

test('born-dead: width 1 matches 1 - 2^-(L-2) within three standard errors; pointwise matches 1 - prod(1 - 2^-N)', () => {
  const trials = 20000;
  const out = json(['born-dead', '--width', '1,3', '--depth', '2,3,4,6', '--trials', String(trials), '--points', '200']);
  hasFields(out, ['inputs', 'domain', 'points', 'trials', 'bias', 'rows'], 'born-dead --json');
  assert.equal(out.rows.length, 8);
  for (const row of out.rows) {
    hasFields(row, ['init', 'width', 'hidden_layers', 'L', 'trials', 'p_domain', 'p_domain_lo', 'p_domain_hi',
      'p_pointwise', 'closed_pointwise', 'closed_width1'], 'a born-dead row');
    const se = (p) => Math.sqrt(p * (1 - p) / trials);
    const closedPointwise = 1 - (1 - 2 ** -row.width) ** row.hidden_layers;
    assert.ok(Math.abs(row.closed_pointwise - closedPointwise) < 1e-12);
    assert.ok(Math.abs(row.p_pointwise - closedPointwise) <= 3 * se(closedPointwise),
      `pointwise width ${row.width} H ${row.hidden_layers}: ${row.p_pointwise} vs ${closedPointwise}`);
    if (row.width === 1) {
      const closed = 1 - 2 ** -(row.L - 2);
      assert.equal(row.closed_width1, closed);
      assert.ok(Math.abs(row.p_domain - closed) <= 3 * se(closed),
        `width 1, L ${row.L}: Monte Carlo ${row.p_domain} vs closed form ${closed} (3 SE = ${3 * se(closed)})`);
    } else {
      assert.equal(row.closed_width1, null);
    }
    assert.ok(row.p_domain_lo <= row.p_domain && row.p_domain <= row.p_domain_hi);
  }
});

test('sweep and recovery: --json has the documented fields; values and activations are all there', () => {
  const sweep = json(['sweep', '--data', 'sin', '--n', '100', '--hidden', '8,8', '--steps', '200', '--param', 'lr',
    '--values', '0.01,0.3', '--seeds', '2', '--twins', 'relu,leaky:0.1']);
  hasFields(sweep, ['param', 'values', 'seeds', 'config', 'rows'], 'sweep --json');
  assert.equal(sweep.rows.length, 4);
  for (const row of sweep.rows) {
    hasFields(row, ['value', 'activation', 'runs', 'dead_fraction_mean', 'dead_fraction_sd', 'loss_mean', 'loss_sd',
      'revived_mean', 'killed_mean', 'victims', 'victims_back', 'diverged'], 'a sweep row');
    assert.equal(row.runs, 2);
    assert.ok(row.diverged > 0 || row.dead_fraction_mean.length === 2);
  }
  const recovery = json(['recovery', '--margins', '0.05,1', '--acts', 'relu,leaky:0.3', '--seeds', '2', '--watch', '300']);
  hasFields(recovery, ['pretrain', 'watch', 'seeds', 'knock', 'config', 'rows'], 'recovery --json');
  assert.equal(recovery.rows.length, 4);
  for (const row of recovery.rows) {
    hasFields(row, ['margin', 'activation', 'runs', 'knocked', 'back', 'fraction', 'median_steps', 'diverged'], 'a recovery row');
    if (row.activation === 'relu') assert.equal(row.back, 0, 'a knocked first-layer ReLU unit never returns');
  }
});

test('lessons: the list parses as JSON with the documented fields', () => {
  const lessons = json(['lessons']);
  assert.ok(Array.isArray(lessons));
  for (const l of lessons) hasFields(l, ['id', 'title', 'text', 'config', 'events', 'check_steps', 'check_seeds', 'min_seeds'], 'a lesson');
  if (lessons.length > 0) {
    const id = lessons[0].id;
    const r = relulab(['lessons', 'check', id, '--seeds', '1', '--json', '--quiet']);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const [check] = JSON.parse(r.stdout);
    hasFields(check, ['lesson', 'passed', 'passed_seeds', 'required_seeds', 'summary', 'seeds', 'over_seeds'], 'a check');
    assert.equal(check.lesson, id);
    const run = json(['run', '--lesson', id, '--steps', '50', '--every', '25']);
    assert.ok(run.rows.length >= 3);
  }
});

test('--threads 1 and --threads 2 print identical output', () => {
  const cases = [
    ['sweep', '--data', 'sin', '--n', '100', '--hidden', '8', '--steps', '150', '--param', 'lr', '--values', '0.05,0.5',
      '--seeds', '3', '--kick-at', '50', '--twins', 'relu,elu'],
    ['born-dead', '--width', '2', '--depth', '3,5', '--trials', '3000', '--points', '50'],
    ['recovery', '--margins', '0.1', '--acts', 'leaky:0.1,elu', '--seeds', '3', '--watch', '200'],
  ];
  for (const args of cases) {
    const one = relulab([...args, '--threads', '1']);
    const two = relulab([...args, '--threads', '2']);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(one.stdout, two.stdout, `${args[0]}: identical for 1 and 2 threads`);
    assert.equal(one.stderr, '', 'no progress bar when stderr is not a terminal');
  }
});

test('bad input exits 2 with one line naming the flag and its range, and writes nothing', () => {
  const malformed = join(scratch, 'bad.json');
  writeFileSync(malformed, '{"lr": 0.1,');
  const unknownKey = join(scratch, 'unknown.json');
  writeFileSync(unknownKey, '{"learning_rate": 0.1}');
  const cases = [
    [['sweep', '--param', 'lr', '--values', '0.1', '--seeds', '0'], /--seeds takes a whole number from 1 to 1000/],
    [['run', '--lr', '20'], /--lr: .*expected a number from 1e-05 to 10/],
    [['run', '--steps', 'many'], /--steps takes a whole number from 1 to 1000000/],
    [['run', '--kick-at', '500', '--steps', '100'], /--kick-at takes a step from 0 to 99/],
    [['run', '--frobnicate', '1'], /unknown flag --frobnicate/],
    [['run', '--twins', 'relu,swish'], /--twins: unknown activation 'swish'/],
    [['run', '--config', malformed], /--config .*bad\.json/],
    [['run', '--config', unknownKey], /unknown setting 'learning_rate'/],
    [['born-dead', '--width', '0'], /--width takes a comma-separated list of 1 to 16 whole numbers from 1 to 64/],
    [['born-dead', '--init', 'zeros'], /--init: .*expected/],
    [['recovery', '--margins', '-1'], /--margins takes a comma-separated list .* from 0 to 100/],
    [['sweep', '--param', 'colour', '--values', '1'], /--param takes a config key/],
    [['lessons', 'check', 'no-such-lesson'], /no lesson 'no-such-lesson'/],
  ];
  for (const [args, message] of cases) {
    const out = join(scratch, `out-${args[0]}.svg`);
    const extra = args[0] === 'run' ? ['--export-weights', out] : args[0] === 'lessons' ? [] : ['--svg', out];
    const r = relulab([...args, ...extra]);
    assert.equal(r.status, 2, `${args.join(' ')} exits 2 (stderr: ${r.stderr})`);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, `one line: ${r.stderr}`);
    assert.match(lines[0], message);
    assert.match(lines[0], /^relulab [a-z-]+: /);
    assert.ok(!existsSync(out), `${args.join(' ')} wrote nothing`);
  }
});

test('--svg writes a chart with axes, tick labels and a legend', () => {
  const svg = join(scratch, 'chart.svg');
  const r = relulab(['recovery', '--margins', '0.05,0.5', '--acts', 'relu,elu', '--seeds', '1', '--watch', '100',
    '--svg', svg, '--quiet']);
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(svg, 'utf8');
  assert.match(text, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /<\/svg>\n$/);
  for (const label of ['knock margin', 'relu', 'elu:1', 'fraction with k &gt; 0 again', '0.5']) {
    assert.ok(text.includes(`>${label}<`) || text.includes(label), `the chart shows "${label}"`);
  }
});

test('lessons check --seeds takes blocks A..B and lists, scales the requirement, and refuses a bad block', () => {
  const [check] = json(['lessons', 'check', 'negative-bias', '--seeds', '3..5,9']);
  assert.deepEqual(check.seeds.map((s) => s.seed), [3, 4, 5, 9]);
  assert.equal(check.required_seeds, 4, '9 of 10 scaled to 4 seeds, rounded up');
  for (const bad of ['5..3', '1..x', '0..200', '1..', '-1']) {
    const r = relulab(['lessons', 'check', 'negative-bias', '--seeds', bad, '--quiet']);
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /--seeds takes seeds from 0 to 1000000/, bad);
    assert.equal(r.stdout, '', bad);
  }
});

test('a table in docs/experiments.md regenerates from its printed command', () => {
  const doc = readFileSync(join(repo, 'docs', 'experiments.md'), 'utf8');
  // The cheap one: experiment 3's width-1 check, marked in the doc with <!-- regenerate-test -->.
  const at = doc.indexOf('<!-- regenerate-test -->');
  assert.ok(at >= 0, 'the doc marks a command for this test');
  const block = doc.slice(at).match(/```sh\n(relulab [^\n]+)\n```/);
  assert.ok(block, 'a command follows the mark');
  const command = block[1].trim();
  assert.match(command, /^relulab /);
  const args = command.replace(/^relulab /, '').split(/\s+/);
  const r = relulab(args);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(doc.includes(r.stdout.trim()), `docs/experiments.md holds the output of: ${command}`);
});
