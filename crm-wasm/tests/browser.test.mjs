// Runs tests/browser/index.html (which loads pkg/web) in headless Chromium via
// playwright-core, against the Debian chromium at /usr/bin/chromium (never a downloaded
// browser). The repository is served by a tiny static server on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

import { chromiumMissing, launch } from '../../examples/web/headless.mjs';
import { REPO } from './helpers.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Serves files under `root` on a random free port of 127.0.0.1. */
function serve(root) {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
      if (!file.startsWith(root + path.sep)) throw new Error('outside the root');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const skip = chromiumMissing;

test('the web build runs in headless Chromium', { skip, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const server = await serve(REPO);
  const { port } = server.address();
  const browser = await launch(chromium);
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.goto(`http://127.0.0.1:${port}/crm-wasm/tests/browser/index.html`);
    const pre = page.locator('#result[data-status]');
    await pre.waitFor({ timeout: 60_000 });
    const status = await pre.getAttribute('data-status');
    const text = await pre.textContent();
    assert.equal(status, 'ok', text ?? '');
    assert.deepEqual(problems, []);
    const r = JSON.parse(text ?? '{}');
    assert.equal(r.email, 'ada.lovelace@example.com');
    assert.equal(r.e164, '+49301234567');
    assert.equal(r.stage, 'customer');
    assert.equal(r.createdAtIsDate, true);
    assert.equal(r.createdAt, '2026-01-05T09:00:00.000Z');
    assert.equal(r.openCases, 1);
    assert.equal(r.caseOpenedBy, true);
    assert.equal(r.timeInStageMs, 24 * 60 * 60 * 1000);
    assert.equal(r.replayEquals, true);
    assert.ok(r.liveClockMs < 60_000, 'the system clock (Date.now) is read in the browser');
    assert.deepEqual(r.error, { isError: true, name: 'ValidationError', code: 'invalid_email', field: 'emails[0]' });
    assert.equal(r.size, 1);
  } finally {
    await browser.close();
    server.close();
  }
});
