// The published TypeScript declarations: no `any` on the public surface, and every exported
// function and method is used by the files tsc --strict checks (tests/types.ts and friends).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Crm, ROOT, wasm } from './helpers.mjs';

const DECLARATIONS = ['pkg/node/crm_wasm.d.ts', 'pkg/web/crm_wasm.d.ts', 'js/idb.d.ts'];
const CHECKED = ['tests/types.ts', 'tests/types-web.mts'];

const read = (file) => readFileSync(path.join(ROOT, file), 'utf8');
const stripComments = (ts) => ts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

/** `any` used as a type (not a property named `any`, not the word in a comment). */
function anyTypes(ts) {
  const found = [];
  for (const [i, line] of stripComments(ts).split('\n').entries()) {
    if (/(?:[:<|&(,[]|=>|\bextends)\s*any\b(?!\s*[:?])|\bany\s*\[\]/.test(line)) found.push(`${i + 1}: ${line.trim()}`);
  }
  return found;
}

test('the check finds `any` used as a type, and only that', () => {
  assert.deepEqual(anyTypes('a: any;\nb(x: number): any[];\nc: Map<string, any>;'), [
    '1: a: any;',
    '2: b(x: number): any[];',
    '3: c: Map<string, any>;',
  ]);
  assert.deepEqual(anyTypes('any: Interaction | null;\n/** any JSON */\nx: unknown; // any'), []);
});

for (const file of DECLARATIONS) {
  test(`no \`any\` in ${file}`, () => {
    assert.deepEqual(anyTypes(read(file)), []);
  });
}

test('every method of Crm, exported function and error class is used in the type-checked files', () => {
  const used = CHECKED.map(read).join('\n');
  const methods = Object.getOwnPropertyNames(Crm.prototype).filter(
    (n) => n !== 'constructor' && !n.startsWith('__'),
  );
  const statics = Object.getOwnPropertyNames(Crm).filter((n) => typeof Crm[n] === 'function' && !n.startsWith('__'));
  const exported = Object.keys(wasm).filter((n) => typeof wasm[n] === 'function' && n !== 'Crm' && !n.startsWith('__'));
  const errors = exported.filter((n) => n.endsWith('Error'));
  const free = exported.filter((n) => !n.endsWith('Error'));
  assert.ok(errors.includes('CrmError') && errors.includes('ValidationError'), `${errors}`);
  const missing = [
    ...errors.filter((n) => !new RegExp(`(instanceof|new) ${n}\\b`).test(used)),
    ...methods.filter((n) => !new RegExp(`\\.${n}\\b`).test(used)).map((n) => `crm.${n}`),
    ...statics.filter((n) => !used.includes(`Crm.${n}(`)).map((n) => `Crm.${n}`),
    ...free.filter((n) => !new RegExp(`\\b${n}\\(`).test(used)),
  ];
  assert.deepEqual(missing, []);
});
