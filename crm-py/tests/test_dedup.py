"""Duplicate detection: scans of plain records and DataFrames, a book's scan and one-record
checks, explanations, the configuration and its errors, the GIL, and the pairs frame."""

from __future__ import annotations

import doctest
import inspect
import json
import threading
import time
from datetime import date
from typing import Any

import pandas as pd
import pytest

import crm

#: Known duplicates: 0/1 nickname + same email, 2/3 swapped names + same phone; 4/5 a couple
#: sharing surname, phone, address and a family mailbox (different given names and birth
#: dates: never one customer, but the mailbox makes it a pair to review); 6 is alone.
BATCH: list[dict[str, Any]] = [
    {"given_name": "Robert", "family_name": "Smith", "emails": ["bob.smith@example.com"]},
    {"given_name": "Bob", "family_name": "Smith", "emails": ["Bob.Smith@Example.com"], "birthday": "1980-02-03"},
    {"given_name": "Anna", "family_name": "Nowak", "phones": ["+48 22 123 45 67"]},
    {"given_name": "Nowak", "family_name": "Anna", "phones": [("+48221234567", "mobile")]},
    {
        "given_name": "Jan",
        "family_name": "Kowalski",
        "emails": ["kowalscy@example.pl"],
        "phones": ["+48 22 555 00 11"],
        "addresses": [{"lines": ["ul. Prosta 1"], "locality": "Warszawa", "postal_code": "00-001"}],
        "birthday": "1960-03-04",
    },
    {
        "given_name": "Ewa",
        "family_name": "Kowalski",
        "emails": ["kowalscy@example.pl"],
        "phones": ["+48 22 555 00 11"],
        "addresses": [{"lines": ["ul. Prosta 1"], "locality": "Warszawa", "postal_code": "00-001"}],
        "birthday": date(1962, 7, 8),
    },
    {"given_name": "Grace", "family_name": "Hopper", "emails": ["grace@example.org"]},
]


def pair_of(scan: crm.DuplicateScan, a: int, b: int) -> crm.DuplicatePair:
    found = [p for p in scan["pairs"] if {p["left"], p["right"]} == {a, b}]
    assert len(found) == 1, f"no pair {a}/{b} in {[(p['left'], p['right']) for p in scan['pairs']]}"
    return found[0]


def levels(pair: crm.DuplicatePair | crm.CustomerDuplicatePair) -> dict[str, str]:
    return {f["field"]: f["level"] for f in pair["explanation"]["fields"]}


# ----- scanning plain records ---------------------------------------------------------------


def test_batch_groups_the_known_duplicates_and_not_the_family() -> None:
    scan = crm.find_duplicates(BATCH)
    assert sorted(g["members"] for g in scan["groups"]) == [[0, 1], [2, 3]]
    for p in scan["pairs"]:
        assert p["left"] < p["right"]
    family = pair_of(scan, 4, 5)
    assert family["decision"] == "review"
    assert family["explanation"]["conflicts"] == ["given_name", "birth_date"]
    assert not any(6 in (p["left"], p["right"]) for p in scan["pairs"])
    stats = scan["stats"]
    assert stats["records"] == len(BATCH)
    assert stats["groups"] == 2
    assert stats["matched_pairs"] == 2
    assert stats["review_pairs"] == 1
    assert stats["candidate_pairs"] >= 3
    assert stats["em_iterations"] == 0
    assert stats["em_used"] is False
    # The model used, as a table: the default model, every level but "missing".
    assert len(scan["model"]) == 29
    email = next(r for r in scan["model"] if (r["field"], r["level"]) == ("email", "exact"))
    assert (email["m"], email["u"]) == (0.6, 0.00001) and email["weight"] > 15
    probabilities = [p["probability"] for p in scan["pairs"]]
    assert probabilities == sorted(probabilities, reverse=True)


def test_explanation_says_why() -> None:
    scan = crm.find_duplicates(BATCH)
    nick = pair_of(scan, 0, 1)
    assert nick["decision"] == "match"
    assert levels(nick) == {
        "given_name": "nickname",
        "family_name": "exact",
        "email": "exact",
        "phone": "missing",
        "birth_date": "missing",
        "address": "missing",
    }
    why = nick["explanation"]
    assert [f["field"] for f in why["fields"]] == [
        "given_name",
        "family_name",
        "email",
        "phone",
        "birth_date",
        "address",
    ]
    weights = {f["field"]: f["weight"] for f in why["fields"]}
    assert weights["given_name"] > 0 and weights["email"] > weights["given_name"]
    assert weights["phone"] == 0.0
    assert why["total_weight"] == pytest.approx(why["prior_weight"] + sum(weights.values()), abs=1e-6)
    assert why["probability"] == nick["probability"] == pytest.approx(1 / (1 + 2 ** -why["total_weight"]))
    assert why["swapped_names"] is False
    assert why["conflicts"] == []
    assert why["rule"] is None
    assert why["decision"] == "match"

    swapped = pair_of(scan, 2, 3)
    assert swapped["explanation"]["swapped_names"] is True
    assert levels(swapped)["given_name"] == "exact" and levels(swapped)["phone"] == "exact"

    family = pair_of(scan, 4, 5)
    assert levels(family)["given_name"] == "different"
    assert levels(family)["address"] == "exact"
    # The score alone would match; the conflicts make it a review.
    assert family["probability"] >= 0.9


def test_result_is_plain_json_data() -> None:
    scan = crm.find_duplicates(BATCH)
    assert json.loads(json.dumps(scan)) == scan


def test_rules_decide_and_are_named() -> None:
    records = [
        {"given_name": "Ann", "family_name": "Lee", "emails": ["shared@example.com"]},
        {"given_name": "Bo", "family_name": "Kim", "emails": ["shared@example.com"]},
    ]
    assert crm.find_duplicates(records)["groups"] == []
    config = crm.MatchConfig(rules=["email=exact"], rule_mode="rules_only", conflicts=[])
    scan = crm.find_duplicates(records, config)
    assert [g["members"] for g in scan["groups"]] == [[0, 1]]
    assert scan["pairs"][0]["explanation"]["rule"] == "email=exact"


def test_estimation_runs_em() -> None:
    # Seven records: too few pairs to train on, so EM does not run.
    small = crm.find_duplicates(BATCH, crm.MatchConfig(estimation="em"))
    assert (small["stats"]["em_iterations"], small["stats"]["em_used"]) == (0, False)
    assert [0, 1] in [g["members"] for g in small["groups"]]
    # 150 people twice (same name, email and birthday) and 100 namesakes of them.
    givens = ["Anna", "Boris", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
    families = ["Abbott", "Brennan", "Castillo", "Dvorak", "Eriksen", "Fontaine", "Grubisic"]
    families += ["Haddad", "Ivanova", "Jablonski", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okonkwo"]
    people = [(g, f) for g in givens for f in families]
    records: list[dict[str, object]] = []
    for i, (g, f) in enumerate(people):
        record: dict[str, object] = {
            "given_name": g,
            "family_name": f,
            "emails": [f"{g}.{f}.{i}@example.com".lower()],
            "birthday": f"{1950 + i % 40}-{1 + i % 12:02}-{1 + i % 28:02}",
        }
        records += [record, dict(record)]
    for i, (g, f) in enumerate(people[:100]):
        born = f"{1960 + i % 30}-{1 + (i + 5) % 12:02}-{1 + (i + 9) % 28:02}"
        records.append({"given_name": g, "family_name": f, "emails": [f"other.{i}@example.net"], "birthday": born})
    scan = crm.find_duplicates(records, crm.MatchConfig(estimation="em"))
    assert scan["stats"]["em_iterations"] > 0
    assert scan["stats"]["em_used"] is True
    assert sorted(g["members"] for g in scan["groups"]) == [[2 * i, 2 * i + 1] for i in range(150)]


def test_empty_input_and_generators() -> None:
    empty = crm.find_duplicates([])
    assert empty["pairs"] == [] and empty["groups"] == []
    assert empty["stats"]["records"] == 0
    from_generator = crm.find_duplicates(dict(r) for r in BATCH)
    assert from_generator == crm.find_duplicates(BATCH)


def test_bad_records_raise() -> None:
    with pytest.raises(TypeError, match="row 2"):
        crm.find_duplicates([BATCH[0], 42])  # type: ignore[list-item]
    # A key create_customer does not take makes the records a sheet's rows, read by their
    # column names as a frame's columns are ("email" is one); with no column a field, that
    # is an error.
    assert crm.find_duplicates([{"given_name": "A", "email": "a@example.com"}] * 2)["pairs"]
    with pytest.raises(ValueError, match="none of the frame's columns"):
        crm.find_duplicates([{"note": "A", "tally": 3}])
    with pytest.raises(TypeError, match="given_name"):
        crm.find_duplicates([{"given_name": 7}])


# ----- progress and the GIL -----------------------------------------------------------------


def test_progress_reports_each_stage() -> None:
    # Each stage starts at 0 and ends at its total (test_progress.py tests chunks).
    calls: list[tuple[str, int, int]] = []
    crm.find_duplicates(BATCH, progress=lambda stage, done, total: calls.append((stage, done, total)))
    stages = ["prepare", "block", "score", "cluster"]
    assert sorted(set(c[0] for c in calls), key=stages.index) == stages
    assert [c[0] for c in calls] == sorted((c[0] for c in calls), key=stages.index)
    assert calls[:2] == [("prepare", 0, len(BATCH)), ("prepare", len(BATCH), len(BATCH))]
    for stage in stages:
        mine = [c for c in calls if c[0] == stage]
        assert mine[0][1] == 0 and mine[-1][1] == mine[-1][2] > 0, stage


def test_an_exception_in_progress_stops_the_scan() -> None:
    seen: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        seen.append(stage)
        if stage == "block":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        crm.find_duplicates(BATCH, progress=progress)
    assert seen == ["prepare", "prepare", "block"]  # stopped at the first report of "block"


def people(n: int) -> list[dict[str, Any]]:
    given = ["Anna", "Ben", "Carla", "David", "Eva", "Felix", "Greta", "Hugo", "Ines", "Jonas"]
    family = ["Muller", "Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch"]
    return [
        {
            "given_name": given[i % len(given)],
            "family_name": f"{family[i % len(family)]}{'son' * (i % 3)}",
            "emails": [f"person{i}@example.com"],
            "phones": [f"+49 30 {1000000 + i}"],
            "birthday": f"{1950 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        }
        for i in range(n)
    ]


def test_matching_releases_the_gil() -> None:
    # Estimating u compares 200,000 random pairs in the score stage: long enough to see
    # whether another thread runs meanwhile.
    records = people(1500)
    stamps: dict[str, float] = {}
    ticks: list[float] = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.0005)

    def progress(stage: str, done: int, total: int) -> None:
        stamps[stage] = time.perf_counter()  # the last report of the stage: its end

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        crm.find_duplicates(records, crm.MatchConfig(estimation="u"), progress=progress)
    finally:
        stop.set()
        thread.join()
    start, end = stamps["prepare"], stamps["score"]
    inside = [start] + [t for t in ticks if start < t < end] + [end]
    longest_gap = max(b - a for a, b in zip(inside, inside[1:]))
    # With the GIL held, the other thread would not run during the stages at all: one gap
    # as long as the window.
    assert len(inside) > 10, f"window {end - start:.4f}s, ticks {len(inside) - 2}"
    assert longest_gap < 0.5 * (end - start), f"gap {longest_gap:.4f}s in {end - start:.4f}s"


# ----- DataFrames ---------------------------------------------------------------------------


def test_a_data_frame_scans_like_its_rows() -> None:
    frame = pd.DataFrame(
        {
            "given_name": ["Robert", "Bob", "Anna", "Nowak", None],
            "family_name": ["Smith", "Smith", "Nowak", "Anna", "Hopper"],
            "emails": ["bob.smith@example.com", "Bob.Smith@example.com", None, float("nan"), "grace@example.org"],
            "phones": [[], [], ["+48 22 123 45 67"], ["+48221234567"], []],
            "birthday": pd.Series(["1980-02-03", "1980-02-03", None, None, None], dtype="datetime64[ns]"),
        }
    )
    scan = crm.find_duplicates(frame)
    assert sorted(g["members"] for g in scan["groups"]) == [[0, 1], [2, 3]]
    assert levels(pair_of(scan, 0, 1))["birth_date"] == "exact"
    rows: list[dict[str, Any]] = [
        {"given_name": "Robert", "family_name": "Smith", "emails": "bob.smith@example.com", "birthday": "1980-02-03"},
        {"given_name": "Bob", "family_name": "Smith", "emails": "Bob.Smith@example.com", "birthday": "1980-02-03"},
        {"given_name": "Anna", "family_name": "Nowak", "phones": ["+48 22 123 45 67"]},
        {"given_name": "Nowak", "family_name": "Anna", "phones": ["+48221234567"]},
        {"family_name": "Hopper", "emails": ["grace@example.org"]},
    ]
    assert scan == crm.find_duplicates(rows)


def test_duplicate_pairs_frame() -> None:
    scan = crm.find_duplicates(BATCH)
    frame = crm.duplicate_pairs_frame(scan)
    fields = ["given_name", "family_name", "email", "phone", "birth_date", "address"]
    assert list(frame.columns) == [
        "left",
        "right",
        "probability",
        "decision",
        "group",
        "rule",
        "swapped_names",
        "conflicts",
        "total_weight",
    ] + [f"{f}_{part}" for f in fields for part in ("level", "weight")]
    assert len(frame) == len(scan["pairs"])
    assert str(frame["left"].dtype) == "int64"
    assert str(frame["group"].dtype) == "Int64"
    assert str(frame["swapped_names"].dtype) == "bool"
    assert list(frame["probability"]) == [p["probability"] for p in scan["pairs"]]
    row = frame[(frame["left"] == 0) & (frame["right"] == 1)].iloc[0]
    assert row["given_name_level"] == "nickname"
    assert row["email_level"] == "exact"
    assert row["phone_weight"] == 0.0
    assert scan["groups"][int(row["group"])]["members"] == [0, 1]
    family = frame[(frame["left"] == 4) & (frame["right"] == 5)].iloc[0]
    assert pd.isna(family["group"])
    assert family["conflicts"] == "given_name, birth_date"
    assert family["decision"] == "review"
    empty = crm.duplicate_pairs_frame(crm.find_duplicates([]))
    assert len(empty) == 0 and len(empty.columns) == len(frame.columns)
    with pytest.raises(ValueError, match="backend"):
        crm.duplicate_pairs_frame(scan, backend="spark")


# ----- a book -------------------------------------------------------------------------------


def test_book_scan_names_customers_by_id(book: crm.Crm) -> None:
    liz = book.create_customer(
        given_name="Liz", family_name="Taylor", emails=["liz@example.com"], phones=["+1 212 555 0100"]
    )
    elizabeth = book.create_customer(
        given_name="Elizabeth", family_name="Taylor", emails=["et@example.org"], phones=["+1 (212) 555-0100"]
    )
    burton = book.create_customer(given_name="Richard", family_name="Burton", emails=["rb@example.org"])
    scan = book.find_duplicates()
    assert [sorted(g["members"]) for g in scan["groups"]] == [sorted([liz.id, elizabeth.id])]
    assert scan["stats"]["records"] == 3
    pair = scan["pairs"][0]
    assert {pair["left"], pair["right"]} == {liz.id, elizabeth.id}
    assert burton.id not in (pair["left"], pair["right"])
    assert levels(pair)["given_name"] == "nickname"
    assert book.find_duplicates(crm.MatchConfig(match_threshold=0.999999999))["groups"] == []


def test_check_duplicates_finds_the_existing_customer(book: crm.Crm, ada: crm.Customer) -> None:
    book.create_customer(given_name="Charles", family_name="Babbage", emails=["charles@example.com"])
    before = len(book)
    found = book.check_duplicates(
        {"given_name": "Ada", "family_name": "Lovelace", "emails": ["ADA.LOVELACE@example.com"]}
    )
    assert len(book) == before
    assert [c["id"] for c in found] == [ada.id]
    assert found[0]["decision"] == "match"
    assert found[0]["probability"] == found[0]["explanation"]["probability"]
    assert {f["field"]: f["level"] for f in found[0]["explanation"]["fields"]}["email"] == "exact"
    assert book.check_duplicates({"given_name": "Zed", "family_name": "Nobody"}) == []
    # Only rules decide a match: the same name is then something to review.
    strict = crm.MatchConfig(rules=["phone=exact"], rule_mode="rules_only")
    by_name = book.check_duplicates({"given_name": "Ada", "family_name": "Lovelace"}, strict)
    assert [(c["id"], c["decision"]) for c in by_name] == [(ada.id, "review")]
    with pytest.raises(TypeError, match="record"):
        book.check_duplicates({"name": "Ada"})


# ----- the configuration --------------------------------------------------------------------


def test_config_properties_repr_and_equality() -> None:
    c = crm.MatchConfig(
        0.95,
        0.6,
        term_frequency=False,
        estimation="u",
        conflicts=["birth_date"],
        rules=["phone = exact & family_name >= typo", "email=exact"],
        rule_mode="both",
        max_block=100,
        window=10,
        seed=7,
    )
    assert (c.match_threshold, c.review_threshold, c.term_frequency) == (0.95, 0.6, False)
    assert (c.estimation, c.rule_mode, c.max_block, c.window, c.seed) == ("u", "both", 100, 10, 7)
    assert c.conflicts == ["birth_date"]
    assert c.rules == ["phone=exact & family_name>=typo", "email=exact"]
    assert repr(c) == (
        "MatchConfig(match_threshold=0.95, review_threshold=0.6, term_frequency=False, "
        "estimation='u', conflicts=['birth_date'], rules=['phone=exact & family_name>=typo', "
        "'email=exact'], rule_mode='both', corroboration_bits=5.0, max_block=100, window=10, seed=7)"
    )
    assert c == crm.MatchConfig(
        0.95,
        0.6,
        term_frequency=False,
        estimation="u",
        conflicts=["birth_date"],
        rules=["phone=exact & family_name>=typo", "email=exact"],
        rule_mode="both",
        max_block=100,
        window=10,
        seed=7,
    )
    assert c != crm.MatchConfig()
    with pytest.raises(AttributeError):
        c.match_threshold = 0.5  # type: ignore[misc]


def test_config_signature_shows_the_core_defaults() -> None:
    default = crm.MatchConfig()
    params = inspect.signature(crm.MatchConfig).parameters
    assert list(params) == [
        "match_threshold",
        "review_threshold",
        "term_frequency",
        "estimation",
        "conflicts",
        "rules",
        "rule_mode",
        "corroboration_bits",
        "max_block",
        "window",
        "seed",
    ]
    for name, param in params.items():
        if param.default is not None:
            assert getattr(default, name) == param.default, name
    assert default.conflicts == ["given_name", "birth_date"]
    assert default.rules == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"match_threshold": 1.5}, "match_threshold"),
        ({"match_threshold": 0.0}, "match_threshold"),
        ({"review_threshold": -0.1}, "review_threshold"),
        ({"review_threshold": 0.95}, "review_threshold"),
        ({"rules": ["colour=exact"]}, "rules[0]"),
        ({"rules": ["email=exact", "phone=nickname"]}, "rules[1]"),
        ({"rules": ["email"]}, "rules[0]"),
        ({"conflicts": ["given_name", "hair"]}, "conflicts[1]"),
        ({"estimation": "magic"}, "estimation"),
        ({"rule_mode": "sometimes"}, "rule_mode"),
        ({"rule_mode": "rules_only"}, "rule_mode"),
        ({"window": 0}, "blocking.window"),
        ({"max_block": 1}, "blocking.max_block"),
    ],
)
def test_config_errors_name_the_setting(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(crm.ValidationError) as info:
        crm.MatchConfig(**kwargs)
    assert info.value.field == field
    assert info.value.code == "invalid_value"
    assert isinstance(info.value, ValueError)


def test_config_type_errors() -> None:
    with pytest.raises(TypeError):
        crm.MatchConfig(match_threshold="high")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        crm.MatchConfig(rules=[1])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        crm.MatchConfig(threshold=0.9)  # type: ignore[call-arg]


def test_package_docstring_example_runs() -> None:
    result = doctest.testmod(crm, verbose=False)
    assert result.attempted >= 4
    assert result.failed == 0


def test_name_counts_count_names_and_full_names_either_way_round() -> None:
    counts = crm.name_counts(BATCH[:4])
    assert counts["records"] == 4
    assert counts["family"]["smith"] == 2
    # "Anna Nowak" and "Nowak Anna" are one full name, keyed in byte order.
    assert counts["full"]["anna\tnowak"] == 2
    assert counts["full"]["robert\tsmith"] == 1
    assert set(counts) == {"given", "family", "full", "values", "records"}


def _person(given: str, family: str, **contact: list[str]) -> dict[str, Any]:
    return {"given_name": given, "family_name": family, **contact}


def test_a_placeholder_phone_many_records_give_does_not_make_them_one_customer() -> None:
    # 40 strangers and two Smiths give a sheet's placeholder number; two Ada Lovelaces share
    # her own. Only Ada's records are one customer, unless term frequency is off.
    placeholder, own = ["+44 20 7946 0000"], ["+44 20 7946 0018"]
    rows = [_person(f"P{i}", f"Q{i}", phones=placeholder) for i in range(40)]
    rows += [_person("John", "Smith", phones=placeholder), _person("Jon", "Smith", phones=placeholder)]
    rows += [_person("Ada", "Lovelace", phones=own), _person("Ada", "Lovelace", phones=own)]
    scan = crm.find_duplicates(rows)
    assert [g["members"] for g in scan["groups"]] == [[42, 43]]
    off = crm.find_duplicates(rows, crm.MatchConfig(term_frequency=False))
    assert [40, 41] in [g["members"] for g in off["groups"]]
    # The counts say why: the placeholder is held by 42 people (records with different
    # names); Ada's number by one, her two copies (a value held by one is not kept).
    assert sorted(crm.name_counts(rows)["values"].values()) == [42]


def test_a_cell_of_several_emails_or_phone_numbers_gives_each() -> None:
    rows = [
        _person("Ann", "Lee", emails=["Ann Lee <Ann.Lee@example.com>; mailto:ann@example.org"]),
        _person("Ann", "Lee", emails=["ann@example.org"]),
        _person("Bo", "Kim", phones=["+44 20 7946 0018; +44 7700 900123"]),
        _person("Bo", "Kim", phones=["+44 7700 900123"]),
    ]
    scan = crm.find_duplicates(rows)
    levels = {(p["left"], p["right"]): {f["field"]: f["level"] for f in p["explanation"]["fields"]} for p in scan["pairs"]}
    assert levels[(0, 1)]["email"] == "exact"
    assert levels[(2, 3)]["phone"] == "exact"


def test_a_number_with_an_extension_and_no_country_meets_the_plain_number() -> None:
    rows = [_person("Ann", "Lee", phones=["415-555-0101x066"]), _person("Ann", "Lee", phones=["(415) 555 0101"])]
    scan = crm.find_duplicates(rows)
    assert [{f["field"]: f["level"] for f in p["explanation"]["fields"]}["phone"] for p in scan["pairs"]] == ["exact"]


def test_a_couple_one_written_the_wrong_way_round_is_not_one_customer_in_either_order() -> None:
    home = {"phones": ["+1 217 555 0142"], "addresses": [{"lines": ["12 Oak Ave"], "postal_code": "62701"}]}
    john, mary = {**_person("John", "Smith"), **home}, {**_person("Smith", "Mary"), **home}
    for rows in ([john, mary], [mary, john]):
        # Nothing but their home in common: not even a pair to review.
        assert crm.find_duplicates(rows)["pairs"] == []


def test_a_father_and_son_named_alike_are_not_one_customer() -> None:
    home = {"emails": ["millers@example.com"], "phones": ["+1 217 555 0142"]}
    rows = [_person("John", "Miller Sr.", **home), {"display_name": "John Miller Jr.", **home}]
    rows.append(_person("John", "Miller", emails=["jm@example.org"], phones=home["phones"]))
    scan = crm.find_duplicates(rows)
    father_and_son = next(p for p in scan["pairs"] if (p["left"], p["right"]) == (0, 1))
    assert father_and_son["decision"] == "review"
    assert father_and_son["explanation"]["conflicts"] == ["given_name"]
    assert all(not {0, 1} <= set(g["members"]) for g in scan["groups"])


def test_a_shared_mailbox_does_not_make_two_people_one_customer() -> None:
    # A business's mailbox, and a family's: two people each; Fang's second record is hers.
    bakery, family = ["info@smithbakery.com"], ["thehes@example.com"]
    rows = [_person("John", "Smith", emails=bakery), _person("Mary", "Smith", emails=bakery)]
    rows += [_person(given, "He", emails=family) for given in ("Fang", "Grace", "Fang")]
    scan = crm.find_duplicates(rows)
    assert [g["members"] for g in scan["groups"]] == [[2, 4]]
    couple = next(p for p in scan["pairs"] if (p["left"], p["right"]) == (2, 3))
    assert (couple["decision"], couple["explanation"]["conflicts"]) == ("review", ["given_name"])
