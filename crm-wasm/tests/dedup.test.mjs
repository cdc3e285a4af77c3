// Duplicate detection: findDuplicates over plain objects, crm.findDuplicates and
// crm.checkDuplicates, explanations, the config object and its errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fixedCrm, thrown, wasm } from './helpers.mjs';

const { findDuplicates } = wasm;

const HOME = { lines: ['ul. Prosta 1'], locality: 'Warszawa', postalCode: '00-001' };
// Known duplicates: 0/1 nickname + same email, 2/3 swapped names + same phone; 4/5 a couple
// sharing surname, phone, address and a family mailbox (different given names and birth
// dates: never one customer, but the mailbox makes it a pair to review); 6 is alone.
const BATCH = [
  { givenName: 'Robert', familyName: 'Smith', emails: ['bob.smith@example.com'] },
  { givenName: 'Bob', familyName: 'Smith', emails: ['Bob.Smith@Example.com'], birthday: '1980-02-03' },
  { givenName: 'Anna', familyName: 'Nowak', phones: [{ number: '+48 22 123 45 67' }] },
  { givenName: 'Nowak', familyName: 'Anna', phones: [{ number: '+48221234567', kind: 'mobile' }] },
  { givenName: 'Jan', familyName: 'Kowalski', emails: ['kowalscy@example.pl'], phones: [{ number: '+48 22 555 00 11' }], addresses: [HOME], birthday: '1960-03-04' },
  { givenName: 'Ewa', familyName: 'Kowalski', emails: ['kowalscy@example.pl'], phones: [{ number: '+48 22 555 00 11' }], addresses: [HOME], birthday: '1962-07-08' },
  { givenName: 'Grace', familyName: 'Hopper', emails: ['grace@example.org'] },
];
const FIELDS = ['given_name', 'family_name', 'email', 'phone', 'birth_date', 'address'];

function pairOf(scan, a, b) {
  const found = scan.pairs.filter((p) => (p.left === a && p.right === b) || (p.left === b && p.right === a));
  assert.equal(found.length, 1, `pair ${a}/${b} in ${JSON.stringify(scan.pairs.map((p) => [p.left, p.right]))}`);
  return found[0];
}

function levels(pair) {
  return Object.fromEntries(pair.explanation.fields.map((f) => [f.field, f.level]));
}

function expectValidation(fn, field) {
  const err = thrown(fn);
  assert.ok(err instanceof Error, `not an Error: ${String(err)}`);
  assert.equal(err.name, 'ValidationError', err.message);
  assert.equal(err.code, 'invalid_value', err.message);
  assert.equal(err.field, field, err.message);
  return err;
}

test('a batch: the known duplicates are grouped, the family is not', () => {
  const scan = findDuplicates(BATCH);
  assert.deepEqual(
    scan.groups.map((g) => g.members).sort((x, y) => x[0] - y[0]),
    [
      [0, 1],
      [2, 3],
    ],
  );
  for (const p of scan.pairs) assert.ok(p.left < p.right);
  const family = pairOf(scan, 4, 5);
  assert.equal(family.decision, 'review');
  assert.deepEqual(family.explanation.conflicts, ['given_name', 'birth_date']);
  assert.ok(!scan.pairs.some((p) => p.left === 6 || p.right === 6));
  assert.deepEqual(scan.stats, {
    records: 7,
    candidatePairs: scan.stats.candidatePairs,
    matchedPairs: 2,
    reviewPairs: 1,
    groups: 2,
    emIterations: 0,
    emUsed: false,
  });
  assert.ok(scan.stats.candidatePairs >= 3);
  // The model used, as a table: the default model, every level but "missing".
  assert.equal(scan.model.length, 29);
  const email = scan.model.find((r) => r.field === 'email' && r.level === 'exact');
  assert.ok(email.weight > 15 && email.m === 0.6 && email.u === 0.00001);
  const probabilities = scan.pairs.map((p) => p.probability);
  assert.deepEqual(probabilities, [...probabilities].sort((x, y) => y - x));
  for (const g of scan.groups) {
    for (const i of g.pairs) assert.equal(scan.pairs[i].decision, 'match');
    assert.equal(g.minProbability, Math.min(...g.pairs.map((i) => scan.pairs[i].probability)));
  }
});

test('every pair explains itself', () => {
  const scan = findDuplicates(BATCH);
  const nick = pairOf(scan, 0, 1);
  assert.equal(nick.decision, 'match');
  assert.deepEqual(levels(nick), {
    given_name: 'nickname',
    family_name: 'exact',
    email: 'exact',
    phone: 'missing',
    birth_date: 'missing',
    address: 'missing',
  });
  const why = nick.explanation;
  assert.deepEqual(why.fields.map((f) => f.field), FIELDS);
  const weight = Object.fromEntries(why.fields.map((f) => [f.field, f.weight]));
  assert.ok(weight.given_name > 0 && weight.email > weight.given_name);
  assert.equal(weight.phone, 0);
  const sum = why.priorWeight + why.fields.reduce((s, f) => s + f.weight, 0);
  assert.ok(Math.abs(sum - why.totalWeight) < 1e-6, `${sum} vs ${why.totalWeight}`);
  assert.equal(why.probability, nick.probability);
  assert.ok(Math.abs(why.probability - 1 / (1 + 2 ** -why.totalWeight)) < 1e-12);
  assert.equal(why.swappedNames, false);
  assert.deepEqual(why.conflicts, []);
  assert.equal(why.rule, null);
  assert.equal(why.decision, 'match');

  const swapped = pairOf(scan, 2, 3);
  assert.equal(swapped.explanation.swappedNames, true);
  assert.equal(levels(swapped).phone, 'exact');

  const family = pairOf(scan, 4, 5);
  assert.equal(levels(family).given_name, 'different');
  assert.equal(levels(family).address, 'exact');
  assert.ok(family.probability >= 0.9, 'the score alone would match; the conflicts make it a review');
});

test('results are plain JSON data; no config, {} and null are the defaults', () => {
  const scan = findDuplicates(BATCH);
  assert.deepEqual(JSON.parse(JSON.stringify(scan)), scan);
  assert.deepEqual(findDuplicates(BATCH, {}), scan);
  assert.deepEqual(findDuplicates(BATCH, null), scan);
  assert.deepEqual(findDuplicates([]), { pairs: [], groups: [], stats: { records: 0, candidatePairs: 0, matchedPairs: 0, reviewPairs: 0, groups: 0, emIterations: 0, emUsed: false }, model: scan.model });
});

test('config: rules, rule mode and estimation', () => {
  const records = [
    { givenName: 'Ann', familyName: 'Lee', emails: ['shared@example.com'] },
    { givenName: 'Bo', familyName: 'Kim', emails: ['shared@example.com'] },
  ];
  assert.deepEqual(findDuplicates(records).groups, []);
  const scan = findDuplicates(records, { rules: ['email=exact'], ruleMode: 'rules_only', conflicts: [] });
  assert.deepEqual(scan.groups.map((g) => g.members), [[0, 1]]);
  assert.equal(scan.pairs[0].explanation.rule, 'email=exact');
  const em = findDuplicates(BATCH, { estimation: 'em', seed: 7 });
  // Seven records: too few pairs to train on, so EM does not run.
  assert.equal(em.stats.emIterations, 0);
  assert.equal(em.stats.emUsed, false);
  assert.ok(em.groups.some((g) => g.members.join() === '0,1'));
  // A threshold near 1 leaves only pairs for review.
  const strict = findDuplicates(BATCH, { matchThreshold: 0.999999999, reviewThreshold: 0.5, termFrequency: false, maxBlock: 10, window: 3 });
  assert.deepEqual(strict.groups, []);
  assert.ok(strict.pairs.length >= 2);
  assert.ok(strict.pairs.every((p) => p.decision === 'review'));
});

test('config errors are ValidationErrors naming the setting', () => {
  const cases = [
    [{ matchThreshold: 1.5 }, 'match_threshold'],
    [{ matchThreshold: 0 }, 'match_threshold'],
    [{ reviewThreshold: -0.1 }, 'review_threshold'],
    [{ reviewThreshold: 0.95 }, 'review_threshold'],
    [{ matchThreshold: Number.NaN }, 'match_threshold'],
    [{ rules: ['colour=exact'] }, 'rules[0]'],
    [{ rules: ['email=exact', 'phone=nickname'] }, 'rules[1]'],
    [{ rules: 'email=exact' }, 'rules'],
    [{ conflicts: ['given_name', 'hair'] }, 'conflicts[1]'],
    [{ estimation: 'magic' }, 'estimation'],
    [{ ruleMode: 'sometimes' }, 'rule_mode'],
    [{ ruleMode: 'rules_only' }, 'rule_mode'],
    [{ window: 0 }, 'blocking.window'],
    [{ maxBlock: 1 }, 'blocking.max_block'],
    [{ window: 2.5 }, 'blocking.window'],
    [{ termFrequency: 'yes' }, 'term_frequency'],
    [{ seed: -1 }, 'seed'],
    [{ matchTreshold: 0.95 }, 'config'],
    [42, 'config'],
  ];
  for (const [config, field] of cases) {
    expectValidation(() => findDuplicates(BATCH, config), field);
  }
  const crm = fixedCrm();
  expectValidation(() => crm.findDuplicates({ matchThreshold: 2 }), 'match_threshold');
  expectValidation(() => crm.checkDuplicates({ givenName: 'A' }, { rules: ['email'] }), 'rules[0]');
});

test('records that are not customers are refused with their row', () => {
  expectValidation(() => findDuplicates('not a list'), 'records');
  const err = thrown(() => findDuplicates([BATCH[0], 42]));
  assert.equal(err.name, 'ValidationError');
  assert.equal(err.row, 2);
  const typed = thrown(() => findDuplicates([{ givenName: 7 }]));
  assert.equal(typed.name, 'ValidationError');
  assert.equal(typed.field, 'given_name');
  assert.equal(typed.row, 1);
});

test('crm.findDuplicates names customers by id', () => {
  const crm = fixedCrm();
  const liz = crm.createCustomer({ givenName: 'Liz', familyName: 'Taylor', emails: ['liz@example.com'], phones: [{ number: '+1 212 555 0100' }] });
  const elizabeth = crm.createCustomer({ givenName: 'Elizabeth', familyName: 'Taylor', emails: ['et@example.org'], phones: [{ number: '+1 (212) 555-0100' }] });
  const burton = crm.createCustomer({ givenName: 'Richard', familyName: 'Burton', emails: ['rb@example.org'] });
  const scan = crm.findDuplicates();
  assert.deepEqual(scan.groups.map((g) => [...g.members].sort()), [[liz.id, elizabeth.id].sort()]);
  assert.equal(scan.stats.records, 3);
  const [pair] = scan.pairs;
  assert.deepEqual(new Set([pair.left, pair.right]), new Set([liz.id, elizabeth.id]));
  assert.ok(![pair.left, pair.right].includes(burton.id));
  assert.equal(levels(pair).given_name, 'nickname');
  assert.deepEqual(crm.findDuplicates({ matchThreshold: 0.999999999 }).groups, []);
});

test('crm.checkDuplicates finds the existing customer without adding the record', () => {
  const crm = fixedCrm();
  const ada = crm.createCustomer({ givenName: 'Ada', familyName: 'Lovelace', emails: ['Ada.Lovelace@Example.com'] });
  crm.createCustomer({ givenName: 'Charles', familyName: 'Babbage', emails: ['charles@example.com'] });
  const [size, events] = [crm.size, crm.eventCount];
  const found = crm.checkDuplicates({ givenName: 'Ada', familyName: 'Lovelace', emails: ['ADA.LOVELACE@example.com'] });
  assert.equal(crm.size, size);
  assert.equal(crm.eventCount, events);
  assert.deepEqual(found.map((c) => c.id), [ada.id]);
  assert.equal(found[0].decision, 'match');
  assert.equal(found[0].probability, found[0].explanation.probability);
  assert.equal(levels(found[0]).email, 'exact');
  assert.deepEqual(crm.checkDuplicates({ givenName: 'Zed', familyName: 'Nobody' }), []);
  // Only rules decide a match: the same name is then something to review.
  const byName = crm.checkDuplicates({ givenName: 'Ada', familyName: 'Lovelace' }, { rules: ['phone=exact'], ruleMode: 'rules_only' });
  assert.deepEqual(byName.map((c) => [c.id, c.decision]), [[ada.id, 'review']]);
  expectValidation(() => crm.checkDuplicates({ givenName: 7 }), 'given_name');
});

test('a placeholder phone that many records give does not make them one customer', () => {
  const placeholder = [{ number: '+44 20 7946 0000' }];
  const rows = Array.from({ length: 40 }, (_, i) => ({ givenName: `P${i}`, familyName: `Q${i}`, phones: placeholder }));
  rows.push(
    { givenName: 'John', familyName: 'Smith', phones: placeholder },
    { givenName: 'Jon', familyName: 'Smith', phones: placeholder },
    { givenName: 'Ada', familyName: 'Lovelace', phones: [{ number: '+44 20 7946 0018' }] },
    { givenName: 'Ada', familyName: 'Lovelace', phones: [{ number: '+44 20 7946 0018' }] },
  );
  assert.deepEqual(findDuplicates(rows).groups.map((g) => g.members), [[42, 43]]);
  // Without term frequency the shared placeholder makes John and Jon one customer.
  const off = findDuplicates(rows, { termFrequency: false }).groups.map((g) => g.members);
  assert.ok(off.some((m) => m[0] === 40 && m[1] === 41), JSON.stringify(off));
});

test('a scan reads dates of birth as sheets write them, in the record\'s country', () => {
  const row = (givenName, birthday, country) => ({ givenName, familyName: 'Taylor', birthday, addresses: [{ country, locality: 'X' }] });
  const scan = findDuplicates([row('Liz', '04/05/1988', 'GB'), row('Elizabeth', '4 May 1988', 'GB')]);
  assert.deepEqual(scan.pairs.map((p) => levels(p).birth_date), ['exact']);
  const us = findDuplicates([row('Liz', '04/05/1988', 'US'), row('Elizabeth', '1988-05-04', 'US')]);
  assert.deepEqual(us.pairs.map((p) => levels(p).birth_date), ['one_diff']);
});

test('a scan reads each email of a cell that holds several, with a name around it', () => {
  const scan = findDuplicates([
    { givenName: 'Ann', familyName: 'Lee', emails: ['Ann Lee <Ann.Lee@example.com>; mailto:ann@example.org'] },
    { givenName: 'Ann', familyName: 'Lee', emails: ['ann@example.org'] },
  ]);
  assert.deepEqual(scan.pairs.map((p) => levels(p).email), ['exact']);
});

test('a scan reads the place of an address written on one line', () => {
  const scan = findDuplicates([
    { givenName: 'Bo', familyName: 'Kim', addresses: [{ lines: ['12 Main St, Springfield, IL 62701'] }] },
    { givenName: 'Bo', familyName: 'Kim', addresses: [{ lines: ['12 Main Street'], locality: 'Springfield', postalCode: '62701' }] },
  ]);
  assert.deepEqual(scan.pairs.map((p) => levels(p).address), ['exact']);
});

test('a father and son named alike (Sr. and Jr.) are not one customer', () => {
  const home = { emails: ['millers@example.com'], phones: [{ number: '+1 217 555 0142' }] };
  const scan = findDuplicates([
    { givenName: 'John', familyName: 'Miller Sr.', ...home },
    { displayName: 'John Miller Jr.', ...home },
  ]);
  const pair = pairOf(scan, 0, 1);
  assert.equal(pair.decision, 'review');
  assert.deepEqual(pair.explanation.conflicts, ['given_name']);
  assert.deepEqual(scan.groups, []);
});

test('a shared mailbox, a business\'s or a family\'s, does not make two people one customer', () => {
  const rows = [
    { givenName: 'John', familyName: 'Smith', emails: ['info@smithbakery.com'] },
    { givenName: 'Mary', familyName: 'Smith', emails: ['info@smithbakery.com'] },
    { givenName: 'Fang', familyName: 'He', emails: ['thehes@example.com'] },
    { givenName: 'Grace', familyName: 'He', emails: ['thehes@example.com'] },
    { givenName: 'Fang', familyName: 'He', emails: ['thehes@example.com'] },
  ];
  const scan = findDuplicates(rows);
  assert.deepEqual(scan.groups.map((g) => g.members), [[2, 4]]);
  const couple = pairOf(scan, 2, 3);
  assert.equal(couple.decision, 'review');
  assert.deepEqual(couple.explanation.conflicts, ['given_name']);
});

test('a Date given for a birthday is its calendar day, east or west of UTC', () => {
  const was = process.env.TZ;
  try {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'UTC']) {
      process.env.TZ = zone;
      // A date picker's or a database DATE column's local midnight, and `new Date("…")`'s UTC one.
      for (const day of [new Date(1985, 5, 15), new Date('1985-06-15')]) {
        const scan = findDuplicates([
          { givenName: 'Maria', familyName: 'Schmidt', birthday: day },
          { givenName: 'Maria', familyName: 'Schmidt', birthday: '1985-06-15' },
        ]);
        const birth = scan.pairs[0].explanation.fields.find((f) => f.field === 'birth_date');
        assert.equal(birth.level, 'exact', `${zone} ${day.toISOString()}`);
        const crm = fixedCrm();
        assert.equal(crm.createCustomer({ givenName: 'Maria', birthday: day }).birthday, '1985-06-15');
      }
    }
  } finally {
    if (was === undefined) delete process.env.TZ;
    else process.env.TZ = was;
  }
  assert.throws(() => fixedCrm().createCustomer({ givenName: 'M', birthday: new Date(NaN) }), { field: 'birthday' });
});
