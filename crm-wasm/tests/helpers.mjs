// Shared helpers of the node tests: the built package and a few conversions.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The crm-wasm directory. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root. */
export const REPO = path.resolve(ROOT, '..');
/** The Node build (CommonJS) made by scripts/build. */
export const PKG_NODE = path.join(ROOT, 'pkg', 'node', 'crm_wasm.js');

/** @type {typeof import('../pkg/node/crm_wasm.js')} */
export const wasm = require(PKG_NODE);
export const { Crm } = wasm;

/** The clock and seed of the shared vectors. */
export const T0 = new Date('2026-01-05T09:00:00Z');
export const DAY = 24 * 60 * 60 * 1000;

/** A fresh book with the vectors' fixed clock and seed. */
export function fixedCrm(options = {}) {
  return new Crm({ now: T0, seed: 42, ...options });
}

const USER_MAPS = new Set(['attributes', 'set_attributes']);

/** `given_name` → `givenName`. */
export function camel(key) {
  return key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** Deeply renames snake_case keys to camelCase, except inside user maps (attributes). */
export function camelKeys(value) {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    out[camel(k)] = USER_MAPS.has(k) ? v : camelKeys(v);
  }
  return out;
}

/** Runs `fn`, expecting it to throw; returns the thrown value. */
export function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error, but the call returned');
}
