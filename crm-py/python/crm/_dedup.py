"""Duplicate detection: :func:`find_duplicates` over plain records or a data frame, and
the types of its results.

Results are plain data (dicts, lists, ``str``, ``int``, ``float``, ``bool``) described by the
TypedDicts below, so they serialize as they are (``json.dumps``) and load into a data frame
(:func:`crm.duplicate_pairs_frame`). Field and level names are the core's snake_case names.

A scan of plain records names them by their 0-based position in the input
(:class:`DuplicateScan`); :meth:`crm.Crm.find_duplicates` names customers by id
(:class:`CustomerDuplicateScan`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Optional, TypedDict, Union, cast

from . import _crm
from ._progress import Progress

if TYPE_CHECKING:
    import pandas as pd

    from ._frames import ArrowStream

__all__ = [
    "CheckedCreate",
    "CustomerDuplicateGroup",
    "CustomerDuplicatePair",
    "CustomerDuplicateScan",
    "DuplicateCandidate",
    "DuplicateGroup",
    "DuplicatePair",
    "DuplicateScan",
    "FieldScore",
    "MatchDecision",
    "MatchExplanation",
    "MatchField",
    "MatchLevel",
    "ModelRow",
    "NameCounts",
    "ScanStats",
    "blocking_keys",
    "find_duplicates",
    "name_counts",
]

#: A compared field.
MatchField = Literal["given_name", "family_name", "email", "phone", "birth_date", "address"]
#: How closely a field agrees; each field has its own levels, strongest first
#: (``crm-core``'s ``Field::levels``), and every field can be ``different`` or ``missing``.
MatchLevel = Literal[
    "exact",
    "nickname",
    "typo",
    "close",
    "initial",
    "weak",
    "same_local_part",
    "same_subscriber",
    "same_day_month",
    "one_diff",
    "same_street",
    "same_postcode",
    "same_city",
    "different",
    "missing",
]
#: What a reported pair amounts to: the same customer, or a person should look.
MatchDecision = Literal["match", "review"]


class FieldScore(TypedDict):
    """One field's part of a pair's score."""

    field: MatchField
    level: MatchLevel
    #: log2 of the likelihood ratio of the level (0 when missing).
    weight: float


class MatchExplanation(TypedDict):
    """Why a pair scored what it did."""

    #: One entry per field, in the order of :data:`MatchField`.
    fields: list[FieldScore]
    #: The weight every pair starts from.
    prior_weight: float
    #: Prior plus the field weights.
    total_weight: float
    #: The model's posterior of the total weight (fields taken as independent): it ranks
    #: pairs and sets the thresholds, and is not how often such pairs are duplicates
    #: (``benches/python/calibration.py`` shows how far apart the two are on a file with
    #: the truth).
    probability: float
    #: Whether the names were compared with given and family name swapped.
    swapped_names: bool
    #: Conflict fields that disagree (they stop a scored match).
    conflicts: list[MatchField]
    #: The rule that holds, as written, if any.
    rule: Optional[str]
    decision: MatchDecision


class _PairCommon(TypedDict):
    probability: float
    decision: MatchDecision
    explanation: MatchExplanation


class DuplicatePair(_PairCommon):
    """A pair of input records found to be, or possibly be, the same customer."""

    #: Position of one record in the input (the earlier one).
    left: int
    #: Position of the other record.
    right: int


class CustomerDuplicatePair(_PairCommon):
    """A pair of customers of a book found to be, or possibly be, the same customer."""

    left: str
    right: str


class _GroupCommon(TypedDict):
    #: Indexes into the scan's ``pairs`` of the matched pairs inside the group.
    pairs: list[int]
    #: The weakest match probability among those pairs.
    min_probability: float


class DuplicateGroup(_GroupCommon):
    """Input records found to be one customer (positions, in input order)."""

    members: list[int]


class CustomerDuplicateGroup(_GroupCommon):
    """Customers of a book found to be one customer (ids, in id order)."""

    members: list[str]


class ScanStats(TypedDict):
    """Counts from a scan."""

    records: int
    candidate_pairs: int
    matched_pairs: int
    review_pairs: int
    groups: int
    #: Expectation-maximisation iterations run (0 without ``estimation="em"``).
    em_iterations: int
    #: Whether the scan used the model EM learnt: False without ``estimation="em"``, and when
    #: no training block had enough pairs or a plausible fit (one that takes fewer pairs for
    #: matches than there are records); the scan then keeps the model EM started from.
    em_used: bool


class ModelRow(TypedDict):
    """One level of one field of the model a scan used (``pandas.DataFrame(scan["model"])``
    is the model as a table): after ``estimation="u"`` or ``"em"``, what was learnt."""

    field: MatchField
    level: MatchLevel
    #: P(level | same customer).
    m: float
    #: P(level | different customers).
    u: float
    #: ``log2(m / u)``: bits for (positive) or against a match.
    weight: float


class DuplicateScan(TypedDict):
    """The result of :func:`find_duplicates`: pairs strongest first, groups without chaining."""

    pairs: list[DuplicatePair]
    groups: list[DuplicateGroup]
    stats: ScanStats
    #: The model used, one row per field and level (``missing`` weighs nothing).
    model: list[ModelRow]


class CustomerDuplicateScan(TypedDict):
    """The result of :meth:`crm.Crm.find_duplicates`."""

    pairs: list[CustomerDuplicatePair]
    groups: list[CustomerDuplicateGroup]
    stats: ScanStats
    #: The model used, one row per field and level (``missing`` weighs nothing).
    model: list[ModelRow]


class DuplicateCandidate(TypedDict):
    """An existing customer that may be the same as a checked record."""

    id: str
    probability: float
    decision: MatchDecision
    explanation: MatchExplanation


class CheckedCreate(TypedDict):
    """What :meth:`crm.Crm.create_customer_checked` did under the duplicate guard (also one
    entry of :attr:`crm.ImportReport.duplicates`)."""

    #: The customer that holds the record now: the new one, or the one it was merged into.
    id: str
    #: Existing customers it may duplicate, strongest first (empty without a guard).
    candidates: list[DuplicateCandidate]
    #: The customer it was merged into, under ``on_duplicate="merge"``.
    merged_into: Optional[str]


class NameCounts(TypedDict):
    """How many records hold each normalised given and family name and each full name, and
    how many people each contact value held by two or more (:func:`name_counts`)."""

    given: dict[str, int]
    family: dict[str, int]
    #: Records per full name: the two normalised names in byte order, joined by a tab
    #: (``"anna\tsmith"`` for Anna Smith and for Smith Anna).
    full: dict[str, int]
    #: Holders per email, phone, birth date or address held by two or more: records with
    #: different names (one person's copies under one name count once), keyed by a 64-bit
    #: hash of the field and normalised value (in decimal; stable within one version of
    #: crm, and no contact data in the clear). A value many people share (a placeholder
    #: phone, a switchboard) weighs less.
    values: dict[str, int]
    #: Records counted.
    records: int


def find_duplicates(
    records: Union[Iterable[Mapping[Any, Any]], pd.DataFrame, ArrowStream],
    config: Optional[_crm.MatchConfig] = None,
    *,
    progress: Progress = None,
    name_counts: Optional[NameCounts] = None,
    columns: Optional[Mapping[str, Union[str, Sequence[str], None]]] = None,
) -> DuplicateScan:
    """Finds duplicate customers among plain records that never enter a book.

    ``records`` is an iterable of mappings with the keys :meth:`crm.Crm.create_customer`
    takes (``given_name``, ``family_name``, ``emails``, ``phones``, ``birthday``,
    ``addresses``, ...), or a data frame (pandas, polars, pyarrow: anything with the Arrow
    PyCapsule interface), read in Rust column by column by ``columns`` as
    :meth:`crm.Crm.load_frame` reads it (by default the columns named like the fields, plus
    ``email``, ``phone`` and the names contact and CRM exports give them), whose empty
    cells count as missing. Mappings keyed by a sheet's column names (the rows of
    :class:`csv.DictReader` or of ``DataFrame.to_dict("records")``: a record, wherever it
    is, has a key ``create_customer`` does not take, or ``columns`` is given) are read as the rows of
    such a frame, each cell as its text (``None`` and NaN empty, a whole float such as a
    ZIP code read as a number without its ``.0``, a date in ISO form, a list's items joined
    by ``;``); a column that is not a field is ignored, as a frame's is. Values a book would refuse
    still count as evidence: a date of birth written ``12/31/1990``, ``31.12.1990`` or
    ``31 Dec 1990`` (numbers only read in the record's country, from ``default_region`` or
    the address's ``country``: month first in the United States, day first elsewhere), a
    phone number in national form. Pairs and groups name
    records by their 0-based position in the input (for a DataFrame:
    ``frame.iloc[position]``). :func:`crm.find_duplicates_frame` returns the pairs and groups
    as frames instead.

    Matching runs with the GIL released and Ctrl-C (``KeyboardInterrupt``) stops it within
    a chunk of work. ``progress`` is a callable ``progress(stage, done, total)``, called for
    each of the four stages (``"prepare"``, ``"block"``, ``"score"``, ``"cluster"``) when it
    starts (``done == 0``), after every chunk of work and when it ends
    (``done == total``), ``done`` never decreasing within a stage; an exception it raises
    stops the scan and propagates, and returning ``False`` stops it with
    :class:`crm.CancelledError`. ``progress=True`` (or ``"tqdm"``) shows a tqdm bar per
    stage (tqdm must be installed). See :mod:`crm._progress` for the units.

    Exact names weigh by how common they are among ``records``; ``name_counts`` (from
    :func:`name_counts`, summed over a whole table) makes them weigh as in a scan of that
    table, for scans of its parts (:mod:`crm.dask`).
    """
    from ._frames import _as_arrow

    return _crm.find_duplicates(
        _as_arrow(records), config, progress=progress, name_counts=name_counts, columns=columns
    )


def name_counts(records: Union[Iterable[Mapping[Any, Any]], pd.DataFrame, ArrowStream]) -> NameCounts:
    """How many of ``records`` hold each given and family name and each full name (as
    the core normalises names), and how many records there are: the term frequencies of a
    scan.

    Counts of the parts of a table add up, name by name; pass the sum to
    :func:`find_duplicates` (``name_counts=``) to scan each part as the whole table would
    weigh its names. ``records`` as for :func:`find_duplicates`.
    """
    from ._frames import _as_arrow

    return cast(NameCounts, _crm.name_counts(_as_arrow(records)))


def blocking_keys(
    records: Union[Iterable[Mapping[Any, Any]], pd.DataFrame, ArrowStream],
) -> list[list[int]]:
    """The blocking keys of each record, as the core computes them (64-bit hashes, sorted).

    Two records are compared by a scan when they share a key (or are neighbours in name
    order), so records can be partitioned by key to spread matching over several machines
    (:func:`crm.dask.find_duplicates_dask` does). ``records`` as for :func:`find_duplicates`.
    The values are stable within one version of crm, not across versions.
    """
    from ._frames import _as_arrow

    return _crm.blocking_keys(_as_arrow(records))
