//! Scheduling: whom to contact when.
//!
//! - [`recurrence`]: an RFC 5545 subset (FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL)
//!   evaluated in the customer's own time zone, so "every Monday 9:00" stays 9:00 local
//!   across daylight-saving changes.
//! - [`dates`]: yearly important dates (birthdays, renewals) and their reminders.
//! - [`calendar`]: business hours and holidays, for promised response times.
//! - [`policy`]: consent, frequency caps, minimum gaps, quiet hours and weekends, answered
//!   by one question, [`policy::can_contact`].
//! - [`promise`]: response promises (SLAs) to inbound inquiries and complaints, by priority.
//! - [`agenda`]: every due or upcoming contact from all origins, placed at its earliest
//!   allowed time.
//! - [`followup`]: planned contacts and tasks, one-off or recurring.
//! - `zone`: UTC offsets of a time zone and their changes, found once per stretch of time.

pub mod agenda;
mod book;
pub mod calendar;
pub mod dates;
pub mod followup;
pub mod policy;
pub mod promise;
pub mod recurrence;
pub(crate) mod zone;
