// The demo's book: its settings, the CSV import, and the open merges read from the journal.
// No DOM, no storage: the page (app.js) and the Node test (crm-wasm/tests/demo.test.mjs) use
// the same functions with their own build of crm-wasm, so both see the same groups.
import { customersFromCsv } from './csv.mjs';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Options of the demo's `new Crm(...)`: the system clock and random ids (a page keeps its
 * book across reloads, so a seed would hand out the same ids again), and an agenda that
 * keeps in touch with opportunities every 4 days and leads every 6 days, with birthday
 * reminders the day before and on the day. The journal records these settings, so
 * `Crm.replay` restores them.
 */
export const BOOK_OPTIONS = {
  agenda: {
    cadences: [
      { everyDays: 4, stage: 'opportunity' },
      { everyDays: 6, stage: 'lead' },
    ],
    birthdayLeadDays: [1, 0],
  },
};

/** The agenda shows this far ahead: this week. */
export const AGENDA_WINDOW_MS = 7 * DAY;

/**
 * Imports CSV text into `crm`: every row through `crm.importCustomers` (the core validates
 * each one and reports what it rejects), then a call for each created row that asks for a
 * follow-up (`follow_up`: days from now, or a date).
 *
 * @param {any} crm a `Crm` of crm-wasm (web or Node build)
 * @param {string} text CSV
 * @returns {{
 *   report: any, lines: number[], columns: any[], ignored: string[],
 *   followUps: number, followUpErrors: { line: number, message: string }[],
 * }} `report` is the core's `ImportReport` (rows count from 1 over the data rows);
 *   `lines[row - 1]` is the CSV line a row starts on.
 * @throws {import('./csv.mjs').CsvError} for CSV that cannot be read.
 */
export function importCsv(crm, text) {
  const parsed = customersFromCsv(text);
  const report = crm.importCustomers(parsed.records);
  const rejected = new Set(report.rejected.map((r) => r.row));
  let followUps = 0;
  const followUpErrors = [];
  let next = 0;
  const now = crm.now.getTime();
  parsed.records.forEach((_, i) => {
    if (rejected.has(i + 1)) return;
    const customerId = report.created[next];
    next += 1;
    const ask = parsed.followUps[i];
    if (!ask) return;
    const due = 'days' in ask ? new Date(now + ask.days * DAY) : new Date(ask.date);
    try {
      crm.scheduleFollowUp({ customerId, due, kind: 'call', channel: 'phone', note: 'Follow-up from the import' });
      followUps += 1;
    } catch (e) {
      followUpErrors.push({ line: parsed.lines[i], message: e.message });
    }
  });
  return {
    report,
    lines: parsed.lines,
    columns: parsed.columns,
    ignored: parsed.ignored,
    followUps,
    followUpErrors,
  };
}

/**
 * The merges of a journal (JSON Lines) that are not undone, oldest first.
 *
 * @param {string} journal `crm.eventsJson()`
 * @returns {{ mergeId: string, survivorId: string, absorbed: string[], at: string }[]}
 */
export function openMerges(journal) {
  const open = new Map();
  for (const line of journal.split('\n')) {
    // Only the lines of merges and unmerges are parsed.
    if (!line.includes('"customers_merged"') && !line.includes('"customers_unmerged"')) continue;
    const { at, event } = JSON.parse(line);
    if (event.type === 'customers_merged') {
      const m = event.merge;
      open.set(m.id, {
        mergeId: m.id,
        survivorId: m.survivor_after.id,
        absorbed: m.absorbed.map((a) => a.customer.id),
        at,
      });
    } else if (event.type === 'customers_unmerged') {
      open.delete(event.unmerge.merge);
    }
  }
  return [...open.values()];
}

/**
 * The survivor of a group: its oldest member (the first created; ids sort by creation).
 *
 * @param {string[]} members customer ids
 */
export function survivorOf(members) {
  return [...members].sort()[0];
}
