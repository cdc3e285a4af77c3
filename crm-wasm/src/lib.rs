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
//! `customer`, `lifecycle`, `interaction`, `schedule`, `agenda`, plus `convert` (JS ↔ JSON ↔
//! core), `error` (core error → JS `Error`) and `id`. The TypeScript interfaces below are
//! emitted into the generated `.d.ts`.

mod agenda;
mod convert;
mod crm;
mod customer;
mod error;
mod id;
mod interaction;
mod lifecycle;
mod schedule;

pub use crate::crm::Crm;

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

/** Options of `new Crm(options)` and `Crm.replay(json, options)`. */
export interface CrmOptions {
  /** Fixes the clock at this time; `setNow` and `advance` then move it. Default: the system clock. */
  now?: Date;
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
  /** Region for phone numbers written without `+country` (overrides the book's). */
  defaultRegion?: string | null;
  addresses?: NewAddress[];
  /** "1990-05-17", or "--05-17" when the year is unknown. */
  birthday?: string | null;
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
  birthday?: string | null;
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
  at?: Date;
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
  from?: Date;
  /** Exclusive. */
  to?: Date;
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
  due: Date;
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
  /** "do_not_contact", "channel_denied", "no_marketing_opt_in", "quiet_hours", "weekend", "frequency_cap" or "min_gap". */
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
  /** At least 1. */
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
  /** Days after a case is resolved when a check-back is due; null: none. */
  caseCheckAfterDays?: number | null;
}

/** Which items `agenda` shows. */
export interface AgendaQuery {
  /** Items due before it are overdue. */
  now: Date;
  /** How far ahead to look (default: 7 days; not negative). */
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

/** The stable codes of `CrmError.code`. */
export type ErrorCode =
  | 'invalid_email' | 'invalid_phone' | 'invalid_date' | 'invalid_time_zone'
  | 'invalid_currency' | 'invalid_stage' | 'invalid_transition' | 'invalid_value'
  | 'not_found' | 'conflict' | 'decode' | 'journal';

/** The class name of a thrown error, by kind. */
export type ErrorName =
  | 'ValidationError' | 'NotFoundError' | 'ConflictError' | 'DecodeError' | 'JournalError';

/** What every method of `Crm` throws: an `Error` with a name by kind and a stable code. */
export interface CrmError extends Error {
  name: ErrorName;
  code: ErrorCode;
  /** The field concerned, e.g. "emails[1]", "phones[0]", "birthday", "stage". */
  field: string | null;
  /** The offending value, as given. */
  value: string | null;
  /** The 1-based row of an import or a journal line. */
  row: number | null;
  /** For a conflict: the id of the customer that holds the value. */
  holder?: CustomerId;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `CrmOptions` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "CrmOptions")]
    pub type CrmOptionsArg;

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

    /// `Channel` (typed in the `.d.ts`).
    #[wasm_bindgen(typescript_type = "Channel")]
    pub type ChannelArg;
}
