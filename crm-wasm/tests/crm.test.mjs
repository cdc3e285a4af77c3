// The JS API end to end: customers, stages, interactions, timelines, cases, the journal.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Crm, DAY, T0, fixedCrm } from './helpers.mjs';

const at = (days) => new Date(T0.getTime() + days * DAY);

test('a customer comes back as a plain object with camelCase keys and Dates', () => {
  const crm = fixedCrm({ defaultRegion: 'DE' });
  const c = crm.createCustomer({
    givenName: ' Jürgen ',
    familyName: 'Weiß',
    emails: ['J.Weiss@Example.DE', 'j.weiss@example.de', 'jw@home.example'],
    phones: [{ number: '030 1234567', kind: 'work' }, { number: '+49 171 1234567 x12', kind: 'mobile' }],
    addresses: [{ lines: ['Unter den Linden 1'], locality: 'Berlin', postalCode: '10117', country: 'de', label: 'work' }],
    birthday: '--05-17',
    timeZone: 'europe/berlin',
    tags: ['VIP', 'Newsletter'],
    attributes: { plan_tier: { type: 'text', value: 'gold' }, seatCount: { type: 'number', value: 12 } },
    owner: 'sam',
    source: 'web',
    company: 'ACME GmbH',
    actor: 'importer',
  });
  assert.equal(Object.getPrototypeOf(c), Object.prototype, 'a plain object');
  assert.match(c.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(c.givenName, 'Jürgen');
  assert.equal(c.familyName, 'Weiß');
  assert.equal(c.displayName, 'Jürgen Weiß');
  assert.deepEqual(c.emails, [
    { address: 'J.Weiss@Example.DE', normalized: 'j.weiss@example.de' },
    { address: 'jw@home.example', normalized: 'jw@home.example' },
  ]);
  assert.deepEqual(c.primaryEmail, c.emails[0]);
  assert.deepEqual(c.phones, [
    { number: '030 1234567', e164: '+49301234567', extension: null, kind: 'work' },
    { number: '+49 171 1234567 x12', e164: '+491711234567', extension: '12', kind: 'mobile' },
  ]);
  assert.deepEqual(c.addresses, [
    {
      lines: ['Unter den Linden 1'],
      locality: 'Berlin',
      region: null,
      postalCode: '10117',
      country: 'DE',
      label: 'work',
    },
  ]);
  assert.equal(c.birthday, '--05-17');
  assert.equal(c.timeZone, 'Europe/Berlin');
  assert.deepEqual(c.tags, ['newsletter', 'vip']);
  // Keys of user maps are kept as given.
  assert.deepEqual(c.attributes, {
    plan_tier: { type: 'text', value: 'gold' },
    seatCount: { type: 'number', value: 12 },
  });
  assert.equal(c.owner, 'sam');
  assert.equal(c.source, 'web');
  assert.equal(c.company, 'ACME GmbH');
  assert.equal(c.stage, 'subscriber');
  assert.ok(c.createdAt instanceof Date);
  assert.equal(c.createdAt.getTime(), T0.getTime());
  assert.equal(c.updatedAt.getTime(), T0.getTime());
  assert.deepEqual(c.stageHistory, [
    { from: null, to: 'subscriber', at: T0, actor: 'importer', reason: null },
  ]);
  assert.deepEqual(crm.customer(c.id), c, 'reading it again gives the same object');
});

test('a minimal customer has every key, null or empty', () => {
  const crm = fixedCrm();
  const c = crm.createCustomer({ emails: ['solo@example.com'] });
  for (const k of ['givenName', 'familyName', 'birthday', 'timeZone', 'owner', 'source', 'company']) {
    assert.equal(c[k], null, k);
  }
  for (const k of ['phones', 'addresses', 'tags']) assert.deepEqual(c[k], [], k);
  assert.deepEqual(c.attributes, {});
  assert.equal(c.displayName, 'solo@example.com', 'falls back to the primary email');
});

test('update: null clears, missing keeps, lists replace, tags and attributes patch', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({
    givenName: 'Ada',
    familyName: 'Lovelace',
    company: 'Analytical Engines',
    owner: 'sam',
    tags: ['x', 'y'],
    attributes: { score: { type: 'number', value: 1 }, keep: { type: 'bool', value: true } },
  });
  crm.advance(DAY);
  const b = crm.updateCustomer(a.id, {
    company: null,
    familyName: 'King',
    addTags: ['Z'],
    removeTags: ['x'],
    setAttributes: { score: { type: 'number', value: 2 }, since: { type: 'date', value: '2026-02-01' } },
    removeAttributes: ['keep'],
    emails: ['ada@example.org'],
    birthday: '1815-12-10',
  });
  assert.equal(b.company, null);
  assert.equal(b.owner, 'sam', 'missing keeps');
  assert.equal(b.givenName, 'Ada');
  assert.equal(b.familyName, 'King');
  assert.equal(b.displayName, 'Ada King');
  assert.deepEqual(b.tags, ['y', 'z']);
  assert.deepEqual(b.attributes, {
    score: { type: 'number', value: 2 },
    since: { type: 'date', value: '2026-02-01' },
  });
  assert.deepEqual(b.emails.map((e) => e.normalized), ['ada@example.org']);
  assert.equal(b.birthday, '1815-12-10');
  assert.equal(b.updatedAt.getTime(), at(1).getTime());
  assert.equal(b.createdAt.getTime(), T0.getTime());
  // An `undefined` value means "missing".
  const c = crm.updateCustomer(a.id, { owner: undefined, source: 'fair' });
  assert.equal(c.owner, 'sam');
  assert.equal(c.source, 'fair');
});

test('finding customers by email, phone, tag, owner and stage', () => {
  const crm = fixedCrm({ defaultRegion: 'GB' });
  const a = crm.createCustomer({ givenName: 'A', emails: ['a@example.com'], phones: [{ number: '020 7946 0018' }], tags: ['VIP'], owner: 'sam' });
  const b = crm.createCustomer({ givenName: 'B', phones: [{ number: '+44 20 7946 0018' }], owner: 'kim', stage: 'lead' });
  assert.equal(crm.findByEmail('  A@EXAMPLE.com ')?.id, a.id);
  assert.equal(crm.findByEmail('nobody@example.com'), null);
  assert.equal(crm.findByEmail('not an email'), null);
  assert.deepEqual(crm.findByPhone('+442079460018').map((c) => c.id), [a.id, b.id]);
  assert.deepEqual(crm.findByPhone('garbage'), []);
  assert.deepEqual(crm.customersWithTag('vip').map((c) => c.id), [a.id]);
  assert.deepEqual(crm.customersOwnedBy('kim').map((c) => c.id), [b.id]);
  assert.deepEqual(crm.customersInStage('Lead').map((c) => c.id), [b.id]);
  assert.deepEqual(crm.customers().map((c) => c.id), [a.id, b.id]);
  assert.equal(crm.size, 2);
});

test('stages: moves, history, funnel, time in stage', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A' });
  crm.advance(2 * DAY);
  crm.changeStage(a.id, 'lead', { actor: 'sam' });
  crm.advance(3 * DAY);
  crm.changeStage(a.id, 'Sales Qualified');
  crm.advance(DAY);
  const back = crm.changeStage(a.id, 'lead', { reason: 'budget frozen', actor: 'kim' });
  assert.equal(back.stage, 'lead');
  assert.deepEqual(back.stageHistory.at(-1), {
    from: 'sales_qualified',
    to: 'lead',
    at: at(6),
    actor: 'kim',
    reason: 'budget frozen',
  });
  assert.equal(back.stageHistory.length, 4);
  crm.advance(DAY);
  assert.equal(crm.enteredStageAt(a.id, 'lead').getTime(), at(6).getTime(), 'last entry');
  assert.equal(crm.enteredStageAt(a.id, 'customer'), null);
  assert.equal(crm.timeInStageMs(a.id, 'lead'), 4 * DAY, '3 days, then 1 more so far');
  assert.equal(crm.timeInStageMs(a.id, 'subscriber'), 2 * DAY);
  const counts = crm.stageCounts();
  assert.equal(counts.length, 9);
  assert.deepEqual(counts[0], { stage: 'subscriber', count: 0 });
  assert.deepEqual(counts.find((s) => s.stage === 'lead'), { stage: 'lead', count: 1 });
  assert.deepEqual(crm.lifecycle.ordered.slice(0, 2), ['subscriber', 'lead']);
  assert.deepEqual(crm.lifecycle.side, ['disqualified', 'churned']);
});

test('a custom lifecycle model', () => {
  const crm = fixedCrm({ lifecycle: { name: 'b2b', ordered: ['Prospect', 'Trial', 'Paying'], side: ['Lost'] } });
  const a = crm.createCustomer({ givenName: 'A' });
  assert.equal(a.stage, 'prospect');
  assert.equal(crm.changeStage(a.id, 'paying').stage, 'paying');
  assert.equal(crm.changeStage(a.id, 'lost').stage, 'lost');
  assert.deepEqual(crm.lifecycle, { name: 'b2b', ordered: ['prospect', 'trial', 'paying'], side: ['lost'] });
  assert.throws(() => crm.changeStage(a.id, 'lead'), { code: 'invalid_stage' });
  // Its journal and snapshot load with its model only.
  assert.throws(() => Crm.replay(crm.eventsJson()), { name: 'DecodeError', code: 'decode', message: /stage "lost"/ });
  assert.throws(() => Crm.fromSnapshot(crm.snapshotJson()), { code: 'decode' });
  assert.ok(Crm.replay(crm.eventsJson(), { lifecycle: crm.lifecycle }).equals(crm));
});

test('interactions: logging, purchases, Dates in and out', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A' });
  const sale = crm.logInteraction({
    customerId: a.id,
    channel: 'in_person',
    direction: 'inbound',
    kind: 'sale',
    at: at(-1),
    subject: '  Tea order ',
    actor: 'kim',
    purchase: {
      currency: 'eur',
      items: [
        { name: 'Tea', quantity: 3, unitPriceMinor: 450, sku: 'T-1' },
        { name: 'Pot', quantity: 1, unitPriceMinor: 2500 },
      ],
    },
  });
  assert.equal(sale.customerId, a.id);
  assert.equal(sale.at.getTime(), at(-1).getTime());
  assert.equal(sale.subject, 'Tea order');
  assert.equal(sale.body, null);
  assert.equal(sale.caseId, null);
  assert.deepEqual(sale.purchase, {
    total: { amountMinor: 3850, currency: 'EUR' },
    items: [
      { name: 'Tea', sku: 'T-1', quantity: 3, unitPriceMinor: 450 },
      { name: 'Pot', sku: null, quantity: 1, unitPriceMinor: 2500 },
    ],
  });
  // Without `at`, the clock's now; kind defaults to a note; RFC 3339 text works as a date too.
  const note = crm.logInteraction({ customerId: a.id, channel: 'Web Form', direction: 'outbound' });
  assert.equal(note.at.getTime(), T0.getTime());
  assert.equal(note.kind, 'note');
  assert.equal(note.channel, 'web_form');
  const text = crm.logInteraction({ customerId: a.id, channel: 'sms', direction: 'outbound', at: '2026-01-06T10:00:00+01:00' });
  assert.equal(text.at.getTime(), Date.parse('2026-01-06T09:00:00Z'));
  assert.deepEqual(crm.interaction(sale.id), sale);
});

test('timeline filters, last contact and outbound touches', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A' });
  const log = (day, channel, direction, kind = 'note') =>
    crm.logInteraction({ customerId: a.id, channel, direction, kind, at: at(day), subject: `${channel}@${day}` });
  log(-10, 'email', 'outbound', 'marketing');
  log(-7, 'phone', 'inbound', 'inquiry');
  log(-5, 'email', 'outbound');
  log(-2, 'phone', 'outbound');
  log(-1, 'chat', 'inbound', 'support');
  const subjects = (list) => list.map((i) => i.subject);
  assert.deepEqual(subjects(crm.timeline(a.id)), ['email@-10', 'phone@-7', 'email@-5', 'phone@-2', 'chat@-1']);
  assert.deepEqual(subjects(crm.timeline(a.id, { from: at(-7), to: at(-2) })), ['phone@-7', 'email@-5']);
  assert.deepEqual(subjects(crm.timeline(a.id, { channels: ['email', 'chat'] })), ['email@-10', 'email@-5', 'chat@-1']);
  assert.deepEqual(subjects(crm.timeline(a.id, { direction: 'inbound' })), ['phone@-7', 'chat@-1']);
  assert.deepEqual(subjects(crm.timeline(a.id, { kinds: ['marketing', 'support'] })), ['email@-10', 'chat@-1']);
  const last = crm.lastContact(a.id);
  assert.equal(last.any.subject, 'chat@-1');
  assert.equal(last.inbound.subject, 'chat@-1');
  assert.equal(last.outbound.subject, 'phone@-2');
  assert.equal(crm.outboundTouches(a.id, at(-30), at(0)), 3);
  assert.equal(crm.outboundTouches(a.id, at(-30), at(0), 'email'), 2);
  assert.equal(crm.outboundTouches(a.id, at(-5), at(-2)), 1, '[from, to)');
  const b = crm.createCustomer({ givenName: 'B' });
  assert.deepEqual(crm.lastContact(b.id), { any: null, inbound: null, outbound: null });
  assert.deepEqual(crm.timeline(b.id), []);
});

test('cases: a complaint opens one, resolving closes it', () => {
  const crm = fixedCrm();
  const a = crm.createCustomer({ givenName: 'A' });
  const complaint = crm.logInteraction({
    customerId: a.id,
    channel: 'email',
    direction: 'inbound',
    kind: 'complaint',
    subject: 'Broken lid',
  });
  assert.ok(complaint.caseId);
  const opened = crm.case(complaint.caseId);
  assert.deepEqual(opened, {
    id: complaint.caseId,
    customerId: a.id,
    subject: 'Broken lid',
    openedBy: complaint.id,
    openedAt: T0,
    status: 'open',
    resolvedAt: null,
    resolution: null,
    resolvedBy: null,
    priority: null,
  });
  // A follow-up on the same case does not open another.
  const followUp = crm.logInteraction({ customerId: a.id, channel: 'phone', direction: 'outbound', kind: 'complaint', caseId: complaint.caseId });
  assert.equal(followUp.caseId, complaint.caseId);
  assert.equal(crm.openCases().length, 1);
  crm.advance(DAY);
  const resolved = crm.resolveCase(complaint.caseId, 'Replacement sent', { actor: 'kim' });
  assert.equal(resolved.status, 'resolved');
  assert.equal(resolved.resolution, 'Replacement sent');
  assert.equal(resolved.resolvedBy, 'kim');
  assert.equal(resolved.resolvedAt.getTime(), at(1).getTime());
  assert.deepEqual(crm.openCases(), []);
  assert.deepEqual(crm.casesOf(a.id), [resolved]);
  assert.throws(() => crm.resolveCase(complaint.caseId, 'again'), { name: 'ValidationError', code: 'invalid_value' });
});

test('the clock: setNow, advance, now', () => {
  const crm = fixedCrm();
  assert.equal(crm.now.getTime(), T0.getTime());
  crm.advance(90 * 60 * 1000);
  assert.equal(crm.now.getTime(), T0.getTime() + 90 * 60 * 1000);
  crm.setNow(new Date('2027-03-01T00:00:00Z'));
  assert.equal(crm.createCustomer({ givenName: 'A' }).createdAt.toISOString(), '2027-03-01T00:00:00.000Z');
  crm.advance(-DAY);
  assert.equal(crm.now.toISOString(), '2027-02-28T00:00:00.000Z');
  const live = new Crm();
  const before = Date.now();
  const c = live.createCustomer({ givenName: 'Now' });
  assert.ok(Math.abs(c.createdAt.getTime() - before) < 60_000, 'the system clock is read');
});

test('the journal: JSON Lines, replay rebuilds an equal book, same seed same ids', () => {
  const build = () => {
    const crm = fixedCrm();
    const a = crm.createCustomer({ givenName: 'A', emails: ['a@example.com'], attributes: { vip: { type: 'bool', value: true } } });
    crm.advance(DAY);
    crm.changeStage(a.id, 'customer');
    crm.updateCustomer(a.id, { company: 'ACME', addTags: ['x'] });
    const c = crm.logInteraction({ customerId: a.id, channel: 'email', direction: 'inbound', kind: 'complaint' });
    crm.resolveCase(c.caseId, 'done');
    return crm;
  };
  const crm = build();
  const json = crm.eventsJson();
  const lines = json.trimEnd().split('\n');
  assert.equal(lines.length, crm.eventCount);
  // Resolving a case also schedules the core's check-back follow-up.
  assert.equal(lines.length, 7);
  assert.deepEqual(
    lines.map((l) => JSON.parse(l).event.type),
    ['customer_created', 'stage_changed', 'customer_updated', 'interaction_logged', 'case_opened', 'case_resolved', 'follow_up_scheduled'],
  );
  const again = Crm.replay(json);
  assert.ok(again.equals(crm));
  assert.ok(crm.equals(crm));
  assert.equal(again.eventsJson(), json);
  assert.deepEqual(again.customers(), crm.customers());
  // A JSON array of events is read too.
  assert.ok(Crm.replay(`[${lines.join(',')}]`).equals(crm));
  // Same seed, same clock, same commands: the same ids and the same journal.
  assert.equal(build().eventsJson(), json);
  // A replayed book keeps working, with fresh ids.
  const b = again.createCustomer({ givenName: 'B' });
  assert.ok(!crm.customers().some((c) => c.id === b.id));
  assert.ok(!again.equals(crm));
  const empty = fixedCrm();
  assert.ok(!empty.equals(crm));
  assert.ok(Crm.replay('').equals(empty));
});

test('explicit ids are kept', () => {
  const crm = fixedCrm();
  const id = '0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11';
  const a = crm.createCustomer({ id, givenName: 'A' });
  assert.equal(a.id, id);
  assert.throws(() => crm.createCustomer({ id, givenName: 'B' }), { name: 'ConflictError', field: 'id' });
  const iid = '0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a12';
  assert.equal(crm.logInteraction({ id: iid, customerId: id, channel: 'email', direction: 'inbound' }).id, iid);
});

test('free() releases the book', () => {
  const crm = fixedCrm();
  crm.createCustomer({ givenName: 'A' });
  crm.free();
  assert.throws(() => crm.size);
});

test('instants beyond year 9999 come back as Dates', () => {
  const crm = fixedCrm();
  crm.setNow(new Date('+010000-01-01T00:00:00Z'));
  const far = crm.createCustomer({ givenName: 'Far' });
  assert.ok(far.createdAt instanceof Date);
  assert.equal(far.createdAt.getUTCFullYear(), 10000);
  assert.ok(Crm.replay(crm.eventsJson()).customer(far.id).createdAt instanceof Date);
});
