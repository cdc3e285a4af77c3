// Type-level tests: `tsc --strict --noEmit` checks this file against the generated
// pkg/node/crm_wasm.d.ts (npm test runs it first). Nothing here is executed.
import {
  Crm,
  ConflictError,
  CrmError,
  DecodeError,
  InternalError,
  JournalError,
  NotFoundError,
  ValidationError,
  findDuplicates,
  type AgendaItem,
  type AgendaOptions,
  type AgendaQuery,
  type Case,
  type Channel,
  type Consent,
  type ConsentRecord,
  type ContactBlocker,
  type ContactDecision,
  type CrmOptions,
  type Customer,
  type CustomerPatch,
  type ErrorCode,
  type FieldChoice,
  type MergeOptions,
  type MergeOutcome,
  type MergePlan,
  type MergePreview,
  type MoveCounts,
  type UnmergeOutcome,
  type PromiseState,
  type PromiseStatus,
  type FollowUp,
  type FollowUpKind,
  type FollowUpStatus,
  type NewFollowUp,
  type Origin,
  type Priority,
  type TouchCategory,
  type ImportReport,
  type Interaction,
  type LastContact,
  type LifecycleModel,
  type NewCustomer,
  type NewInteraction,
  type StageCount,
  type CheckedCreate,
  type DuplicateCandidate,
  type DuplicateGuard,
  type DuplicateGroup,
  type DuplicatePair,
  type DuplicateScan,
  type Estimation,
  type FieldScore,
  type MatchConfig,
  type MatchDecision,
  type MatchExplanation,
  type MatchField,
  type MatchLevel,
  type OnDuplicate,
  type RuleMode,
  type ScanStats,
  type ModelRow,
} from '../pkg/node/crm_wasm.js';

/** `true` only when `T` is `any`. */
type IsAny<T> = 0 extends 1 & T ? true : false;
type Methods = { [K in keyof Crm]: Crm[K] extends (...args: never[]) => unknown ? K : never }[keyof Crm];
/** No method of Crm takes or returns `any`. */
type AnyInApi = {
  [K in Methods]: Crm[K] extends (...args: infer A) => infer R
    ? IsAny<R> extends true
      ? K
      : true extends { [I in keyof A]: IsAny<A[I]> }[number]
        ? K
        : never
    : never;
}[Methods];
const noAny: [AnyInApi] extends [never] ? true : false = true;
void noAny;

const options: CrmOptions = {
  now: new Date('2026-01-05T09:00:00Z'),
  seed: 42,
  defaultRegion: 'DE',
  lifecycle: { name: 'default-like', ordered: ['lead', 'customer'], side: ['churned'] },
};
const crm = new Crm(options);
const plain = new Crm();
void plain;

const input: NewCustomer = {
  givenName: 'Ada',
  familyName: 'Lovelace',
  emails: ['ada@example.com'],
  phones: [{ number: '030 1234567', kind: 'work' }],
  addresses: [{ lines: ['1 Main St'], locality: 'Berlin', country: 'DE' }],
  birthday: '--12-10',
  timeZone: 'Europe/Berlin',
  tags: ['vip'],
  attributes: { score: { type: 'number', value: 3 }, since: { type: 'date', value: '2026-01-01' } },
};
const ada: Customer = crm.createCustomer(input);
const id: string = ada.id;
const created: Date = ada.createdAt;
const first: Date | undefined = ada.stageHistory[0]?.at;
const e164: string | undefined = ada.phones[0]?.e164;
const normalized: string | undefined = ada.primaryEmail?.normalized;
const birthday: string | null = ada.birthday;
void [id, created, first, e164, normalized, birthday];

const patch: CustomerPatch = { company: null, addTags: ['x'], removeAttributes: ['score'] };
crm.updateCustomer(ada.id, patch);
const report: ImportReport = crm.importCustomers([{ givenName: 'B' }, { emails: ['bad'] }]);
const codes: ErrorCode[] = report.rejected.map((r) => r.code);
const rows: number[] = report.rejected.map((r) => r.row);
void [codes, rows];

crm.changeStage(ada.id, 'customer', { actor: 'sam' });
crm.changeStage(ada.id, 'lead', { reason: 'budget frozen' });
const inStage: Customer[] = crm.customersInStage('lead');
const counts: StageCount[] = crm.stageCounts();
const entered: Date | null = crm.enteredStageAt(ada.id, 'lead');
const ms: number = crm.timeInStageMs(ada.id, 'lead');
void [inStage, counts, entered, ms];

const call: NewInteraction = {
  customerId: ada.id,
  channel: 'phone',
  direction: 'outbound',
  kind: 'sale',
  at: new Date(),
  purchase: { currency: 'EUR', items: [{ name: 'Plan', quantity: 1, unitPriceMinor: 4900 }] },
};
const logged: Interaction = crm.logInteraction(call);
const total: number | undefined = logged.purchase?.total.amountMinor;
const caseId: string | null = logged.caseId;
void [total, caseId];
const channels: Channel[] = ['email', 'web_form', 'in_person'];
const timeline: Interaction[] = crm.timeline(ada.id, { from: new Date(0), channels, direction: 'inbound', kinds: ['complaint'] });
const all: Interaction[] = crm.timeline(ada.id);
const last: LastContact = crm.lastContact(ada.id);
const lastAt: Date | undefined = last.outbound?.at;
const touches: number = crm.outboundTouches(ada.id, new Date(0), new Date(), 'email');
const touchesAll: number = crm.outboundTouches(ada.id, new Date(0), new Date());
void [timeline, all, lastAt, touches, touchesAll];
// Instants go in as Dates or RFC 3339 text, and come back as Dates.
const atText: Date = crm.logInteraction({ customerId: ada.id, channel: 'email', direction: 'inbound', at: '2026-01-05T08:00:00Z' }).at;
const dueText: Date = crm.scheduleFollowUp({ customerId: ada.id, due: '2026-01-06T09:00:00Z' }).due;
const sinceText: Interaction[] = crm.timeline(ada.id, { from: '2026-01-01T00:00:00Z' });
void [atText, dueText, sinceText, crm.canContact(ada.id, 'email', '2026-01-05T10:00:00Z').allowed];

const complaint = crm.logInteraction({ customerId: ada.id, channel: 'email', direction: 'inbound', kind: 'complaint', priority: 'urgent' });
const complaintPriority: Priority | null = complaint.priority;
void complaintPriority;
// @ts-expect-error: not a priority
crm.logInteraction({ customerId: ada.id, channel: 'email', direction: 'inbound', priority: 'asap' });
if (complaint.caseId !== null) {
  const c: Case = crm.case(complaint.caseId);
  const casePriority: Priority | null = c.priority;
  void casePriority;
  const resolved: Case = crm.resolveCase(c.id, 'refund', { actor: 'kim' });
  const when: Date | null = resolved.resolvedAt;
  void when;
}
const open: Case[] = crm.openCases();
const mine: Case[] = crm.casesOf(ada.id);
const found: Customer | null = crm.findByEmail('ada@example.com');
const byPhone: Customer[] = crm.findByPhone('+49 30 1234567');
void [open, mine, found, byPhone];

crm.setNow(new Date());
crm.advance(60_000);
const now: Date = crm.now;
const size: number = crm.size;
const journal: string = crm.eventsJson();
const again: Crm = Crm.replay(journal, { now });
const same: boolean = again.equals(crm);
const snapshot: string = crm.snapshotJson();
const loaded: Crm = Crm.fromSnapshot(snapshot, { now, seed: 1, journal });
const loadedPlain: Crm = Crm.fromSnapshot(snapshot);
void loaded;
void loadedPlain;
// @ts-expect-error: the journal is JSON Lines text
Crm.fromSnapshot(snapshot, { journal: [] });
void [size, same];

try {
  crm.customer('nope');
} catch (err) {
  const e = err as CrmError;
  const code: ErrorCode = e.code;
  const field: string | null = e.field;
  const row: number | null = e.row;
  const name:
    | 'ValidationError' | 'NotFoundError' | 'ConflictError' | 'DecodeError' | 'JournalError'
    | 'InternalError' | 'CrmError' = e.name;
  void [code, field, row, name];
  // The kinds are classes: `instanceof` narrows to them.
  if (err instanceof NotFoundError) {
    const notFound: CrmError = err;
    const missing: ErrorCode = err.code;
    void [notFound, missing];
  } else if (err instanceof ConflictError) {
    const holder: string | undefined = err.holder;
    void holder;
  } else if (err instanceof ValidationError || err instanceof DecodeError || err instanceof JournalError) {
    const where: string | null = err.field;
    void where;
  } else if (err instanceof InternalError) {
    const message: string = err.message;
    void message;
  }
}
const made: ValidationError = new ValidationError('bad', { field: 'emails[0]', value: 'x@@y' });
const base: CrmError = new CrmError('any', {});
const error: Error = made;
void [base, error];
// @ts-expect-error: not a code
new ValidationError('bad', { code: 'nonsense' });

// Wrong calls do not type-check.
// @ts-expect-error: not a channel
crm.logInteraction({ customerId: ada.id, channel: 'pigeon', direction: 'inbound' });
// @ts-expect-error: direction is required
crm.logInteraction({ customerId: ada.id, channel: 'email' });
// @ts-expect-error: emails are strings
crm.createCustomer({ emails: [1] });
// @ts-expect-error: a customer's createdAt is a Date
const wrong: string = ada.createdAt;
void wrong;
// @ts-expect-error: an attribute needs a type tag
crm.createCustomer({ givenName: 'X', attributes: { a: 1 } });
// @ts-expect-error: setNow takes a Date
crm.setNow(5);

// ----- scheduling ---------------------------------------------------------------------

const scheduled = new Crm({
  now: new Date('2026-01-05T09:00:00Z'),
  timeZone: 'Europe/Berlin',
  contactPolicy: {
    caps: [{ channel: 'email', max: 3, windowMs: 7 * 86_400_000 }, { channel: null, max: 5, windowMs: 86_400_000 }, { max: 1, windowMs: 3_600_000 }],
    minGapMs: 3_600_000,
    quietHours: { start: '20:00', end: '08:00' },
    allowWeekends: false,
    exempt: ['transactional', 'requested'],
  },
});
const noQuiet = new Crm({ contactPolicy: { quietHours: null } });
void noQuiet;
const newFollowUp: NewFollowUp = {
  customerId: ada.id,
  due: new Date(),
  kind: 'check_back',
  channel: 'phone',
  priority: 'urgent',
  note: 'ask about the invoice',
  owner: 'sam',
  recurrence: 'FREQ=WEEKLY;BYDAY=MO',
  actor: 'kim',
};
const fu: FollowUp = scheduled.scheduleFollowUp(newFollowUp);
const fuDue: Date = fu.due;
const fuKind: FollowUpKind = fu.kind;
const fuStatus: FollowUpStatus = fu.status;
const fuOrigin: Origin = fu.origin;
const fuPriority: Priority = fu.priority;
const fuRule: string | null = fu.recurrence;
const fuClosed: Date | null = fu.closedAt;
const fuOccurrence: number = fu.occurrence;
const fuSeries: Date = fu.seriesStart;
const fuPlanned: Date = fu.planned;
const fuChannel: Channel | null = fu.channel;
void [fuDue, fuKind, fuStatus, fuOrigin, fuPriority, fuRule, fuClosed, fuOccurrence, fuSeries, fuPlanned, fuChannel];
const moved: FollowUp = scheduled.rescheduleFollowUp(fu.id, new Date(), { actor: 'sam' });
const snoozed: FollowUp = scheduled.snoozeFollowUp(fu.id, new Date());
const nextFu: FollowUp | null = scheduled.completeFollowUp(fu.id, { actor: 'sam' });
const cancelledFu: FollowUp = scheduled.cancelFollowUp(fu.id);
const oneFu: FollowUp = scheduled.followUp(fu.id);
const ofFu: FollowUp[] = scheduled.followUpsOf(ada.id);
const plannedFu: FollowUp | null = scheduled.nextPlannedContact(ada.id);
const dueFu: FollowUp[] = scheduled.dueFollowUps(new Date());
const sinceDays: number | null = scheduled.daysSinceLastContact(ada.id);
void [moved, snoozed, nextFu, cancelledFu, oneFu, ofFu, plannedFu, dueFu, sinceDays];
const withConsent: Customer = scheduled.setConsent(ada.id, 'do_not_contact', 'granted', { source: 'call', actor: 'kim' });
scheduled.setConsent(ada.id, 'email', 'denied');
scheduled.setConsent(ada.id, 'marketing', 'granted');
const consent: Consent = withConsent.consent;
const dnc: ConsentRecord | null = consent.doNotContact;
const emailConsentAt: Date | undefined = consent.channels.email?.at;
void [dnc, emailConsentAt];
const category: TouchCategory = 'marketing';
const decision: ContactDecision = scheduled.canContact(ada.id, 'email', new Date(), { category, overrideReason: 'asked' });
const earliest: Date | null = decision.earliest;
const until: Date | null | undefined = decision.reasons[0]?.until;
const overridden: string | null = decision.overridden;
const allowed: boolean = scheduled.canContact(ada.id, 'phone', new Date()).allowed;
void [earliest, until, overridden, allowed];

// @ts-expect-error: not a follow-up kind
scheduled.scheduleFollowUp({ customerId: ada.id, due: new Date(), kind: 'lunch' });
// @ts-expect-error: due is a Date
scheduled.scheduleFollowUp({ customerId: ada.id, due: 5 });
// @ts-expect-error: not a consent scope
scheduled.setConsent(ada.id, 'pigeon', 'granted');
// @ts-expect-error: not a consent status
scheduled.setConsent(ada.id, 'marketing', 'maybe');
// @ts-expect-error: not a touch category
scheduled.canContact(ada.id, 'email', new Date(), { category: 'spam' });
// @ts-expect-error: a cap needs max and windowMs
new Crm({ contactPolicy: { caps: [{ channel: 'email' }] } });
// @ts-expect-error: not a priority
const badPriority: Priority = 'asap';
void badPriority;

// The agenda.
const agendaOptions: AgendaOptions = {
  cadences: [{ everyDays: 30, stage: 'customer' }, { everyDays: 7, tag: 'vip' }],
  responsePromise: {
    timeZone: 'Europe/Berlin',
    hours: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }], sat: [] },
    holidays: ['2026-12-25'],
    inquiryMs: 4 * 3600 * 1000,
    complaintMs: 2 * 3600 * 1000,
  },
  birthdayLeadDays: [7, 0],
  reminderTime: '09:30',
  caseCheckAfterDays: null,
};
const withAgenda = new Crm({ now: new Date(), agenda: agendaOptions });
Crm.replay('', { agenda: { cadences: [{ everyDays: 1 }] } });
const agendaQuery: AgendaQuery = { now: new Date(), windowMs: 86_400_000, owner: 'sam', channel: 'email', stage: 'lead', tag: 'vip' };
const agendaItems: AgendaItem[] = withAgenda.agenda(agendaQuery);
const firstItem: AgendaItem | undefined = withAgenda.agenda({ now: new Date() })[0];
if (firstItem) {
  const itemOrigin: Origin = firstItem.origin;
  const itemKind: FollowUpKind = firstItem.kind;
  const itemFollowUp: string | null = firstItem.followUpId;
  const itemInteraction: string | null = firstItem.interactionId;
  const itemChannel: Channel | null = firstItem.channel;
  const itemPriority: Priority = firstItem.priority;
  const itemOwner: string | null = firstItem.owner;
  const itemDue: Date = firstItem.due;
  const itemOverdue: boolean = firstItem.overdue;
  const itemContact: Date | null = firstItem.contactAt;
  const itemMoved: ContactBlocker[] = firstItem.movedBy;
  const itemMovedUntil: Date | null | undefined = firstItem.movedBy[0]?.until;
  const itemReason: string = firstItem.reason;
  void [itemOrigin, itemKind, itemFollowUp, itemInteraction, itemChannel, itemPriority, itemOwner, itemDue, itemOverdue, itemContact, itemMoved, itemMovedUntil, itemReason];
}
void agendaItems;
const promises: PromiseStatus[] = withAgenda.responsePromises('0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11');
const firstPromise: PromiseStatus | undefined = promises[0];
if (firstPromise) {
  const promiseState: PromiseState = firstPromise.state;
  const promiseKind: 'inquiry' | 'complaint' = firstPromise.kind;
  const promiseDue: Date = firstPromise.due;
  const promiseReceived: Date = firstPromise.receivedAt;
  const promiseAnswered: Date | null = firstPromise.answeredAt;
  const promiseIds: string[] = [firstPromise.interactionId, firstPromise.customerId];
  const promiseChannel: Channel = firstPromise.channel;
  const promisePriority: Priority | null = firstPromise.priority;
  void [promiseState, promiseKind, promiseDue, promiseReceived, promiseAnswered, promiseIds, promiseChannel, promisePriority];
}
// @ts-expect-error: not a promise state
const badState: PromiseState = 'late';
void badState;
// @ts-expect-error: the query needs now
withAgenda.agenda({ windowMs: 1000 });
// @ts-expect-error: not a weekday key
new Crm({ agenda: { responsePromise: { timeZone: 'UTC', inquiryMs: 1, complaintMs: 1, hours: { monday: [] } } } });
new Crm({ agenda: { responsePromise: { timeZone: 'UTC', inquiryMs: 1, complaintMs: 1, priorities: { urgent: { inquiryMs: 1, complaintMs: 1 } } } } });
// @ts-expect-error: not a priority
new Crm({ agenda: { responsePromise: { timeZone: 'UTC', inquiryMs: 1, complaintMs: 1, priorities: { asap: { inquiryMs: 1, complaintMs: 1 } } } } });
new Crm({ agenda: { calendars: { owners: { ann: { timeZone: 'America/New_York' } }, teams: { apac: { timeZone: 'Asia/Tokyo', holidays: ['2026-03-03'] } }, teamOf: { kim: 'apac' } } } });
withAgenda.changeSettings({ agenda: agendaOptions, contactPolicy: { allowWeekends: true }, timeZone: 'Europe/Berlin', actor: 'ops' });
withAgenda.changeSettings({});
// @ts-expect-error: not a setting
withAgenda.changeSettings({ lifecycle: { name: 'x', ordered: [] } });
// @ts-expect-error: a calendar needs a time zone
new Crm({ agenda: { calendars: { owners: { ann: { holidays: [] } } } } });
// @ts-expect-error: a response promise needs complaintMs
new Crm({ agenda: { responsePromise: { timeZone: 'UTC', inquiryMs: 1 } } });
// @ts-expect-error: a cadence needs everyDays
new Crm({ agenda: { cadences: [{ tag: 'vip' }] } });

// ----- merging ------------------------------------------------------------------------

const dupe: Customer = crm.createCustomer({ emails: ['ada.l@example.org'], tags: ['b2b'] });
const mergePlan: MergePlan = {
  default: 'most_recent',
  fields: {
    name: 'most_complete',
    company: { value: 'ACME' },
    stage: { record: ada.id },
    'attributes.score': 'max',
  },
  priority: [dupe.id],
};
const preview: MergePreview = crm.mergePreview(ada.id, [dupe.id], mergePlan);
const previewed: Customer = preview.customer;
const choice: FieldChoice | undefined = preview.fields[0];
const choiceSource: 'record' | 'records' | 'explicit' | 'empty' | undefined = choice?.source;
const movedCounts: MoveCounts = preview.moved;
const movedFollowUps: number = movedCounts.followUps;
void [previewed, choiceSource, movedFollowUps, crm.mergePreview(ada.id, [dupe.id])];
const mergeOptions: MergeOptions = { plan: mergePlan, reason: 'same person', scores: { total: 0.97 }, actor: 'sam' };
const merged: MergeOutcome = crm.merge(ada.id, [dupe.id], mergeOptions);
const mergedInto: string | null = crm.mergedInto(dupe.id);
const toUndo: string[] = crm.mergesOf(dupe.id);
void toUndo;
const undone: UnmergeOutcome = crm.unmerge(merged.mergeId, { reason: 'not the same', actor: 'sam' });
const kept: string[] = undone.kept;
const mergedCode: ErrorCode = 'merged';
void [mergedInto, kept, mergedCode, crm.merge(ada.id, [dupe.id])];
// @ts-expect-error: not a rule
crm.mergePreview(ada.id, [dupe.id], { default: 'loudest' });
// @ts-expect-error: others is a list
crm.merge(ada.id, dupe.id);
// ----- duplicate detection --------------------------------------------------------------

/** No `any` in the free function either. */
type FindArgs = Parameters<typeof findDuplicates>;
const findNoAny: IsAny<ReturnType<typeof findDuplicates>> extends false
  ? true extends { [I in keyof FindArgs]: IsAny<FindArgs[I]> }[number]
    ? false
    : true
  : false = true;
void findNoAny;

const estimation: Estimation = 'em';
const ruleMode: RuleMode = 'either';
const conflictFields: MatchField[] = ['given_name', 'birth_date'];
const matchConfig: MatchConfig = {
  matchThreshold: 0.95,
  reviewThreshold: 0.6,
  termFrequency: true,
  estimation,
  conflicts: conflictFields,
  rules: ['email=exact', 'phone=exact & family_name>=typo'],
  ruleMode,
  maxBlock: 40,
  window: 6,
  seed: 7,
};
const batch: NewCustomer[] = [
  { givenName: 'Robert', familyName: 'Smith', emails: ['bob@example.com'] },
  { givenName: 'Bob', familyName: 'Smith', emails: ['Bob@example.com'] },
];
const batchScan: DuplicateScan = findDuplicates(batch, matchConfig);
findDuplicates(batch);
const firstPair: DuplicatePair | undefined = batchScan.pairs[0];
if (firstPair) {
  const left: number = firstPair.left;
  const right: number = firstPair.right;
  const decided: MatchDecision = firstPair.decision;
  const why: MatchExplanation = firstPair.explanation;
  const score: FieldScore | undefined = why.fields[0];
  const level: MatchLevel | undefined = score?.level;
  const field: MatchField | undefined = score?.field;
  const weight: number | undefined = score?.weight;
  const rule: string | null = why.rule;
  const swapped: boolean = why.swappedNames;
  const conflicts: MatchField[] = why.conflicts;
  const weights: [number, number, number] = [why.priorWeight, why.totalWeight, why.probability];
  void [left, right, decided, level, field, weight, rule, swapped, conflicts, weights];
}
const batchGroup: DuplicateGroup | undefined = batchScan.groups[0];
const groupMembers: number[] | undefined = batchGroup?.members;
const groupPairs: number[] | undefined = batchGroup?.pairs;
const weakest: number | undefined = batchGroup?.minProbability;
const stats: ScanStats = batchScan.stats;
const statCounts: number[] = [stats.records, stats.candidatePairs, stats.matchedPairs, stats.reviewPairs, stats.groups, stats.emIterations];
const emUsed: boolean = stats.emUsed;
const modelRows: ModelRow[] = batchScan.model;
const firstRow: [MatchField, MatchLevel, number] | undefined = modelRows[0] && [modelRows[0].field, modelRows[0].level, modelRows[0].weight];
void [groupMembers, groupPairs, weakest, statCounts, emUsed, firstRow];

const bookScan: DuplicateScan<string> = crm.findDuplicates({ matchThreshold: 0.99 });
const bookLeft: string | undefined = bookScan.pairs[0]?.left;
const bookMembers: string[] | undefined = bookScan.groups[0]?.members;
crm.findDuplicates();
const candidates: DuplicateCandidate[] = crm.checkDuplicates({ givenName: 'Ada', familyName: 'Lovelace' }, { rules: ['email=exact'], ruleMode: 'both' });
const candidateId: string | undefined = candidates[0]?.id;
const candidateWhy: MatchExplanation | undefined = candidates[0]?.explanation;
crm.checkDuplicates({ emails: ['ada@example.com'] });
void [bookLeft, bookMembers, candidateId, candidateWhy];

// @ts-expect-error: not an estimation
findDuplicates(batch, { estimation: 'magic' });
// @ts-expect-error: rules are strings
findDuplicates(batch, { rules: [{ field: 'email' }] });
// @ts-expect-error: not a match field
findDuplicates(batch, { conflicts: ['hair'] });
// @ts-expect-error: thresholds are numbers
crm.findDuplicates({ matchThreshold: 'high' });
// @ts-expect-error: a misspelt setting
crm.findDuplicates({ matchTreshold: 0.9 });
// @ts-expect-error: a batch scan names records by index
const wrongLeft: string | undefined = batchScan.pairs[0]?.left;
void wrongLeft;
// @ts-expect-error: records are customers
findDuplicates([1, 2]);

// The duplicate guard.
const policy: OnDuplicate = 'block';
crm.setDuplicateGuard({ matchThreshold: 0.95 }, policy);
crm.setDuplicateGuard({});
crm.setDuplicateGuard(null);
const guard: DuplicateGuard | null = crm.duplicateGuard();
if (guard) {
  const threshold: number = guard.config.matchThreshold;
  const how: OnDuplicate = guard.onDuplicate;
  crm.setDuplicateGuard(guard.config, guard.onDuplicate);
  void [threshold, how];
}
const checked: CheckedCreate = crm.createCustomerChecked({ givenName: 'Ada', familyName: 'Lovelace' });
const checkedId: string = checked.id;
const checkedMerged: string | null = checked.mergedInto;
const firstCandidate: DuplicateCandidate | undefined = checked.candidates[0];
const imported: ImportReport = crm.importCustomers([{ givenName: 'Ada' }]);
const duplicateRow: number | undefined = imported.duplicates[0]?.row;
const duplicateOf: string | undefined = imported.duplicates[0]?.candidates[0]?.id;
void [checkedId, checkedMerged, firstCandidate, duplicateRow, duplicateOf];
// @ts-expect-error: not a policy
crm.setDuplicateGuard({}, 'ignore');
// @ts-expect-error: the config is required (null turns the guard off)
crm.setDuplicateGuard();

// The remaining reads, and free().
const everyone: Customer[] = crm.customers();
const owned: Customer[] = crm.customersOwnedBy('sam');
const tagged: Customer[] = crm.customersWithTag('vip');
const events: number = crm.eventCount;
const model: LifecycleModel = crm.lifecycle;
const one: Interaction = crm.interaction(timeline[0]?.id ?? '');
void [everyone, owned, tagged, events, model, one];
// @ts-expect-error: the tag is a string
crm.customersWithTag(['vip']);
crm.free();
