"""The exception hierarchy, codes and fields, and that a failed command changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

import crm

UNKNOWN_ID = "0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11"


def test_hierarchy() -> None:
    assert issubclass(crm.CrmError, Exception)
    assert issubclass(crm.ValidationError, crm.CrmError)
    assert issubclass(crm.ValidationError, ValueError)
    assert issubclass(crm.NotFoundError, crm.CrmError)
    assert issubclass(crm.NotFoundError, LookupError)
    assert issubclass(crm.ConflictError, crm.CrmError)
    assert not issubclass(crm.ConflictError, ValueError)
    assert issubclass(crm.DecodeError, crm.ValidationError)
    assert issubclass(crm.JournalError, crm.CrmError)
    for cls in (
        crm.CrmError,
        crm.ValidationError,
        crm.NotFoundError,
        crm.ConflictError,
        crm.DecodeError,
        crm.JournalError,
    ):
        assert cls.__module__ == "crm"


def unchanged(book: crm.Crm, command: Callable[[], object]) -> crm.CrmError:
    """Runs a command that must fail, and checks it left the journal as it was."""
    before = book.events_json()
    with pytest.raises(crm.CrmError) as info:
        command()
    assert book.events_json() == before
    return info.value


def test_invalid_email(book: crm.Crm) -> None:
    err = unchanged(book, lambda: book.create_customer(given_name="X", emails=["x@example.com", "x@@example.com"]))
    assert isinstance(err, crm.ValidationError)
    assert isinstance(err, ValueError)
    assert (err.code, err.kind, err.field, err.value, err.row) == (
        "invalid_email",
        "validation",
        "emails[1]",
        "x@@example.com",
        None,
    )
    assert "x@@example.com" in str(err)
    assert len(book) == 0


def test_invalid_phone(book: crm.Crm) -> None:
    err = unchanged(book, lambda: book.create_customer(given_name="Sam", phones=["+1 800 FLOWERS"]))
    assert isinstance(err, crm.ValidationError)
    assert err.code == "invalid_phone"
    assert err.field == "phones[0]"


def test_invalid_phone_kind(book: crm.Crm) -> None:
    err = unchanged(book, lambda: book.create_customer(given_name="Sam", phones=[("+14155550132", "pager")]))
    assert err.code == "invalid_value"
    assert err.value == "pager"


def test_invalid_date(book: crm.Crm) -> None:
    err = unchanged(book, lambda: book.create_customer(given_name="A", birthday="2023-02-29"))
    assert isinstance(err, crm.ValidationError)
    assert (err.code, err.field) == ("invalid_date", "birthday")


def test_invalid_time_zone(book: crm.Crm) -> None:
    err = unchanged(book, lambda: book.create_customer(given_name="A", time_zone="Europe/Atlantis"))
    assert (err.code, err.field, err.value) == ("invalid_time_zone", "time_zone", "Europe/Atlantis")
    assert "IANA" in str(err)


def test_invalid_currency(book: crm.Crm, ada: crm.Customer) -> None:
    err = unchanged(
        book,
        lambda: book.log_interaction(
            ada.id,
            channel="in_person",
            direction="inbound",
            kind="sale",
            purchase={"currency": "EURO", "amount_minor": 100},
        ),
    )
    assert isinstance(err, crm.ValidationError)
    assert (err.code, err.field) == ("invalid_currency", "purchase.currency")


def test_invalid_stage_names_known_stages(book: crm.Crm, ada: crm.Customer) -> None:
    err = unchanged(book, lambda: book.change_stage(ada.id, "prospect"))
    assert (err.code, err.field, err.value) == ("invalid_stage", "stage", "prospect")
    assert "subscriber" in str(err)


def test_invalid_transition(book: crm.Crm, ada: crm.Customer) -> None:
    book.change_stage(ada.id, "customer")
    err = unchanged(book, lambda: book.change_stage(ada.id, "lead"))
    assert isinstance(err, crm.ValidationError)
    assert (err.code, err.field) == ("invalid_transition", "stage")
    assert "reason" in str(err)
    assert book.customer(ada.id).stage == "customer"


def test_unknown_channel(book: crm.Crm, ada: crm.Customer) -> None:
    err = unchanged(book, lambda: book.log_interaction(ada.id, channel="carrier_pigeon", direction="inbound"))
    assert (err.code, err.field) == ("invalid_value", "channel")


def test_unknown_ids(book: crm.Crm) -> None:
    err = unchanged(book, lambda: book.change_stage(UNKNOWN_ID, "lead"))
    assert isinstance(err, crm.NotFoundError)
    assert isinstance(err, LookupError)
    assert (err.code, err.kind, err.field, err.value) == ("not_found", "not_found", "id", UNKNOWN_ID)
    with pytest.raises(crm.NotFoundError):
        book.customer(UNKNOWN_ID)
    with pytest.raises(crm.NotFoundError):
        book.interaction(UNKNOWN_ID)
    with pytest.raises(crm.NotFoundError):
        book.case(UNKNOWN_ID)
    with pytest.raises(crm.NotFoundError):
        book.resolve_case(UNKNOWN_ID, "refunded")
    with pytest.raises(crm.NotFoundError):
        book.timeline(UNKNOWN_ID)


def test_malformed_id_is_a_validation_error(book: crm.Crm) -> None:
    with pytest.raises(crm.ValidationError) as info:
        book.customer("not-a-uuid")
    assert info.value.code == "invalid_value"
    assert info.value.field == "customer_id"


def test_email_conflict_names_the_holder(book: crm.Crm, ada: crm.Customer) -> None:
    err = unchanged(book, lambda: book.create_customer(given_name="Eve", emails=["ADA.lovelace@example.com"]))
    assert isinstance(err, crm.ConflictError)
    assert (err.code, err.kind, err.field, err.value) == (
        "conflict",
        "conflict",
        "email",
        "ada.lovelace@example.com",
    )
    assert ada.id in str(err)
    assert len(book) == 1


def test_update_conflict_leaves_customer_unchanged(book: crm.Crm, ada: crm.Customer) -> None:
    bob = book.create_customer(given_name="Bob", emails=["bob@example.com"])
    err = unchanged(book, lambda: book.update_customer(bob.id, emails=["bob@example.com", "ada.lovelace@example.com"]))
    assert isinstance(err, crm.ConflictError)
    assert book.customer(bob.id) == bob


def test_customer_without_identity(book: crm.Crm) -> None:
    err = unchanged(book, lambda: book.create_customer(company="ACME"))
    assert (err.code, err.field) == ("invalid_value", "customer")


def test_decode_errors() -> None:
    with pytest.raises(crm.DecodeError) as info:
        crm.Crm.replay("not json\n")
    assert isinstance(info.value, crm.ValidationError)
    assert info.value.code == "decode"
    assert info.value.kind == "decode"
    assert info.value.row == 1
    with pytest.raises(crm.DecodeError) as info2:
        crm.Crm.replay([{"v": 1, "seq": 1}])
    assert info2.value.row == 1


def test_naive_datetime_is_refused(book: crm.Crm, ada: crm.Customer) -> None:
    err = unchanged(
        book,
        lambda: book.log_interaction(ada.id, channel="email", direction="inbound", at=datetime(2026, 1, 1, 9)),
    )
    assert isinstance(err, crm.ValidationError)
    assert err.field == "at"
    assert "tz-aware" in str(err)


def test_wrong_python_types_are_type_errors(book: crm.Crm) -> None:
    before = book.events_json()
    with pytest.raises(TypeError):
        book.create_customer(given_name="A", emails=[42])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        book.create_customer(given_name="A", addresses=[{"street": "Main St"}])
    with pytest.raises(TypeError):
        book.create_customer(given_name="A", attributes={"when": object()})  # type: ignore[dict-item]
    # An import converts every row first: a row of the wrong shape imports nothing.
    with pytest.raises(TypeError, match="email"):
        book.import_customers([{"given_name": "A"}, {"email": "a@example.com"}])
    with pytest.raises(TypeError):
        book.log_interaction(UNKNOWN_ID, channel="email", direction="inbound", purchase={"currency": "EUR", "total": 5})
    assert book.events_json() == before
    assert len(book) == 0


def test_import_rejects_rows_with_row_numbers(book: crm.Crm) -> None:
    report = book.import_customers(
        [
            {"given_name": "Ann", "emails": ["ann@example.com"]},
            {"given_name": "Bad", "emails": ["bad@"]},
            {"given_name": "Dup", "emails": ["ANN@example.com"]},
            {"given_name": "Cy"},
        ]
    )
    assert len(report.created) == 2
    assert [e.row for e in report.rejected] == [2, 3]
    assert [e.code for e in report.rejected] == ["invalid_email", "conflict"]
    assert isinstance(report.rejected[0], crm.ValidationError)
    assert isinstance(report.rejected[1], crm.ConflictError)
    assert str(report.rejected[0]).startswith("row 2: ")
    assert len(book) == 2


def test_rows_as_pandas_writes_them_read_missing_cells_as_missing(book: crm.Crm) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"given_name": ["Ann", "Bob", None], "company": ["ACME", float("nan"), None]})
    frame["birthday"] = pd.to_datetime(["1990-05-17", None, None]).date
    rows = frame.to_dict("records")
    rows[2]["given_name"] = pd.NA
    rows[2]["family_name"] = pd.NaT
    rows[2]["emails"] = ["cy@example.com"]
    report = book.import_customers(rows)
    assert report.rejected == []
    assert [c.company for c in book] == ["ACME", None, None]
    assert len(report.created) == 3
    assert crm.find_duplicates(rows)["stats"]["records"] == 3
    # A value of the wrong type is named with its row.
    with pytest.raises(TypeError, match="row 2: .*company"):
        book.import_customers([{"given_name": "Cy"}, {"given_name": "Di", "company": 3.5}])
    assert len(book) == 3


def test_numbers_out_of_range_are_validation_errors_naming_the_field(book: crm.Crm) -> None:
    ann = book.create_customer(given_name="Ann")

    def sale(purchase: dict[str, object]) -> None:
        book.log_interaction(ann.id, channel="in_person", direction="inbound", kind="sale", purchase=purchase)

    item = {"name": "tea", "unit_price_minor": 100}
    calls: list[tuple[Callable[[], object], str]] = [
        (lambda: sale({"currency": "EUR", "items": [{**item, "quantity": -1}]}), "purchase.items[0].quantity"),
        (lambda: sale({"currency": "EUR", "items": [{**item, "quantity": 2**32}]}), "purchase.items[0].quantity"),
        (lambda: sale({"currency": "EUR", "amount_minor": 2**63}), "purchase.amount_minor"),
        (lambda: crm.MatchConfig(max_block=-1), "blocking.max_block"),
        (lambda: crm.MatchConfig(window=-3), "blocking.window"),
        (lambda: crm.MatchConfig(seed=-1), "seed"),
    ]
    for call, field in calls:
        with pytest.raises(crm.ValidationError) as info:
            call()
        assert info.value.field == field
    assert crm.MatchConfig(seed=2**64 - 1).seed == 2**64 - 1
