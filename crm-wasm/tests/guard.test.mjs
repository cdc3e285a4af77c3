// The duplicate guard: a book that checks every new customer (createCustomer,
// createCustomerChecked, importCustomers) and warns, blocks or merges on a match.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fixedCrm, thrown } from './helpers.mjs';

const ADA = { givenName: 'Ada', familyName: 'Lovelace', phones: [{ number: '+44 20 7946 0018', kind: 'mobile' }] };
const ADA_AGAIN = {
  givenName: 'Augusta Ada',
  familyName: 'Lovelace',
  phones: [{ number: '+44 (0)20 7946 0018', kind: 'mobile' }],
  emails: ['ada@analytical.example'],
};
const GRACE = { givenName: 'Grace', familyName: 'Hopper' };

test('no guard by default; it can be set, read back and cleared', () => {
  const crm = fixedCrm();
  assert.equal(crm.duplicateGuard(), null);
  crm.setDuplicateGuard({ matchThreshold: 0.95 }, 'block');
  const guard = crm.duplicateGuard();
  assert.equal(guard.onDuplicate, 'block');
  assert.equal(guard.config.matchThreshold, 0.95);
  assert.equal(guard.config.window, 3);
  // Every key, so it goes back in as it is.
  crm.setDuplicateGuard(guard.config, guard.onDuplicate);
  assert.deepEqual(crm.duplicateGuard(), guard);
  crm.setDuplicateGuard({});
  assert.equal(crm.duplicateGuard().onDuplicate, 'warn');
  crm.setDuplicateGuard(null);
  assert.equal(crm.duplicateGuard(), null);
});

test('an unknown policy or setting is a ValidationError', () => {
  const crm = fixedCrm();
  let err = thrown(() => crm.setDuplicateGuard({}, 'ignore'));
  assert.equal(err.name, 'ValidationError');
  assert.equal(err.field, 'on_duplicate');
  err = thrown(() => crm.setDuplicateGuard({ matchTreshold: 0.9 }, 'block'));
  assert.equal(err.name, 'ValidationError');
  assert.equal(crm.duplicateGuard(), null);
});

test('block refuses with a ConflictError naming the existing customer', () => {
  const crm = fixedCrm();
  const first = crm.createCustomer(ADA).id;
  crm.setDuplicateGuard({}, 'block');
  for (const create of [(r) => crm.createCustomer(r), (r) => crm.createCustomerChecked(r)]) {
    const err = thrown(() => create(ADA_AGAIN));
    assert.equal(err.name, 'ConflictError', err.message);
    assert.equal(err.code, 'duplicate');
    assert.equal(err.field, 'customer');
    assert.equal(err.value, first);
    assert.equal(err.holder, first);
  }
  assert.equal(crm.size, 1);
  const checked = crm.createCustomerChecked(GRACE);
  assert.deepEqual(checked, { id: checked.id, candidates: [], mergedInto: null });
  assert.equal(crm.size, 2);
});

test('warn creates the customer and reports the candidates', () => {
  const crm = fixedCrm();
  crm.setDuplicateGuard({}, 'warn');
  const first = crm.createCustomer(ADA).id;
  const checked = crm.createCustomerChecked(ADA_AGAIN);
  assert.notEqual(checked.id, first);
  assert.equal(checked.mergedInto, null);
  assert.equal(checked.candidates[0].id, first);
  assert.equal(checked.candidates[0].decision, 'match');
  assert.ok(checked.candidates[0].explanation.fields.length > 0);
  assert.equal(crm.size, 2);
});

test('merge folds the record into the customer it matches', () => {
  const crm = fixedCrm();
  crm.setDuplicateGuard({}, 'merge');
  const first = crm.createCustomer(ADA).id;
  const checked = crm.createCustomerChecked(ADA_AGAIN);
  assert.equal(checked.mergedInto, first);
  assert.equal(checked.id, first);
  assert.equal(crm.size, 1);
});

test('an import under block rejects the duplicate row; under warn it reports it', () => {
  const blocked = fixedCrm();
  const first = blocked.createCustomer(ADA).id;
  blocked.setDuplicateGuard({}, 'block');
  let report = blocked.importCustomers([GRACE, ADA_AGAIN]);
  assert.equal(report.created.length, 1);
  assert.equal(report.rejected.length, 1);
  assert.deepEqual(
    { row: report.rejected[0].row, code: report.rejected[0].code, value: report.rejected[0].value },
    { row: 2, code: 'duplicate', value: first },
  );
  assert.equal(blocked.size, 2);

  const warned = fixedCrm();
  const ada = warned.createCustomer(ADA).id;
  warned.setDuplicateGuard({});
  report = warned.importCustomers([GRACE, ADA_AGAIN]);
  assert.equal(report.created.length, 2);
  assert.equal(report.duplicates.length, 1);
  const [dup] = report.duplicates;
  assert.equal(dup.row, 2);
  assert.equal(dup.id, report.created[1]);
  assert.equal(dup.candidates[0].id, ada);
  assert.equal(dup.mergedInto, null);
  assert.deepEqual(fixedCrm().importCustomers([ADA]).duplicates, []);
});
