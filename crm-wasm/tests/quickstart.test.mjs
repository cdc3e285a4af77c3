// Runs the JS quickstart of crm-wasm/README.md (between `// START quickstart` and
// `// END quickstart`), and checks that examples/js/quickstart.mjs holds the same code and runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { PKG_NODE, REPO, ROOT } from './helpers.mjs';

const README = path.join(ROOT, 'README.md');
const EXAMPLE = path.join(REPO, 'examples', 'js', 'quickstart.mjs');

/** The code between the quickstart markers of a file. */
function quickstart(file) {
  const text = readFileSync(file, 'utf8');
  const m = text.match(/\/\/ START quickstart\n([\s\S]*?)\/\/ END quickstart/);
  assert.ok(m, `${file} has no // START quickstart … // END quickstart block`);
  return m[1];
}

test('the README quickstart runs', async () => {
  const code = quickstart(README);
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-quickstart-'));
  try {
    const file = path.join(dir, 'quickstart.mjs');
    writeFileSync(
      file,
      [
        "import assert from 'node:assert/strict';",
        `import { Crm } from ${JSON.stringify(pathToFileURL(PKG_NODE).href)};`,
        code,
      ].join('\n'),
    );
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('examples/js/quickstart.mjs is the README quickstart and runs', () => {
  assert.equal(quickstart(EXAMPLE), quickstart(README));
  const out = execFileSync(process.execPath, [EXAMPLE], { encoding: 'utf8' });
  assert.match(out, /^quickstart ok: 1 customer, 8 events$/m);
});
