//! # crm-wasm
//!
//! The WebAssembly binding of [`crm_core`] for Node and the browser (wasm-bindgen).
//!
//! The binding only converts: JS values into the core's input types and the core's records
//! into plain JS objects (camelCase keys, `Date`s for instants, ids as strings), and the
//! core's [`crm_core::Error`] into JS `Error` objects with `name` and `code`. Every rule
//! lives in `crm-core`.
//!
//! Files mirror the core: [`crm`](crate::Crm) (the `Crm` class, clock, journal),
//! `customer`, `lifecycle`, `interaction`, `schedule`, `agenda`, `merge`, `dedup` (duplicate detection, also the free
//! function `findDuplicates`), plus `convert` (JS ↔ JSON ↔
//! core), `error` (core error → JS `Error`) and `id`. The TypeScript interfaces below are
//! emitted into the generated `.d.ts`.

mod agenda;
mod convert;
mod crm;
mod customer;
mod dedup;
mod engine;
mod error;
mod id;
mod interaction;
mod lifecycle;
mod merge;
mod panic;
mod schedule;

pub use crate::crm::Crm;
pub use crate::dedup::find_duplicates;
#[doc(hidden)]
pub use crate::error::set_error_classes;
#[doc(hidden)]
pub use crate::panic::panic_for_tests;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A customer id (a UUID v7, as a string). */
export type CustomerId = string;
/** An interaction id (a UUID v7, as a string). */
export type InteractionId = string;
/** A case id (a UUID v7, as a string). */
export type CaseId = string;

/** A lifecycle stage key of the book's model, e.g. "lead" (names such as "Sales Qualified" are read too). */
export type Stage = string;
/** The stages of the default lifecycle model. */
export type DefaultStage =
  | 'subscriber' | 'lead' | 'marketing_qualified' | 'sales_qualified' | 'opportunity'
  | 'customer' | 'advocate' | 'disqualified' | 'churned';

/** The medium of an interaction. */
export type Channel =
  | 'email' | 'phone' | 'sms' | 'meeting' | 'webinar' | 'chat' | 'social' | 'web_form'
  | 'letter' | 'in_person' | 'other';
/** Who started an interaction. */
export type Direction = 'inbound' | 'outbound';
/** What an interaction was about; a complaint opens a case. */
export type InteractionKind = 'note' | 'inquiry' | 'complaint' | 'support' | 'sale' | 'marketing';
/** Whether a case is still open. */
export type CaseStatus = 'open' | 'resolved';
/** The kind of a phone number. */
export type PhoneKind = 'mobile' | 'home' | 'work' | 'fax' | 'other';

/** A typed custom attribute; dates are "YYYY-MM-DD". */
export type AttributeValue =
  | { type: 'text'; value: string }
  | { type: 'number'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'date'; value: string };

/** An instant given to crm: a `Date`, or RFC 3339 text ("2026-01-05T09:00:00Z"). Instants
 * crm gives back are `Date`s. */
export type Instant = Date | string;

/** Options of `new Crm(options)` and `Crm.replay(json, options)`. */
export interface CrmOptions {
  /** Fixes the clock at this time; `setNow` and `advance` then move it. Default: the system clock. */
  now?: Instant;
  /** Makes ids reproducible (a whole number up to 2^53 - 1). Default: random. */
  seed?: number;
  /** ISO 3166-1 country whose numbers may be written without `+country`, e.g. "DE". */
  defaultRegion?: string;
  /** A custom lifecycle model instead of the default one. */
  lifecycle?: { name: string; ordered: string[]; side?: string[] };
  /** Rules for outbound contact (read by `canContact`); missing keys keep the core's default
   * (no caps, no minimum gap, quiet hours 20:00–08:00, no weekends, transactional and
   * requested exempt). */
  contactPolicy?: ContactPolicyOptions;
  /** IANA zone for customers without one, e.g. "Europe/Berlin". Default: UTC. */
  timeZone?: string;
  /** What `agenda` includes besides planned follow-ups. */
  agenda?: AgendaOptions;
}

/** Options of `Crm.fromSnapshot(json, options)`: those of `new Crm`, and the journal. */
export interface FromSnapshotOptions extends CrmOptions {
  /** The events recorded after the snapshot (JSON Lines, as `eventsJson()` writes them); may
   * be the whole journal: the events the snapshot holds are not applied again. */
  journal?: string | null;
}

/** The settings of `changeSettings`: each one given replaces the book's (`agenda` as a whole,
 * from the core's defaults for its missing keys). Settings are recorded in the journal, also
 * those given to `new Crm` or `Crm.replay` (with the next command), so a replay reproduces
 * them without options. */
export interface SettingsOptions {
  contactPolicy?: ContactPolicyOptions;
  timeZone?: string;
  agenda?: AgendaOptions;
  /** Who changes them (kept in the journal). */
  actor?: string;
}

/** A frequency cap: at most `max` touches per `windowMs` (whole seconds), on one channel or all. */
export interface FrequencyCapOptions {
  /** The channel counted; missing or null: all channels. */
  channel?: Channel | null;
  max: number;
  windowMs: number;
}

/** `CrmOptions.contactPolicy`. */
export interface ContactPolicyOptions {
  caps?: FrequencyCapOptions[];
  /** The least time between two outbound touches (whole seconds, in ms). */
  minGapMs?: number;
  /** Local hours without contact, "HH:MM" to "HH:MM" (may wrap midnight); null: none. */
  quietHours?: { start: string; end: string } | null;
  allowWeekends?: boolean;
  /** Contact only while the business is open: the working hours and holidays of the
   * customer's owner's calendar, else their team's, else the book's (false). */
  businessHours?: boolean;
  /** Categories not subject to quiet hours, weekends, caps and the gap. */
  exempt?: TouchCategory[];
}

/** A phone number as given. */
export interface NewPhone {
  number: string;
  kind?: PhoneKind;
}

/** A postal address as given. */
export interface NewAddress {
  lines?: string[];
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  /** ISO 3166-1 alpha-2 code. */
  country?: string | null;
  label?: string | null;
}

/** Everything needed to create a customer (at least a name, an email or a phone). */
export interface NewCustomer {
  id?: CustomerId;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  /** The first is the primary email. */
  emails?: string[];
  phones?: NewPhone[];
  /** Region for phone numbers written without `+country` (overrides the book's; without either, the country of the first address that gives one). */
  defaultRegion?: string | null;
  addresses?: NewAddress[];
  /** "1990-05-17", or "--05-17" when the year is unknown; a `Date` gives its calendar day
   * (its UTC date at midnight UTC, as `new Date("1990-05-17")` makes, else its local date,
   * as `new Date(1990, 4, 17)` or a database's DATE column makes). */
  birthday?: string | Date | null;
  /** An IANA time zone name, e.g. "Europe/Berlin". */
  timeZone?: string | null;
  tags?: string[];
  attributes?: Record<string, AttributeValue>;
  owner?: string | null;
  source?: string | null;
  company?: string | null;
  /** Initial stage; default: the model's first stage. */
  stage?: Stage | null;
  actor?: string | null;
}

/** A change to a customer: `null` clears a field, a missing key keeps it; lists replace. */
export interface CustomerPatch {
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  emails?: string[];
  phones?: NewPhone[];
  defaultRegion?: string | null;
  addresses?: NewAddress[];
  /** As `NewCustomer.birthday`. */
  birthday?: string | Date | null;
  timeZone?: string | null;
  addTags?: string[];
  removeTags?: string[];
  setAttributes?: Record<string, AttributeValue>;
  removeAttributes?: string[];
  owner?: string | null;
  source?: string | null;
  company?: string | null;
  actor?: string | null;
}

/** An email address: as given, and the normalised comparison key. */
export interface Email {
  address: string;
  normalized: string;
}

/** A phone number normalised to E.164. */
export interface Phone {
  /** As given. */
  number: string;
  e164: string;
  extension: string | null;
  kind: PhoneKind;
}

/** A postal address. */
export interface Address {
  lines: string[];
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  label: string | null;
}

/** One recorded stage change; `from` is null for the customer's first stage. */
export interface StageChange {
  from: Stage | null;
  to: Stage;
  at: Date;
  actor: string | null;
  reason: string | null;
}

/** A customer as the book holds it. */
export interface Customer {
  id: CustomerId;
  givenName: string | null;
  familyName: string | null;
  /** The name to show: the person's name, else the primary email, else the first phone. */
  displayName: string;
  /** The first is primary. */
  emails: Email[];
  primaryEmail: Email | null;
  phones: Phone[];
  addresses: Address[];
  /** "1990-05-17", or "--05-17" when the year is unknown. */
  birthday: string | null;
  timeZone: string | null;
  /** Lower-case, sorted. */
  tags: string[];
  attributes: Record<string, AttributeValue>;
  owner: string | null;
  source: string | null;
  company: string | null;
  stage: Stage;
  stageHistory: StageChange[];
  consent: Consent;
  createdAt: Date;
  updatedAt: Date;
}

/** The outcome of `importCustomers`. */
export interface ImportReport {
  /** Ids of the created customers, in row order. */
  created: CustomerId[];
  /** One entry per rejected row (rows count from 1). */
  rejected: { row: number; code: ErrorCode; field: string | null; value: string | null; message: string }[];
  /** Under a duplicate guard: one entry per row (from 1) that matched or may match existing
   * customers, with what the check found and did. */
  duplicates: ({ row: number } & CheckedCreate)[];
}

/** One line of a purchase; prices in minor units (cents). */
export interface LineItem {
  name: string;
  sku?: string | null;
  quantity: number;
  unitPriceMinor: number;
}

/** A purchase as given: the total defaults to the sum of the items. */
export interface NewPurchase {
  /** ISO 4217 code, e.g. "EUR". */
  currency: string;
  amountMinor?: number | null;
  items?: LineItem[];
}

/** An amount in minor units of a currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** A recorded purchase. */
export interface Purchase {
  total: Money;
  items: (LineItem & { sku: string | null })[];
}

/** An interaction as given to `logInteraction`. */
export interface NewInteraction {
  customerId: CustomerId;
  channel: Channel;
  direction: Direction;
  /** Default: "note". */
  kind?: InteractionKind;
  /** Default: the clock's now. */
  at?: Instant;
  subject?: string | null;
  body?: string | null;
  outcome?: string | null;
  actor?: string | null;
  purchase?: NewPurchase | null;
  /** An existing case this belongs to; a complaint without one opens a new case. */
  caseId?: CaseId | null;
  /** How urgent the message is; for an inbound inquiry or complaint it chooses the promised
   * response time (a complaint passes it on to the case it opens). */
  priority?: Priority | null;
  id?: InteractionId;
}

/** A logged interaction. */
export interface Interaction {
  id: InteractionId;
  customerId: CustomerId;
  channel: Channel;
  direction: Direction;
  kind: InteractionKind;
  at: Date;
  subject: string | null;
  body: string | null;
  outcome: string | null;
  actor: string | null;
  purchase: Purchase | null;
  caseId: CaseId | null;
  priority: Priority | null;
}

/** A case: a complaint that is opened and later resolved. */
export interface Case {
  id: CaseId;
  customerId: CustomerId;
  subject: string | null;
  /** The interaction that opened it. */
  openedBy: InteractionId;
  openedAt: Date;
  status: CaseStatus;
  resolvedAt: Date | null;
  resolution: string | null;
  resolvedBy: string | null;
  /** The priority of the complaint that opened it; later messages on the case without one take it. */
  priority: Priority | null;
}

/** Which interactions `timeline` returns; empty or missing lists mean "all". */
export interface TimelineQuery {
  /** Inclusive. */
  from?: Instant;
  /** Exclusive. */
  to?: Instant;
  channels?: Channel[];
  direction?: Direction;
  kinds?: InteractionKind[];
}

/** The latest interaction with a customer, overall and per direction. */
export interface LastContact {
  any: Interaction | null;
  inbound: Interaction | null;
  outbound: Interaction | null;
}

/** Options of `changeStage`: a reason is needed to move back or out of a side stage. */
export interface ChangeStageOptions {
  reason?: string;
  actor?: string;
}

/** Who does something. */
export interface ActorOptions {
  actor?: string;
}

/** How many customers are in a stage. */
export interface StageCount {
  stage: Stage;
  count: number;
}

/** A lifecycle model: the ordered path and the side stages. */
export interface LifecycleModel {
  name: string;
  ordered: Stage[];
  side: Stage[];
}

/** A follow-up id (a UUID v7, as a string). */
export type FollowUpId = string;
/** What a follow-up plans. */
export type FollowUpKind = 'call' | 'email' | 'meeting' | 'task' | 'birthday' | 'check_back' | 'custom';
/** Where a follow-up stands (open and snoozed ones are pending). */
export type FollowUpStatus = 'open' | 'done' | 'snoozed' | 'cancelled';
/** Why a follow-up exists. */
export type Origin = 'manual' | 'cadence' | 'response_promise' | 'important_date' | 'case_check';
/** How urgent a follow-up is. */
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
/** What kind of touch `canContact` is asked about. */
export type TouchCategory = 'service' | 'marketing' | 'transactional' | 'requested';
/** What a consent record is about: marketing, do-not-contact, or one channel. */
export type ConsentScopeName = 'marketing' | 'do_not_contact' | Channel;
/** A consent status. */
export type ConsentStatus = 'granted' | 'denied';

/** One consent record. */
export interface ConsentRecord {
  status: ConsentStatus;
  at: Date;
  source: string | null;
}

/** What the customer has allowed; `doNotContact` granted means do not contact. */
export interface Consent {
  channels: Partial<Record<Channel, ConsentRecord>>;
  marketing: ConsentRecord | null;
  doNotContact: ConsentRecord | null;
}

/** A follow-up as given to `scheduleFollowUp`. */
export interface NewFollowUp {
  customerId: CustomerId;
  due: Instant;
  /** Default: "task". */
  kind?: FollowUpKind;
  channel?: Channel | null;
  /** Default: "normal". */
  priority?: Priority;
  note?: string | null;
  /** Default: the customer's owner. */
  owner?: string | null;
  /** An RRULE, e.g. "FREQ=WEEKLY;BYDAY=MO", evaluated in the customer's time zone. */
  recurrence?: string | null;
  id?: FollowUpId;
  actor?: string | null;
}

/** A planned contact or task. */
export interface FollowUp {
  id: FollowUpId;
  customerId: CustomerId;
  /** When it is due (for a snoozed one: when it wakes up). */
  due: Date;
  kind: FollowUpKind;
  channel: Channel | null;
  priority: Priority;
  note: string | null;
  owner: string | null;
  status: FollowUpStatus;
  origin: Origin;
  /** The RRULE, or null for a one-off. */
  recurrence: string | null;
  seriesStart: Date;
  /** 0 for the first (or a one-off). */
  occurrence: number;
  /** The due time before any snooze. */
  planned: Date;
  closedAt: Date | null;
}

/** Options of `setConsent`. */
export interface SetConsentOptions {
  source?: string;
  actor?: string;
}

/** Options of `canContact`. */
export interface CanContactOptions {
  /** Default: "service". */
  category?: TouchCategory;
  /** Lifts caps and the minimum gap (never consent or quiet hours); recorded in the answer. */
  overrideReason?: string;
}

/** One reason a touch may not go out; `until` is null for consent. */
export interface ContactBlocker {
  /** "do_not_contact", "channel_denied", "no_marketing_opt_in", "quiet_hours", "weekend", "business_hours", "frequency_cap" or "min_gap". */
  code: string;
  until: Date | null;
  message: string;
}

/** The answer of `canContact`. */
export interface ContactDecision {
  allowed: boolean;
  /** The first allowed instant at or after the one asked about; null when consent forbids it. */
  earliest: Date | null;
  reasons: ContactBlocker[];
  overridden: string | null;
}

/** A weekday key of `ResponsePromiseOptions.hours`. */
export type WeekdayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Working hours of a day, local "HH:MM" to "HH:MM" (an end of "00:00" means midnight). */
export interface WorkingHours {
  start: string;
  end: string;
}

/** "Keep in touch every `everyDays` days" for customers in a stage and/or with a tag. */
export interface CadenceOptions {
  /** At least 1, at most 36,525 (a hundred years). */
  everyDays: number;
  stage?: Stage;
  tag?: string;
}

/** A business calendar: working hours in one zone, and holidays. */
export interface BusinessCalendarOptions {
  /** IANA zone of the business calendar, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Working hours by weekday; a missing day keeps Mon–Fri 09:00–17:00 (weekends closed), [] closes it. */
  hours?: Partial<Record<WeekdayKey, WorkingHours[]>>;
  /** Closed days, "YYYY-MM-DD" in the calendar's zone. */
  holidays?: string[];
}

/** Owners' and teams' business calendars: a customer's promised response times count in
 * their owner's calendar, else the owner's team's, else the response promise's. */
export interface CalendarsOptions {
  /** By owner. */
  owners?: Record<string, BusinessCalendarOptions>;
  /** By team name. */
  teams?: Record<string, BusinessCalendarOptions>;
  /** The team of each owner. */
  teamOf?: Record<string, string>;
}

/** Promised response times to inbound inquiries and complaints, counted in business hours
 * of this calendar (or of the customer's owner's, see `AgendaOptions.calendars`). */
export interface ResponsePromiseOptions extends BusinessCalendarOptions {
  /** How long an inquiry may wait for an answer (business time, in ms). */
  inquiryMs: number;
  /** How long a complaint may wait (business time, in ms). */
  complaintMs: number;
  /** Other times for messages of these priorities (the rest get `inquiryMs` / `complaintMs`). */
  priorities?: Partial<Record<Priority, PromiseTimesOptions>>;
}

/** How long inquiries and complaints of one priority may wait (business time, in ms). */
export interface PromiseTimesOptions {
  inquiryMs: number;
  complaintMs: number;
}

/** `CrmOptions.agenda`; missing keys keep the core's default (no cadences, no response
 * promise, birthdays on the day, reminders at 09:00, case check-back after 7 days). */
export interface AgendaOptions {
  cadences?: CadenceOptions[];
  responsePromise?: ResponsePromiseOptions;
  /** Owners' and teams' own business calendars. */
  calendars?: CalendarsOptions;
  /** Birthday reminders this many days ahead (0 = on the day). */
  birthdayLeadDays?: number[];
  /** Local "HH:MM" at which date reminders and cadence items are due. */
  reminderTime?: string;
  /** Days after a case is resolved when a check-back is due (at most 36,525); null: none. */
  caseCheckAfterDays?: number | null;
}

/** Which items `agenda` shows. */
export interface AgendaQuery {
  /** Items due before it are overdue. */
  now: Instant;
  /** How far ahead to look (default: 7 days; not negative, at most 36,525 days). */
  windowMs?: number;
  /** Only items of this owner (the follow-up's, else the customer's). */
  owner?: string;
  channel?: Channel;
  /** Only customers in this stage. */
  stage?: Stage;
  /** Only customers with this tag. */
  tag?: string;
}

/** One thing to do. */
export interface AgendaItem {
  customerId: CustomerId;
  /** Why it is there. */
  origin: Origin;
  kind: FollowUpKind;
  /** The planned follow-up, when it is one. */
  followUpId: FollowUpId | null;
  /** The inbound message waiting for an answer (response promises). */
  interactionId: InteractionId | null;
  channel: Channel | null;
  priority: Priority;
  owner: string | null;
  /** When it is (or was) due. */
  due: Date;
  /** Due before the query's `now`. */
  overdue: boolean;
  /** The earliest allowed contact time at or after max(due, now); null when consent forbids it. */
  contactAt: Date | null;
  /** What moved it from max(due, now). */
  movedBy: ContactBlocker[];
  /** Why it is there, for people. */
  reason: string;
}

/** A merge id (a UUID v7, as a string), for `unmerge`. */
export type MergeId = string;
/** The fields a merge plan chooses (`cadenceDays`-style spellings are read too). */
export type MergeField =
  | 'name' | 'emails' | 'phones' | 'addresses' | 'birthday' | 'time_zone' | 'tags'
  | 'attributes' | 'owner' | 'source' | 'company' | 'stage' | 'cadence' | 'created_at';
/** How a field of the merged customer is chosen: see the Rust docs of `crm_core::merge::Rule`. */
export type MergeRuleName =
  | 'priority' | 'first_non_empty' | 'most_recent' | 'most_complete' | 'furthest_stage'
  | 'union' | 'max' | 'min';
/** A rule: a name, one record's value, or an explicit value (validated like the field's input). */
export type MergeRule = MergeRuleName | { record: CustomerId } | { value: unknown };
/** Declarative survivorship. Default: the survivor's value unless empty, every email, phone,
 * address and tag, the furthest stage, the earliest creation time. */
export interface MergePlan {
  /** For fields without an override: 'priority', 'first_non_empty' (the default),
   * 'most_recent', 'most_complete' or `{ record }`. */
  default?: MergeRuleName | { record: CustomerId };
  /** Per field; `attributes.<key>` for one attribute. */
  fields?: Partial<Record<MergeField | `attributes.${string}`, MergeRule>>;
  /** The records' priority order (default: the survivor, then the others as given). */
  priority?: CustomerId[];
}
/** Options of `merge`. */
export interface MergeOptions {
  plan?: MergePlan;
  /** Why (kept in the journal). */
  reason?: string | null;
  /** The evidence, e.g. a matcher's scores and explanation: any JSON, kept as given. */
  scores?: unknown;
  actor?: string | null;
}
/** Options of `unmerge`. */
export interface UnmergeOptions {
  reason?: string | null;
  actor?: string | null;
}
/** How one field of the merged customer was chosen. */
export interface FieldChoice {
  /** 'name', 'emails', …, 'attributes.<key>', 'consent'. */
  field: string;
  /** The rule applied; null for consent (always merged conservatively). */
  rule: MergeRuleName | 'record' | 'value' | null;
  /** One record's value, several records' values (a union, consent), the explicit value, or none. */
  source: 'record' | 'records' | 'explicit' | 'empty';
  customerIds: CustomerId[];
}
/** How many items move to the survivor (or back, on unmerge). */
export interface MoveCounts {
  interactions: number;
  purchases: number;
  cases: number;
  followUps: number;
  pendingFollowUps: number;
  stageChanges: number;
}
/** What a merge would do. */
export interface MergePreview {
  /** The survivor as it would be. */
  customer: Customer;
  absorbed: CustomerId[];
  fields: FieldChoice[];
  moved: MoveCounts;
}
/** What a merge did. */
export interface MergeOutcome {
  mergeId: MergeId;
  /** The journal position of the merge's event. */
  seq: number;
  survivorId: CustomerId;
  absorbed: CustomerId[];
  fields: FieldChoice[];
  moved: MoveCounts;
}
/** What an unmerge did. */
export interface UnmergeOutcome {
  mergeId: MergeId;
  seq: number;
  survivorId: CustomerId;
  restored: CustomerId[];
  /** The survivor's fields changed after the merge and kept (minus what the merge brought). */
  kept: string[];
  moved: MoveCounts;
}

/** A field compared by duplicate detection. */
export type MatchField = 'given_name' | 'family_name' | 'email' | 'phone' | 'birth_date' | 'address';
/** How closely a field agrees; each field has its own levels, strongest first, and every
 * field can be "different" or "missing" (one side has no value). */
export type MatchLevel =
  | 'exact' | 'nickname' | 'typo' | 'close' | 'initial' | 'weak' | 'same_local_part' | 'same_subscriber'
  | 'same_day_month' | 'one_diff' | 'same_street' | 'same_postcode' | 'same_city'
  | 'different' | 'missing';
/** What a reported pair amounts to: the same customer, or a person should look. */
export type MatchDecision = 'match' | 'review';
/** How the model's m and u are obtained: as given, u from random pairs, or u and then m by EM. */
export type Estimation = 'none' | 'u' | 'em';
/** How rules combine with the score. */
export type RuleMode = 'either' | 'both' | 'rules_only';

/** How duplicates are found; missing keys keep the defaults (shown), unknown keys are refused. */
export interface MatchConfig {
  /** Pairs at or above this probability are the same customer (0.9; strictly between 0 and 1). */
  matchThreshold?: number;
  /** Pairs at or above this probability, below the match threshold, need review (0.5). */
  reviewThreshold?: number;
  /** Weigh an exact name, and an email, phone, birth date or address that many records share (a placeholder, a switchboard), by how common it is in the data (true). */
  termFrequency?: boolean;
  /** ("none") */
  estimation?: Estimation;
  /** Fields whose clear disagreement stops a scored match (["given_name", "birth_date"]). */
  conflicts?: MatchField[];
  /** Rules such as "email=exact" or "phone=exact & family_name>=typo" ([]). */
  rules?: string[];
  /** ("either"); "both" and "rules_only" need at least one rule. */
  ruleMode?: RuleMode;
  /** Blocks larger than this are compared by name neighbourhood (40; at least 2). */
  maxBlock?: number;
  /** Bits of evidence beyond the names a scored match needs (5; 0 turns it off). */
  corroborationBits?: number;
  /** Neighbours compared in large blocks and name passes (3; at least 1). */
  window?: number;
  /** Seed of the random pairs used for estimation (24301). */
  seed?: number;
}

/** One field's part of a pair's score. */
export interface FieldScore {
  field: MatchField;
  level: MatchLevel;
  /** log2 of the level's likelihood ratio (0 when missing). */
  weight: number;
}

/** Why a pair scored what it did. */
export interface MatchExplanation {
  /** One entry per field, in the order of `MatchField`. */
  fields: FieldScore[];
  priorWeight: number;
  /** Prior plus the field weights. */
  totalWeight: number;
  /** The model's posterior of the total weight (fields taken as independent): it ranks
   * pairs and sets the thresholds, and is not how often such pairs are duplicates. */
  probability: number;
  /** Whether the names were compared with given and family name swapped. */
  swappedNames: boolean;
  /** Conflict fields that disagree (they stop a scored match). */
  conflicts: MatchField[];
  /** The rule that holds, in its normal form (fields in snake_case: "phone=exact & family_name>=typo"), or null. */
  rule: string | null;
  decision: MatchDecision;
}

/** Two records that are, or may be, the same customer: indexes into the records given to
 * `findDuplicates`, or customer ids for `crm.findDuplicates`. */
export interface DuplicatePair<Id = number> {
  /** The earlier record. */
  left: Id;
  right: Id;
  probability: number;
  decision: MatchDecision;
  explanation: MatchExplanation;
}

/** Records found to be one customer. */
export interface DuplicateGroup<Id = number> {
  /** In input (or id) order. */
  members: Id[];
  /** Indexes into `DuplicateScan.pairs` of the matched pairs inside the group. */
  pairs: number[];
  /** The weakest match probability among those pairs. */
  minProbability: number;
}

/** Counts from a duplicate scan. */
export interface ScanStats {
  records: number;
  candidatePairs: number;
  matchedPairs: number;
  reviewPairs: number;
  groups: number;
  /** Expectation-maximisation iterations run (0 without estimation "em"). */
  emIterations: number;
  /**
   * Whether the scan used the model EM learnt: false without estimation "em", and when no
   * training block had enough pairs or a plausible fit (one that takes fewer pairs for
   * matches than there are records); the scan then keeps the model EM started from.
   */
  emUsed: boolean;
}

/**
 * One level of one field of the model a scan used: after estimation "u" or "em", what was
 * learnt.
 */
export interface ModelRow {
  field: MatchField;
  level: MatchLevel;
  /** P(level | same customer). */
  m: number;
  /** P(level | different customers). */
  u: number;
  /** log2(m / u): bits for (positive) or against a match. */
  weight: number;
}

/** The result of a duplicate scan: pairs strongest first, groups without chaining. */
export interface DuplicateScan<Id = number> {
  pairs: DuplicatePair<Id>[];
  groups: DuplicateGroup<Id>[];
  stats: ScanStats;
  /** The model used, one row per field and level ("missing" weighs nothing). */
  model: ModelRow[];
}

/** An existing customer that may be the same as the record checked. */
export interface DuplicateCandidate {
  id: CustomerId;
  probability: number;
  decision: MatchDecision;
  explanation: MatchExplanation;
}

/** Where a promised response stands: not answered and not yet late, answered in time, or
 * answered late / not answered in time. */
export type PromiseState = 'due' | 'fulfilled_on_time' | 'breached';

/** A promised response to one inbound inquiry or complaint (`responsePromises`). */
export interface PromiseStatus {
  /** The inbound message. */
  interactionId: InteractionId;
  customerId: CustomerId;
  kind: 'inquiry' | 'complaint';
  /** The channel it came in on. */
  channel: Channel;
  /** The message's priority (its own, else its case's), if one was given. */
  priority: Priority | null;
  receivedAt: Date;
  /** When the first answer is due (quote it in the acknowledgement). */
  due: Date;
  /** The first outbound interaction after it; null while unanswered. */
  answeredAt: Date | null;
  /** At the book's clock. */
  state: PromiseState;
}

/** What creating or importing a customer does with a match under `crm.setDuplicateGuard`:
 * create it anyway, refuse it (a `ConflictError` with code 'duplicate'), or merge it into the
 * customer it matches. */
export type OnDuplicate = 'warn' | 'block' | 'merge';

/** The duplicate check of a book (`crm.duplicateGuard()`). */
export interface DuplicateGuard {
  /** Every setting, as `setDuplicateGuard` takes it. */
  config: Required<MatchConfig>;
  onDuplicate: OnDuplicate;
}

/** What `crm.createCustomerChecked` did. */
export interface CheckedCreate {
  /** The customer that holds the record now: the new one, or the one it was merged into. */
  id: CustomerId;
  /** Existing customers it may duplicate, strongest first (empty without a guard). */
  candidates: DuplicateCandidate[];
  /** The customer it was merged into, under 'merge'. */
  mergedInto: CustomerId | null;
}

/** The stable codes of `CrmError.code`. */
export type ErrorCode =
  | 'invalid_email' | 'invalid_phone' | 'invalid_date' | 'invalid_time_zone'
  | 'invalid_currency' | 'invalid_stage' | 'invalid_transition' | 'invalid_value'
  | 'not_found' | 'merged' | 'conflict' | 'duplicate' | 'decode' | 'journal'
  /** A bug in crm-wasm (a Rust panic), with `name` 'InternalError'. */
  | 'internal';

/** The class name of a thrown error, by kind ('CrmError' for a kind added later). */
export type ErrorName =
  | 'ValidationError' | 'NotFoundError' | 'ConflictError' | 'DecodeError' | 'JournalError'
  | 'InternalError' | 'CrmError';

/** What a `CrmError` is made with (each detail has a default). */
export interface CrmErrorDetails {
  code?: ErrorCode;
  field?: string | null;
  value?: string | null;
  row?: number | null;
}

/**
 * What every method of `Crm` throws: an `Error` of a subclass by kind, with a stable code.
 * Test the kind with `instanceof` (`err instanceof ValidationError`) or by `name`.
 */
export class CrmError extends Error {
  constructor(message: string, details?: CrmErrorDetails);
  name: ErrorName;
  code: ErrorCode;
  /** The field concerned, e.g. "emails[1]", "phones[0]", "birthday", "stage". */
  field: string | null;
  /** The offending value, as given. */
  value: string | null;
  /** The 1-based row of an import or a journal line. */
  row: number | null;
  /** For a conflict: the id of the customer that holds the value (for 'duplicate': the
   * customer the record matches). */
  holder?: CustomerId;
}

/** Input the book refuses: a value that does not parse, a wrong argument, a stage the
 * model does not know (code 'invalid_*' by field). */
export class ValidationError extends CrmError {}
/** No customer (or interaction, follow-up, merge) with that id; code 'not_found', or
 * 'merged' for a customer merged into another. */
export class NotFoundError extends CrmError {}
/** A value another customer holds (code 'conflict'), or a duplicate refused by the guard
 * (code 'duplicate'); `holder` names the other customer. */
export class ConflictError extends CrmError {}
/** A snapshot or journal that cannot be read (code 'decode'). */
export class DecodeError extends CrmError {}
/** A journal that cannot be replayed (code 'journal'). */
export class JournalError extends CrmError {}
/** A bug in crm-wasm (a Rust panic; code 'internal'): please report it. */
export class InternalError extends CrmError {}
"#;

#[wasm_bindgen]
extern "C" {
    /// `CrmOptions` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "CrmOptions")]
    pub type CrmOptionsArg;

    /// `FromSnapshotOptions` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "FromSnapshotOptions")]
    pub type FromSnapshotOptionsArg;

    /// `ChangeStageOptions` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "ChangeStageOptions")]
    pub type ChangeStageOptionsArg;

    /// `ActorOptions` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "ActorOptions")]
    pub type ActorOptionsArg;

    /// `SettingsOptions` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "SettingsOptions")]
    pub type SettingsOptionsArg;

    /// `TimelineQuery` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "TimelineQuery")]
    pub type TimelineQueryArg;

    /// `SetConsentOptions` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "SetConsentOptions")]
    pub type SetConsentOptionsArg;

    /// `CanContactOptions` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "CanContactOptions")]
    pub type CanContactOptionsArg;

    /// `AgendaQuery` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "AgendaQuery")]
    pub type AgendaQueryArg;

    /// `MergePlan` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "MergePlan")]
    pub type MergePlanArg;

    /// `MergeOptions` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "MergeOptions")]
    pub type MergeOptionsArg;

    /// `UnmergeOptions` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "UnmergeOptions")]
    pub type UnmergeOptionsArg;
    /// `MatchConfig` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "MatchConfig")]
    pub type MatchConfigArg;

    /// `OnDuplicate` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "OnDuplicate")]
    pub type OnDuplicateArg;

    /// `Channel` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "Channel")]
    pub type ChannelArg;
}
