// js/idb.js (the package's `crm-wasm/idb`) in headless Chromium: a page saves its book to
// IndexedDB, the page reloads, and the book loads back equal, with its whole journal.
// Uses Debian's /usr/bin/chromium through playwright-core (skipped only when it is missing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

import { chromiumMissing, launch } from '../../examples/web/headless.mjs';
import { ROOT } from './helpers.mjs';

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/** Serves crm-wasm/ (an empty page at `/`) on a free port of 127.0.0.1. */
function serve() {
  const server = http.createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>idb</title>');
        return;
      }
      const file = path.resolve(ROOT, `.${decodeURIComponent(pathname)}`);
      if (!file.startsWith(ROOT + path.sep)) throw new Error('outside the root');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const skip = chromiumMissing;

test('a book saved to IndexedDB survives a reload', { skip, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const server = await serve();
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch(chromium);
  try {
    const page = await (await browser.newContext()).newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url);
    const saved = await page.evaluate(async () => {
      const { default: init, Crm, ValidationError } = await import('/pkg/web/crm_wasm.js');
      const idb = await import('/js/idb.js');
      await init();
      const before = await idb.loadFromIndexedDB('book');
      const crm = new Crm({ now: new Date('2026-01-05T09:00:00Z'), seed: 7 });
      const ada = crm.createCustomer({ givenName: 'Ada', emails: ['ada@example.com'] });
      crm.changeStage(ada.id, 'lead');
      crm.logInteraction({ customerId: ada.id, channel: 'email', direction: 'inbound', kind: 'complaint' });
      await idb.saveToIndexedDB(crm, 'book');
      const other = new Crm();
      await idb.saveToIndexedDB(other, 'other', { database: 'elsewhere' });
      let bad = null;
      try { await idb.saveToIndexedDB(crm, ''); } catch (e) { bad = [e instanceof ValidationError, e.code, e.field]; }
      // The module's own errors are instances of its classes in the browser too.
      let own = null;
      try { crm.customer('nope'); } catch (e) { own = [e instanceof ValidationError, e.name, e.code]; }
      return { before, snapshot: crm.snapshotJson(), journal: crm.eventsJson(), id: ada.id, bad, own };
    });
    assert.equal(saved.before, null);
    assert.deepEqual(saved.bad, [true, 'invalid_value', 'name']);
    assert.deepEqual(saved.own, [true, 'ValidationError', 'invalid_value']);

    await page.reload();
    const loaded = await page.evaluate(async (id) => {
      const { default: init } = await import('/pkg/web/crm_wasm.js');
      const idb = await import('/js/idb.js');
      await init();
      const crm = await idb.loadFromIndexedDB('book', { crm: { seed: 7 } });
      const when = await idb.savedAt('book');
      const out = {
        snapshot: crm.snapshotJson(), journal: crm.eventsJson(), email: crm.customer(id).emails[0].address,
        openCases: crm.openCases().length, savedAtIsDate: when instanceof Date,
        otherHere: await idb.loadFromIndexedDB('other'),
        otherThere: (await idb.loadFromIndexedDB('other', { database: 'elsewhere' }))?.size,
      };
      // The loaded book takes commands and saves again.
      crm.createCustomer({ givenName: 'Grace' });
      await idb.saveToIndexedDB(crm, 'book');
      out.sizeAfter = (await idb.loadFromIndexedDB('book')).size;
      await idb.deleteFromIndexedDB('book');
      out.afterDelete = await idb.loadFromIndexedDB('book');
      return out;
    }, saved.id);
    assert.equal(loaded.snapshot, saved.snapshot);
    assert.equal(loaded.journal, saved.journal);
    assert.equal(loaded.email, 'ada@example.com');
    assert.equal(loaded.openCases, 1);
    assert.equal(loaded.savedAtIsDate, true);
    assert.equal(loaded.otherHere, null);
    assert.equal(loaded.otherThere, 0);
    assert.equal(loaded.sizeAfter, 2);
    assert.equal(loaded.afterDelete, null);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
