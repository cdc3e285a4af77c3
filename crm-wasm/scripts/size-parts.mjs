// Where the bytes of the .wasm go: gzip -9 of the code bodies per part (by function name)
// and of the data, each part on its own (README, Size). Needs a module with its names:
//
//   RUSTFLAGS="-C symbol-mangling-version=v0" CARGO_TARGET_DIR=target/v0 \
//     cargo build -p crm-wasm --target wasm32-unknown-unknown --profile release-wasm
//   wasm-bindgen --keep-debug --target web --out-dir /tmp/named \
//     target/v0/wasm32-unknown-unknown/release-wasm/crm_wasm.wasm
//   crm-wasm/node_modules/.bin/wasm-opt -Oz --converge -g /tmp/named/crm_wasm_bg.wasm -o /tmp/named.wasm
//   node crm-wasm/scripts/size-parts.mjs /tmp/named.wasm
//
// (v0 mangling keeps the generic arguments in the names: a B-tree of crm-core's keys is
// counted as B-tree code, not as crm-core's.)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const buf = readFileSync(process.argv[2]);
let p = 8;
// Reads an unsigned LEB128 number at `p` and moves past it (read a length into a constant
// before adding it to `p`: `p += leb()` would add it to the old `p`).
const leb = () => {
  let r = 0, s = 0, b;
  do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80);
  return r;
};
const skipLimits = () => { const flags = leb(); leb(); if (flags & 1) leb(); };
let imported = 0;
const bodies = [];
const data = [];
const names = new Map();
while (p < buf.length) {
  const id = buf[p++];
  const len = leb();
  const end = p + len;
  if (id === 2) {
    // Imports: only imported functions shift the function indexes.
    for (let n = leb(); n > 0; n--) {
      for (let k = 0; k < 2; k++) { const l = leb(); p += l; } // module and field names
      const kind = buf[p++];
      if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; skipLimits(); } else if (kind === 2) skipLimits(); else if (kind === 3) p += 2; else { p++; leb(); }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) { const l = leb(); bodies.push(buf.subarray(p, p + l)); p += l; }
  } else if (id === 11) {
    for (let n = leb(); n > 0; n--) {
      if (leb() === 0) { p++; leb(); while (buf[p++] !== 0x0b); }
      const l = leb(); data.push(buf.subarray(p, p + l)); p += l;
    }
  } else if (id === 0) {
    const l = leb();
    if (buf.subarray(p, p + l).toString() === 'name') {
      p += l;
      while (p < end) {
        const sub = buf[p++];
        const subLen = leb();
        const subEnd = p + subLen;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) { const index = leb(); const nl = leb(); names.set(index, buf.subarray(p, p + nl).toString()); p += nl; }
        }
        p = subEnd;
      }
    }
  }
  p = end;
}
if (names.size === 0) throw new Error('no function names: build as the comment at the top says');

const part = (name) =>
  /serde/.test(name) ? 'serde deserialization and serialization'
    : /btree/.test(name) ? 'B-tree'
      : /slice::sort/.test(name) ? 'sorts'
        : /crm_core/.test(name) ? "crm-core's own functions"
          : /crm_wasm|shim|^crm_/.test(name) ? 'the exported functions (crm-wasm)'
            : 'std, chrono, uuid, dlmalloc, …';
const parts = new Map();
bodies.forEach((b, i) => {
  const k = part(names.get(i + imported) ?? '');
  parts.set(k, [...(parts.get(k) ?? []), b]);
});
const gz = (list) => gzipSync(Buffer.concat(list), { level: 9 }).length;
console.log('| part | functions | raw | gzip |\n|---|---:|---:|---:|');
console.log(`| code | ${bodies.length} | ${Buffer.concat(bodies).length} | ${gz(bodies)} |`);
for (const [k, list] of [...parts].sort((a, b) => gz(b[1]) - gz(a[1]))) {
  console.log(`| — ${k} | ${list.length} | ${Buffer.concat(list).length} | ${gz(list)} |`);
}
console.log(`| data | ${data.length} segments | ${Buffer.concat(data).length} | ${gz(data)} |`);
