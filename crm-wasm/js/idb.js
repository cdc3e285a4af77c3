// Keeps a book in the browser's IndexedDB: its JSON snapshot (for a quick load) and its
// journal (the history), under a name. Part of the crm-wasm package (`crm-wasm/idb`); works
// with the web build, after `await init()`.
//
//   import init, { Crm } from 'crm-wasm';
//   import { saveToIndexedDB, loadFromIndexedDB } from 'crm-wasm/idb';
//   await init();
//   const book = (await loadFromIndexedDB('my-book')) ?? new Crm();
//   book.createCustomer({ givenName: 'Ada' });
//   await saveToIndexedDB(book, 'my-book');
import { Crm, ValidationError } from '../pkg/web/crm_wasm.js';

/** The database used when none is given. */
export const DEFAULT_DATABASE = 'crm-wasm';
const STORE = 'books';

/** Turns an IndexedDB request into a promise (rejecting with the request's `Error`). */
function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** The package's `ValidationError` (code 'invalid_value') for `field`. */
function invalid(field, value, message) {
  return new ValidationError(message, { field, value: typeof value === 'string' ? value : null });
}

function factory(options) {
  const idb = options?.indexedDB ?? globalThis.indexedDB;
  if (!idb) throw invalid('indexedDB', null, 'IndexedDB is not available here (pass options.indexedDB)');
  return idb;
}

function checkName(name) {
  if (typeof name !== 'string' || name.length === 0) {
    throw invalid('name', name, `the book's name must be a non-empty string, not ${typeof name === 'string' ? '""' : typeof name}`);
  }
}

async function open(options) {
  const request = factory(options).open(options?.database ?? DEFAULT_DATABASE, 1);
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
  };
  return done(request);
}

/** Runs `fn(store)` in a transaction and resolves once it is committed. */
async function withStore(options, mode, fn) {
  const db = await open(options);
  try {
    const tx = db.transaction(STORE, mode);
    const result = await fn(tx.objectStore(STORE));
    await new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  } finally {
    db.close();
  }
}

/**
 * Stores `book` under `name`: its snapshot and its journal, replacing what was stored.
 * @param {Crm} book
 * @param {string} name
 * @param {{ database?: string, indexedDB?: IDBFactory }} [options]
 * @returns {Promise<void>}
 */
export async function saveToIndexedDB(book, name, options) {
  checkName(name);
  if (typeof book?.snapshotJson !== 'function' || typeof book?.eventsJson !== 'function') {
    throw invalid('book', null, 'saveToIndexedDB(book, name): book must be a Crm');
  }
  const record = { snapshot: book.snapshotJson(), journal: book.eventsJson(), savedAt: new Date() };
  await withStore(options, 'readwrite', (store) => done(store.put(record, name)));
}

/**
 * The book stored under `name` (loaded from its snapshot, with its whole journal), or `null`
 * when nothing is stored under that name. `options.crm` are the options of `new Crm` (clock,
 * seed, lifecycle model, default region: they are not stored).
 * @param {string} name
 * @param {{ database?: string, indexedDB?: IDBFactory, crm?: import('../pkg/web/crm_wasm.js').CrmOptions }} [options]
 * @returns {Promise<Crm | null>}
 */
export async function loadFromIndexedDB(name, options) {
  checkName(name);
  const record = await withStore(options, 'readonly', (store) => done(store.get(name)));
  if (record === undefined) return null;
  return Crm.fromSnapshot(record.snapshot, { ...options?.crm, journal: record.journal });
}

/**
 * When the book under `name` was saved, or `null` when nothing is stored under that name.
 * @param {string} name
 * @param {{ database?: string, indexedDB?: IDBFactory }} [options]
 * @returns {Promise<Date | null>}
 */
export async function savedAt(name, options) {
  checkName(name);
  const record = await withStore(options, 'readonly', (store) => done(store.get(name)));
  return record === undefined ? null : record.savedAt;
}

/**
 * Removes the book stored under `name` (nothing happens when there is none).
 * @param {string} name
 * @param {{ database?: string, indexedDB?: IDBFactory }} [options]
 * @returns {Promise<void>}
 */
export async function deleteFromIndexedDB(name, options) {
  checkName(name);
  await withStore(options, 'readwrite', (store) => done(store.delete(name)));
}
