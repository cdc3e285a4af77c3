// Keeps the demo's book in IndexedDB: one record, the journal (JSON Lines of
// `crm.eventsJson()`), which `Crm.replay` turns back into the same book after a reload.

const DB_NAME = 'crm-demo';
const STORE = 'book';
const KEY = 'journal';

/** Opens (and on first use creates) the database. */
function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this page'));
  });
}

/** Runs `work(store)` in one transaction; resolves with its request's result once committed. */
async function withStore(mode, work) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/** The saved journal, or null when nothing is saved. */
export async function loadJournal() {
  const value = await withStore('readonly', (s) => s.get(KEY));
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Saves the journal (replacing the one saved before); resolves once it is committed. */
export function saveJournal(journal) {
  return withStore('readwrite', (s) => s.put(journal, KEY));
}

/** Forgets the saved book. */
export function clearJournal() {
  return withStore('readwrite', (s) => s.delete(KEY));
}
