//! Duplicate detection end to end: plain batches, a book, and order independence.

use std::collections::BTreeSet;

use crm_core::contact::PhoneKind;
use crm_core::customer::NewAddress;
use crm_core::dedup::{Decision, Estimation, Field, Level, MatchConfig, MatchRecord, Matcher};
use crm_core::{Crm, NewCustomer};
use proptest::prelude::*;

fn person(given: &str, family: &str) -> NewCustomer {
    NewCustomer::default().with_name(given, family)
}

fn at(mut c: NewCustomer, line: &str, city: &str, postcode: &str, country: &str) -> NewCustomer {
    let mut address = NewAddress::default();
    address.lines = vec![line.into()];
    address.locality = Some(city.into());
    address.postal_code = Some(postcode.into());
    address.country = Some(country.into());
    c.addresses.push(address);
    c.default_region = Some(country.into());
    c
}

fn born(mut c: NewCustomer, date: &str) -> NewCustomer {
    c.birthday = Some(date.into());
    c
}

/// A small batch: record index → the person it really is.
fn batch() -> Vec<(u32, NewCustomer)> {
    vec![
        (
            1,
            person("Robert", "Smith").with_email("bob.smith@gmail.com"),
        ),
        (
            1,
            person("Bob", "Smith").with_email("Bob.Smith+shop@gmail.com"),
        ),
        (
            1,
            born(
                person("Robert", "Smyth").with_phone("+44 20 7946 0018", PhoneKind::Mobile),
                "1980-04-02",
            ),
        ),
        (
            1,
            born(
                person("Rob", "Smith")
                    .with_phone("020 7946 0018", PhoneKind::Mobile)
                    .with_email("bob.smith@gmail.com"),
                "1980-04-02",
            ),
        ),
        (
            2,
            at(
                person("José", "Müller"),
                "Hauptstraße 5",
                "Berlin",
                "10115",
                "DE",
            )
            .with_phone("030 1234567", PhoneKind::Home),
        ),
        (
            2,
            at(
                person("MULLER", "JOSE"),
                "Hauptstr. 5",
                "Berlin",
                "10115",
                "DE",
            )
            .with_phone("+49 30 1234567", PhoneKind::Home),
        ),
        // Family members at the same address and landline: not the same person.
        (
            3,
            at(
                born(person("Anna", "Kowalska"), "1961-02-03"),
                "ul. Prosta 1",
                "Warszawa",
                "00-001",
                "PL",
            )
            .with_phone("22 123 45 67", PhoneKind::Home),
        ),
        (
            4,
            at(
                born(person("Piotr", "Kowalski"), "1959-11-20"),
                "ul. Prosta 1",
                "Warszawa",
                "00-001",
                "PL",
            )
            .with_phone("22 123 45 67", PhoneKind::Home),
        ),
        (
            5,
            at(
                born(person("Ewa", "Kowalska"), "1990-07-07"),
                "ul. Prosta 1",
                "Warszawa",
                "00-001",
                "PL",
            )
            .with_phone("22 123 45 67", PhoneKind::Home),
        ),
        // Another of the family, his names written the wrong way round.
        (
            9,
            at(
                person("Kowalski", "Jan"),
                "ul. Prosta 1",
                "Warszawa",
                "00-001",
                "PL",
            )
            .with_phone("22 123 45 67", PhoneKind::Home),
        ),
        // Same common name, nothing else shared.
        (
            6,
            person("John", "Smith").with_email("john.smith@yahoo.com"),
        ),
        (7, person("John", "Smith").with_email("jsmith@outlook.com")),
        (8, person("Liz", "Okonkwo").with_email("liz@okonkwo.ng")),
        (
            8,
            person("Elizabeth", "Okonkwo").with_email("LIZ@okonkwo.ng"),
        ),
    ]
}

fn groups_as_labels(scan_groups: &[Vec<usize>], labels: &[u32]) -> BTreeSet<Vec<u32>> {
    scan_groups
        .iter()
        .map(|g| {
            let mut l: Vec<u32> = g.iter().map(|&m| labels[m]).collect();
            l.sort_unstable();
            l
        })
        .collect()
}

#[test]
fn a_batch_finds_its_people_and_not_the_family() {
    let data = batch();
    let records: Vec<NewCustomer> = data.iter().map(|(_, c)| c.clone()).collect();
    let labels: Vec<u32> = data.iter().map(|(l, _)| *l).collect();
    let scan = Matcher::new(MatchConfig::default()).unwrap().scan(&records);
    let groups: Vec<Vec<usize>> = scan.groups.iter().map(|g| g.members.clone()).collect();
    let found = groups_as_labels(&groups, &labels);
    let expected: BTreeSet<Vec<u32>> = [vec![1, 1, 1, 1], vec![2, 2], vec![8, 8]]
        .into_iter()
        .collect();
    assert_eq!(found, expected, "{:#?}", scan.pairs);
    // Every pair inside a group is explained, and the explanation adds up.
    for g in &scan.groups {
        for &p in &g.pairs {
            let e = &scan.pairs[p].explanation;
            assert_eq!(e.decision, Decision::Match);
            let sum: f64 = e.prior_weight + e.fields.iter().map(|f| f.weight).sum::<f64>();
            assert!((sum - e.total_weight).abs() < 1e-3);
        }
    }
    // The swapped, upper-case José Müller is explained as such.
    let jose = scan
        .pairs
        .iter()
        .find(|p| labels[p.left] == 2 && labels[p.right] == 2)
        .unwrap();
    assert!(jose.explanation.swapped_names);
    assert_eq!(
        jose.explanation.fields[Field::Address as usize].level,
        Level::Exact
    );
}

#[test]
fn estimation_keeps_the_answer_on_a_clear_batch() {
    let data = batch();
    let records: Vec<NewCustomer> = data.iter().map(|(_, c)| c.clone()).collect();
    for estimation in [Estimation::U, Estimation::Em] {
        let config = MatchConfig {
            estimation,
            ..MatchConfig::default()
        };
        let scan = Matcher::new(config).unwrap().scan(&records);
        assert!(
            scan.groups.iter().any(|g| g.members.len() == 4),
            "{estimation:?}"
        );
    }
}

#[test]
fn a_book_is_scanned_by_id_and_checked_incrementally() {
    let mut crm = Crm::builder().seed(3).build();
    let mut ids = Vec::new();
    for (_, c) in batch() {
        // Emails are unique in a book: drop a second holder's email.
        let mut c = c;
        c.emails.retain(|e| {
            let n = e.to_lowercase();
            !crm.customers().any(|x| {
                x.emails
                    .iter()
                    .any(|y| y.provider_normalized() == n || y.normalized() == n)
            })
        });
        c.emails.retain(|e| !e.contains('+'));
        if let Ok(customer) = crm.create_customer(c) {
            ids.push(customer.id);
        }
    }
    let scan = crm.find_duplicates(&MatchConfig::default()).unwrap();
    assert!(
        scan.groups
            .iter()
            .all(|g| g.members.iter().all(|m| ids.contains(m)))
    );
    assert!(!scan.groups.is_empty());
    let candidates = crm
        .check_duplicates(
            &person("Roberto", "Smith").with_email("bob.smith@gmail.com"),
            &MatchConfig::default(),
        )
        .unwrap();
    assert!(!candidates.is_empty());
    assert_eq!(candidates[0].id, ids[0]);
    assert!(
        crm.check_duplicates(&person("Zed", "Unique"), &MatchConfig::default())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_father_and_son_named_alike_are_kept_apart() {
    let home = |c: NewCustomer| {
        at(c, "12 Oak Ave", "Springfield", "62701", "US")
            .with_phone("(217) 555-0142", PhoneKind::Home)
            .with_email("millers@gmail.com")
    };
    let mut junior = NewCustomer::default();
    junior.display_name = Some("John Miller Jr.".into());
    let records = vec![
        home(person("John", "Miller Sr.")),
        home(junior),
        // Names no generation: it may be either of them, never both.
        home(person("John", "Miller")),
        // The son again, his suffix written out.
        born(home(person("John", "Miller Junior")), "1990-06-01"),
    ];
    let scan = Matcher::new(MatchConfig::default()).unwrap().scan(&records);
    let pair = |l, r| scan.pairs.iter().find(|p| (p.left, p.right) == (l, r));
    let father_and_son = pair(0, 1).unwrap();
    assert_eq!(father_and_son.decision, Decision::Review);
    assert_eq!(father_and_son.explanation.conflicts, vec![Field::GivenName]);
    assert_eq!(pair(1, 3).unwrap().decision, Decision::Match);
    for g in &scan.groups {
        assert!(!(g.members.contains(&0) && g.members.contains(&1)), "{g:?}");
    }
    assert!(
        scan.groups
            .iter()
            .any(|g| g.members.contains(&1) && g.members.contains(&3))
    );
}

#[test]
fn bad_configuration_is_a_typed_error() {
    let err = Matcher::new(MatchConfig {
        match_threshold: 1.5,
        ..MatchConfig::default()
    })
    .unwrap_err();
    assert_eq!(err.field(), Some("match_threshold"));
    assert_eq!(err.code(), "invalid_value");
    let err = "shoe_size=exact"
        .parse::<crm_core::dedup::MatchRule>()
        .unwrap_err();
    assert_eq!(err.field(), Some("field"));
}

#[test]
fn prepared_records_compare_without_a_batch() {
    let m = Matcher::new(MatchConfig::default()).unwrap();
    let a = MatchRecord::from_new(&person("Bill", "Gates").with_email("bill@example.com"));
    let b = MatchRecord::from_new(&person("William", "Gates").with_email("BILL@example.com"));
    let e = m.explain(&a, &b);
    assert_eq!(e.fields[0].level, Level::Nickname);
    assert_eq!(e.decision, Decision::Match);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The groups found do not depend on the order of the input.
    #[test]
    fn groups_do_not_depend_on_input_order(seed in any::<u64>()) {
        let data = batch();
        let mut order: Vec<usize> = (0..data.len()).collect();
        // Fisher-Yates with a small LCG from the seed.
        let mut s = seed | 1;
        for i in (1..order.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (s >> 33) as usize % (i + 1));
        }
        let matcher = Matcher::new(MatchConfig::default()).unwrap();
        let straight: Vec<NewCustomer> = data.iter().map(|(_, c)| c.clone()).collect();
        let shuffled: Vec<NewCustomer> = order.iter().map(|&i| data[i].1.clone()).collect();
        let a = matcher.scan(&straight);
        let b = matcher.scan(&shuffled);
        let as_sets = |groups: Vec<Vec<usize>>| -> BTreeSet<Vec<usize>> {
            groups.into_iter().map(|mut g| { g.sort_unstable(); g }).collect()
        };
        let ga = as_sets(a.groups.iter().map(|g| g.members.clone()).collect());
        let gb = as_sets(b.groups.iter().map(|g| g.members.iter().map(|&m| order[m]).collect()).collect());
        prop_assert_eq!(ga, gb);
        prop_assert_eq!(a.pairs.len(), b.pairs.len());
    }
}

mod guard {
    use super::*;
    use crm_core::CustomerPatch;
    use crm_core::dedup::OnDuplicate;

    fn ada() -> NewCustomer {
        person("Ada", "Lovelace").with_phone("+44 20 7946 0018", PhoneKind::Mobile)
    }

    fn ada_again() -> NewCustomer {
        person("Augusta Ada", "Lovelace")
            .with_phone("+44 (0)20 7946 0018", PhoneKind::Mobile)
            .with_email("ada@analytical.example")
    }

    #[test]
    fn block_refuses_and_names_the_match() {
        let mut crm = Crm::builder().seed(1).build();
        let first = crm.create_customer(ada()).unwrap().id;
        crm.set_duplicate_guard(Some((MatchConfig::default(), OnDuplicate::Block)))
            .unwrap();
        let err = crm.create_customer(ada_again()).unwrap_err();
        assert_eq!(err.code(), "duplicate");
        assert_eq!(err.value(), Some(first.to_string().as_str()));
        assert_eq!(crm.len(), 1);
        // Someone else goes through.
        crm.create_customer(person("Charles", "Babbage")).unwrap();
        assert_eq!(crm.len(), 2);
    }

    #[test]
    fn warn_creates_and_reports() {
        let mut crm = Crm::builder().seed(1).build();
        crm.set_duplicate_guard(Some((MatchConfig::default(), OnDuplicate::Warn)))
            .unwrap();
        let first = crm.create_customer(ada()).unwrap().id;
        let checked = crm.create_customer_checked(ada_again()).unwrap();
        assert_ne!(checked.id, first);
        assert_eq!(checked.candidates[0].id, first);
        assert_eq!(checked.candidates[0].decision, Decision::Match);
        assert_eq!(checked.merged_into, None);
        assert_eq!(crm.len(), 2);
    }

    #[test]
    fn merge_takes_a_record_with_the_matchs_own_email() {
        let mut crm = Crm::builder().seed(1).build();
        crm.set_duplicate_guard(Some((MatchConfig::default(), OnDuplicate::Merge)))
            .unwrap();
        let first = crm.create_customer(ada_again().with_tag("vip")).unwrap().id;
        // The same mailbox, written otherwise, with a new phone: merged, not a conflict.
        let again = person("Ada", "Lovelace")
            .with_email("ADA@analytical.example")
            .with_phone("+44 7700 900123", PhoneKind::Mobile);
        let checked = crm.create_customer_checked(again).unwrap();
        assert_eq!((checked.id, checked.merged_into), (first, Some(first)));
        assert_eq!(crm.len(), 1);
        let kept = crm.customer(first).unwrap();
        assert_eq!(kept.emails.len(), 1);
        assert_eq!(kept.phones.len(), 2, "the new phone is kept");
        // A mailbox another customer holds is still a conflict.
        let grace = crm
            .create_customer(person("Grace", "Hopper").with_email("grace@navy.example"))
            .unwrap()
            .id;
        let taken = ada().with_email("grace@navy.example");
        let err = crm.create_customer_checked(taken).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert!(crm.customer(grace).is_ok());
    }

    #[test]
    fn merge_folds_the_record_into_the_match_and_can_be_undone() {
        let mut crm = Crm::builder().seed(1).build();
        crm.set_duplicate_guard(Some((MatchConfig::default(), OnDuplicate::Merge)))
            .unwrap();
        let first = crm.create_customer(ada()).unwrap().id;
        let checked = crm.create_customer_checked(ada_again()).unwrap();
        assert_eq!(checked.merged_into, Some(first));
        assert_eq!(checked.id, first);
        assert_eq!(crm.len(), 1);
        let survivor = crm.customer(first).unwrap();
        assert_eq!(survivor.emails.len(), 1, "the new email is kept");
        let merge = crm.merges().next().unwrap().merge.id;
        crm.unmerge(merge, None, None).unwrap();
        assert_eq!(crm.len(), 2);
        // The index follows: both are there again for the next check.
        let again = crm.create_customer_checked(ada()).unwrap();
        assert_eq!(
            again
                .merged_into
                .map(|id| id == first || crm.customer(id).is_ok()),
            Some(true)
        );
    }

    /// A relative at one address, with the same phone and birthday, may score above the
    /// record's own match as a pair to review: the guard acts on the match.
    #[test]
    fn the_guard_acts_on_a_match_behind_a_stronger_review() {
        for on_duplicate in [OnDuplicate::Block, OnDuplicate::Merge] {
            let mut crm = Crm::builder().seed(1).build();
            let bob = person("Bob", "Lee")
                .with_email("bob.lee@ex.example")
                .with_phone("+44 20 7946 0014", PhoneKind::Mobile);
            let bob = crm
                .create_customer(bob.with_birthday("1990-05-17"))
                .unwrap()
                .id;
            let ana = person("Ana", "Lee").with_email("ana.lee@ex.example");
            let ana = crm
                .create_customer(ana.with_birthday("1990-05-17"))
                .unwrap()
                .id;
            crm.set_duplicate_guard(Some((MatchConfig::default(), on_duplicate)))
                .unwrap();
            let row = person("Ana", "Lee")
                .with_email("ana@other.example")
                .with_phone("+44 20 7946 0014", PhoneKind::Mobile)
                .with_birthday("1990-05-17");
            let candidates = crm.check_duplicates(&row, &MatchConfig::default()).unwrap();
            assert_eq!(
                (candidates[0].id, candidates[0].decision),
                (bob, Decision::Review)
            );
            assert_eq!(
                (candidates[1].id, candidates[1].decision),
                (ana, Decision::Match)
            );
            let out = crm.create_customer_checked(row);
            match on_duplicate {
                OnDuplicate::Block => {
                    let err = out.unwrap_err();
                    assert_eq!(err.code(), "duplicate");
                    assert_eq!(err.value(), Some(ana.to_string().as_str()));
                }
                _ => assert_eq!(out.unwrap().merged_into, Some(ana)),
            }
            assert_eq!(crm.len(), 2);
        }
    }

    /// A row that names its match only by the email the match holds is merged: its other
    /// values reach the match.
    #[test]
    fn merge_takes_a_row_known_only_by_the_matchs_email() {
        let mut crm = Crm::builder().seed(1).build();
        let ada = person("Ada", "Lovelace")
            .with_email("ada@example.com")
            .with_birthday("1815-12-10");
        let ada = crm.create_customer(ada).unwrap().id;
        crm.set_duplicate_guard(Some((MatchConfig::default(), OnDuplicate::Merge)))
            .unwrap();
        let row = NewCustomer::default()
            .with_email("ADA@example.com")
            .with_birthday("1815-12-10")
            .with_tag("newsletter");
        let checked = crm.create_customer_checked(row).unwrap();
        assert_eq!(checked.merged_into, Some(ada));
        assert_eq!(crm.len(), 1);
        let kept = crm.customer(ada).unwrap();
        assert!(kept.tags.contains("newsletter"), "{:?}", kept.tags);
        assert_eq!(kept.emails.len(), 1);
        // The book replays as itself. The merge cannot be undone: the record would come
        // back known by nothing (a birthday and a tag), and the book is left as it was.
        let merge = crm.merges().next().unwrap().merge.id;
        let events = crm.events().to_vec();
        let replayed = Crm::replay(events).unwrap();
        assert!(replayed.state() == crm.state());
        let before = crm.snapshot_json();
        let err = crm.unmerge(merge, None, None).unwrap_err();
        assert_eq!((err.code(), err.field()), ("invalid_value", Some("merge")));
        assert_eq!(crm.snapshot_json(), before);
        // A row that gave more than the email comes apart again.
        let grace = person("Grace", "Hopper").with_email("grace@example.com");
        let grace = crm.create_customer(grace).unwrap().id;
        let row = person("Grace", "Hopper")
            .with_email("grace@example.com")
            .with_phone("+1 212 555 0100", PhoneKind::Mobile);
        assert_eq!(
            crm.create_customer_checked(row).unwrap().merged_into,
            Some(grace)
        );
        let merge = crm.merges_of(grace).next().unwrap().merge.id;
        crm.unmerge(merge, None, None).unwrap();
        assert_eq!(crm.len(), 3);
    }

    /// Refuses every append that records a merge.
    #[derive(Debug, Default)]
    struct RefusesMerges(crm_core::journal::MemoryJournal);

    impl crm_core::journal::Journal for RefusesMerges {
        fn append(&mut self, events: &[crm_core::event::Event]) -> crm_core::Result<()> {
            if events
                .iter()
                .any(|e| matches!(e.event, crm_core::event::EventKind::CustomersMerged { .. }))
            {
                return Err(crm_core::Error::Journal {
                    reason: "disk full".into(),
                });
            }
            self.0.append(events)
        }

        fn events(&self) -> Option<&[crm_core::event::Event]> {
            self.0.events()
        }
    }

    /// Creating and merging a duplicate is one command: when the journal refuses it, the
    /// book holds neither the record nor the merge.
    #[test]
    fn a_refused_guard_merge_leaves_nothing_behind() {
        let journal = RefusesMerges::default();
        let mut crm = Crm::builder().seed(1).journal(Box::new(journal)).build();
        let first = crm.create_customer(ada()).unwrap().id;
        crm.set_duplicate_guard(Some((MatchConfig::default(), OnDuplicate::Merge)))
            .unwrap();
        let before = crm.snapshot_json();
        let err = crm.create_customer_checked(ada_again()).unwrap_err();
        assert_eq!(err.code(), "journal");
        assert_eq!(crm.len(), 1);
        assert_eq!(crm.customer(first).unwrap().emails.len(), 0);
        assert_eq!(crm.snapshot_json(), before);
        let report = crm.import_customers(vec![ada_again()]);
        assert_eq!((report.created.len(), report.rejected.len()), (0, 1));
        assert_eq!(crm.len(), 1);
    }

    #[test]
    fn import_checks_rows_against_the_book_and_each_other() {
        let mut crm = Crm::builder().seed(1).build();
        crm.set_duplicate_guard(Some((MatchConfig::default(), OnDuplicate::Block)))
            .unwrap();
        let report = crm.import_customers(vec![ada(), person("Charles", "Babbage"), ada_again()]);
        assert_eq!(report.created.len(), 2);
        assert_eq!(report.rejected.len(), 1);
        assert_eq!(report.rejected[0].row(), Some(3));
        assert_eq!(report.rejected[0].code(), "duplicate");
    }

    #[test]
    fn the_index_follows_updates() {
        let mut crm = Crm::builder().seed(1).build();
        crm.set_duplicate_guard(Some((MatchConfig::default(), OnDuplicate::Block)))
            .unwrap();
        let id = crm
            .create_customer(
                person("Grace", "Murray").with_phone("+1 212 555 0100", PhoneKind::Mobile),
            )
            .unwrap()
            .id;
        let mut patch = CustomerPatch::default();
        patch.family_name = Some(Some("Hopper".into()));
        crm.update_customer(id, patch).unwrap();
        let err = crm
            .create_customer(
                person("Grace", "Hopper").with_phone("+1 (212) 555-0100", PhoneKind::Mobile),
            )
            .unwrap_err();
        assert_eq!(err.code(), "duplicate");
    }
}

/// Hostile records: every field from a small pool of arbitrary text (controls, marks,
/// scripts, emoji; empty too), so that records share values, pairs are scored and names
/// repeat as they do in real data.
mod hostile {
    use super::*;
    use crm_core::customer::NewPhone;

    /// Text a sheet or a form can hold: any Unicode, or a value that looks like the field.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "(?s).{0,12}",
            "\\PC{1,20}",
            "[a-zA-Z .'-]{1,12}",
            "[0-9 +()/.-]{1,16}",
            "[a-z.+]{1,8}@[a-z.]{1,8}",
            Just("1900-01-01".to_owned()),
            Just("--02-29".to_owned()),
        ]
    }

    fn record(pool: &[String], picks: &[usize]) -> NewCustomer {
        let at = |i: usize| pool[picks[i] % pool.len()].clone();
        // A pick divisible by 5 leaves the field out.
        let some = |i: usize| Some(at(i)).filter(|_| picks[i] % 5 != 0);
        let mut c = NewCustomer::default();
        c.given_name = some(0);
        c.family_name = some(1);
        c.emails = [at(2), at(3)].into_iter().take(picks[4] % 3).collect();
        if picks[6] % 2 == 1 {
            c.phones.push(NewPhone::new(at(5), PhoneKind::Mobile));
        }
        c.default_region = some(7);
        c.birthday = some(8);
        if picks[13] % 2 == 1 {
            let mut address = NewAddress::default();
            address.lines = vec![at(9)];
            address.locality = some(10);
            address.postal_code = some(11);
            address.country = some(12);
            c.addresses.push(address);
        }
        c
    }

    /// A scan's pairs (with their decisions) and groups, each record named by its content.
    #[allow(clippy::type_complexity)]
    fn by_content(
        scan: &crm_core::dedup::DuplicateScan,
        records: &[MatchRecord],
    ) -> (Vec<(String, String, Decision)>, Vec<Vec<String>>) {
        let name = |i: usize| format!("{:?}", records[i]);
        let mut pairs: Vec<_> = scan
            .pairs
            .iter()
            .map(|p| {
                let (a, b) = (name(p.left), name(p.right));
                if a <= b {
                    (a, b, p.decision)
                } else {
                    (b, a, p.decision)
                }
            })
            .collect();
        pairs.sort();
        let mut groups: Vec<Vec<String>> = scan
            .groups
            .iter()
            .map(|g| {
                let mut m: Vec<String> = g.members.iter().map(|&i| name(i)).collect();
                m.sort();
                m
            })
            .collect();
        groups.sort();
        (pairs, groups)
    }

    /// Records, each as 14 picks from a pool.
    fn batch() -> impl Strategy<Value = Vec<NewCustomer>> {
        (
            prop::collection::vec(text(), 1..8),
            prop::collection::vec(prop::collection::vec(0usize..64, 14), 0..24),
        )
            .prop_map(|(pool, rows)| rows.iter().map(|p| record(&pool, p)).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// A scan of any text neither panics nor contradicts itself: each pair's total is its
        /// prior plus its fields' weights, its probability that total's, groups are disjoint
        /// sets of two or more records; and the same records in reverse order give the same
        /// pairs, decisions and groups.
        #[test]
        fn any_text_scans_consistently_in_any_order(records in batch(), em in any::<bool>()) {
            let config = MatchConfig {
                estimation: if em { Estimation::Em } else { Estimation::None },
                ..MatchConfig::default()
            };
            let matcher = Matcher::new(config).unwrap();
            let scan = matcher.scan(&records);
            let n = records.len();
            for p in &scan.pairs {
                let e = &p.explanation;
                prop_assert!(p.left < p.right && p.right < n);
                prop_assert!((0.0..=1.0).contains(&p.probability));
                let sum: f64 = e.prior_weight + e.fields.iter().map(|f| f.weight).sum::<f64>();
                prop_assert!((e.total_weight - sum).abs() < 1e-6, "{} != {}", e.total_weight, sum);
                prop_assert!(e.fields.iter().all(|f| f.weight.is_finite()));
            }
            let mut seen = BTreeSet::new();
            for g in &scan.groups {
                prop_assert!(g.members.len() >= 2);
                prop_assert!(g.members.windows(2).all(|w| w[0] < w[1]));
                prop_assert!(g.members.iter().all(|&m| m < n && seen.insert(m)));
            }
            // Records the matcher reads alike are interchangeable (which of them a window of
            // neighbours reaches is a matter of position): records are named by what the
            // matcher reads.
            let reversed: Vec<NewCustomer> = records.iter().rev().cloned().collect();
            let back = matcher.scan(&reversed);
            prop_assert_eq!(
                by_content(&scan, &matcher.prepare(&records)),
                by_content(&back, &matcher.prepare(&reversed))
            );
        }
    }
}
