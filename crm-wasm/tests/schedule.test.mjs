// Scheduling: follow-ups (recurring across DST), consent, and canContact with the
// book's contact policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Crm, DAY, T0, fixedCrm, thrown } from './helpers.mjs';

const HOUR = 3600 * 1000;

/** A book whose customers live in Berlin, and one customer. */
function berlinBook(options = {}) {
  const crm = fixedCrm({ timeZone: 'Europe/Berlin', ...options });
  const ada = crm.createCustomer({ givenName: 'Ada', emails: ['ada@example.com'], owner: 'sam' });
  return { crm, ada };
}

function berlinTime(d) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

function expectValidation(fn, code, field) {
  const err = thrown(fn);
  assert.ok(err instanceof Error, String(err));
  assert.equal(err.name, 'ValidationError', err.message);
  assert.equal(err.code, code, err.message);
  assert.equal(err.field, field, err.message);
  return err;
}

test('scheduleFollowUp returns a plain follow-up with Dates and defaults', () => {
  const { crm, ada } = berlinBook();
  const due = new Date('2026-01-07T10:00:00Z');
  const f = crm.scheduleFollowUp({ customerId: ada.id, due, channel: 'phone', note: 'Call back' });
  assert.equal(typeof f.id, 'string');
  assert.equal(f.customerId, ada.id);
  assert.ok(f.due instanceof Date && f.seriesStart instanceof Date && f.planned instanceof Date);
  assert.equal(f.due.getTime(), due.getTime());
  assert.equal(f.kind, 'task');
  assert.equal(f.priority, 'normal');
  assert.equal(f.channel, 'phone');
  assert.equal(f.owner, 'sam'); // the customer's owner
  assert.equal(f.status, 'open');
  assert.equal(f.origin, 'manual');
  assert.equal(f.recurrence, null);
  assert.equal(f.closedAt, null);
  assert.equal(f.occurrence, 0);
  assert.deepEqual(crm.followUp(f.id), f);
  assert.deepEqual(crm.followUpsOf(ada.id), [f]);
  assert.deepEqual(crm.nextPlannedContact(ada.id), f);
});

test('a weekly follow-up stays at 09:00 Berlin across the DST change; complete yields the next', () => {
  const { crm, ada } = berlinBook();
  const first = crm.scheduleFollowUp({
    customerId: ada.id,
    due: new Date('2026-03-23T08:00:00Z'),
    kind: 'call',
    priority: 'high',
    recurrence: 'FREQ=WEEKLY',
  });
  assert.equal(first.recurrence, 'FREQ=WEEKLY');
  assert.equal(berlinTime(first.due), 'Mon 09:00');
  const next = crm.completeFollowUp(first.id, { actor: 'sam' });
  assert.notEqual(next, null);
  assert.equal(next.due.toISOString(), '2026-03-30T07:00:00.000Z');
  assert.equal(berlinTime(next.due), 'Mon 09:00');
  assert.equal(next.occurrence, 1);
  assert.equal(next.kind, 'call');
  assert.equal(next.priority, 'high');
  assert.equal(next.seriesStart.toISOString(), '2026-03-23T08:00:00.000Z');
  const done = crm.followUp(first.id);
  assert.equal(done.status, 'done');
  assert.ok(done.closedAt instanceof Date);
  assert.equal(done.closedAt.getTime(), T0.getTime());
  assert.deepEqual(crm.nextPlannedContact(ada.id), next);
  // A one-off yields nothing.
  const once = crm.scheduleFollowUp({ customerId: ada.id, due: new Date('2026-02-01T09:00:00Z') });
  assert.equal(crm.completeFollowUp(once.id), null);
});

test('reschedule, snooze, cancel and dueFollowUps', () => {
  const { crm, ada } = berlinBook();
  const a = crm.scheduleFollowUp({ customerId: ada.id, due: new Date('2026-01-06T09:00:00Z') });
  const b = crm.scheduleFollowUp({ customerId: ada.id, due: new Date('2026-01-08T09:00:00Z') });
  const moved = crm.rescheduleFollowUp(a.id, new Date('2026-01-10T09:00:00Z'), { actor: 'kim' });
  assert.equal(moved.due.toISOString(), '2026-01-10T09:00:00.000Z');
  assert.deepEqual(
    crm.dueFollowUps(new Date('2026-01-09T00:00:00Z')).map((f) => f.id),
    [b.id],
  );
  const snoozed = crm.snoozeFollowUp(b.id, new Date('2026-01-12T09:00:00Z'));
  assert.equal(snoozed.status, 'snoozed');
  assert.equal(snoozed.planned.toISOString(), '2026-01-08T09:00:00.000Z');
  assert.equal(snoozed.due.toISOString(), '2026-01-12T09:00:00.000Z');
  assert.deepEqual(crm.dueFollowUps(new Date('2026-01-09T00:00:00Z')), []);
  const cancelled = crm.cancelFollowUp(a.id);
  assert.equal(cancelled.status, 'cancelled');
  assert.deepEqual(crm.nextPlannedContact(ada.id).id, b.id);
  // A snooze must end in the future.
  expectValidation(() => crm.snoozeFollowUp(b.id, new Date(T0.getTime() - DAY)), 'invalid_value', 'until');
});

test('completing a cancelled follow-up throws and changes nothing; the book stays usable', () => {
  const { crm, ada } = berlinBook();
  const f = crm.scheduleFollowUp({ customerId: ada.id, due: new Date('2026-01-06T09:00:00Z') });
  crm.cancelFollowUp(f.id);
  const before = crm.eventsJson();
  const err = expectValidation(() => crm.completeFollowUp(f.id), 'invalid_value', 'status');
  assert.equal(err.value, 'cancelled');
  assert.equal(crm.eventsJson(), before);
  assert.equal(crm.followUp(f.id).status, 'cancelled');
  // Unknown follow-ups and malformed ids.
  const missing = thrown(() => crm.followUp('0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11'));
  assert.equal(missing.name, 'NotFoundError');
  assert.equal(thrown(() => crm.followUp('nope')).name, 'ValidationError');
  // Still usable.
  const g = crm.scheduleFollowUp({ customerId: ada.id, due: new Date('2026-01-07T09:00:00Z') });
  assert.equal(crm.completeFollowUp(g.id), null);
  assert.equal(crm.followUp(g.id).status, 'done');
});

test('an unsupported RRULE names the field recurrence; other bad input names its field', () => {
  const { crm, ada } = berlinBook();
  const events = crm.eventCount;
  const err = expectValidation(
    () => crm.scheduleFollowUp({ customerId: ada.id, due: T0, recurrence: 'FREQ=HOURLY' }),
    'invalid_value',
    'recurrence',
  );
  assert.match(err.message, /HOURLY/);
  expectValidation(() => crm.scheduleFollowUp({ customerId: ada.id, due: T0, kind: 'lunch' }), 'invalid_value', 'kind');
  expectValidation(() => crm.scheduleFollowUp({ customerId: ada.id, due: T0, priority: 'asap' }), 'invalid_value', 'priority');
  expectValidation(() => crm.scheduleFollowUp({ customerId: ada.id }), 'invalid_date', 'due');
  assert.equal(crm.eventCount, events);
  assert.deepEqual(crm.followUpsOf(ada.id), []);
});

test('contact policy options: a cap of zero, bad quiet hours and a bad zone throw', () => {
  expectValidation(
    () => new Crm({ now: T0, contactPolicy: { caps: [{ channel: 'email', max: 0, windowMs: DAY }] } }),
    'invalid_value',
    'policy.caps',
  );
  const same = thrown(() => new Crm({ contactPolicy: { quietHours: { start: '08:00', end: '08:00' } } }));
  assert.equal(same.name, 'ValidationError');
  assert.equal(same.code, 'invalid_value');
  const zone = thrown(() => new Crm({ timeZone: 'Mars/Olympus' }));
  assert.equal(zone.code, 'invalid_time_zone');
  assert.equal(zone.field, 'time_zone');
});

test('canContact inside quiet hours gives the earliest allowed time', () => {
  const { crm, ada } = berlinBook({ contactPolicy: { quietHours: { start: '20:00', end: '08:00' } } });
  // Monday 21:30 in Berlin.
  const d = crm.canContact(ada.id, 'phone', new Date('2026-01-05T20:30:00Z'));
  assert.equal(d.allowed, false);
  assert.equal(d.overridden, null);
  assert.ok(d.earliest instanceof Date);
  assert.equal(d.earliest.toISOString(), '2026-01-06T07:00:00.000Z'); // Tuesday 08:00 Berlin
  assert.deepEqual(d.reasons.map((r) => r.code), ['quiet_hours']);
  assert.equal(d.reasons[0].until.toISOString(), '2026-01-06T07:00:00.000Z');
  assert.equal(typeof d.reasons[0].message, 'string');
  // Allowed at that time.
  const ok = crm.canContact(ada.id, 'phone', d.earliest);
  assert.deepEqual(ok, { allowed: true, earliest: d.earliest, reasons: [], overridden: null });
  // Transactional touches are exempt by default.
  assert.equal(crm.canContact(ada.id, 'phone', new Date('2026-01-05T20:30:00Z'), { category: 'transactional' }).allowed, true);
});

test('a frequency cap blocks until the window passes; an override lifts it', () => {
  const { crm, ada } = berlinBook({
    contactPolicy: { caps: [{ channel: 'email', max: 1, windowMs: DAY }], quietHours: null, allowWeekends: true },
  });
  crm.logInteraction({ customerId: ada.id, channel: 'email', direction: 'outbound', at: T0 });
  const at = new Date(T0.getTime() + HOUR);
  const d = crm.canContact(ada.id, 'email', at);
  assert.equal(d.allowed, false);
  assert.deepEqual(d.reasons.map((r) => r.code), ['frequency_cap']);
  assert.equal(d.earliest.getTime(), T0.getTime() + DAY);
  assert.equal(crm.canContact(ada.id, 'phone', at).allowed, true);
  const o = crm.canContact(ada.id, 'email', at, { overrideReason: 'customer asked' });
  assert.equal(o.allowed, true);
  assert.equal(o.overridden, 'customer asked');
  assert.equal(crm.daysSinceLastContact(ada.id), 0);
  crm.advance(3 * DAY);
  assert.equal(crm.daysSinceLastContact(ada.id), 3);
});

test('do-not-contact blocks with earliest null; consent is a plain object with Dates', () => {
  const { crm, ada } = berlinBook();
  assert.deepEqual(ada.consent, { channels: {}, marketing: null, doNotContact: null });
  assert.equal(crm.daysSinceLastContact(ada.id), null);
  const updated = crm.setConsent(ada.id, 'do_not_contact', 'granted', { source: 'phone call', actor: 'kim' });
  assert.equal(updated.consent.doNotContact.status, 'granted');
  assert.equal(updated.consent.doNotContact.source, 'phone call');
  assert.ok(updated.consent.doNotContact.at instanceof Date);
  assert.equal(updated.consent.doNotContact.at.getTime(), T0.getTime());
  const d = crm.canContact(ada.id, 'phone', new Date('2026-01-06T10:00:00Z'));
  assert.equal(d.allowed, false);
  assert.equal(d.earliest, null);
  assert.equal(d.reasons[0].code, 'do_not_contact');
  assert.equal(d.reasons[0].until, null);
  // Channel scopes keep the channel's own spelling as key.
  const c = crm.setConsent(ada.id, 'in_person', 'denied');
  assert.equal(c.consent.channels.in_person.status, 'denied');
  assert.equal(c.consent.channels.in_person.source, null);
  assert.deepEqual(crm.customer(ada.id).consent, c.consent);
  // Marketing needs an opt-in.
  const m = crm.canContact(ada.id, 'email', new Date('2026-01-06T10:00:00Z'), { category: 'marketing' });
  assert.equal(m.allowed, false);
  expectValidation(() => crm.setConsent(ada.id, 'pigeon', 'granted'), 'invalid_value', 'scope');
  expectValidation(() => crm.setConsent(ada.id, 'marketing', 'maybe'), 'invalid_value', 'status');
  expectValidation(() => crm.canContact(ada.id, 'email', T0, { category: 'spam' }), 'invalid_value', 'category');
});

test('replay after scheduling and consent gives an equal book', () => {
  const options = { now: T0, seed: 42, timeZone: 'Europe/Berlin' };
  const { crm, ada } = berlinBook();
  const f = crm.scheduleFollowUp({ customerId: ada.id, due: new Date('2026-03-23T08:00:00Z'), recurrence: 'FREQ=WEEKLY;COUNT=3' });
  const next = crm.completeFollowUp(f.id);
  crm.snoozeFollowUp(next.id, new Date('2026-04-01T08:00:00Z'));
  crm.setConsent(ada.id, 'marketing', 'granted', { source: 'signup form' });
  const copy = Crm.replay(crm.eventsJson(), options);
  assert.ok(copy.equals(crm));
  assert.deepEqual(copy.followUpsOf(ada.id), crm.followUpsOf(ada.id));
  assert.deepEqual(copy.customer(ada.id).consent, crm.customer(ada.id).consent);
  // And a changed book is not equal.
  copy.cancelFollowUp(next.id);
  assert.ok(!copy.equals(crm));
});

test('resolving a case schedules the core check-back follow-up', () => {
  const { crm, ada } = berlinBook();
  const c = crm.logInteraction({ customerId: ada.id, channel: 'email', direction: 'inbound', kind: 'complaint' });
  crm.resolveCase(c.caseId, 'refund');
  const [f] = crm.followUpsOf(ada.id);
  assert.equal(f.origin, 'case_check');
  assert.equal(f.kind, 'check_back');
  assert.ok(f.due > T0);
});
