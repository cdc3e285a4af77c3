// Merging duplicates: mergePreview, merge, unmerge and mergedInto convert to and from the
// core; the rules are the core's (crm-core/src/merge.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Crm, fixedCrm, thrown } from './helpers.mjs';

function pair(crm) {
  const ada = crm.createCustomer({ givenName: 'Ada', familyName: 'Lovelace', emails: ['ada@example.com'], stage: 'lead' });
  const dup = crm.createCustomer({
    emails: ['Ada.L@example.org'],
    tags: ['vip'],
    company: 'Analytical Engines',
    stage: 'customer',
    attributes: { tier: { type: 'text', value: 'gold' } },
  });
  crm.logInteraction({ customerId: dup.id, channel: 'email', direction: 'inbound', kind: 'inquiry' });
  return { ada, dup };
}

test('mergePreview shows the merged customer and changes nothing', () => {
  const crm = fixedCrm();
  const { ada, dup } = pair(crm);
  const events = crm.eventCount;
  const p = crm.mergePreview(ada.id, [dup.id]);
  assert.equal(p.customer.id, ada.id);
  assert.deepEqual(p.customer.emails.map((e) => e.normalized), ['ada@example.com', 'ada.l@example.org']);
  assert.equal(p.customer.stage, 'customer');
  assert.ok(p.customer.createdAt instanceof Date);
  assert.deepEqual(p.absorbed, [dup.id]);
  assert.deepEqual(p.moved, { interactions: 1, purchases: 0, cases: 0, followUps: 0, pendingFollowUps: 0, stageChanges: 1 });
  const company = p.fields.find((f) => f.field === 'company');
  assert.deepEqual(company, { field: 'company', rule: 'first_non_empty', source: 'record', customerIds: [dup.id] });
  assert.equal(crm.eventCount, events);

  const plan = {
    fields: {
      company: { value: 'ACME' },
      addresses: { value: [{ locality: 'London', postalCode: 'sw1a 2aa', country: 'GB' }] },
      'attributes.tier': { value: { type: 'text', value: 'platinum' } },
      timeZone: { value: 'Europe/London' },
    },
  };
  const q = crm.mergePreview(ada.id, [dup.id], plan);
  assert.equal(q.customer.company, 'ACME');
  assert.equal(q.customer.addresses[0].postalCode, 'SW1A 2AA');
  assert.deepEqual(q.customer.attributes, { tier: { type: 'text', value: 'platinum' } });
  assert.equal(q.customer.timeZone, 'Europe/London');
  assert.equal(q.fields.find((f) => f.field === 'company').source, 'explicit');
});

test('merge, mergedInto and unmerge round trip through the journal', () => {
  const crm = fixedCrm();
  const { ada, dup } = pair(crm);
  const out = crm.merge(ada.id, [dup.id], { reason: 'same person', actor: 'sam', scores: { total: 0.97, perField: { email: 'exact' } } });
  assert.equal(typeof out.mergeId, 'string');
  assert.equal(out.survivorId, ada.id);
  assert.deepEqual(out.absorbed, [dup.id]);
  assert.equal(out.seq, crm.eventCount);
  assert.equal(crm.size, 1);
  assert.equal(crm.mergedInto(dup.id), ada.id);
  assert.equal(crm.mergedInto(ada.id), null);
  assert.equal(crm.findByEmail('ada.l@example.org').id, ada.id);
  assert.equal(crm.timeline(ada.id).length, 1);
  const journal = crm.eventsJson();
  const last = JSON.parse(journal.trim().split('\n').at(-1));
  assert.equal(last.event.type, 'customers_merged');
  assert.deepEqual(last.event.merge.scores, { total: 0.97, perField: { email: 'exact' } }, 'scores kept as given');

  const err = thrown(() => crm.customer(dup.id));
  assert.equal(err.name, 'NotFoundError');
  assert.equal(err.code, 'merged');
  assert.equal(err.value, dup.id);
  assert.ok(err.message.includes(ada.id), err.message);

  // After a reload the outcome is gone: the book gives the merge to undo.
  const reloaded = Crm.replay(crm.eventsJson());
  assert.deepEqual(reloaded.mergesOf(dup.id), [out.mergeId]);
  assert.deepEqual(reloaded.mergesOf(ada.id), [out.mergeId]);
  reloaded.unmerge(reloaded.mergesOf(dup.id)[0]);
  assert.deepEqual(reloaded.mergesOf(dup.id), [], 'an undone merge is not in effect');

  crm.updateCustomer(ada.id, { company: 'Lovelace Ltd' });
  const undo = crm.unmerge(out.mergeId, { reason: 'two people', actor: 'sam' });
  assert.deepEqual(undo.restored, [dup.id]);
  assert.deepEqual(undo.kept, ['company']);
  assert.equal(undo.moved.interactions, 1);
  assert.equal(crm.size, 2);
  assert.equal(crm.customer(ada.id).company, 'Lovelace Ltd');
  assert.deepEqual(crm.customer(ada.id).tags, []);
  assert.equal(crm.customer(dup.id).company, 'Analytical Engines');
  assert.equal(crm.timeline(dup.id).length, 1);
  assert.ok(Crm.replay(crm.eventsJson()).equals(crm));
});

test('bad merges throw typed errors and change nothing', () => {
  const crm = fixedCrm();
  const { ada, dup } = pair(crm);
  const events = crm.eventCount;
  const expect = (fn, name, code, field) => {
    const err = thrown(fn);
    assert.ok(err instanceof Error, String(err));
    assert.equal(err.name, name, err.message);
    assert.equal(err.code, code, err.message);
    assert.equal(err.field, field, err.message);
    return err;
  };
  expect(() => crm.merge(ada.id, [ada.id]), 'ValidationError', 'invalid_value', 'others[0]');
  expect(() => crm.merge(ada.id, [dup.id, dup.id]), 'ValidationError', 'invalid_value', 'others[1]');
  expect(() => crm.merge(ada.id, []), 'ValidationError', 'invalid_value', 'others');
  expect(() => crm.merge(ada.id, ['nope']), 'ValidationError', 'invalid_value', 'others[0]');
  expect(() => crm.merge(ada.id, [dup.id], { plan: { fields: { name: 'union' } } }), 'ValidationError', 'invalid_value', 'plan.fields.name');
  expect(() => crm.merge(ada.id, [dup.id], { plan: { fields: { nickname: 'priority' } } }), 'ValidationError', 'invalid_value', 'plan.fields');
  expect(() => crm.merge(ada.id, [dup.id], { plan: { feilds: {} } }), 'ValidationError', 'invalid_value', 'plan');
  expect(() => crm.merge(ada.id, [dup.id], { plan: { fields: { emails: { value: ['bad'] } } } }), 'ValidationError', 'invalid_email', 'plan.fields.emails[0]');
  expect(() => crm.merge(ada.id, [dup.id], { plan: { fields: { name: { some: 1 } } } }), 'ValidationError', 'invalid_value', 'plan.fields.name');
  expect(() => crm.mergePreview(ada.id, [dup.id], { default: 'union' }), 'ValidationError', 'invalid_value', 'plan.default');
  assert.equal(crm.eventCount, events);

  const out = crm.merge(ada.id, [dup.id]);
  expect(() => crm.merge(dup.id, [ada.id]), 'NotFoundError', 'merged', 'survivor');
  crm.unmerge(out.mergeId);
  expect(() => crm.unmerge(out.mergeId), 'ValidationError', 'invalid_value', 'merge');
  expect(() => crm.unmerge('0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11'), 'NotFoundError', 'not_found', 'id');
  expect(() => crm.unmerge('nope'), 'ValidationError', 'invalid_value', 'merge_id');
});
