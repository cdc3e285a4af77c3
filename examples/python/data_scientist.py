"""From a CSV export to a clean book, next week's follow-ups and a funnel plot.

The starting point for a data team: read customers exported from another system (a CSV),
load them into a crm book from a pandas DataFrame (bad rows come back as a frame of
rejects), review the duplicate pairs with their per-field explanation, merge each group
into its oldest record, plan next week's follow-ups, and save the lifecycle funnel as a
PNG with matplotlib.

Run it after installing the package with its extras (``pip install './crm-py[pandas]'
matplotlib``)::

    python examples/python/data_scientist.py [customers.csv] [--plot funnel.png]

Without arguments it reads the browser demo's sample (``examples/web/sample.csv``: 44
customers from a dozen countries, with duplicates and four bad rows) and writes
``funnel.png`` in the current directory.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt
import pandas as pd

import crm

SAMPLE = Path(__file__).resolve().parent.parent / "web" / "sample.csv"

#: Which CSV column feeds which customer field (the rest take the column of their own name).
COLUMNS: Mapping[str, str] = {
    "emails": "email",
    "phones": "phone",
    "default_region": "country",
    "address_lines": "street",
    "address_postal_code": "postcode",
    "address_locality": "city",
    "address_country": "country",
}


def read_customers(path: Path) -> pd.DataFrame:
    """The CSV as text columns (no guessing of numbers or dates), tags split on ``;``."""
    frame = pd.read_csv(path, dtype=str)
    frame["tags"] = frame["tags"].str.split(";")
    return frame


def main(csv: Path, plot: Path) -> None:
    # A fixed clock and id seed make every run print the same.
    now = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    book = crm.Crm(
        clock=crm.FixedClock(now),
        seed=7,
        agenda_settings=crm.AgendaSettings(cadences=[(14, "opportunity", None), (30, None, "vip")]),
    )

    # 1. Load: one call, no Python loop over rows; rejected rows come back as a frame.
    frame = read_customers(csv)
    load = book.load_frame(frame, COLUMNS)
    print(f"loaded {load.accepted} of {len(frame)} rows; rejected {load.rejected}:")
    print(load.rejects[["row", "column", "code", "reason"]].to_string(index=False))

    # 2. Review the duplicates: every pair with its per-field levels and weights.
    dups = book.duplicates_frames()
    pairs = dups.pairs
    names = book.customers_frame().set_index("id")["display_name"]
    review = pairs.assign(
        left_name=pairs["left"].map(names),
        right_name=pairs["right"].map(names),
    )[["left_name", "right_name", "decision", "probability", "given_name_level", "email_level", "phone_level"]]
    print(f"\n{len(pairs)} pairs to look at, {dups.stats['groups']} duplicate groups:")
    print(review.to_string(index=False, float_format=lambda p: f"{p:.3f}"))

    # 3. Merge each group into its oldest record (a dry run first shows what would move).
    for group in book.find_duplicates()["groups"]:
        members = sorted(group["members"], key=lambda id: book.customer(id).created_at)
        survivor, others = members[0], members[1:]
        preview = book.merge_preview(survivor, others)
        merged = book.merge(survivor, others, reason="duplicate review", actor="data-team")
        print(f"merged {len(others)} into {preview.customer.display_name} (merge {merged.merge_id})")
    print(f"{len(book)} customers after merging")

    # 4. Plan next week's follow-ups: the CSV's follow_up column says in how many days.
    ids = load.ids.set_index("row")["id"]
    for row, days in frame["follow_up"].dropna().items():
        if row not in ids.index:
            continue  # a rejected row
        customer = book.merged_into(ids[row]) or ids[row]
        book.schedule_follow_up(customer, now + timedelta(days=int(days)), kind="call", channel="phone")
    agenda = book.agenda_frame(now, timedelta(days=7))
    agenda["customer"] = agenda["customer_id"].map(names)
    print(f"\nnext week's agenda ({len(agenda)} items):")
    print(agenda[["contact_at", "customer", "kind", "reason"]].to_string(index=False))

    # 5. The lifecycle funnel, as a horizontal bar chart.
    stages = book.stage_counts()
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.barh([s for s, _ in stages], [n for _, n in stages], color="#2b5cd6")
    ax.invert_yaxis()
    ax.set_xlabel("customers")
    ax.set_title("Lifecycle funnel")
    fig.tight_layout()
    fig.savefig(plot, dpi=120)
    plt.close(fig)
    print(f"\nfunnel saved to {plot}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("csv", nargs="?", type=Path, default=SAMPLE, help="customers CSV")
    parser.add_argument("--plot", type=Path, default=Path("funnel.png"), help="where to save the funnel")
    args = parser.parse_args()
    main(args.csv, args.plot)
