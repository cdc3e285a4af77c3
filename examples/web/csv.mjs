// CSV text → crm `NewCustomer` records, for the demo page, its test and the browser bench.
// Plain ES module without DOM or Node APIs: the browser and Node import the same file.
//
// The parser reads RFC 4180 and what spreadsheets write around it: a UTF-8 byte-order mark,
// CRLF, LF or CR line ends, quoted fields holding commas, quotes ("") and line breaks, and a
// semicolon or tab instead of the comma (chosen from the header line). Header names are
// matched loosely ("Given Name", "given_name", "firstName" and "Vorname" are all the given
// name); columns the page does not know are reported as ignored.

/** A CSV that cannot be read at all (an unterminated quote); `line` is 1-based. */
export class CsvError extends Error {
  /** @param {string} message @param {number} line */
  constructor(message, line) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
  }
}

/** The delimiter of a header line: the most frequent of `,` `;` and tab outside quotes. */
function sniffDelimiter(text) {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch] += 1;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ',';
}

/**
 * Parses CSV text into records of fields. Blank lines are skipped.
 *
 * @param {string} text
 * @param {{ delimiter?: string }} [options] default: sniffed from the first line
 * @returns {{ rows: string[][], lines: number[], delimiter: string }} `lines[i]` is the
 *   1-based line on which `rows[i]` starts.
 * @throws {CsvError} for a quote that is never closed.
 */
export function parseCsv(text, options = {}) {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? sniffDelimiter(src);
  const rows = [];
  const lines = [];
  let row = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = src.length;
  const endRow = () => {
    row.push(field);
    field = '';
    // A line with nothing on it is no record.
    if (row.length > 1 || row[0] !== '') {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
  };
  while (i < n) {
    const ch = src[i];
    if (ch === '"' && field === '') {
      // A quoted field: up to the next quote that is not doubled.
      const start = line;
      i += 1;
      let closed = false;
      while (i < n) {
        const c = src[i];
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          closed = true;
          break;
        }
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line += 1;
        field += c;
        i += 1;
      }
      if (!closed) throw new CsvError(`line ${start}: a quoted field is never closed`, start);
      // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
      continue;
    }
    if (ch === delimiter) {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line += 1;
      rowLine = line;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return { rows, lines, delimiter };
}

/** "Given Name" → "givenname". */
function headerKey(name) {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

// Header keys (see headerKey) → the part of a customer they fill.
const SIMPLE = {
  givenName: ['givenname', 'firstname', 'first', 'forename', 'vorname', 'prenom', 'prénom'],
  familyName: ['familyname', 'lastname', 'last', 'surname', 'nachname', 'nom'],
  displayName: ['name', 'fullname', 'displayname', 'customer', 'customername'],
  birthday: ['birthday', 'birthdate', 'dateofbirth', 'dob', 'born'],
  postalCode: ['postcode', 'postalcode', 'zip', 'zipcode', 'plz'],
  locality: ['city', 'locality', 'town', 'ort'],
  region: ['region', 'state', 'province', 'county'],
  country: ['country', 'countrycode'],
  company: ['company', 'organisation', 'organization', 'employer', 'firma'],
  owner: ['owner', 'accountowner'],
  source: ['source', 'leadsource'],
  stage: ['stage', 'lifecycle', 'lifecyclestage'],
  timeZone: ['timezone', 'tz'],
  tags: ['tags', 'tag', 'labels'],
  followUp: ['followup', 'followupdays', 'nextcontact', 'followupin'],
};
const BY_KEY = new Map(Object.entries(SIMPLE).flatMap(([target, keys]) => keys.map((k) => [k, target])));
const PHONE_KINDS = { mobile: 'mobile', cell: 'mobile', handy: 'mobile', home: 'home', work: 'work', office: 'work', fax: 'fax' };

/** What a header names: `{ target, kind? }`, or null for a column the page ignores. */
function classify(header) {
  const key = headerKey(header);
  const simple = BY_KEY.get(key);
  if (simple) return { target: simple };
  if (/^(e?mail|emailaddress)\d*$|^(work|home|personal|other|secondary)e?mail\d*$|^email\d*address$/.test(key)) {
    return { target: 'emails' };
  }
  const phone = /^(mobile|cell|handy|home|work|office|fax)?(?:phone|telephone|tel|phonenumber)\d*$|^(mobile|cell|handy|fax)\d*$/.exec(key);
  if (phone) {
    const kind = PHONE_KINDS[phone[1] ?? phone[2]];
    return kind ? { target: 'phones', kind } : { target: 'phones' };
  }
  if (/^(street|address|streetaddress|addressline|line)\d*$/.test(key)) return { target: 'lines' };
  return null;
}

/**
 * How the columns of a header row are read.
 *
 * @param {string[]} header
 * @returns {{ columns: { index: number, header: string, target: string, kind?: string }[], ignored: string[] }}
 */
export function mapHeader(header) {
  const columns = [];
  const ignored = [];
  header.forEach((h, index) => {
    const c = classify(h);
    if (c) columns.push({ index, header: h.trim(), ...c });
    else ignored.push(h.trim());
  });
  return { columns, ignored };
}

/**
 * A follow-up asked for by a row: a whole number of days from now, or a date.
 * @returns {{ days: number } | { date: string } | null}
 */
function followUpOf(text) {
  if (/^\d{1,4}$/.test(text)) return { days: Number(text) };
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return { date: text };
  return null;
}

/**
 * Turns CSV text into customer records for `crm.importCustomers` (or `findDuplicates`).
 * Empty cells are left out; `country` fills the address's country and the row's
 * `defaultRegion` (so that national phone numbers are read in that country); tags are split
 * on `;`, `|` or `,`. The values are not checked here: the core validates each row and
 * reports what it rejects.
 *
 * @param {string} text
 * @returns {{
 *   records: import('../../crm-wasm/pkg/web/crm_wasm.js').NewCustomer[],
 *   lines: number[],
 *   followUps: ({ days: number } | { date: string } | null)[],
 *   columns: { index: number, header: string, target: string, kind?: string }[],
 *   ignored: string[],
 * }} `lines[i]` and `followUps[i]` belong to `records[i]`.
 * @throws {CsvError} for an unreadable file or one without a known column.
 */
export function customersFromCsv(text) {
  const { rows, lines } = parseCsv(text);
  if (rows.length === 0) throw new CsvError('the CSV is empty', 1);
  const { columns, ignored } = mapHeader(rows[0]);
  if (columns.length === 0) {
    throw new CsvError(`line 1: no known column in the header (${rows[0].join(', ')})`, 1);
  }
  const records = [];
  const followUps = [];
  for (const row of rows.slice(1)) {
    const c = {};
    const address = {};
    let followUp = null;
    for (const col of columns) {
      const value = (row[col.index] ?? '').trim();
      if (value === '') continue;
      switch (col.target) {
        case 'emails':
          (c.emails ??= []).push(value);
          break;
        case 'phones':
          (c.phones ??= []).push(col.kind ? { number: value, kind: col.kind } : { number: value });
          break;
        case 'lines':
          (address.lines ??= []).push(value);
          break;
        case 'postalCode':
        case 'locality':
        case 'region':
          address[col.target] = value;
          break;
        case 'country':
          c.defaultRegion = value;
          address.country = value;
          break;
        case 'tags':
          c.tags = value.split(/[;|,]/).map((t) => t.trim()).filter(Boolean);
          break;
        case 'followUp':
          followUp = followUpOf(value);
          break;
        default:
          c[col.target] = value;
      }
    }
    if (address.lines || address.postalCode || address.locality || address.region) {
      c.addresses = [address];
    }
    records.push(c);
    followUps.push(followUp);
  }
  return { records, lines: lines.slice(1), followUps, columns, ignored };
}
