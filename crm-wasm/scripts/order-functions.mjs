// Puts a .wasm's functions in an order that gzip compresses well, for the size budget.
//
//   node crm-wasm/scripts/order-functions.mjs in.wasm out.wasm [recent]
//
// gzip finds repeats only within the last 32 KB, and the code section is over a megabyte:
// the copies of one generic function (a BTreeMap's insert for each key type, serde's
// readers for each record type, …) compress against each other only when they sit close.
// This script reads the optimised module (with its name section, `wasm-opt -g`), orders
// the defined functions greedily, each next to the most alike of those left (alike any of
// the last few placed: Jaccard similarity of their bodies' 4-byte shingles, estimated by
// MinHash over 256 hashes), starting from and falling back to the order of their names,
// and writes the module back with every defined
// function renamed to its rank. `wasm-opt --reorder-functions-by-name` then lays them out
// in that order, and `--strip-debug` drops the names. The code is not changed: the same
// bodies, the same behaviour, only their order (and so the indices in calls).
//
// Deterministic: the same input gives the same output.

import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, recentArg] = process.argv.slice(2);
if (!input || !output || (recentArg !== undefined && !(Number(recentArg) >= 1))) {
  console.error('usage: node order-functions.mjs in.wasm out.wasm [recent]');
  process.exit(2);
}
const wasm = readFileSync(input);

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(buf, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** Encodes an unsigned LEB128. */
function uleb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** The module's sections: {id, start, end} of each payload. */
function sections(buf) {
  const out = [];
  let at = 8;
  while (at < buf.length) {
    const id = buf[at];
    const [size, start] = leb(buf, at + 1);
    out.push({ id, headerStart: at, start, end: start + size });
    at = start + size;
  }
  return out;
}

const all = sections(wasm);
const section = (id) => all.find((s) => s.id === id);

// Imported functions come first in the function index space.
let importedFunctions = 0;
const imports = section(2);
if (imports) {
  let [count, at] = leb(wasm, imports.start);
  for (; count > 0; count--) {
    let len;
    [len, at] = leb(wasm, at); // module
    at += len;
    [len, at] = leb(wasm, at); // field
    at += len;
    const kind = wasm[at++];
    const limits = () => {
      const flags = wasm[at++];
      [, at] = leb(wasm, at); // minimum
      if (flags & 1) [, at] = leb(wasm, at); // maximum
    };
    if (kind === 0) {
      [, at] = leb(wasm, at); // type index
      importedFunctions++;
    } else if (kind === 1) {
      at++; // element type
      limits();
    } else if (kind === 2) {
      limits();
    } else if (kind === 3) {
      at += 2; // value type, mutability
    } else if (kind === 4) {
      at++; // attribute
      [, at] = leb(wasm, at); // type index
    } else {
      throw new Error(`import of unknown kind ${kind}`);
    }
  }
}

// The bodies of the defined functions.
const code = section(10);
if (!code) throw new Error('no code section');
const bodies = [];
{
  let [count, at] = leb(wasm, code.start);
  for (; count > 0; count--) {
    const [size, start] = leb(wasm, at);
    bodies.push(wasm.subarray(start, start + size));
    at = start + size;
  }
}

// The defined functions' names (from the `name` section's function names).
const names = new Array(bodies.length).fill('');
const nameSection = all.find((s) => {
  if (s.id !== 0) return false;
  const [len, at] = leb(wasm, s.start);
  return wasm.toString('latin1', at, at + len) === 'name';
});
if (!nameSection) throw new Error('no name section: run wasm-opt with -g before this script');
{
  let [len, at] = leb(wasm, nameSection.start);
  at += len;
  while (at < nameSection.end) {
    const sub = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    if (sub === 1) {
      let [count, p] = leb(wasm, start);
      for (; count > 0; count--) {
        let index;
        let n;
        [index, p] = leb(wasm, p);
        [n, p] = leb(wasm, p);
        const defined = index - importedFunctions;
        if (defined >= 0) names[defined] = wasm.toString('utf8', p, p + n);
        p += n;
      }
    }
    at = start + size;
  }
}

// MinHash signatures of each body's 4-byte shingles (4 bytes and 256 hashes compressed
// best of 2–8 bytes and 48–512 hashes: 655.5 KB against 668.3 KB in name order).
const HASHES = 256;
const SHINGLE = 4;
const seeds = Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);
const signatures = bodies.map((body) => {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const last = Math.max(1, body.length - SHINGLE + 1);
  for (let i = 0; i < last; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < Math.min(i + SHINGLE, body.length); j++) h = Math.imul(h ^ body[j], 0x01000193);
    for (let k = 0; k < HASHES; k++) {
      let x = (h ^ seeds[k]) >>> 0;
      x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
      x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
      x = (x ^ (x >>> 16)) >>> 0;
      if (x < sig[k]) sig[k] = x;
    }
  }
  return sig;
});
const similarity = (a, b) => {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
};

// Greedy order: next, the function left that is most alike any of the last RECENT placed
// (gzip's 32 KB window holds several functions, and a body compresses against any of
// them; the set is in name order, so ties go to the first by name), or the next by name
// when none is alike. Each placed function's similarities are computed once and kept
// for RECENT steps. RECENT = 8 (the default) compressed 1.9–2.1 KB better than comparing
// with the last placed only, on two builds; which of 4–12 is best varies by a kilobyte or
// so from build to build, so scripts/build tries several and keeps the smallest result.
const RECENT = recentArg === undefined ? 8 : Number(recentArg);
const byName = bodies.map((_, i) => i).sort((x, y) => (names[x] < names[y] ? -1 : names[x] > names[y] ? 1 : x - y));
const left = new Set(byName);
const order = [];
const rows = [];
let current = byName[0];
for (;;) {
  order.push(current);
  left.delete(current);
  if (left.size === 0) break;
  const row = new Float32Array(bodies.length);
  for (const f of left) row[f] = similarity(signatures[current], signatures[f]);
  rows.push(row);
  if (rows.length > RECENT) rows.shift();
  let best = -1;
  let bestScore = 0.01; // at most this (2 of 256 minima), nothing is alike: the next by name
  for (const f of left) {
    let s = 0;
    for (const r of rows) if (r[f] > s) s = r[f];
    if (s > bestScore) {
      best = f;
      bestScore = s;
    }
  }
  if (best === -1) {
    for (const f of byName) {
      if (left.has(f)) {
        best = f;
        break;
      }
    }
  }
  current = best;
}

// A name section with only function names: each defined function named by its rank.
const width = String(order.length).length;
const entries = [];
order.forEach((f, rank) => {
  const name = Buffer.from(`f${String(rank).padStart(width, '0')}`);
  entries.push([f + importedFunctions, name]);
});
entries.sort((x, y) => x[0] - y[0]);
const subsection = Buffer.concat([
  uleb(entries.length),
  ...entries.flatMap(([index, name]) => [uleb(index), uleb(name.length), name]),
]);
const label = Buffer.from('name');
const payload = Buffer.concat([uleb(label.length), label, Buffer.from([1]), uleb(subsection.length), subsection]);
const newNameSection = Buffer.concat([Buffer.from([0]), uleb(payload.length), payload]);

writeFileSync(
  output,
  Buffer.concat([
    wasm.subarray(0, nameSection.headerStart),
    newNameSection,
    wasm.subarray(nameSection.end),
  ]),
);
