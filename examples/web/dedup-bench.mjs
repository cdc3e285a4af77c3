// The duplicate-scan benchmark, for any build of crm-wasm: the browser page (bench.html) runs
// it with pkg/web, crm-wasm/bench/browser-dedup.mjs with pkg/node, so both time the same work.
// No DOM, no Node APIs (`performance.now()` exists in both).
import { customersFromCsv } from './csv.mjs';

/** The median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; the last result, the wall
 * times and, with a `cpu` clock (ms), the CPU times. */
function timed(fn, runs, warmup, cpu) {
  let out;
  for (let i = 0; i < warmup; i++) out = fn();
  const ms = [];
  const cpuMs = [];
  for (let i = 0; i < runs; i++) {
    const c0 = cpu?.();
    const t0 = performance.now();
    out = fn();
    ms.push(performance.now() - t0);
    if (cpu) cpuMs.push(cpu() - c0);
  }
  return { out, ms, cpuMs };
}

/**
 * Times the duplicate scan of the records of a CSV:
 * - `scan`: `findDuplicates(records)` over plain `NewCustomer` objects (what a page does with
 *   an upload before anything enters a book): conversion, normalising, blocking, scoring,
 *   clustering, and the result back as JS objects;
 * - `book`: `crm.findDuplicates()` over the same records imported into a `Crm` (the demo page),
 *   after a timed import.
 *
 * @param {{ findDuplicates: Function, Crm: any }} wasm the package (web or Node build)
 * @param {string} csv
 * @param {{ runs?: number, warmup?: number, cpu?: () => number }} [options] default 7 timed
 *   runs after 2 untimed; `cpu`: a CPU-time clock in ms (Node: `process.cpuUsage`), whose
 *   readings are less disturbed than wall time by other work on a shared machine
 */
export function benchDedup(wasm, csv, { runs = 7, warmup = 2, cpu } = {}) {
  const t0 = performance.now();
  const { records } = customersFromCsv(csv);
  const parseMs = performance.now() - t0;

  const scan = timed(() => wasm.findDuplicates(records), runs, warmup, cpu);
  const t1 = performance.now();
  const crm = new wasm.Crm();
  const report = crm.importCustomers(records);
  const importMs = performance.now() - t1;
  const book = timed(() => crm.findDuplicates(), runs, warmup);
  crm.free?.();
  return {
    records: records.length,
    imported: report.created.length,
    pairs: scan.out.pairs.length,
    matchedPairs: scan.out.stats.matchedPairs,
    candidatePairs: scan.out.stats.candidatePairs,
    groups: scan.out.groups.length,
    bookGroups: book.out.groups.length,
    parseMs,
    importMs,
    scanMs: scan.ms,
    scanCpuMs: scan.cpuMs,
    bookMs: book.ms,
    runs,
    warmup,
  };
}
