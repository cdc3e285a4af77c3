// The JS quickstart of crm-wasm/README.md, as a runnable script (crm-wasm/tests/quickstart.test.mjs
// checks that both stay the same and that this file runs).
//
//   crm-wasm/scripts/build && node examples/js/quickstart.mjs
import assert from 'node:assert/strict';
import { Crm } from '../../crm-wasm/pkg/node/crm_wasm.js';

// START quickstart
// A book with a fixed clock and seeded ids: the same calls always give the same result.
const crm = new Crm({ now: new Date('2026-01-05T09:00:00Z'), seed: 42, defaultRegion: 'DE' });

const ada = crm.createCustomer({
  givenName: 'Ada',
  familyName: 'Lovelace',
  emails: ['  Ada.Lovelace@Example.COM '],
  phones: [{ number: '030 1234567', kind: 'work' }],
  tags: ['VIP'],
  owner: 'sam',
});
assert.equal(ada.emails[0].normalized, 'ada.lovelace@example.com');
assert.equal(ada.phones[0].e164, '+49301234567');
assert.equal(ada.stage, 'subscriber');
assert.ok(ada.createdAt instanceof Date);

// Two days later a demo call turns into a sale; forward moves need no reason.
crm.changeStage(ada.id, 'lead', { actor: 'sam' });
crm.advance(2 * 24 * 3600 * 1000);
const sale = crm.logInteraction({
  customerId: ada.id,
  channel: 'phone',
  direction: 'outbound',
  kind: 'sale',
  subject: 'Demo call',
  purchase: { currency: 'EUR', items: [{ name: 'Starter plan', quantity: 12, unitPriceMinor: 4900 }] },
});
assert.equal(sale.purchase.total.amountMinor, 58800);
crm.changeStage(ada.id, 'customer', { actor: 'sam' });

// A complaint opens a case; resolving it closes it.
crm.advance(24 * 3600 * 1000);
const complaint = crm.logInteraction({
  customerId: ada.id,
  channel: 'email',
  direction: 'inbound',
  kind: 'complaint',
  subject: 'Invoice shows the wrong address',
});
assert.equal(crm.openCases().length, 1);
crm.resolveCase(complaint.caseId, 'Corrected invoice sent', { actor: 'kim' });
assert.equal(crm.openCases().length, 0);

// Errors are `Error`s with a name by kind, a stable code and the field.
assert.throws(() => crm.createCustomer({ givenName: 'Grace', emails: ['grace@@example.com'] }), {
  name: 'ValidationError',
  code: 'invalid_email',
  field: 'emails[0]',
});
assert.throws(() => crm.createCustomer({ givenName: 'Eve', emails: ['ADA.LOVELACE@example.com'] }), {
  name: 'ConflictError',
  code: 'conflict',
});
// Moving back along the lifecycle needs a reason.
assert.throws(() => crm.changeStage(ada.id, 'lead'), { code: 'invalid_transition' });

// Reads: history, timeline, last contact.
assert.equal(crm.findByEmail('ada.lovelace@EXAMPLE.com').id, ada.id);
assert.equal(crm.timeInStageMs(ada.id, 'lead'), 2 * 24 * 3600 * 1000);
assert.deepEqual(
  crm.timeline(ada.id).map((i) => i.subject),
  ['Demo call', 'Invoice shows the wrong address'],
);
const last = crm.lastContact(ada.id);
assert.equal(last.outbound.subject, 'Demo call');
assert.equal(last.inbound.at.toISOString(), '2026-01-08T09:00:00.000Z');

// The journal (JSON Lines) rebuilds an identical book.
const again = Crm.replay(crm.eventsJson());
assert.ok(again.equals(crm));
// END quickstart

console.log(`quickstart ok: ${crm.size} customer, ${crm.eventCount} events`);
