// The browser demo (examples/web) in headless Chromium: starts examples/web/server.mjs on a
// free port, imports a CSV made by the project's generator, checks the duplicate groups the
// page shows against what the Node build finds for the same CSV, merges a group and undoes
// it, reloads (the book comes back from IndexedDB), imports the sample CSV and checks its
// rejected rows, and saves a screenshot to tests/out/demo.png.
//
// The fixture examples/web/fixtures/people-200-seed7.csv was written by
//   cargo run -q --release -p crm-benches --bin gen_people -- 200 7
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { Crm, REPO, ROOT } from './helpers.mjs';

const WEB = path.join(REPO, 'examples', 'web');
const FIXTURE = path.join(WEB, 'fixtures', 'people-200-seed7.csv');
const SAMPLE = path.join(WEB, 'sample.csv');
const SHOT = path.join(ROOT, 'tests', 'out', 'demo.png');
const WAIT = { timeout: 60_000 };

const { importCsv, BOOK_OPTIONS, survivorOf } = await import(path.join(WEB, 'book.mjs'));
const { launch, chromiumMissing } = await import(path.join(WEB, 'headless.mjs'));
const { parseCsv, customersFromCsv } = await import(path.join(WEB, 'csv.mjs'));

/** Each group as the sorted names of its members, the groups sorted: comparable across books. */
function nameGroups(groups) {
  return groups.map((g) => [...g].sort().join(' | ')).sort();
}

/** What the Node build finds for a CSV imported into a fresh demo book. */
function expected(csv) {
  const crm = new Crm(BOOK_OPTIONS);
  const result = importCsv(crm, csv);
  const scan = crm.findDuplicates();
  const name = (id) => crm.customer(id).displayName;
  return { crm, result, scan, names: nameGroups(scan.groups.map((g) => g.members.map(name))) };
}

/** Starts `node examples/web/server.mjs 0`; resolves with the child and the URL it prints. */
function startServer() {
  const child = spawn(process.execPath, [path.join(WEB, 'server.mjs'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server.mjs exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (url) => resolve({ child, url: url.trim() }));
  });
}

test("the demo's CSV parser: BOM, CRLF, quotes, line breaks in quotes, blank lines, delimiters", () => {
  const text = '\ufeffa,b,c\r\n"x, y","he said ""hi""",\r\n\r\n"two\r\nlines",2,3\n4,5,6\r7,"",8';
  assert.deepEqual(parseCsv(text), {
    rows: [
      ['a', 'b', 'c'],
      ['x, y', 'he said "hi"', ''],
      ['two\r\nlines', '2', '3'],
      ['4', '5', '6'],
      ['7', '', '8'],
    ],
    lines: [1, 2, 4, 6, 7],
    delimiter: ',',
  });
  assert.deepEqual(parseCsv('a;b\n"1,5";2\n').rows, [['a', 'b'], ['1,5', '2']]);
  assert.deepEqual(parseCsv('a\tb\n1\t2').rows, [['a', 'b'], ['1', '2']]);
  assert.throws(() => parseCsv('a,b\n1,"open\n2,3'), { name: 'CsvError', line: 2 });
});

test('the demo maps header names to customer fields and leaves empty cells out', () => {
  const csv = [
    'First Name,Surname,E-Mail,email2,Mobile,Work Phone,DOB,Street,ZIP,City,Country,Tags,follow_up,cluster',
    'Zoë,Ångström,zoe@example.se,,070-123 45 67,08 123 456,1990-05-17,Drottninggatan 1,111 51,Stockholm,SE,vip; b2b,3,17',
    'Bob,,,bob@example.com,,,,,,,,,,',
  ].join('\r\n');
  const out = customersFromCsv(csv);
  assert.deepEqual(out.ignored, ['cluster']);
  assert.deepEqual(out.records, [
    {
      givenName: 'Zoë',
      familyName: 'Ångström',
      emails: ['zoe@example.se'],
      phones: [
        { number: '070-123 45 67', kind: 'mobile' },
        { number: '08 123 456', kind: 'work' },
      ],
      birthday: '1990-05-17',
      defaultRegion: 'SE',
      tags: ['vip', 'b2b'],
      addresses: [{ lines: ['Drottninggatan 1'], postalCode: '111 51', locality: 'Stockholm', country: 'SE' }],
    },
    { givenName: 'Bob', emails: ['bob@example.com'] },
  ]);
  assert.deepEqual(out.followUps, [{ days: 3 }, null]);
  assert.deepEqual(out.lines, [2, 3]);
  assert.throws(() => customersFromCsv('foo,bar\n1,2'), { name: 'CsvError', line: 1 });
});

let server;
let browser;

before(async () => {
  if (chromiumMissing) return;
  server = await startServer();
  const { chromium } = await import('playwright-core');
  browser = await launch(chromium);
});

after(async () => {
  await browser?.close();
  server?.child.kill();
});

test('the demo page: import, duplicate groups, merge and undo, reload from IndexedDB', { skip: chromiumMissing, timeout: 180_000 }, async () => {
  const csv = readFileSync(FIXTURE, 'utf8');
  const node = expected(csv);
  const n = node.result.report.created.length;
  assert.equal(n, 200, 'the generator writes records a book accepts');
  assert.ok(node.scan.groups.length >= 10, `groups in Node: ${node.scan.groups.length}`);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });

  const ready = async () => {
    await page.locator('#app[data-ready="true"]').waitFor(WAIT);
  };
  // Waits until the book has `size` customers and its whole journal is in IndexedDB.
  const settled = async (size) => {
    await page.waitForFunction(
      (want) => {
        const s = document.getElementById('book-summary');
        const app = document.getElementById('app');
        return s?.dataset.size === String(want) && app?.dataset.savedEvents === s.dataset.events;
      },
      size,
      WAIT,
    );
  };
  const shownGroups = () =>
    page.$$eval('[data-testid=dup-group]', (groups) =>
      groups.map((g) => [...g.querySelectorAll('[data-testid=members] tbody tr')].map((tr) => tr.getAttribute('data-name') ?? '')),
    );
  const groupCount = async () => Number(await page.getAttribute('#duplicates', 'data-groups'));

  await page.goto(server.url);
  await ready();
  assert.equal(await page.getAttribute('#book-summary', 'data-size'), '0', 'a fresh browser starts empty');

  // Import the generated CSV through the file input.
  await page.setInputFiles('#csv-file', FIXTURE);
  await page.locator('#csv-text[data-source="file:people-200-seed7.csv"]').waitFor({ state: 'attached', ...WAIT });
  await page.click('#import');
  await settled(n);
  await page.locator('[data-testid=import-result]').waitFor(WAIT);
  assert.equal(await page.locator('[data-testid=rejected-row]').count(), 0);

  // The groups shown are the groups the Node build finds, member for member.
  assert.equal(await groupCount(), node.scan.groups.length);
  assert.deepEqual(nameGroups(await shownGroups()), node.names);
  const first = page.locator('[data-testid=dup-group]').first();
  const firstNames = (await shownGroups())[0];
  assert.equal(await first.locator('[data-testid=pair]').count() >= 1, true);
  // Each explanation lists the six fields with a level and a weight, then prior, total and probability.
  const explained = await first.locator('[data-testid=pair]').first().evaluate((t) => ({
    fields: [...t.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('th')?.textContent),
    levels: [...t.querySelectorAll('tbody tr td:first-of-type')].map((td) => td.textContent),
    foot: [...t.querySelectorAll('tfoot th')].map((th) => th.textContent),
    decision: t.querySelector('caption .badge')?.textContent,
  }));
  assert.deepEqual(explained.fields, ['given name', 'family name', 'email', 'phone', 'birth date', 'address']);
  assert.ok(explained.levels.every((l) => l && l.length > 0));
  assert.deepEqual(explained.foot, ['prior', 'total weight', 'probability']);
  assert.equal(explained.decision, 'match');
  const funnelTotal = await page.$$eval('#funnel tr[data-count]', (rows) => rows.reduce((s, r) => s + Number(r.getAttribute('data-count')), 0));
  assert.equal(funnelTotal, n);

  // Merge the first group in Node too: the page must show the same groups afterwards.
  const nodeGroup = node.scan.groups.find(
    (g) => nameGroups([g.members.map((id) => node.crm.customer(id).displayName)])[0] === nameGroups([firstNames])[0],
  );
  assert.ok(nodeGroup, 'the first group shown is one of the Node groups');
  const survivor = survivorOf(nodeGroup.members);
  node.crm.merge(survivor, nodeGroup.members.filter((m) => m !== survivor));
  const afterMerge = node.crm.findDuplicates().groups.length;

  // Merge: a dry run first, then the merge.
  await first.locator('[data-testid=merge]').click();
  const preview = first.locator('[data-testid=merge-preview]');
  await preview.waitFor(WAIT);
  assert.match(await preview.innerText(), new RegExp(node.crm.customer(survivor).displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(await page.getAttribute('#book-summary', 'data-size'), String(n), 'a preview changes nothing');
  await preview.locator('[data-testid=confirm-merge]').click();
  const merged = n - firstNames.length + 1;
  await settled(merged);
  assert.equal(await page.locator('[data-testid=merge-item]').count(), 1);
  assert.equal(await groupCount(), afterMerge);

  // Reload: the merged book comes back from IndexedDB, and the merge can still be undone.
  await page.reload();
  await ready();
  await settled(merged);
  assert.equal(await groupCount(), afterMerge);
  assert.equal(await page.locator('[data-testid=merge-item]').count(), 1);

  await page.locator('[data-testid=merge-item] [data-testid=undo]').click();
  await settled(n);
  assert.equal(await page.locator('[data-testid=merge-item]').count(), 0);
  assert.deepEqual(nameGroups(await shownGroups()), node.names, 'undo restores every group');

  await page.reload();
  await ready();
  await settled(n);
  assert.deepEqual(nameGroups(await shownGroups()), node.names, 'the undone merge survives a reload');
  assert.equal(await page.locator('[data-testid=merge-item]').count(), 0);

  // The sample CSV in a reset book: its bad rows are reported with row, line and reason.
  const sample = expected(readFileSync(SAMPLE, 'utf8'));
  await page.click('#reset');
  await settled(0);
  await page.click('#load-sample');
  await page.locator('#csv-text[data-source="sample"]').waitFor({ state: 'attached', ...WAIT });
  await page.click('#import');
  await settled(sample.result.report.created.length);
  const rejected = await page.$$eval('[data-testid=rejected-row]', (rows) =>
    rows.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)),
  );
  assert.deepEqual(
    rejected,
    sample.result.report.rejected.map((r) => [String(r.row), String(sample.result.lines[r.row - 1]), r.field ?? '']),
  );
  assert.ok(rejected.length >= 3, 'the sample has bad rows to show');
  assert.deepEqual(nameGroups(await shownGroups()), sample.names);
  const agendaItems = await page.locator('[data-testid=agenda-item]').count();
  assert.ok(agendaItems > 0, 'the sample fills this week\'s agenda');

  mkdirSync(path.dirname(SHOT), { recursive: true });
  await page.screenshot({ path: SHOT, fullPage: true });
  const png = readFileSync(SHOT);
  assert.ok(statSync(SHOT).size > 1000, 'a screenshot with something on it');
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');

  assert.deepEqual(problems, []);
  await context.close();
});
