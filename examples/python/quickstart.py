"""The crm quickstart: a few customers, their interactions and stages, and a short report.

Run it after installing the package (``pip install ./crm-py``)::

    python examples/python/quickstart.py

The code between the START/END markers is the README's quickstart; crm-py's
``tests/test_quickstart.py`` runs the same block and checks it matches this file.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import crm


def main() -> None:
    # START quickstart
    clock = crm.FixedClock(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    book = crm.Crm(clock=clock, seed=42, default_region="GB")

    ada = book.create_customer(
        given_name="Ada",
        family_name="Lovelace",
        emails=["Ada.Lovelace@Example.com"],
        phones=[("020 7946 0018", crm.PhoneKind.WORK)],
        company="Analytical Engines",
        tags=["VIP"],
        stage="lead",
    )
    grace = book.create_customer(given_name="Grace", family_name="Hopper", emails=["grace@example.org"])

    # An intro call, a demo the next day, then the sale.
    book.log_interaction(
        ada.id, channel=crm.Channel.PHONE, direction="outbound", subject="Intro call", outcome="demo booked"
    )
    clock.advance(timedelta(days=1))
    book.change_stage(ada.id, "opportunity", actor="sam")
    book.log_interaction(ada.id, channel="meeting", direction="outbound", subject="Demo", actor="sam")
    clock.advance(timedelta(days=2))
    sale = book.log_interaction(
        ada.id,
        channel="in_person",
        direction="inbound",
        kind="sale",
        purchase={"currency": "GBP", "items": [{"name": "Difference Engine", "quantity": 2, "unit_price_minor": 62500}]},
    )
    ada = book.change_stage(ada.id, "customer", actor="sam")

    # A complaint opens a case; it is resolved the next day.
    complaint = book.log_interaction(
        grace.id, channel="email", direction="inbound", kind="complaint", subject="Newsletter arrives twice"
    )
    assert complaint.case_id is not None
    clock.advance(timedelta(days=1))
    book.resolve_case(complaint.case_id, "Removed the duplicate subscription", actor="kim")

    # Invalid input raises, and changes nothing.
    try:
        book.create_customer(given_name="Eve", emails=["ADA.LOVELACE@example.com"])
    except crm.ConflictError as err:
        print(f"refused: {err.code} on {err.field}")

    # A short report.
    print(f"{len(book)} customers, {len(book.open_cases())} open cases")
    for stage, count in book.stage_counts():
        if count:
            print(f"  {stage:<11} {count}")
    last = book.last_contact(ada.id).any
    assert last is not None and sale.purchase is not None
    print(f"{ada.display_name} <{ada.primary_email}>: {ada.stage} since {ada.stage_history[-1].at:%Y-%m-%d}")
    print(f"  bought {sale.purchase.total_display}; last contact {last.channel} on {last.at:%Y-%m-%d}")
    print(f"  {book.outbound_touches(ada.id, clock.now() - timedelta(days=7), clock.now())} outbound touches this week")

    # The journal rebuilds the same book.
    assert crm.Crm.replay(book.events_json()) == book
    # END quickstart


if __name__ == "__main__":
    main()
