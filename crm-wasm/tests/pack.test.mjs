// The npm package as users get it: `npm pack`, then install the tarball into a fresh
// project (offline: the package has no dependencies) and use it from ESM, CommonJS and
// TypeScript (tsc --strict against the installed types, Node and bundler resolution).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REPO, ROOT } from './helpers.mjs';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

let dir;
let files;

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'crm-wasm-pack-'));
  const [packed] = JSON.parse(
    run(NPM, ['pack', '--json', '--pack-destination', dir, '--no-fund', '--no-audit'], ROOT),
  );
  files = packed.files.map((f) => f.path).sort();
  const project = path.join(dir, 'app');
  run('mkdir', ['-p', project], dir);
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'app', version: '1.0.0', private: true }),
  );
  // A tarball without dependencies installs without the registry.
  run(NPM, ['install', '--offline', '--no-audit', '--no-fund', path.join(dir, packed.filename)], project);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const app = () => path.join(dir, 'app');

test('the version is the workspace version', () => {
  const cargo = readFileSync(path.join(REPO, 'Cargo.toml'), 'utf8');
  const version = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)?.[1];
  assert.equal(manifest.version, version);
});

test('the tarball holds the built package, the helper and the README, nothing else', () => {
  assert.deepEqual(files, [
    'README.md',
    'js/idb.d.ts',
    'js/idb.js',
    'js/package.json',
    'package.json',
    'pkg/node/crm_wasm.d.ts',
    'pkg/node/crm_wasm.js',
    'pkg/node/crm_wasm_bg.wasm',
    'pkg/node/package.json',
    'pkg/web/crm_wasm.d.ts',
    'pkg/web/crm_wasm.js',
    'pkg/web/crm_wasm_bg.wasm',
    'pkg/web/package.json',
  ]);
});

const USE = `
  const crm = new Crm({ now: new Date('2026-01-05T09:00:00Z'), seed: 1 });
  const ada = crm.createCustomer({ givenName: 'Ada', emails: ['Ada@Example.com'] });
  let code = null;
  try { crm.createCustomer({ emails: ['ada@example.com'] }); } catch (e) { code = e instanceof ConflictError && e.code; }
  const again = Crm.fromSnapshot(crm.snapshotJson());
  const scan = findDuplicates([{ givenName: 'Ada', emails: ['a@x.io'] }, { givenName: 'Ada', emails: ['a@x.io'] }]);
  const out = {
    email: ada.emails[0].normalized, created: ada.createdAt instanceof Date, code,
    equal: again.equals(crm), groups: scan.groups.length,
  };
`;
const EXPECTED = { email: 'ada@example.com', created: true, code: 'conflict', equal: true, groups: 1 };

test('import from an ES module', () => {
  writeFileSync(
    path.join(app(), 'esm.mjs'),
    `import { Crm, ConflictError, findDuplicates } from 'crm-wasm';
     import { saveToIndexedDB, DEFAULT_DATABASE } from 'crm-wasm/idb';
     ${USE}
     out.idb = [typeof saveToIndexedDB, DEFAULT_DATABASE];
     // Node has no IndexedDB: the helper says so with an Error.
     out.noIdb = await saveToIndexedDB(crm, 'book').then(() => 'saved', (e) => e instanceof Error && e.code);
     console.log(JSON.stringify(out));`,
  );
  const out = JSON.parse(run(process.execPath, ['esm.mjs'], app()));
  assert.deepEqual(out, { ...EXPECTED, idb: ['function', 'crm-wasm'], noIdb: 'invalid_value' });
});

test('require from CommonJS', () => {
  writeFileSync(
    path.join(app(), 'cjs.cjs'),
    `const { Crm, ConflictError, findDuplicates } = require('crm-wasm');
     ${USE}
     console.log(JSON.stringify(out));`,
  );
  assert.deepEqual(JSON.parse(run(process.execPath, ['cjs.cjs'], app())), EXPECTED);
});

test('the web build is exported for browsers and bundlers', async () => {
  const web = await import(path.join(app(), 'node_modules', 'crm-wasm', 'pkg', 'web', 'crm_wasm.js'));
  assert.equal(typeof web.default, 'function', 'init');
  assert.equal(manifest.exports['.'].browser.default, './pkg/web/crm_wasm.js');
  assert.equal(manifest.exports['.'].import.default, './pkg/web/crm_wasm.js');
  assert.equal(manifest.exports['.'].node.default, './pkg/node/crm_wasm.js');
});

test('TypeScript checks a program against the installed types (Node and bundler resolution)', () => {
  const program = `
    import { Crm, type Customer, type CrmError } from 'crm-wasm';
    const crm = new Crm({ seed: 1 });
    const c: Customer = crm.createCustomer({ givenName: 'Ada' });
    const when: Date = c.createdAt;
    const again: Crm = Crm.fromSnapshot(crm.snapshotJson(), { seed: 1, journal: crm.eventsJson() });
    const e = null as unknown as CrmError;
    const internal: CrmError['code'] = 'internal';
    const code: CrmError['code'] = e.code;
    void internal;
    void when; void again; void code;
    // @ts-expect-error: emails is a list
    crm.createCustomer({ emails: 'ada@example.com' });
  `;
  writeFileSync(path.join(app(), 'node.ts'), program);
  writeFileSync(
    path.join(app(), 'web.ts'),
    `import init, { Crm } from 'crm-wasm';
     import { saveToIndexedDB, loadFromIndexedDB } from 'crm-wasm/idb';
     await init();
     const crm = new Crm();
     await saveToIndexedDB(crm, 'book');
     const back: Crm | null = await loadFromIndexedDB('book', { crm: { seed: 1 } });
     void back;
     // @ts-expect-error: the name is a string
     await saveToIndexedDB(crm, 1);`,
  );
  // wasm-bindgen declares `[Symbol.dispose]()` on classes: lib esnext.disposable (TS >= 5.2).
  const lib = ['ES2022', 'DOM', 'ESNext.Disposable'];
  const base = { strict: true, noEmit: true, target: 'ES2022', lib, types: [], skipLibCheck: false };
  writeFileSync(
    path.join(app(), 'tsconfig.node.json'),
    JSON.stringify({ compilerOptions: { ...base, module: 'NodeNext', moduleResolution: 'NodeNext' }, files: ['node.ts'] }),
  );
  writeFileSync(
    path.join(app(), 'tsconfig.web.json'),
    JSON.stringify({ compilerOptions: { ...base, module: 'ESNext', moduleResolution: 'Bundler' }, files: ['web.ts'] }),
  );
  for (const config of ['tsconfig.node.json', 'tsconfig.web.json']) {
    try {
      run(process.execPath, [TSC, '-p', config], app());
    } catch (err) {
      assert.fail(`tsc -p ${config}:\n${err.stdout}${err.stderr}`);
    }
  }
});
