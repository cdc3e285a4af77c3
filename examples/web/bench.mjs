// The benchmark page: times the duplicate scan of a CSV's customers (dedup-bench.mjs) with
// the web build. `window.runBench(csv, options)` is what crm-wasm/bench/browser-dedup.mjs calls.
import init, * as wasm from './pkg/crm_wasm.js';

import { customersFromCsv } from './csv.mjs';
import { benchDedup, median } from './dedup-bench.mjs';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const ms = (x) => x.toFixed(1);

/** Shows a result as a table. */
function show(r) {
  const rows = [
    ['records', r.records],
    ['pairs (matched + review)', r.pairs],
    ['groups', r.groups],
    ['candidate pairs compared', r.candidatePairs],
    ['CSV → records (ms)', ms(r.parseMs)],
    [`findDuplicates(records), median of ${r.runs} (ms)`, `${ms(median(r.scanMs))} (${ms(Math.min(...r.scanMs))}–${ms(Math.max(...r.scanMs))})`],
    ['import into a book (ms)', ms(r.importMs)],
    [`crm.findDuplicates(), median of ${r.runs} (ms)`, `${ms(median(r.bookMs))} (${ms(Math.min(...r.bookMs))}–${ms(Math.max(...r.bookMs))})`],
  ];
  const table = document.createElement('table');
  for (const [k, v] of rows) {
    const tr = table.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = k;
    tr.append(th);
    const td = tr.insertCell();
    td.className = 'num';
    td.textContent = String(v);
  }
  $('bench-result').replaceChildren(table);
}

await init();
let prepared = [];
/** Reads a CSV's records for `scanPrepared` (so that a profile holds the scan alone). */
window.prepare = (csv) => {
  prepared = customersFromCsv(csv).records;
  return prepared.length;
};
/** One `findDuplicates` over the prepared records; resolves with its stats. */
window.scanPrepared = () => wasm.findDuplicates(prepared).stats;
/** Runs the benchmark on CSV text; resolves with the raw result (times in ms). */
window.runBench = (csv, options) => {
  const r = benchDedup(wasm, csv, options);
  show(r);
  return r;
};
const button = /** @type {HTMLButtonElement} */ ($('bench-run'));
button.disabled = false;
button.addEventListener('click', async () => {
  const file = /** @type {HTMLInputElement} */ ($('bench-file')).files?.[0];
  if (!file) {
    $('bench-status').textContent = 'Choose a CSV first.';
    return;
  }
  const runs = Number(/** @type {HTMLInputElement} */ ($('bench-runs')).value) || 7;
  $('bench-status').textContent = `Running ${runs} timed runs…`;
  // Let the status paint before the (blocking) runs.
  await new Promise((r) => setTimeout(r, 30));
  const r = window.runBench(await file.text(), { runs });
  $('bench-status').textContent = `Done: ${r.groups} groups in ${ms(median(r.scanMs))} ms (median).`;
});
$('bench-status').textContent = 'Ready.';
$('bench').dataset.ready = 'true';
