// Hostile input to every exported function and method: wrong types, NaN, huge numbers,
// invalid dates, null and undefined everywhere, objects full of such values, proxies whose
// traps throw. Each call either returns or throws an `Error` with a stable `code` (never a
// string, never a panic: no 'internal'), and the book stays usable afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Crm, T0, fixedCrm, wasm } from './helpers.mjs';

const CODES = new Set([
  'invalid_email', 'invalid_phone', 'invalid_date', 'invalid_time_zone', 'invalid_currency',
  'invalid_stage', 'invalid_transition', 'invalid_value', 'not_found', 'merged', 'conflict',
  'duplicate', 'decode', 'journal',
]);

const throwing = new Proxy({}, {
  get() { throw new Error('get trap'); },
  ownKeys() { throw new Error('ownKeys trap'); },
  getPrototypeOf() { throw new Error('getPrototypeOf trap'); },
  has() { throw new Error('has trap'); },
});

/** Values no method takes as they are. */
const SCALARS = [
  undefined, null, NaN, Infinity, -Infinity, -0, 1e308, 2 ** 64, -1, 0.5, 9007199254740993,
  '', 'x', '\u0000', ' '.repeat(3), 'Z'.repeat(5000), true, false, 10n, Symbol('s'),
  () => 1, new Date(NaN), new Date(8.64e15), new Date(-8.64e15),
];
const OBJECTS = [
  {}, [], [null], [undefined, NaN], { length: -1 }, Object.create(null), new Map([[1, 2]]),
  new Uint8Array(2), throwing, { toString() { throw new Error('toString'); } },
];

/** Every input key the API reads. */
const KEYS = [
  'id', 'givenName', 'familyName', 'displayName', 'emails', 'phones', 'defaultRegion',
  'addresses', 'birthday', 'timeZone', 'tags', 'attributes', 'owner', 'source', 'company',
  'stage', 'actor', 'reason', 'customerId', 'channel', 'direction', 'kind', 'at', 'subject',
  'body', 'outcome', 'purchase', 'caseId', 'priority', 'due', 'note', 'recurrence',
  'from', 'to', 'channels', 'kinds', 'plan', 'scores', 'fields', 'default',
  'matchThreshold', 'reviewThreshold', 'rules', 'ruleMode', 'estimation', 'window', 'seed',
  'termFrequency', 'corroborationBits', 'conflicts', 'maxBlock',
  'now', 'lifecycle', 'name', 'ordered', 'side', 'contactPolicy', 'agenda', 'journal',
  'caps', 'max', 'windowMs', 'minGapMs', 'quietHours', 'start', 'end', 'allowWeekends',
  'businessHours', 'exempt', 'overrideReason', 'category', 'status', 'record', 'value',
  'addTags', 'removeTags', 'setAttributes', 'removeAttributes',
  'cadences', 'everyDays', 'responsePromise', 'inquiryMs', 'complaintMs', 'priorities',
  'calendars', 'owners', 'teams', 'teamOf', 'hours', 'holidays', 'birthdayLeadDays',
  'reminderTime', 'caseCheckAfterDays',
];

/** Every input key set to `v` (options objects refuse most of them as unknown keys). */
function everywhere(v) {
  return Object.fromEntries(KEYS.map((k) => [k, v]));
}

// One key at a time, with a hostile value (each scalar in turn), so that the value reaches
// the reader of every function that takes that key.
const ONE_KEY = KEYS.map((k, i) => ({ [k]: SCALARS[i % SCALARS.length] }));

const HOSTILE = [...SCALARS, ...OBJECTS, ...SCALARS.map(everywhere), [everywhere(null)], ...ONE_KEY];

/** Calls `fn` and checks that it returns or throws a proper Error with a known code. */
function check(what, fn) {
  let err;
  try {
    fn();
    return;
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error, `${what}: threw a non-Error: ${String(err)}`);
  assert.ok(CODES.has(err.code), `${what}: ${err.name} without a known code (${err.code}): ${err.message}`);
  assert.equal(typeof err.message, 'string');
  assert.ok('field' in err && 'value' in err && 'row' in err, `${what}: field/value/row missing`);
}

/** A book with one of everything, for ids that exist. */
function busyBook() {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'Ada', emails: ['ada@example.com'] });
  const b = crm.createCustomer({ givenName: 'Ada', familyName: 'L', emails: ['ada.l@example.com'] });
  const i = crm.logInteraction({ customerId: a.id, channel: 'email', direction: 'inbound', kind: 'complaint' });
  const f = crm.scheduleFollowUp({ customerId: a.id, due: new Date(T0.getTime() + 3600e3) });
  const m = crm.merge(a.id, [b.id]);
  return { crm, ids: [a.id, b.id, i.id, i.caseId, f.id, m.mergeId] };
}

function methodsOf(proto) {
  return Object.getOwnPropertyNames(proto).filter((name) => {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    return typeof d.value === 'function' && name !== 'constructor' && name !== 'free' && !name.startsWith('__');
  });
}

function argLists(ids) {
  const lists = [[]];
  for (const h of HOSTILE) {
    lists.push([h], [h, h], [h, h, h, h]);
    for (const id of ids) lists.push([id, h], [id, h, h], [id, [id], h]);
  }
  return lists;
}

test('every method of Crm: hostile arguments give Errors with codes; the book stays usable', () => {
  const { crm, ids } = busyBook();
  const methods = methodsOf(Crm.prototype);
  assert.ok(methods.length > 50, `only ${methods.length} methods found`);
  const lists = argLists(ids.slice(0, 3));
  for (const name of methods) {
    for (const args of lists) {
      check(`crm.${name}(${args.map((a) => typeof a).join(', ')})`, () => crm[name](...args));
    }
    // Still usable: reads and a command work.
    assert.ok(crm.size >= 1, name);
    check(`after ${name}`, () => crm.customers());
  }
  const c = crm.createCustomer({ givenName: 'Still', familyName: 'Usable' });
  assert.equal(crm.customer(c.id).givenName, 'Still');
});

test('static and free functions: hostile arguments give Errors with codes', () => {
  const { crm } = busyBook();
  const statics = Object.getOwnPropertyNames(Crm).filter(
    (n) => typeof Crm[n] === 'function' && !n.startsWith('__'),
  );
  assert.deepEqual(statics.sort(), ['fromSnapshot', 'replay']);
  // Functions other than the classes (Crm and the errors).
  const free = Object.keys(wasm).filter(
    (n) => typeof wasm[n] === 'function' && n !== 'Crm' && !n.endsWith('Error') && !n.startsWith('__'),
  );
  assert.deepEqual(free.sort(), ['findDuplicates']);
  const lists = argLists([crm.eventsJson(), crm.snapshotJson()]);
  for (const args of lists) {
    check(`Crm.replay`, () => Crm.replay(...args));
    check(`Crm.fromSnapshot`, () => Crm.fromSnapshot(...args));
    check(`new Crm`, () => new Crm(...args));
    check(`findDuplicates`, () => wasm.findDuplicates(...args));
  }
  assert.ok(Crm.fromSnapshot(crm.snapshotJson()).equals(crm));
});

test('a panic (a bug) becomes an InternalError, and the module keeps working', () => {
  // The first panic of an instance is an InternalError with the panic message. Rust's panic
  // machinery stays "in the hook" after it (the hook throws instead of returning), so a
  // later panic traps: a WebAssembly.RuntimeError, still an Error, and the module still works.
  for (const [message, name] of [['first', 'InternalError'], ['second', null]]) {
    let err;
    try {
      wasm.__panicForTests(message);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof Error, String(err));
    if (name) {
      assert.equal(err.name, name);
      assert.equal(err.code, 'internal');
      assert.ok(err.message.includes(message), err.message);
    }
    const crm = new Crm();
    assert.equal(crm.createCustomer({ givenName: 'After', familyName: message }).familyName, message);
  }
});

test('an array where an object belongs is refused at any depth, not read field by field', () => {
  const crm = fixedCrm();
  for (const [input, field, expected] of [
    [{ givenName: 'A', addresses: [[['1 Main St'], 'Springfield']] }, 'addresses[0]', 'struct NewAddress'],
    [{ givenName: 'A', phones: [['+49 30 1234567']] }, 'phones[0]', 'struct NewPhone'],
  ]) {
    let err;
    try {
      crm.createCustomer(input);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof wasm.ValidationError, String(err));
    assert.equal(err.code, 'invalid_value');
    assert.equal(err.field, field);
    assert.match(err.message, new RegExp(`invalid type: sequence, expected ${expected}`));
  }
  assert.equal(crm.customers().length, 0);
});

test('an object that holds itself, or nests too deep, is refused; the module keeps working', () => {
  const cyclic = {};
  cyclic.self = cyclic;
  let deep = 1;
  for (let i = 0; i < 150; i++) deep = [deep];
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'Ada', emails: ['ada@example.com'] });
  const b = crm.createCustomer({ givenName: 'Ada', phones: [{ number: '+44 20 7946 0018' }] });
  for (const call of [
    () => wasm.findDuplicates([{ givenName: 'A', defaultRegion: cyclic }]),
    () => crm.createCustomer({ givenName: 'A', attributes: { x: cyclic } }),
    () => crm.merge(a.id, [b.id], { scores: cyclic }),
    () => crm.merge(a.id, [b.id], { scores: deep }),
  ]) {
    let err;
    try {
      call();
    } catch (e) {
      err = e;
    }
    // Walked until the stack ran out, this was a RuntimeError (memory access out of bounds).
    assert.ok(err instanceof wasm.ValidationError, String(err));
    assert.equal(err.code, 'invalid_value');
  }
  // Scores nested as deep as the journal reads back (64) are kept, and the book replays.
  let kept = 1;
  for (let i = 0; i < 60; i++) kept = [kept];
  crm.merge(a.id, [b.id], { scores: { fields: kept } });
  assert.ok(Crm.replay(crm.eventsJson()).equals(crm));
  assert.equal(crm.customers().length, 1);
});

test('times at the ends of what a Date holds: the journal reads back, the clock stops, the agenda refuses a century-plus window', () => {
  const crm = fixedCrm();
  const c = crm.createCustomer({ givenName: 'Ada' });
  // Year 10000 was written with its sign and could not be read back (DecodeError).
  crm.logInteraction({ customerId: c.id, channel: 'email', direction: 'inbound', at: new Date('+010000-01-01T00:00:00Z') });
  assert.ok(Crm.replay(crm.eventsJson()).equals(crm));
  assert.ok(Crm.fromSnapshot(crm.snapshotJson()).equals(crm));
  // A huge step stops at the end of time (it wrapped to 1970).
  crm.advance(8.64e15);
  assert.ok(crm.now.getTime() > new Date('+100000-01-01T00:00:00Z').getTime());
  crm.createCustomer({ givenName: 'Bo' });
  assert.ok(Crm.replay(crm.eventsJson()).equals(crm));
  // A window beyond a hundred years overflowed the calendar (a panic).
  let err;
  try {
    crm.agenda({ now: T0, windowMs: 2 ** 53 - 1 });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof wasm.ValidationError, String(err));
  assert.equal(err.field, 'window');
  assert.ok(Array.isArray(crm.agenda({ now: crm.now, windowMs: 36525 * 86400000 })));
});
