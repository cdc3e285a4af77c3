// The agenda: planned follow-ups, cadences, response promises and birthdays, each moved to
// its earliest allowed contact time (CrmOptions.agenda and crm.agenda).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Crm, DAY, thrown } from './helpers.mjs';

const HOUR = 3600 * 1000;
const NOW = new Date('2026-03-10T10:00:00Z'); // Tuesday 11:00 in Berlin (CET, UTC+1)

const AGENDA = {
  cadences: [{ everyDays: 7, tag: 'vip' }],
  responsePromise: {
    timeZone: 'Europe/Berlin',
    // Mondays end at 16:30; Tuesday 10 March is a holiday.
    hours: { mon: [{ start: '09:00', end: '16:30' }] },
    holidays: ['2026-03-10'],
    inquiryMs: 4 * HOUR,
    complaintMs: 2 * HOUR,
  },
  birthdayLeadDays: [1, 0],
  reminderTime: '09:30',
};
const OPTIONS = { now: new Date('2026-03-02T10:00:00Z'), seed: 7, timeZone: 'Europe/Berlin', agenda: AGENDA };

function expectValidation(fn, field) {
  const err = thrown(fn);
  assert.ok(err instanceof Error, String(err));
  assert.equal(err.name, 'ValidationError', err.message);
  assert.equal(err.code, 'invalid_value', err.message);
  if (field !== undefined) assert.equal(err.field, field, err.message);
  return err;
}

/** Berlin customers Ada (owner sam, birthday 12 March, an open inquiry, a late-evening
 * follow-up) and Bob (owner kim, tagged vip, never contacted); the clock at NOW. */
function book(options = OPTIONS) {
  const crm = new Crm(options);
  const ada = crm.createCustomer({ givenName: 'Ada', emails: ['ada@example.com'], owner: 'sam', birthday: '1990-03-12' });
  const bob = crm.createCustomer({ givenName: 'Bob', emails: ['bob@example.com'], owner: 'kim', tags: ['VIP'] });
  crm.setNow(new Date('2026-03-09T15:00:00Z')); // Monday 16:00 Berlin
  const inquiry = crm.logInteraction({ customerId: ada.id, channel: 'email', direction: 'inbound', kind: 'inquiry' });
  // Thursday 22:00 Berlin: inside the default quiet hours (20:00–08:00).
  const late = crm.scheduleFollowUp({ customerId: ada.id, due: new Date('2026-03-12T21:00:00Z'), kind: 'call', channel: 'phone' });
  crm.setNow(NOW);
  return { crm, ada, bob, inquiry, late };
}

test('the agenda lists every origin: overdue first, then priority, then contact time', () => {
  const { crm, ada, bob, inquiry, late } = book();
  const items = crm.agenda({ now: NOW });
  assert.deepEqual(
    items.map((i) => [i.origin, i.customerId === ada.id ? 'ada' : i.customerId === bob.id ? 'bob' : '?']),
    [
      ['cadence', 'bob'],
      ['response_promise', 'ada'],
      ['important_date', 'ada'],
      ['important_date', 'ada'],
      ['manual', 'ada'],
    ],
  );
  const [cadence, promise, before, birthday, planned] = items;
  // Bob, created 2 March and never contacted: due 7 days later, overdue, contact now.
  assert.equal(cadence.due.toISOString(), '2026-03-09T10:00:00.000Z');
  assert.equal(cadence.overdue, true);
  assert.equal(cadence.contactAt.getTime(), NOW.getTime());
  assert.equal(cadence.owner, 'kim');
  assert.equal(cadence.kind, 'call');
  assert.equal(cadence.followUpId, null);
  assert.match(cadence.reason, /every 7 days/);
  // The inquiry of Monday 16:00: 30 min on Monday, Tuesday a holiday, 3.5 h on Wednesday.
  assert.equal(promise.interactionId, inquiry.id);
  assert.equal(promise.channel, 'email');
  assert.equal(promise.priority, 'high');
  assert.equal(promise.overdue, false);
  assert.equal(promise.due.toISOString(), '2026-03-11T11:30:00.000Z'); // Wed 12:30 Berlin
  // Birthday reminders at 09:30 Berlin, the day before and on the day.
  assert.equal(before.kind, 'birthday');
  assert.equal(before.due.toISOString(), '2026-03-11T08:30:00.000Z');
  assert.equal(birthday.due.toISOString(), '2026-03-12T08:30:00.000Z');
  assert.ok(before.contactAt instanceof Date);
  // Every item has every key.
  for (const i of items) {
    assert.deepEqual(Object.keys(i).sort(), [
      'channel', 'contactAt', 'customerId', 'due', 'followUpId', 'interactionId', 'kind',
      'movedBy', 'origin', 'overdue', 'owner', 'priority', 'reason',
    ]);
    assert.ok(i.due instanceof Date);
    assert.ok(Array.isArray(i.movedBy));
  }
  assert.equal(planned.followUpId, late.id);
});

test('a follow-up due in quiet hours moves to 08:00 Berlin the next morning', () => {
  const { crm, late } = book();
  const item = crm.agenda({ now: NOW }).find((i) => i.followUpId === late.id);
  assert.ok(item);
  assert.equal(item.due.toISOString(), '2026-03-12T21:00:00.000Z');
  assert.equal(item.contactAt.toISOString(), '2026-03-13T07:00:00.000Z'); // Fri 08:00 CET
  assert.equal(item.movedBy[0].code, 'quiet_hours');
  assert.equal(item.movedBy[0].until.toISOString(), '2026-03-13T07:00:00.000Z');
  assert.equal(typeof item.movedBy[0].message, 'string');
  assert.equal(item.channel, 'phone');
  assert.equal(item.owner, 'sam');
});

test('owner, channel and window filters', () => {
  const { crm, ada, bob } = book();
  const kim = crm.agenda({ now: NOW, owner: 'kim' });
  assert.deepEqual(kim.map((i) => [i.customerId, i.origin]), [[bob.id, 'cadence']]);
  const sam = crm.agenda({ now: NOW, owner: 'sam' });
  assert.equal(sam.length, 4);
  assert.ok(sam.every((i) => i.customerId === ada.id && i.owner === 'sam'));
  assert.deepEqual(crm.agenda({ now: NOW, owner: 'nobody' }), []);
  assert.deepEqual(crm.agenda({ now: NOW, channel: 'email' }).map((i) => i.origin), ['response_promise']);
  // Half a day ahead: only the overdue cadence (tomorrow's birthday reminder is out).
  assert.deepEqual(
    crm.agenda({ now: NOW, windowMs: DAY / 2 }).map((i) => i.origin),
    ['cadence'],
  );
  assert.deepEqual(crm.agenda({ now: NOW, tag: 'vip' }).map((i) => i.customerId), [bob.id]);
});

test('a negative window, a bad query and a bad channel throw ValidationError', () => {
  const { crm } = book();
  expectValidation(() => crm.agenda({ now: NOW, windowMs: -1 }), 'window');
  assert.equal(thrown(() => crm.agenda({ windowMs: DAY })).name, 'ValidationError');
  expectValidation(() => crm.agenda({ now: NOW, channel: 'pigeon' }), 'channel');
  expectValidation(() => crm.agenda(42), 'query');
});

test('bad agenda settings throw ValidationError: a cadence of 0 days, bad hours, a bad time', () => {
  expectValidation(() => new Crm({ agenda: { cadences: [{ everyDays: 0 }] } }), 'cadence.every_days');
  // At most a hundred years: a billion days overflowed the calendar (a panic, before).
  expectValidation(() => new Crm({ agenda: { cadences: [{ everyDays: 1e9 }] } }), 'cadence.every_days');
  expectValidation(() => new Crm({ agenda: { caseCheckAfterDays: 1e9 } }), 'case_check_after_days');
  expectValidation(() => new Crm().changeSettings({ agenda: { caseCheckAfterDays: 36526 } }), 'case_check_after_days');
  expectValidation(() => new Crm({ agenda: { cadences: [{ everyDays: -3 }] } }), 'agenda.cadences[0].every_days');
  const promise = { timeZone: 'Europe/Berlin', inquiryMs: HOUR, complaintMs: HOUR };
  expectValidation(
    () => new Crm({ agenda: { responsePromise: { ...promise, hours: { mon: [{ start: '17:00', end: '09:00' }] } } } }),
    'calendar.hours',
  );
  expectValidation(() => new Crm({ agenda: { responsePromise: { ...promise, hours: { monday: [] } } } }), 'agenda.response_promise.hours');
  expectValidation(() => new Crm({ agenda: { responsePromise: { ...promise, inquiryMs: 0 } } }), 'promise.inquiry');
  expectValidation(() => new Crm({ agenda: { reminderTime: '25:00' } }), 'agenda.reminder_time');
  expectValidation(() => new Crm({ agenda: { birthdayLeadDays: [1.5] } }), 'agenda.birthday_lead_days[0]');
  const zone = thrown(() => new Crm({ agenda: { responsePromise: { ...promise, timeZone: 'Mars/Olympus' } } }));
  assert.equal(zone.code, 'invalid_time_zone');
  // The same settings through replay.
  expectValidation(() => Crm.replay('', { agenda: { cadences: [{ everyDays: 0 }] } }), 'cadence.every_days');
});

test('caseCheckAfterDays null turns the case check-back off', () => {
  const crm = new Crm({ now: NOW, seed: 1, agenda: { caseCheckAfterDays: null } });
  const c = crm.createCustomer({ givenName: 'Cy' });
  const complaint = crm.logInteraction({ customerId: c.id, channel: 'email', direction: 'inbound', kind: 'complaint' });
  crm.resolveCase(complaint.caseId, 'refund');
  assert.deepEqual(crm.followUpsOf(c.id), []);
  // Three days checks back three days after resolving.
  const d = new Crm({ now: NOW, seed: 1, agenda: { caseCheckAfterDays: 3 } });
  const dc = d.createCustomer({ givenName: 'Cy' });
  const dcomplaint = d.logInteraction({ customerId: dc.id, channel: 'email', direction: 'inbound', kind: 'complaint' });
  d.resolveCase(dcomplaint.caseId, 'refund');
  const [f] = d.followUpsOf(dc.id);
  assert.equal(f.origin, 'case_check');
  assert.equal(f.due.getTime(), NOW.getTime() + 3 * DAY);
});

test('replay with the same options gives an equal agenda', () => {
  const { crm } = book();
  const copy = Crm.replay(crm.eventsJson(), { ...OPTIONS, now: NOW });
  assert.ok(copy.equals(crm));
  const agenda = crm.agenda({ now: NOW });
  assert.equal(agenda.length, 5);
  assert.deepEqual(copy.agenda({ now: NOW }), agenda);
  // The settings are in the journal: a replay without options gives the same agenda.
  const plain = Crm.replay(crm.eventsJson(), { now: NOW });
  assert.ok(plain.equals(crm));
  assert.deepEqual(plain.agenda({ now: NOW }), agenda);
  // Changing them is recorded too; a replay reproduces the change.
  plain.changeSettings({ agenda: { birthdayLeadDays: [0] }, timeZone: 'Asia/Tokyo', actor: 'lead' });
  const last = JSON.parse(plain.eventsJson().trim().split('\n').pop());
  assert.equal(last.event.type, 'settings_changed');
  assert.equal(last.actor, 'lead');
  assert.equal(last.event.change.time_zone, 'Asia/Tokyo');
  assert.deepEqual(plain.agenda({ now: NOW }).map((i) => i.origin), ['important_date', 'manual']);
  const again = Crm.replay(plain.eventsJson(), { now: NOW });
  assert.ok(again.equals(plain));
  assert.deepEqual(again.agenda({ now: NOW }), plain.agenda({ now: NOW }));
  // Bad settings change nothing.
  const journal = again.eventsJson();
  expectValidation(() => again.changeSettings({ agenda: { cadences: [{ everyDays: 0 }] } }), 'cadence.every_days');
  assert.equal(thrown(() => again.changeSettings({ timeZone: 'Mars/Base' })).code, 'invalid_time_zone');
  expectValidation(() => again.changeSettings(7), 'settings');
  assert.equal(again.eventsJson(), journal);
});

test('responsePromises: the due time to quote, the answer and the state', () => {
  const { crm, ada, bob, inquiry } = book();
  // Monday 16:00 Berlin + 4 business hours (30 min Monday, Tuesday a holiday): Wednesday 12:30.
  const [open] = crm.responsePromises(ada.id);
  assert.deepEqual(Object.keys(open).sort(), [
    'answeredAt', 'channel', 'customerId', 'due', 'interactionId', 'kind', 'priority', 'receivedAt', 'state',
  ]);
  assert.equal(open.priority, null);
  assert.equal(open.interactionId, inquiry.id);
  assert.equal(open.customerId, ada.id);
  assert.equal(open.kind, 'inquiry');
  assert.equal(open.channel, 'email');
  assert.equal(open.receivedAt.toISOString(), '2026-03-09T15:00:00.000Z');
  assert.equal(open.due.toISOString(), '2026-03-11T11:30:00.000Z');
  assert.equal(open.answeredAt, null);
  assert.equal(open.state, 'due');
  // A complaint on the holiday: 2 business hours from Wednesday 09:00, due 11:00 Berlin.
  crm.logInteraction({ customerId: ada.id, channel: 'phone', direction: 'inbound', kind: 'complaint' });
  // One reply on Wednesday 12:00 Berlin: the inquiry in time, the complaint late.
  const reply = new Date('2026-03-11T11:00:00Z');
  crm.setNow(reply);
  crm.logInteraction({ customerId: ada.id, channel: 'phone', direction: 'outbound', kind: 'note' });
  const [answered, complaint] = crm.responsePromises(ada.id);
  assert.equal(answered.state, 'fulfilled_on_time');
  assert.ok(answered.answeredAt instanceof Date);
  assert.equal(answered.answeredAt.getTime(), reply.getTime());
  assert.equal(complaint.kind, 'complaint');
  assert.equal(complaint.channel, 'phone');
  assert.equal(complaint.due.toISOString(), '2026-03-11T10:00:00.000Z');
  assert.equal(complaint.state, 'breached');
  // Bob is owed nothing; a book without a promise promises nothing; unknown ids throw.
  assert.deepEqual(crm.responsePromises(bob.id), []);
  crm.changeSettings({ agenda: {} });
  assert.deepEqual(crm.responsePromises(ada.id), []);
  assert.equal(thrown(() => crm.responsePromises('0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11')).name, 'NotFoundError');
});

test('promised times follow the priority of the message, or of its case', () => {
  const promise = {
    timeZone: 'Europe/Berlin',
    inquiryMs: 4 * HOUR,
    complaintMs: 2 * HOUR,
    priorities: { urgent: { inquiryMs: HOUR, complaintMs: HOUR / 2 }, low: { inquiryMs: 16 * HOUR, complaintMs: 8 * HOUR } },
  };
  const monday = new Date('2026-03-02T09:00:00Z'); // 10:00 in Berlin
  const crm = new Crm({ now: monday, seed: 3, agenda: { responsePromise: promise } });
  const kim = crm.createCustomer({ givenName: 'Kim', owner: 'sam' });
  const urgent = crm.logInteraction({ customerId: kim.id, channel: 'chat', direction: 'inbound', kind: 'inquiry', priority: 'urgent' });
  assert.equal(urgent.priority, 'urgent');
  const plain = crm.logInteraction({ customerId: kim.id, channel: 'chat', direction: 'inbound', kind: 'inquiry' });
  assert.equal(plain.priority, null);
  const complaint = crm.logInteraction({ customerId: kim.id, channel: 'phone', direction: 'inbound', kind: 'complaint', priority: 'low' });
  assert.equal(crm.case(complaint.caseId).priority, 'low');
  crm.logInteraction({ customerId: kim.id, channel: 'phone', direction: 'inbound', kind: 'complaint', caseId: complaint.caseId });
  const at = (h) => new Date(monday.getTime() + h * HOUR).toISOString();
  assert.deepEqual(
    crm.responsePromises(kim.id).map((p) => [p.priority, p.due.toISOString()]),
    // Low complaints: 8 business hours, 7 on Monday and 1 on Tuesday.
    [['urgent', at(1)], [null, at(4)], ['low', at(24)], ['low', at(24)]],
  );
  assert.deepEqual(
    crm.agenda({ now: monday }).filter((i) => i.origin === 'response_promise').map((i) => i.priority),
    ['urgent', 'high', 'low', 'low'],
  );
  expectValidation(
    () => new Crm({ agenda: { responsePromise: { ...promise, priorities: { urgent: { inquiryMs: 0, complaintMs: HOUR } } } } }),
    'promise.inquiry',
  );
  expectValidation(
    () => new Crm({ agenda: { responsePromise: { ...promise, priorities: { asap: { inquiryMs: HOUR, complaintMs: HOUR } } } } }),
    'agenda.response_promise.priorities.asap',
  );
  expectValidation(() => crm.logInteraction({ customerId: kim.id, channel: 'chat', direction: 'inbound', priority: 'asap' }), 'priority');
});

test('owners and teams have their own business hours for promised answers', () => {
  const agenda = {
    responsePromise: { timeZone: 'Europe/Berlin', inquiryMs: 4 * HOUR, complaintMs: 2 * HOUR },
    calendars: {
      owners: { ann: { timeZone: 'America/New_York' } },
      teams: { apac: { timeZone: 'Asia/Tokyo', holidays: ['2026-03-03'] } },
      teamOf: { kim: 'apac' },
    },
  };
  // Monday 2 March 2026, 14:00 UTC: 15:00 in Berlin, 09:00 in New York, 23:00 in Tokyo.
  const at = new Date('2026-03-02T14:00:00Z');
  const crm = new Crm({ now: at, seed: 5, agenda });
  const due = {};
  for (const owner of ['ann', 'kim', 'sam']) {
    const c = crm.createCustomer({ givenName: owner, owner });
    crm.logInteraction({ customerId: c.id, channel: 'email', direction: 'inbound', kind: 'inquiry' });
    due[owner] = crm.responsePromises(c.id)[0].due.toISOString();
  }
  assert.deepEqual(due, {
    ann: '2026-03-02T18:00:00.000Z', // 13:00 in New York
    kim: '2026-03-04T04:00:00.000Z', // Tuesday is the team's holiday: Wednesday 13:00 in Tokyo
    sam: '2026-03-03T10:00:00.000Z', // Tuesday 11:00 in Berlin (the book's calendar)
  });
  const answers = Object.fromEntries(
    crm.agenda({ now: at }).filter((i) => i.origin === 'response_promise').map((i) => [i.owner, i.due.toISOString()]),
  );
  assert.deepEqual(answers, due);
  expectValidation(() => new Crm({ agenda: { calendars: { teamOf: { kim: ' ' } } } }), 'calendars.team_of');
  expectValidation(() => new Crm({ agenda: { calendars: { owners: { ann: { timeZone: 'UTC', hours: { mon: [{ start: '17:00', end: '09:00' }] } } } } } }), 'calendar.hours');
  assert.equal(thrown(() => new Crm({ agenda: { calendars: { teams: { apac: { timeZone: 'Mars/Base' } } } } })).code, 'invalid_time_zone');
});

test('contact can be limited to the business hours of the owner\'s team', () => {
  const at = new Date('2026-03-02T14:00:00Z'); // Monday, 23:00 in Tokyo
  const crm = new Crm({
    now: at,
    seed: 5,
    agenda: { calendars: { teams: { apac: { timeZone: 'Asia/Tokyo' } }, teamOf: { kim: 'apac' } } },
    contactPolicy: { quietHours: null, allowWeekends: true, businessHours: true },
  });
  const kim = crm.createCustomer({ givenName: 'Ivy', owner: 'kim' });
  const d = crm.canContact(kim.id, 'phone', at);
  assert.equal(d.allowed, false);
  assert.deepEqual(d.reasons.map((r) => r.code), ['business_hours']);
  assert.equal(d.earliest.toISOString(), '2026-03-03T00:00:00.000Z'); // Tuesday 09:00 in Tokyo
  expectValidation(() => new Crm({ contactPolicy: { businessHours: 'yes' } }), 'contact_policy.business_hours');
});
