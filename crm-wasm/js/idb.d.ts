// Types of crm-wasm/idb (js/idb.js): keep a book in the browser's IndexedDB.
import type { Crm, CrmOptions } from '../pkg/web/crm_wasm.js';

/** Where books are stored. */
export interface IndexedDBOptions {
  /** The database name (default: "crm-wasm"); books are in its object store "books". */
  database?: string;
  /** The IndexedDB to use (default: `globalThis.indexedDB`). */
  indexedDB?: IDBFactory;
}

/** Options of `loadFromIndexedDB`. */
export interface LoadOptions extends IndexedDBOptions {
  /** The options of `new Crm` for the loaded book (clock, seed, lifecycle model, default
   * region and settings are options, not stored state). */
  crm?: CrmOptions;
}

/** The database used when none is given: "crm-wasm". */
export declare const DEFAULT_DATABASE: string;

/** Stores `book` under `name` (its snapshot and its journal), replacing what was stored. */
export declare function saveToIndexedDB(book: Crm, name: string, options?: IndexedDBOptions): Promise<void>;

/** The book stored under `name`, or `null` when nothing is stored under that name. The
 * loaded book equals the saved one and keeps its whole journal. */
export declare function loadFromIndexedDB(name: string, options?: LoadOptions): Promise<Crm | null>;

/** When the book under `name` was saved, or `null`. */
export declare function savedAt(name: string, options?: IndexedDBOptions): Promise<Date | null>;

/** Removes the book stored under `name` (nothing happens when there is none). */
export declare function deleteFromIndexedDB(name: string, options?: IndexedDBOptions): Promise<void>;
