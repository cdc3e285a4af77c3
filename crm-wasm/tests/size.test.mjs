// The size of the .wasm browsers download. The budget (scripts/build: BUDGET_GZ, 500 KB
// gzipped) is not met yet; this test holds the size at or below the last figure
// measured, so that it can only go down (lower CEILING_GZ as it does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { ROOT } from './helpers.mjs';

/** gzip -9 bytes of the optimised .wasm: 510,704 measured, plus about 2 % (README, Size). */
const CEILING_GZ = 521_000;

const web = readFileSync(path.join(ROOT, 'pkg', 'web', 'crm_wasm_bg.wasm'));
const node = readFileSync(path.join(ROOT, 'pkg', 'node', 'crm_wasm_bg.wasm'));
const budget = Number(/^BUDGET_GZ=(\d+)$/m.exec(readFileSync(path.join(ROOT, 'scripts', 'build'), 'utf8'))?.[1]);

test('the node and web builds share one .wasm', () => {
  assert.ok(web.equals(node));
});

test(`the gzipped .wasm stays at or below ${CEILING_GZ} bytes (budget ${budget})`, (t) => {
  const gz = gzipSync(web, { level: 9 }).length;
  t.diagnostic(`crm_wasm_bg.wasm: ${web.length} bytes, gzip -9 ${gz} bytes; budget ${budget} (${gz <= budget ? 'within' : `over by ${gz - budget}`})`);
  assert.ok(gz <= CEILING_GZ, `${gz} bytes gzipped: larger than ${CEILING_GZ} (did the build skip wasm-opt?)`);
  assert.equal(budget, 500_000);
});
