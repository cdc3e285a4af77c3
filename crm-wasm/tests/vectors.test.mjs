// Runs every case of crm-core/testdata/vectors.json (shared with the Rust and Python suites)
// through the JS API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO, camel, camelKeys, fixedCrm } from './helpers.mjs';

const vectors = JSON.parse(
  readFileSync(path.join(REPO, 'crm-core', 'testdata', 'vectors.json'), 'utf8'),
);

const NAME_OF = {
  invalid_email: 'ValidationError',
  invalid_phone: 'ValidationError',
  invalid_date: 'ValidationError',
  invalid_time_zone: 'ValidationError',
  invalid_currency: 'ValidationError',
  invalid_stage: 'ValidationError',
  invalid_transition: 'ValidationError',
  invalid_value: 'ValidationError',
  not_found: 'NotFoundError',
  conflict: 'ConflictError',
  decode: 'DecodeError',
  journal: 'JournalError',
};

/** The value of an `expect` key, read from a customer. */
function customerField(c, key) {
  switch (key) {
    case 'emails':
      return c.emails.map((e) => e.normalized);
    case 'phones':
      return c.phones.map((p) => p.e164);
    case 'tags':
      return [...c.tags].sort();
    case 'primary_email':
      return c.primaryEmail ? c.primaryEmail.normalized : null;
    default:
      assert.ok(camel(key) in c, `customer has no field ${camel(key)} (expect key ${key})`);
      return c[camel(key)];
  }
}

/** The value of an `expect` key, read from an interaction. */
function interactionField(crm, i, key) {
  switch (key) {
    case 'purchase_total_minor':
      return i.purchase ? i.purchase.total.amountMinor : null;
    case 'purchase_currency':
      return i.purchase ? i.purchase.total.currency : null;
    case 'case_opened':
      return i.caseId !== null && crm.case(i.caseId).openedBy === i.id;
    default:
      return i[camel(key)];
  }
}

/** Sorted by JSON text, as the Rust runner sorts. */
function sorted(items) {
  return [...items].sort((a, b) => {
    const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** A scan or check in the vectors' terms: customers by name, every list sorted. */
function duplicatesResult(result, names) {
  const alias = new Map([...names].map(([k, v]) => [v, k]));
  const name = (id) => alias.get(id) ?? id;
  if (Array.isArray(result)) {
    return { candidates: sorted(result.map((c) => [name(c.id), c.decision])) };
  }
  return {
    groups: sorted(result.groups.map((g) => g.members.map(name).sort())),
    pairs: sorted(result.pairs.map((p) => [...[name(p.left), name(p.right)].sort(), p.decision])),
  };
}

/** Runs one step; returns the resulting record (customer or interaction), scan or check. */
function run(crm, step, names) {
  const id = (alias) => names.get(alias) ?? alias;
  switch (step.op) {
    case 'find_duplicates':
      return crm.findDuplicates(camelKeys(step.config ?? {}));
    case 'check_duplicates':
      return crm.checkDuplicates(camelKeys(step.input), camelKeys(step.config ?? {}));
    case 'create_customer':
      return crm.createCustomer(camelKeys(step.input));
    case 'update_customer':
      return crm.updateCustomer(id(step.customer), camelKeys(step.input));
    case 'change_stage':
      return crm.changeStage(
        id(step.customer),
        step.stage,
        step.reason === undefined ? undefined : { reason: step.reason },
      );
    case 'log_interaction':
      return crm.logInteraction({ customerId: id(step.customer), ...camelKeys(step.input) });
    default:
      throw new Error(`unknown op ${step.op}`);
  }
}

test('the vector file has cases', () => {
  assert.ok(vectors.cases.length >= 20);
});

for (const c of vectors.cases) {
  test(`vector: ${c.name}`, () => {
    const crm = fixedCrm();
    const names = new Map();
    c.steps.forEach((step, n) => {
      const where = `step ${n + 1} (${step.op})`;
      if (step.op === 'count') {
        assert.equal(crm.size, step.expect, where);
        return;
      }
      if (step.error) {
        const [size, events] = [crm.size, crm.eventCount];
        const journal = crm.eventsJson();
        assert.throws(
          () => run(crm, step, names),
          (err) => {
            assert.ok(err instanceof Error, `${where}: thrown value is an Error`);
            assert.equal(err.code, step.error.code, `${where}: ${err.message}`);
            assert.equal(err.name, NAME_OF[step.error.code], where);
            if (step.error.field !== undefined) {
              assert.equal(err.field, step.error.field, `${where}: ${err.message}`);
            }
            return true;
          },
        );
        assert.equal(crm.size, size, `${where}: customer count unchanged`);
        assert.equal(crm.eventCount, events, `${where}: event count unchanged`);
        assert.equal(crm.eventsJson(), journal, `${where}: journal unchanged`);
        return;
      }
      const result = run(crm, step, names);
      if (step.op === 'find_duplicates' || step.op === 'check_duplicates') {
        const got = duplicatesResult(result, names);
        for (const [key, want] of Object.entries(step.expect)) {
          assert.deepEqual(got[key], want, `${where}: ${key}`);
        }
        return;
      }
      if (step.as) names.set(step.as, result.id);
      for (const [key, want] of Object.entries(step.expect ?? {})) {
        const got =
          step.op === 'log_interaction'
            ? interactionField(crm, result, key)
            : customerField(result, key);
        assert.deepEqual(got, want, `${where}: ${key}`);
      }
    });
  });
}
