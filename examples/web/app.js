// The browser demo: import customers from CSV, see and merge duplicate groups (and undo),
// the lifecycle funnel and this week's agenda. The book lives in IndexedDB as its journal.
// Served by examples/web/server.mjs (crm-wasm/pkg/web at /pkg/).
import init, { Crm } from './pkg/crm_wasm.js';

import { AGENDA_WINDOW_MS, BOOK_OPTIONS, importCsv, openMerges, survivorOf } from './book.mjs';
import { clearJournal, loadJournal, saveJournal } from './store.mjs';

/** Groups shown at most (a big import has thousands; the count is always shown). */
const MAX_GROUPS = 100;
/** Agenda items shown at most. */
const MAX_AGENDA = 50;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const app = $('app');

/** @type {Crm} */
let crm;
/** Merges not undone, oldest first: `{ mergeId, survivorId, absorbed, at }`. */
let merges = [];

// ------------------------------------------------------------------ small DOM helpers

/** An element with attributes (`on*` functions become listeners) and children. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...present(children));
  return el;
}

/** The children given, flattened, without null, undefined and false. */
function present(children) {
  return children.flat().filter((c) => c !== null && c !== undefined && c !== false);
}

/** Replaces the children of `el` (null, undefined and false left out). */
function fill(el, ...children) {
  el.replaceChildren(...present(children));
}

/** A table with a caption, a header row (`th scope=col`) and rows of cells. */
function table(caption, headers, rows, attrs = {}) {
  return h(
    'table',
    attrs,
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows),
  );
}

const when = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const fmtDate = (d) => (d ? when.format(d) : '—');
const fmtNum = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
const stageName = (s) => s.replace(/_/g, ' ');

function setStatus(text, state = 'ok') {
  const s = $('status');
  s.textContent = text;
  s.dataset.state = state;
}

/** What an error says, with its stable code when crm threw it. */
function describe(e) {
  return e && e.code ? `${e.message} (${e.code})` : String(e && e.message ? e.message : e);
}

// ------------------------------------------------------------------ persistence

/** Saves the journal and marks the page with the number of events saved. */
async function persist() {
  await saveJournal(crm.eventsJson());
  app.dataset.savedEvents = String(crm.eventCount);
}

/** Runs a change to the book, saves it, redraws; reports errors in the status line. */
async function change(label, work) {
  try {
    const message = work();
    await persist();
    render();
    setStatus(message ?? label, 'ok');
  } catch (e) {
    render();
    setStatus(`${label} failed: ${describe(e)}`, 'error');
  }
}

// ------------------------------------------------------------------ import

function showImport(result) {
  const out = $('import-result');
  out.hidden = false;
  const { report, lines, columns, ignored } = result;
  const read = columns.map((c) => `${c.header} → ${c.target}${c.kind ? ` (${c.kind})` : ''}`).join(', ');
  const rejected = report.rejected.map((r) =>
    h(
      'tr',
      { 'data-testid': 'rejected-row' },
      h('td', { class: 'num' }, String(r.row)),
      h('td', { class: 'num' }, String(lines[r.row - 1] ?? '')),
      h('td', {}, r.field ?? ''),
      h('td', {}, r.value ?? ''),
      h('td', {}, h('code', {}, r.code), ' ', r.message.replace(/^row \d+: /, '')),
    ),
  );
  fill(
    out,
    h(
      'p',
      {},
      `Imported ${report.created.length} of ${lines.length} rows`,
      report.rejected.length ? `; ${report.rejected.length} rejected (below)` : '',
      result.followUps ? `; ${result.followUps} follow-ups planned` : '',
      '.',
    ),
    h('p', { class: 'hint' }, `Columns read: ${read}.`, ignored.length ? ` Ignored: ${ignored.join(', ')}.` : ''),
    report.rejected.length
      ? table('Rejected rows', ['Row', 'CSV line', 'Field', 'Value', 'Reason'], rejected, { id: 'rejected', 'data-testid': 'rejected' })
      : null,
    result.followUpErrors.length
      ? h('ul', {}, result.followUpErrors.map((f) => h('li', {}, `line ${f.line}: follow-up not planned: ${f.message}`)))
      : null,
  );
}

async function onImport(event) {
  event.preventDefault();
  const text = /** @type {HTMLTextAreaElement} */ ($('csv-text')).value;
  if (text.trim() === '') {
    setStatus('Choose a CSV file or paste CSV first.', 'error');
    return;
  }
  let result;
  await change('Import', () => {
    const t0 = performance.now();
    result = importCsv(crm, text);
    const ms = performance.now() - t0;
    return `Imported ${result.report.created.length} customers in ${fmtNum(ms, 0)} ms.`;
  });
  if (result) showImport(result);
}

async function onFile(event) {
  const file = /** @type {HTMLInputElement} */ (event.target).files?.[0];
  if (!file) return;
  const area = /** @type {HTMLTextAreaElement} */ ($('csv-text'));
  area.value = await file.text();
  area.dataset.source = `file:${file.name}`;
  setStatus(`Read ${file.name} (${file.size.toLocaleString()} bytes); press Import.`, 'ok');
}

async function onSample() {
  const res = await fetch('sample.csv');
  if (!res.ok) {
    setStatus(`Could not load sample.csv (${res.status})`, 'error');
    return;
  }
  const area = /** @type {HTMLTextAreaElement} */ ($('csv-text'));
  area.value = await res.text();
  area.dataset.source = 'sample';
  setStatus('The sample CSV is in the text box; press Import.', 'ok');
}

async function onReset() {
  await clearJournal();
  crm = new Crm(BOOK_OPTIONS);
  merges = [];
  app.dataset.savedEvents = '0';
  $('import-result').hidden = true;
  render();
  setStatus('The book is empty (and forgotten by this browser).', 'ok');
}

// ------------------------------------------------------------------ duplicates and merges

/** One customer's row in a group's table. */
function memberRow(c, survivor) {
  const address = c.addresses[0];
  return h(
    'tr',
    { class: c.id === survivor ? 'survivor' : null, 'data-name': c.displayName },
    h('th', { scope: 'row' }, c.displayName, c.id === survivor ? ' (oldest: kept)' : ''),
    h('td', {}, c.emails.map((e) => e.address).join(', ')),
    h('td', {}, c.phones.map((p) => p.e164).join(', ')),
    h('td', {}, c.birthday ?? ''),
    h('td', {}, address ? [address.locality, address.country].filter(Boolean).join(', ') : ''),
    h('td', {}, stageName(c.stage)),
  );
}

/** A pair's explanation: level and weight per field, then prior, total, probability, decision. */
function explanation(pair, names) {
  const x = pair.explanation;
  const rows = x.fields.map((f) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, f.field.replace(/_/g, ' ')),
      h('td', {}, f.level.replace(/_/g, ' ')),
      h('td', { class: `num ${f.weight > 0 ? 'weight-pos' : f.weight < 0 ? 'weight-neg' : ''}` }, fmtNum(f.weight)),
    ),
  );
  const foot = [
    ['prior', fmtNum(x.priorWeight)],
    ['total weight', fmtNum(x.totalWeight)],
    ['probability', fmtNum(x.probability, 4)],
  ].map(([k, v]) => h('tr', {}, h('th', { scope: 'row', colspan: 2 }, k), h('td', { class: 'num' }, v)));
  const notes = [
    x.swappedNames ? 'names compared swapped' : null,
    x.conflicts.length ? `conflicts: ${x.conflicts.join(', ')}` : null,
    x.rule ? `rule: ${x.rule}` : null,
  ].filter(Boolean);
  return h(
    'table',
    { class: 'explanation', 'data-testid': 'pair' },
    h('caption', {}, `${names(pair.left)} ↔ ${names(pair.right)} `, h('span', { class: `badge ${pair.decision}` }, pair.decision)),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Level'), h('th', { scope: 'col', class: 'num' }, 'Weight (bits)'))),
    h('tbody', {}, rows),
    h('tfoot', {}, foot, notes.length ? h('tr', {}, h('td', { colspan: 3 }, notes.join('; '))) : null),
  );
}

/** The dry run of a merge, with buttons to do it or not. */
function showPreview(slot, survivor, others, group) {
  let preview;
  try {
    preview = crm.mergePreview(survivor, others);
  } catch (e) {
    setStatus(`Preview failed: ${describe(e)}`, 'error');
    return;
  }
  const name = (id) => crm.customer(id).displayName;
  const c = preview.customer;
  const choices = preview.fields
    .filter((f) => f.source !== 'empty')
    .map((f) =>
      h('tr', {}, h('th', { scope: 'row' }, f.field.replace(/_/g, ' ')), h('td', {}, f.rule ?? 'conservative'), h('td', {}, f.customerIds.map(name).join(', '))),
    );
  const moved = Object.entries(preview.moved)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`)
    .join(', ');
  slot.replaceChildren(
    h(
      'div',
      { class: 'preview', 'data-testid': 'merge-preview', role: 'region', 'aria-label': 'Merge preview' },
      h('p', {}, h('strong', {}, 'Dry run: '), `${others.map(name).join(', ')} → ${c.displayName}. `,
        `Emails: ${c.emails.map((e) => e.address).join(', ') || '—'}; phones: ${c.phones.map((p) => p.e164).join(', ') || '—'}; stage: ${stageName(c.stage)}.`,
        moved ? ` Moves ${moved}.` : ''),
      table('Where each field comes from', ['Field', 'Rule', 'From'], choices),
      h(
        'p',
        { class: 'actions' },
        h('button', {
          type: 'button',
          'data-testid': 'confirm-merge',
          onclick: () =>
            change('Merge', () => {
              const out = crm.merge(survivor, others, {
                reason: 'duplicate group in the demo',
                scores: { minProbability: group.minProbability },
              });
              merges.push({ mergeId: out.mergeId, survivorId: out.survivorId, absorbed: out.absorbed, at: new Date().toISOString() });
              return `Merged ${out.absorbed.length + 1} records into ${name(out.survivorId)}.`;
            }),
        }, 'Confirm merge'),
        h('button', { type: 'button', class: 'secondary', onclick: () => slot.replaceChildren() }, 'Cancel'),
      ),
    ),
  );
}

function renderDuplicates() {
  const box = $('duplicates');
  const t0 = performance.now();
  const scan = crm.findDuplicates();
  const ms = performance.now() - t0;
  const cache = new Map();
  const customer = (id) => {
    if (!cache.has(id)) cache.set(id, crm.customer(id));
    return cache.get(id);
  };
  const names = (id) => customer(id).displayName;
  box.dataset.groups = String(scan.groups.length);
  box.dataset.pairs = String(scan.pairs.length);
  const grouped = new Set(scan.groups.flatMap((g) => g.pairs));
  const review = scan.pairs.filter((p, i) => !grouped.has(i) && p.decision === 'review');
  const groups = scan.groups.slice(0, MAX_GROUPS).map((g, n) => {
    const survivor = survivorOf(g.members);
    const others = g.members.filter((m) => m !== survivor);
    const slot = h('div', {});
    return h(
      'article',
      { class: 'group', 'data-testid': 'dup-group', 'data-members': g.members.length, 'aria-labelledby': `group-${n}` },
      h('h3', { id: `group-${n}` }, `Group ${n + 1}: ${g.members.map(names).join(' · ')} `,
        h('span', { class: 'badge match' }, `min p ${fmtNum(g.minProbability, 3)}`)),
      table(null, ['Name', 'Emails', 'Phones', 'Birthday', 'Place', 'Stage'], g.members.map((m) => memberRow(customer(m), survivor)), { 'data-testid': 'members' }),
      h('div', { class: 'pairs' }, g.pairs.map((i) => explanation(scan.pairs[i], names))),
      h('p', { class: 'actions' },
        h('button', { type: 'button', 'data-testid': 'merge', onclick: () => showPreview(slot, survivor, others, g) },
          `Merge into ${names(survivor)}…`)),
      slot,
    );
  });
  fill(
    box,
    h('p', {}, `${scan.groups.length} groups, ${scan.stats.matchedPairs} matched and ${scan.stats.reviewPairs} review pairs among ${scan.stats.records} customers (${scan.stats.candidatePairs} compared) in ${fmtNum(ms, 0)} ms.`,
      scan.groups.length > MAX_GROUPS ? ` The first ${MAX_GROUPS} groups are shown.` : ''),
    ...groups,
    review.length
      ? h('details', {}, h('summary', {}, `${review.length} pairs outside the groups need a person to look`),
        h('div', { class: 'pairs' }, review.slice(0, MAX_GROUPS).map((p) => explanation(p, names))))
      : null,
  );
}

function renderMerges() {
  const name = (id) => {
    try {
      return crm.customer(id).displayName;
    } catch {
      return id;
    }
  };
  // Absorbed customers are not in the book while merged: their names come from the journal.
  const items = [...merges].reverse().map((m) =>
    h(
      'li',
      { 'data-testid': 'merge-item', 'data-merge-id': m.mergeId },
      `${m.absorbed.length} record(s) merged into ${name(m.survivorId)} (${fmtDate(new Date(m.at))})`,
      h('button', {
        type: 'button',
        class: 'secondary',
        'data-testid': 'undo',
        onclick: () =>
          change('Undo', () => {
            const out = crm.unmerge(m.mergeId, { reason: 'undone in the demo' });
            merges = merges.filter((x) => x.mergeId !== m.mergeId);
            return `Undone: ${out.restored.map(name).join(', ')} restored.` + (out.kept.length ? ` Kept: ${out.kept.join(', ')}.` : '');
          }),
      }, 'Undo'),
    ),
  );
  $('merges').replaceChildren(...(items.length ? items : [h('li', {}, 'No merges yet.')]));
}

// ------------------------------------------------------------------ funnel and agenda

function renderFunnel() {
  const counts = crm.stageCounts();
  const { side } = crm.lifecycle;
  const max = Math.max(1, ...counts.map((c) => c.count));
  const rows = counts.map((c) =>
    h(
      'tr',
      { 'data-stage': c.stage, 'data-count': c.count },
      h('th', { scope: 'row' }, stageName(c.stage)),
      h('td', { class: 'bar-cell' },
        h('div', { class: `bar${side.includes(c.stage) ? ' side' : ''}`, style: `width: ${(100 * c.count) / max}%`, 'aria-hidden': 'true' })),
      h('td', { class: 'num' }, String(c.count)),
    ),
  );
  $('funnel').replaceChildren(table('Customers per lifecycle stage (side stages in grey)', ['Stage', 'Share', 'Customers'], rows, { class: 'funnel' }));
}

/** Marks an agenda item done: completes a planned follow-up, else logs an outbound call. */
function done(item) {
  return change('Done', () => {
    if (item.followUpId) crm.completeFollowUp(item.followUpId);
    else {
      crm.logInteraction({
        customerId: item.customerId,
        channel: item.channel ?? 'phone',
        direction: 'outbound',
        kind: item.kind === 'birthday' ? 'marketing' : 'note',
        subject: `Done from the agenda: ${item.reason}`,
      });
    }
    return `Done: ${item.reason}.`;
  });
}

function renderAgenda() {
  const now = crm.now;
  const items = crm.agenda({ now, windowMs: AGENDA_WINDOW_MS });
  const box = $('agenda');
  box.dataset.items = String(items.length);
  if (items.length === 0) {
    box.replaceChildren(h('p', {}, 'Nothing due this week.'));
    return;
  }
  const rows = items.slice(0, MAX_AGENDA).map((it) => {
    const name = crm.customer(it.customerId).displayName;
    return h(
      'tr',
      { 'data-testid': 'agenda-item' },
      h('td', {}, fmtDate(it.contactAt ?? it.due), it.overdue ? [' ', h('span', { class: 'badge overdue' }, 'overdue')] : ''),
      h('th', { scope: 'row' }, name),
      h('td', {}, [it.kind.replace(/_/g, ' '), it.channel].filter(Boolean).join(' · ')),
      h('td', {}, it.priority),
      h('td', {}, it.reason, it.movedBy.length ? h('span', { class: 'hint' }, ` (moved: ${it.movedBy.map((b) => b.code).join(', ')})`) : ''),
      h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': `Done: ${name}, ${it.reason}`, onclick: () => done(it) }, 'Done')),
    );
  });
  box.replaceChildren(
    table(`${items.length} items until ${fmtDate(new Date(now.getTime() + AGENDA_WINDOW_MS))}${items.length > MAX_AGENDA ? ` (first ${MAX_AGENDA} shown)` : ''}`,
      ['Contact at', 'Customer', 'What', 'Priority', 'Why', 'Action'], rows),
  );
}

// ------------------------------------------------------------------ the page

function render() {
  const summary = $('book-summary');
  summary.dataset.size = String(crm.size);
  summary.dataset.events = String(crm.eventCount);
  summary.textContent = crm.size
    ? `${crm.size} customers, ${crm.eventCount} events in the journal.`
    : 'No customers yet: import a CSV.';
  renderDuplicates();
  renderMerges();
  renderFunnel();
  renderAgenda();
}

async function main() {
  await init();
  let restored = false;
  try {
    const journal = await loadJournal();
    if (journal) {
      crm = Crm.replay(journal);
      merges = openMerges(journal);
      restored = true;
    }
  } catch (e) {
    setStatus(`The saved book could not be restored (${describe(e)}); starting empty. Reset forgets it.`, 'error');
  }
  crm ??= new Crm(BOOK_OPTIONS);
  app.dataset.savedEvents = String(restored ? crm.eventCount : 0);
  $('import-form').addEventListener('submit', onImport);
  $('csv-file').addEventListener('change', onFile);
  $('load-sample').addEventListener('click', onSample);
  $('reset').addEventListener('click', onReset);
  render();
  if ($('status').dataset.state !== 'error') {
    setStatus(restored ? `Restored ${crm.size} customers from this browser's storage.` : 'Ready: import a CSV to begin.', 'ok');
  }
  app.dataset.ready = 'true';
}

main().catch((e) => {
  setStatus(`The demo could not start: ${describe(e)}`, 'error');
  console.error(e);
});
