// Errors reach JS as Error objects with a name by kind, a stable code, the field and the
// value; a failed command changes nothing and the book stays usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { Crm, DAY, PKG_NODE, T0, fixedCrm, thrown, wasm } from './helpers.mjs';

const UNKNOWN = '0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11';

function expectError(fn, { name, code, field }) {
  const err = thrown(fn);
  assert.ok(err instanceof Error, `not an Error: ${String(err)}`);
  // An instance of the package's class for its kind, a subclass of CrmError.
  assert.ok(err instanceof wasm[name], `not a ${name}: ${err.constructor?.name}`);
  assert.ok(err instanceof wasm.CrmError);
  assert.equal(err.constructor, wasm[name]);
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0);
  assert.ok(typeof err.stack === 'string');
  assert.equal(err.name, name, err.message);
  assert.equal(err.code, code, err.message);
  if (field !== undefined) assert.equal(err.field, field, err.message);
  return err;
}

/** Checks that `fn` throws and leaves the book as it was. */
function failsCleanly(crm, fn, expected) {
  const before = { size: crm.size, events: crm.eventCount, journal: crm.eventsJson() };
  const err = expectError(fn, expected);
  assert.equal(crm.size, before.size);
  assert.equal(crm.eventCount, before.events);
  assert.equal(crm.eventsJson(), before.journal);
  return err;
}

test('invalid email: ValidationError with code, field and value', () => {
  const crm = fixedCrm();
  const err = failsCleanly(crm, () => crm.createCustomer({ givenName: 'X', emails: ['a@b.co', 'x@@example.com'] }), {
    name: 'ValidationError',
    code: 'invalid_email',
    field: 'emails[1]',
  });
  assert.equal(err.value, 'x@@example.com');
  assert.equal(err.row, null);
  assert.ok(err.message.includes('x@@example.com'), err.message);
});

test('invalid phone, date, time zone', () => {
  const crm = fixedCrm();
  failsCleanly(crm, () => crm.createCustomer({ givenName: 'S', phones: [{ number: '+1 800 FLOWERS' }] }), {
    name: 'ValidationError',
    code: 'invalid_phone',
    field: 'phones[0]',
  });
  failsCleanly(crm, () => crm.createCustomer({ givenName: 'S', birthday: '2023-02-29' }), {
    name: 'ValidationError',
    code: 'invalid_date',
    field: 'birthday',
  });
  failsCleanly(crm, () => crm.createCustomer({ givenName: 'S', timeZone: 'Europe/Atlantis' }), {
    name: 'ValidationError',
    code: 'invalid_time_zone',
    field: 'time_zone',
  });
  failsCleanly(crm, () => new Crm({ defaultRegion: 'XX' }), {
    name: 'ValidationError',
    code: 'invalid_value',
    field: 'default_region',
  });
});

test('invalid currency in a purchase', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A' });
  failsCleanly(
    crm,
    () =>
      crm.logInteraction({
        customerId: a.id,
        channel: 'web_form',
        direction: 'inbound',
        kind: 'sale',
        purchase: { currency: 'XYZ', amountMinor: 100 },
      }),
    { name: 'ValidationError', code: 'invalid_currency', field: 'purchase.currency' },
  );
});

test('unknown stage and refused transition', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A', stage: 'customer' });
  const err = failsCleanly(crm, () => crm.changeStage(a.id, 'prospect'), {
    name: 'ValidationError',
    code: 'invalid_stage',
    field: 'stage',
  });
  assert.equal(err.value, 'prospect');
  assert.ok(err.message.includes('subscriber'), 'names the known stages');
  failsCleanly(crm, () => crm.changeStage(a.id, 'lead'), {
    name: 'ValidationError',
    code: 'invalid_transition',
    field: 'stage',
  });
  failsCleanly(crm, () => crm.customersInStage('nowhere'), {
    name: 'ValidationError',
    code: 'invalid_stage',
  });
  // With a reason the same move works.
  assert.equal(crm.changeStage(a.id, 'lead', { reason: 'contract cancelled' }).stage, 'lead');
});

test('unknown ids are NotFoundError; malformed ids are ValidationError', () => {
  const crm = fixedCrm();
  for (const fn of [
    () => crm.customer(UNKNOWN),
    () => crm.updateCustomer(UNKNOWN, { company: 'X' }),
    () => crm.changeStage(UNKNOWN, 'lead'),
    () => crm.timeline(UNKNOWN),
    () => crm.lastContact(UNKNOWN),
    () => crm.casesOf(UNKNOWN),
    () => crm.interaction(UNKNOWN),
    () => crm.case(UNKNOWN),
    () => crm.resolveCase(UNKNOWN, 'done'),
    () => crm.logInteraction({ customerId: UNKNOWN, channel: 'email', direction: 'inbound' }),
  ]) {
    const err = failsCleanly(crm, fn, { name: 'NotFoundError', code: 'not_found', field: 'id' });
    assert.equal(err.value, UNKNOWN);
  }
  failsCleanly(crm, () => crm.customer('not-a-uuid'), {
    name: 'ValidationError',
    code: 'invalid_value',
    field: 'customer_id',
  });
});

test('an email another customer holds is a ConflictError naming the holder', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A', emails: ['shared@example.com'] });
  const err = failsCleanly(crm, () => crm.createCustomer({ givenName: 'B', emails: ['Shared@Example.com'] }), {
    name: 'ConflictError',
    code: 'conflict',
    field: 'email',
  });
  assert.equal(err.value, 'shared@example.com');
  assert.equal(err.holder, a.id);
  const b = crm.createCustomer({ givenName: 'B', emails: ['b@example.com'] });
  failsCleanly(crm, () => crm.updateCustomer(b.id, { emails: ['b@example.com', 'SHARED@example.com'] }), {
    name: 'ConflictError',
    code: 'conflict',
  });
  assert.deepEqual(
    crm.customer(b.id).emails.map((e) => e.normalized),
    ['b@example.com'],
    'the failed update changed nothing',
  );
});

test('wrong argument shapes are ValidationErrors, never crashes', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A' });
  const cases = [
    [() => crm.createCustomer({ givenName: 'A', emails: 'a@example.com' }), 'emails'],
    [() => crm.createCustomer({ givenName: 'A', phones: [{ kind: 'work' }] }), 'phones[0]'],
    [() => crm.createCustomer({ givenName: 'A', attributes: { score: { type: 'number', value: NaN } } }), undefined],
    [() => crm.createCustomer(42), 'customer'],
    [() => crm.updateCustomer(a.id, 'x'), 'patch'],
    [() => crm.logInteraction({ customerId: a.id, channel: 'email', direction: 'inbound', purchase: { currency: 'EUR', amountMinor: NaN } }), 'purchase.amount_minor'],
    [() => crm.createCustomer({ givenName: () => 1 }), 'given_name'],
    [() => crm.updateCustomer(a.id, { addTags: [1, 2] }), undefined],
    [() => crm.logInteraction({ customerId: a.id, channel: 'carrier_pigeon', direction: 'inbound' }), 'channel'],
    [() => crm.logInteraction({ customerId: a.id, channel: 'email', direction: 'sideways' }), 'direction'],
    [() => crm.logInteraction(null), undefined],
    [() => crm.logInteraction({ customerId: a.id, channel: 'email', direction: 'inbound', at: new Date('nope') }), 'at'],
    [() => crm.logInteraction({ customerId: a.id, channel: 'email', direction: 'inbound', purchase: { currency: 'EUR', items: [{ name: 'x' }] } }), 'purchase.items[0]'],
    [() => crm.customer(undefined), 'customer_id'],
    [() => crm.customer(17), 'customer_id'],
    [() => crm.timeline(a.id, { from: 'yesterday' }), 'from'],
    [() => crm.timeline(a.id, { channels: ['email', 'pigeon'] }), 'channels[1]'],
    [() => crm.outboundTouches(a.id, new Date(NaN), new Date()), 'from'],
    [() => crm.importCustomers('nope'), 'rows'],
    [() => new Crm({ seed: -1 }), 'seed'],
    [() => new Crm({ seed: 1.5 }), 'seed'],
    [() => new Crm({ now: 'not a date' }), 'now'],
    [() => new Crm({ lifecycle: { name: 'x', ordered: [] } }), 'lifecycle.ordered'],
    [() => new Crm('options'), 'options'],
    [() => Crm.replay(42), 'json'],
  ];
  for (const [fn, field] of cases) {
    const err = thrown(fn);
    assert.ok(err instanceof Error, String(err));
    assert.equal(err.name, 'ValidationError', `${fn}: ${err.message}`);
    assert.match(err.code, /^invalid_/, `${fn}`);
    if (field !== undefined) assert.equal(err.field, field, `${fn}: ${err.message}`);
  }
  // Not a Crm: wasm-bindgen's own check throws an Error (not a trap).
  assert.ok(thrown(() => crm.equals({})) instanceof Error);
  assert.equal(crm.size, 1);
  assert.equal(crm.eventCount, 1);
});

test('a misnamed key is a ValidationError naming it, never silently dropped', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A' });
  const err = failsCleanly(crm, () => crm.createCustomer({ firstName: 'Bob', lastName: 'Smith' }), {
    name: 'ValidationError',
    code: 'invalid_value',
    field: 'first_name',
  });
  assert.match(err.message, /unknown field `first_name`, expected one of .*`given_name`/);
  failsCleanly(crm, () => crm.createCustomer({ givenName: 'B', addresses: [{ lines: ['Elm St 5'], zip: 'LS1' }] }), {
    name: 'ValidationError',
    code: 'invalid_value',
    field: 'addresses[0].zip',
  });
  failsCleanly(crm, () => crm.createCustomer({ givenName: 'B', phones: [{ number: '+44 113 496 0000', type: 'work' }] }), {
    name: 'ValidationError',
    code: 'invalid_value',
    field: 'phones[0].type',
  });
  failsCleanly(crm, () => crm.updateCustomer(a.id, { surname: 'Lee' }), {
    name: 'ValidationError',
    code: 'invalid_value',
    field: 'surname',
  });
  // A scan of plain records names the row.
  const scan = thrown(() => wasm.findDuplicates([{ givenName: 'Bob' }, { firstName: 'Bob' }]));
  assert.equal(scan.code, 'invalid_value');
  assert.equal(scan.field, 'first_name');
  assert.equal(scan.row, 2);
});

test('a misnamed option is a ValidationError naming it, never silently ignored', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A' });
  const at = new Date('2026-03-02T10:00:00Z');
  // Each options object, with one key misspelt: the error names the object and the key.
  const cases = [
    [() => new wasm.Crm({ defaultRegon: 'GB' }), 'options', 'defaultRegon'],
    [() => new wasm.Crm({ contactPolicy: { minGap: 5 } }), 'contact_policy', 'minGap'],
    [() => new wasm.Crm({ contactPolicy: { caps: [{ max: 1, window: 5 }] } }), 'contact_policy.caps[0]', 'window'],
    [() => new wasm.Crm({ contactPolicy: { quietHours: { start: '21:00', stop: '08:00' } } }),
      'contact_policy.quiet_hours', 'stop'],
    [() => new wasm.Crm({ lifecycle: { name: 'x', stages: ['a'] } }), 'lifecycle', 'stages'],
    [() => new wasm.Crm({ agenda: { cadence: [] } }), 'agenda', 'cadence'],
    [() => new wasm.Crm({ agenda: { cadences: [{ every: 7 }] } }), 'agenda.cadences[0]', 'every'],
    [() => new wasm.Crm({ agenda: { responsePromise: { timeZone: 'UTC', inquiry: 1 } } }),
      'agenda.response_promise', 'inquiry'],
    [() => crm.changeSettings({ timezone: 'UTC' }), 'settings', 'timezone'],
    [() => crm.logInteraction({ customerId: a.id, channel: 'email', direction: 'inbound', note: 'x' }),
      'interaction', 'note'],
    [() => crm.timeline(a.id, { since: at }), 'query', 'since'],
    [() => crm.scheduleFollowUp({ customerId: a.id, due: at, notes: 'x' }), 'follow_up', 'notes'],
    [() => crm.changeStage(a.id, 'lead', { why: 'x' }), 'options', 'why'],
    [() => crm.setConsent(a.id, 'marketing', 'granted', { by: 'x' }), 'options', 'by'],
    [() => crm.canContact(a.id, 'email', at, { override: 'x' }), 'options', 'override'],
    [() => crm.agenda({ now: at, window: 5 }), 'query', 'window'],
    [() => crm.merge(a.id, [], { plan: { defaults: 'most_recent' } }), 'plan', 'defaults'],
    [() => crm.findDuplicates({ threshold: 0.9 }), 'config', 'threshold'],
  ];
  for (const [call, field, key] of cases) {
    const err = failsCleanly(crm, call, { name: 'ValidationError', code: 'invalid_value', field });
    assert.equal(err.value, key, `${field}: ${err.message}`);
    assert.match(err.message, /not a known key; known: /);
  }
  // Every key spelt right still works.
  const book = new wasm.Crm({
    now: at,
    seed: 1,
    defaultRegion: 'GB',
    contactPolicy: { caps: [{ channel: 'email', max: 2, windowMs: 86400000 }], minGapMs: 1000, allowWeekends: true },
  });
  const b = book.createCustomer({ givenName: 'B' });
  book.logInteraction({ customerId: b.id, channel: 'email', direction: 'inbound', kind: 'inquiry', at, subject: 's' });
  assert.equal(book.timeline(b.id, { from: at, channels: ['email'] }).length, 1);
});

test('an invalid Date is an invalid_date', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A' });
  expectError(() => crm.logInteraction({ customerId: a.id, channel: 'email', direction: 'inbound', at: new Date(NaN) }), {
    name: 'ValidationError',
    code: 'invalid_date',
    field: 'at',
  });
  expectError(() => crm.setNow(new Date(NaN)), { name: 'ValidationError', code: 'invalid_date', field: 'now' });
});

test('setNow and advance need a fixed clock', () => {
  const crm = new Crm();
  expectError(() => crm.setNow(new Date()), { name: 'ValidationError', code: 'invalid_value', field: 'now' });
  expectError(() => crm.advance(1000), { name: 'ValidationError', code: 'invalid_value', field: 'now' });
  const fixed = fixedCrm();
  expectError(() => fixed.advance(Infinity), { name: 'ValidationError', code: 'invalid_value', field: 'ms' });
  assert.equal(fixed.now.getTime(), T0.getTime());
});

test('import: bad rows are reported with row numbers, good rows created', () => {
  const crm = fixedCrm();
  const report = crm.importCustomers([
    { givenName: 'A', emails: ['a@example.com'] },
    { givenName: 'B', emails: ['nope'] },
    { givenName: 'C', emails: ['A@example.com'] },
    { givenName: 'D', birthday: '--02-30' },
    { givenName: 'E' },
  ]);
  assert.equal(report.created.length, 2);
  assert.deepEqual(
    report.rejected.map((r) => [r.row, r.code, r.field]),
    [
      [2, 'invalid_email', 'emails[0]'],
      [3, 'conflict', 'email'],
      [4, 'invalid_date', 'birthday'],
    ],
  );
  assert.equal(report.rejected[0].value, 'nope');
  assert.match(report.rejected[0].message, /row 2/);
  assert.equal(crm.size, 2);
  // A row that is not shaped like a customer throws with its row, before importing anything.
  const err = expectError(() => crm.importCustomers([{ givenName: 'F' }, 'not a customer']), {
    name: 'ValidationError',
    code: 'invalid_value',
  });
  assert.equal(err.row, 2);
  assert.equal(crm.size, 2);
});

test('a bad journal is a DecodeError with the line', () => {
  const crm = fixedCrm();
  crm.createCustomer({ givenName: 'A' });
  const good = crm.eventsJson();
  const err = expectError(() => Crm.replay(`${good}not json\n`), { name: 'DecodeError', code: 'decode' });
  assert.equal(err.row, 2);
  expectError(() => Crm.replay(good.replace(/"v":\d+/, '"v":99')), { name: 'DecodeError', code: 'decode' });
  // An event missing: another book, refused.
  crm.createCustomer({ givenName: 'B' });
  const lines = crm.eventsJson().trim().split('\n');
  const gap = expectError(() => Crm.replay(lines.slice(1).join('\n')), { name: 'DecodeError', code: 'decode' });
  assert.match(gap.message, /missing/);
});

test('the book stays usable after errors', () => {
  const crm = fixedCrm();
  for (let i = 0; i < 50; i++) {
    thrown(() => crm.createCustomer({ emails: [`bad${i}`] }));
    thrown(() => crm.customer('x'));
    thrown(() => crm.createCustomer(undefined));
  }
  const a = crm.createCustomer({ givenName: 'Still', familyName: 'Working' });
  crm.advance(DAY);
  crm.changeStage(a.id, 'lead');
  assert.equal(crm.size, 1);
  assert.equal(crm.customer(a.id).stage, 'lead');
  assert.equal(crm.eventCount, 2);
});

test('the error classes: one per kind under CrmError, constructible with defaults', () => {
  const kinds = {
    ValidationError: 'invalid_value',
    NotFoundError: 'not_found',
    ConflictError: 'conflict',
    DecodeError: 'decode',
    JournalError: 'journal',
    InternalError: 'internal',
  };
  for (const [name, code] of Object.entries(kinds)) {
    const Class = wasm[name];
    assert.equal(typeof Class, 'function', name);
    assert.equal(Class.name, name);
    const err = new Class('message', { field: 'f' });
    assert.ok(err instanceof wasm.CrmError && err instanceof Error);
    assert.equal(err.name, name);
    assert.equal(err.code, code);
    assert.deepEqual([err.message, err.field, err.value, err.row], ['message', 'f', null, null]);
    assert.equal(new Class('m', { code: 'merged', row: 3 }).code, 'merged');
    assert.equal(new Class('m', { code: 'merged', row: 3 }).row, 3);
  }
  // The kinds are siblings: a NotFoundError is no ValidationError.
  assert.ok(!(new wasm.NotFoundError('m') instanceof wasm.ValidationError));
  assert.equal(new wasm.CrmError('m').code, 'internal');
});

test('an engine without Unicode normalisation (a Node without ICU) is refused when the module starts', () => {
  // Such an engine returns strings unchanged from String.prototype.normalize.
  const script = `String.prototype.normalize = function () { return String(this); };
    require(${JSON.stringify(PKG_NODE)});`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.notEqual(run.status, 0, 'the module started');
  assert.match(run.stderr, /crm-wasm needs Unicode normalisation/);
  // The same module starts in this (ICU) Node.
  const ok = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(PKG_NODE)});`], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
});

test('an input error gives the offending value, and a key that is no identifier as written', () => {
  const crm = fixedCrm();
  for (const [input, field, value] of [
    [{ givenName: 'A', addresses: [{ postalCode: 10115 }] }, 'addresses[0].postal_code', '10115'],
    [{ givenName: 42 }, 'given_name', '42'],
    [{ givenName: 'A', phones: [{ number: '030 1234567', kind: 'cell' }] }, 'phones[0].kind', 'cell'],
    [{ givenName: 'A', 'First Name': 'x' }, 'First Name', 'x'],
  ]) {
    const err = expectError(() => crm.createCustomer(input), { name: 'ValidationError', code: 'invalid_value' });
    assert.equal(err.field, field);
    assert.equal(err.value, value);
  }
  // A kind is read as its name in any case, as a channel or a stage is.
  const kind = crm.createCustomer({ givenName: 'K', phones: [{ number: '+44 20 7946 0018', kind: 'Mobile' }] });
  assert.equal(kind.phones[0].kind, 'mobile');
});

test('null is no customer: not in a scan, a check or an import', () => {
  const crm = fixedCrm();
  crm.createCustomer({ givenName: 'Ada', emails: ['ada@x.com'] });
  expectError(() => crm.checkDuplicates(null), { name: 'ValidationError', code: 'invalid_value' });
  const scan = expectError(() => wasm.findDuplicates([{ givenName: 'Ada' }, null]), {
    name: 'ValidationError',
    code: 'invalid_value',
  });
  assert.equal(scan.row, 2);
  const rows = expectError(() => crm.importCustomers([{ givenName: 'B' }, undefined]), {
    name: 'ValidationError',
    code: 'invalid_value',
  });
  assert.equal(rows.row, 2);
  assert.equal(crm.size, 1);
});
