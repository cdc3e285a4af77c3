//! # crm-core
//!
//! The domain of an embeddable CRM: customers with normalised contact data, lifecycle
//! stages with their history, and the history of interactions, purchases and cases.
//!
//! The design is event-sourced: every command on a [`Crm`] is validated first, produces
//! versioned [`Event`]s, and only then changes the state by applying them (which cannot
//! fail). Replaying the journal rebuilds an identical book. Time comes from a
//! [`Clock`](clock::Clock) and ids from a seedable generator, so the same input always
//! gives the same output. The crate does no I/O and has no global state.
//!
//! ```
//! use crm_core::{Crm, NewCustomer};
//!
//! let mut crm = Crm::new();
//! let c = crm.create_customer(
//!     NewCustomer::default().with_name("Grace", "Hopper").with_email("grace@example.org"),
//! )?;
//! assert_eq!(c.stage.as_str(), "subscriber");
//! # Ok::<(), crm_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[macro_use]
mod macros;

pub mod clock;
pub mod columns;
pub mod consent;
pub mod contact;
pub mod customer;
pub mod dedup;
pub mod error;
pub mod event;
pub mod id;
pub mod interaction;
pub mod journal;
pub mod json;
pub mod lifecycle;
pub mod merge;
pub mod money;
pub mod schedule;
pub mod settings;
pub mod snapshot;

mod crm;
mod sort;
mod state;

pub use crate::crm::{Crm, CrmBuilder, ImportReport};
pub use crate::customer::{AttributeValue, Customer, CustomerPatch, NewCustomer};
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::event::{Event, EventKind};
pub use crate::id::{CaseId, CustomerId, InteractionId, MergeId};
pub use crate::merge::{MergeOutcome, MergePlan, MergePreview, MergeRequest, UnmergeOutcome};
pub use crate::state::State;
