#!/usr/bin/env node
// Benchmark: duplicates among generated customers in headless Chromium (the web build) and
// in Node (the Node build), the same work timed the same way (examples/web/dedup-bench.mjs).
// The budget in the browser is 1 s for 10,000 records (GUIDE.md §6).
//
//   crm-wasm/scripts/build && node crm-wasm/bench/browser-dedup.mjs [--records N] [--seed S] [--runs R]
//       [--warmup W] [--pkg DIR] [--profile]
//
// --pkg DIR   another build of the package (DIR/web and DIR/node, as scripts/build lays them
//             out), e.g. one made with other compiler settings, to compare.
// --profile   also samples one scan in Chromium with the DevTools profiler and prints where
//             the time goes: functions by self time, and by total time (stages).
//
// The CSV comes from the project's generator (crm-benches' gen_people, built in release
// mode on first use) and is kept in crm-wasm/bench/out/. Chromium is Debian's
// /usr/bin/chromium driven by playwright-core (crm-wasm's devDependency).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const REPO = path.resolve(ROOT, '..');
const WEB = path.join(REPO, 'examples', 'web');

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '2' },
    pkg: { type: 'string', default: path.join(ROOT, 'pkg') },
    profile: { type: 'boolean', default: false },
  },
});
const PKG = path.resolve(values.pkg);
const records = Number(values.records);
const seed = Number(values.seed);
const runs = Number(values.runs);
const warmup = Number(values.warmup);

const { benchDedup, median } = await import(path.join(WEB, 'dedup-bench.mjs'));
const { listen } = await import(path.join(WEB, 'server.mjs'));
const { launch, chromiumMissing } = await import(path.join(WEB, 'headless.mjs'));

/** The generator's CSV for `records` and `seed`, made once. */
function csvFile() {
  const file = path.join(HERE, 'out', `people-${records}-seed${seed}.csv`);
  if (!existsSync(file)) {
    console.error(`generating ${file} …`);
    const csv = execFileSync(
      'cargo',
      ['run', '-q', '--release', '-p', 'crm-benches', '--bin', 'gen_people', '--', String(records), String(seed)],
      { cwd: REPO, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, csv);
  }
  return file;
}

/**
 * The CPU time of the page's main thread for `runs` more `findDuplicates(records)` (records
 * read beforehand), from the DevTools metric `ThreadTime`, after `warmup` untimed runs.
 */
async function browserCpu(page) {
  await page.evaluate((text) => window.prepare(text), csv);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const thread = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return 1000 * (metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN);
  };
  for (let i = 0; i < warmup; i++) await page.evaluate(() => window.scanPrepared());
  const cpuMs = [];
  for (let i = 0; i < runs; i++) {
    const c0 = await thread();
    await page.evaluate(() => window.scanPrepared());
    cpuMs.push((await thread()) - c0);
  }
  await cdp.detach();
  return cpuMs;
}

/**
 * Samples one `findDuplicates(records)` in the page with the DevTools profiler (records
 * read beforehand); returns the functions with the most self and total time, in ms.
 */
async function profileScan(page) {
  await page.evaluate((text) => window.prepare(text), csv);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.evaluate(() => window.scanPrepared());
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map(profile.nodes.map((n) => [n.id, 0]));
  profile.samples.forEach((id, i) => selfMs.set(id, selfMs.get(id) + (profile.timeDeltas[i] ?? 0) / 1000));
  const name = (n) => n.callFrame.functionName || `(${n.callFrame.url ? 'anonymous' : 'program'})`;
  const self = new Map();
  const total = new Map();
  // Total time: each node's subtree, counted once per function even through recursion.
  const walk = (id, onStack) => {
    const n = byId.get(id);
    let sum = selfMs.get(id);
    const fn = name(n);
    const inner = new Set(onStack).add(fn);
    for (const c of n.children ?? []) sum += walk(c, inner);
    self.set(fn, (self.get(fn) ?? 0) + selfMs.get(id));
    if (!onStack.has(fn)) total.set(fn, (total.get(fn) ?? 0) + sum);
    return sum;
  };
  const all = walk(profile.nodes[0].id, new Set());
  const top = (m, k) => [...m].filter(([fn]) => !fn.startsWith('(')).sort((a, b) => b[1] - a[1]).slice(0, k);
  return { all, self: top(self, 15), total: top(total, 25) };
}

const csv = readFileSync(csvFile(), 'utf8');
const results = [];
let profiles = null;

if (chromiumMissing) {
  console.error(`skipping the browser: ${chromiumMissing}`);
} else {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const { chromium } = require('playwright-core');
  const { server, url } = await listen(0, { pkg: path.join(PKG, 'web') });
  const browser = await launch(chromium);
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
    await page.goto(`${url}bench.html`);
    await page.locator('#bench[data-ready="true"]').waitFor({ timeout: 60_000 });
    const version = browser.version();
    const r = await page.evaluate(([text, options]) => window.runBench(text, options), [csv, { runs, warmup }]);
    results.push({ where: `Chromium ${version} (wasm)`, ...r, scanCpuMs: await browserCpu(page) });
    if (values.profile) profiles = await profileScan(page);
  } finally {
    await browser.close();
    server.close();
  }
}

const require = createRequire(import.meta.url);
const node = require(path.join(PKG, 'node', 'crm_wasm.js'));
results.push({ where: `Node ${process.versions.node} (wasm)`, ...benchDedup(node, csv, { runs, warmup, cpu: () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
} }) });

const f = (x) => x.toFixed(1);
const spread = (xs) => `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
console.log(`duplicates among generated customers (gen_people ${records} ${seed}); median of ${runs} runs after ${warmup} warm-up runs, ms`);
console.log('(CPU: the main thread in Chromium, the process in Node; wall time minus waiting for a core on a shared machine)');
console.log('| where | records | pairs | groups | CSV → records | findDuplicates(records) | its CPU time | import into a book | crm.findDuplicates() |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.where} | ${r.records} | ${r.pairs} | ${r.groups} | ${f(r.parseMs)} | ${spread(r.scanMs)} | ${spread(r.scanCpuMs)} | ${f(r.importMs)} | ${spread(r.bookMs)} |`);
}
const browserRun = results.find((r) => r.where.startsWith('Chromium'));
if (browserRun) {
  const m = median(browserRun.scanMs);
  const c = median(browserRun.scanCpuMs);
  console.log(`budget (${records} records in headless Chromium ≤ 1000 ms): wall ${f(m)} ms (${m <= 1000 ? 'within' : 'OVER'}), CPU ${f(c)} ms (${c <= 1000 ? 'within' : 'OVER'})`);
}
if (profiles) {
  const short = (fn) => (fn.length > 110 ? `${fn.slice(0, 107)}...` : fn);
  console.log(`\nprofile of one findDuplicates(records) in Chromium (${f(profiles.all)} ms sampled)`);
  console.log('\n| total ms | function (by total time: the stages) |\n|---:|---|');
  for (const [fn, t] of profiles.total) console.log(`| ${f(t)} | ${short(fn)} |`);
  console.log('\n| self ms | function (by self time) |\n|---:|---|');
  for (const [fn, t] of profiles.self) console.log(`| ${f(t)} | ${short(fn)} |`);
}
