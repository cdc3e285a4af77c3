// The size of the .wasm browsers download: at most the budget (scripts/build: BUDGET_GZ,
// 500 KB gzipped). The last build measured 495,808 B (README, Size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { ROOT } from './helpers.mjs';

const web = readFileSync(path.join(ROOT, 'pkg', 'web', 'crm_wasm_bg.wasm'));
const node = readFileSync(path.join(ROOT, 'pkg', 'node', 'crm_wasm_bg.wasm'));
const budget = Number(/^BUDGET_GZ=(\d+)$/m.exec(readFileSync(path.join(ROOT, 'scripts', 'build'), 'utf8'))?.[1]);

test('the node and web builds share one .wasm', () => {
  assert.ok(web.equals(node));
});

test(`the gzipped .wasm is within its budget of ${budget} bytes`, (t) => {
  const gz = gzipSync(web, { level: 9 }).length;
  t.diagnostic(`crm_wasm_bg.wasm: ${web.length} bytes, gzip -9 ${gz} bytes; budget ${budget} (${gz <= budget ? 'within' : `over by ${gz - budget}`})`);
  assert.equal(budget, 500_000);
  assert.ok(gz <= budget, `${gz} bytes gzipped: over the budget of ${budget} (did the build skip wasm-opt?)`);
});
