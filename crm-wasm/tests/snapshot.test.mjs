// Snapshots: crm.snapshotJson() and Crm.fromSnapshot(json, options) round trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Crm, DAY, T0, fixedCrm, thrown } from './helpers.mjs';

/** A book with customers, a stage move, interactions, a case, a follow-up and a merge. */
function busyBook() {
  const crm = fixedCrm({ defaultRegion: 'DE', timeZone: 'Europe/Berlin' });
  const ada = crm.createCustomer({
    givenName: 'Ada', familyName: 'Lovelace', emails: ['ada@example.com'],
    phones: [{ number: '030 1234567', kind: 'work' }], tags: ['vip'], owner: 'sam',
    attributes: { score: { type: 'number', value: 9.5 } }, birthday: '--12-10',
  });
  const twin = crm.createCustomer({ givenName: 'Ada', familyName: 'Lovelace', emails: ['ada@old.example'] });
  crm.changeStage(ada.id, 'lead', { actor: 'sam' });
  crm.advance(DAY);
  const c = crm.logInteraction({ customerId: ada.id, channel: 'email', direction: 'inbound', kind: 'complaint' });
  crm.logInteraction({
    customerId: ada.id, channel: 'phone', direction: 'outbound', kind: 'sale',
    purchase: { currency: 'EUR', items: [{ name: 'Plan', quantity: 2, unitPriceMinor: 4900 }] },
  });
  crm.scheduleFollowUp({ customerId: ada.id, due: new Date(T0.getTime() + 3 * DAY), recurrence: 'FREQ=WEEKLY;COUNT=3' });
  crm.resolveCase(c.caseId, 'Refunded');
  crm.merge(ada.id, [twin.id], { reason: 'same person' });
  return { crm, ada };
}

test('a snapshot loads into an equal book that keeps working', () => {
  const { crm, ada } = busyBook();
  const json = crm.snapshotJson();
  const doc = JSON.parse(json);
  assert.equal(doc.format, 'crm-snapshot');
  assert.equal(doc.v, 1);
  assert.equal(doc.seq, crm.eventCount);
  assert.equal(doc.customers.length, 1);
  assert.equal(doc.merges.length, 1);

  const loaded = Crm.fromSnapshot(json, { now: crm.now, seed: 42, defaultRegion: 'DE' });
  assert.ok(loaded.equals(crm));
  assert.equal(loaded.snapshotJson(), json);
  assert.equal(loaded.eventCount, 0);
  assert.deepEqual(loaded.customer(ada.id), crm.customer(ada.id));
  assert.deepEqual(loaded.findByPhone('+49 30 1234567').map((c) => c.id), [ada.id]);
  const query = { now: T0, windowMs: 30 * DAY };
  assert.deepEqual(loaded.agenda(query), crm.agenda(query));
  assert.ok(crm.agenda(query).length >= 2);
  // The merge can be undone in the loaded book.
  const [merge] = JSON.parse(json).merges;
  loaded.unmerge(merge.merge.id, { reason: 'not the same' });
  assert.equal(loaded.size, 2);
  // Commands continue the journal's sequence.
  assert.equal(JSON.parse(loaded.eventsJson().trim().split('\n')[0]).seq, crm.eventCount + 1);
});

test('a snapshot with the journal: whole or only the events after it', () => {
  const { crm, ada } = busyBook();
  const json = crm.snapshotJson();
  crm.advance(DAY);
  crm.changeStage(ada.id, 'customer');
  const whole = Crm.fromSnapshot(json, { journal: crm.eventsJson() });
  assert.ok(whole.equals(crm));
  assert.equal(whole.eventsJson(), crm.eventsJson());
  const tail = crm.eventsJson().trim().split('\n').slice(-2).join('\n');
  const fromTail = Crm.fromSnapshot(json, { journal: tail });
  assert.ok(fromTail.equals(crm));
  assert.equal(fromTail.eventCount, 2);
  // And the loaded book's journal alone is not the whole journal: the snapshot is needed.
  assert.throws(() => Crm.replay(fromTail.eventsJson()), { code: 'decode', message: /missing/ });
});

test('what is not a snapshot is a DecodeError; the options are checked', () => {
  const { crm } = busyBook();
  for (const [text, says] of [
    ['', 'empty'],
    ['{}', 'not a snapshot'],
    [crm.eventsJson(), 'not a snapshot'],
    ['{"format":"crm-snapshot","v":9,"seq":0}', 'version 9'],
    ['{"format":"crm-snapshot","v":1,"seq":0,"customers":[{"id":"nope"}]}', 'snapshot'],
  ]) {
    const err = thrown(() => Crm.fromSnapshot(text));
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'DecodeError', text);
    assert.equal(err.code, 'decode');
    assert.ok(err.message.includes(says), `${text}: ${err.message}`);
  }
  const json = crm.snapshotJson();
  assert.equal(thrown(() => Crm.fromSnapshot(json, { journal: 42 })).field, 'journal');
  assert.equal(thrown(() => Crm.fromSnapshot(json, { journal: 'not json' })).code, 'decode');
  assert.equal(thrown(() => Crm.fromSnapshot(json, { seed: -1 })).field, 'seed');
  assert.equal(thrown(() => Crm.fromSnapshot(42)).field, 'json');
});
