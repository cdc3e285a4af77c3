//! The README's Rust tour, run as a test (the Python and JS suites run the same scenario).

#[test]
fn readme_tour() -> Result<(), crm_core::Error> {
    // START quickstart
    use std::sync::Arc;

    use chrono::{Duration, TimeZone, Utc};
    use crm_core::clock::FixedClock;
    use crm_core::contact::PhoneKind;
    use crm_core::interaction::{Channel, Direction, InteractionKind, NewInteraction, NewPurchase};
    use crm_core::{Crm, NewCustomer};

    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap(),
    ));
    let mut crm = Crm::builder().clock(clock.clone()).seed(42).build();

    let ada = crm
        .create_customer(
            NewCustomer::default()
                .with_name("Ada", "Lovelace")
                .with_email("Ada.Lovelace@Example.com")
                .with_phone("+44 20 7946 0018", PhoneKind::Work)
                .with_tag("VIP")
                .with_stage("lead"),
        )?
        .id;
    assert_eq!(
        crm.customer(ada)?.emails[0].normalized(),
        "ada.lovelace@example.com"
    );
    assert_eq!(crm.customer(ada)?.phones[0].e164(), "+442079460018");

    // A web inquiry comes in; we call back; she buys.
    crm.log_interaction(
        NewInteraction::new(
            ada,
            Channel::WebForm,
            Direction::Inbound,
            InteractionKind::Inquiry,
        )
        .with_subject("Wholesale prices?"),
    )?;
    clock.advance(Duration::hours(3));
    crm.log_interaction(
        NewInteraction::new(
            ada,
            Channel::Phone,
            Direction::Outbound,
            InteractionKind::Note,
        )
        .with_outcome("Sent the price list")
        .by("sam"),
    )?;
    clock.advance(Duration::days(2));
    crm.change_stage(ada, "customer", None, Some("sam"))?;
    crm.log_interaction(
        NewInteraction::new(
            ada,
            Channel::InPerson,
            Direction::Inbound,
            InteractionKind::Sale,
        )
        .with_purchase(NewPurchase::total("GBP", 12_500)),
    )?;

    // Going back needs a reason; the refused command changes nothing.
    let err = crm.change_stage(ada, "lead", None, None).unwrap_err();
    assert_eq!(err.code(), "invalid_transition");

    // Questions the book answers.
    assert_eq!(crm.customers_in_stage("customer")?.len(), 1);
    assert_eq!(crm.time_in_stage(ada, "lead")?, Duration::hours(51));
    let last = crm.last_contact(ada)?;
    assert_eq!(
        last.outbound.and_then(|i| i.outcome.as_deref()),
        Some("Sent the price list")
    );

    // The journal rebuilds the same book.
    let copy = Crm::replay(crm.events().to_vec())?;
    assert_eq!(copy.state(), crm.state());
    // END quickstart
    Ok(())
}

/// The lines between `start` and `end` markers of `text`, with the common indent removed.
fn block(text: &str, start: &str, end: &str) -> Vec<String> {
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains(start))
        .skip(1)
        .take_while(|l| !l.contains(end))
        .collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").to_owned())
        .collect()
}

#[test]
fn readme_shows_the_tested_tours() {
    let readme = include_str!("../../README.md");
    for (file, start, end) in [
        (
            include_str!("quickstart.rs"),
            "// START quickstart",
            "// END quickstart",
        ),
        (
            include_str!("../../examples/python/quickstart.py"),
            "# START quickstart",
            "# END quickstart",
        ),
        (
            include_str!("../../examples/js/quickstart.mjs"),
            "// START quickstart",
            "// END quickstart",
        ),
    ] {
        let tour = block(file, start, end).join("\n");
        assert!(tour.lines().count() > 20, "tour block not found");
        assert!(
            readme.contains(&tour),
            "README.md is out of date with:\n{tour}"
        );
    }
}
