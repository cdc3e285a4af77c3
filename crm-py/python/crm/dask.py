"""Duplicate detection on Dask, for tables that outgrow one machine.

:func:`find_duplicates_dask` runs the same matching as :func:`crm.find_duplicates`, spread
over a Dask cluster::

    import dask.dataframe as dd
    from crm.dask import find_duplicates_dask

    customers = dd.read_parquet("customers/")          # index: a unique customer id
    groups = find_duplicates_dask(customers, npartitions=256)
    # [[id, id, ...], ...]: the records of each duplicate group

How it works (all matching is crm's; Python only moves records and joins groups):

0. **Count names over the whole table.** A scan weighs an exact name, and a contact value
   many records share, by how common it is (term frequency). :func:`crm.name_counts` counts each input partition; the sum goes
   to every scan below (``name_counts=``), so every pair scores exactly as in a scan of
   the whole table.
1. **Partition by blocking key.** :func:`crm.blocking_keys` gives each record its blocking
   keys, computed by the core. A scan only compares records that share a key, so each
   record is sent to the partition of each of its keys (``key % npartitions``): all the
   records holding a key meet in one partition, and every pair the single-process scan
   compares through a key is compared there too, the same way (a key held by more than
   ``max_block`` records is compared by name neighbourhood, on the same members in the
   same order). A record has about a dozen keys, so the shuffle moves up to that many
   copies of it; use many partitions so each holds a small share of the table.
2. **Match each partition** with :func:`crm.find_duplicates` and keep the links inside
   the groups it finds.
3. **Join the groups across partitions**: a union-find over those links (on the client),
   so a record found in several partitions links their groups into one component.
4. **Re-cluster each component** with :func:`crm.find_duplicates` over its records, on the
   workers: the core's clustering, which resists chaining, decides the final groups, so
   two groups joined through one record in different partitions are split again where a
   single-process scan would keep them apart.

What equals the single-process scan, and when: every pair compared through a shared key
is compared and scored exactly as in the single-process scan. The candidate pairs differ
in two ways: (a) the single-process scan also compares neighbours in name order over the
*whole* table (its sorted-neighbourhood passes), while each partition and component
compares its own neighbours; (b) a component is small, so its re-scan compares nearly all
of its pairs, including pairs that the whole-table scan skips inside a very common key
(more than ``max_block`` records). So the groups equal those of :func:`crm.find_duplicates`
on the whole table unless a duplicate is reachable only through the whole table's
name-order neighbourhood, or a pair inside one component matches although the whole-table
scan never compared it. With ``estimation`` other than ``"none"`` each scan estimates its
own model; keep the default for equal results. The test suite checks equality on
generated tables of a few thousand customers (typos, nicknames, swapped names, format
variants, missing fields) on a two-worker ``LocalCluster``.

Columns that hold lists (``emails``, ``phones``, ``addresses``, ``tags``) must stay Python
objects: Dask turns object columns into strings by default, so build such frames within
``dask.config.set({"dataframe.convert-string": False})``.

Dask is optional: ``pip install "dask[dataframe,distributed]"``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any, Optional

from ._crm import MatchConfig
from ._dedup import NameCounts, blocking_keys, find_duplicates, name_counts

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["find_duplicates_dask", "link_groups"]

#: Columns this module adds to the records while they are shuffled.
_ID = "_crm_id"
_PART = "_crm_part"
_COMPONENT = "_crm_component"


def _import_dask() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "crm.dask needs Dask: pip install \"dask[dataframe,distributed]\""
        ) from e
    return dd


def _records(frame: pd.DataFrame) -> pd.DataFrame:
    """The records of a partition, without the columns this module adds (read through Arrow,
    as :func:`crm.find_duplicates` reads a frame)."""
    return frame.drop(columns=[c for c in (_ID, _PART, _COMPONENT) if c in frame])


def _partition_counts(frame: pd.DataFrame) -> NameCounts:
    """The name counts of one partition of the input."""
    return name_counts(_records(frame))


def _by_key(frame: pd.DataFrame, npartitions: int) -> pd.DataFrame:
    """Each record once per partition of its blocking keys, in column ``_crm_part``."""
    import numpy as np
    import pandas as pd

    keys = blocking_keys(_records(frame))
    parts = [sorted({k % npartitions for k in ks}) for ks in keys]
    counts = [len(p) for p in parts]
    out = frame.iloc[np.repeat(np.arange(len(frame)), counts)].copy()
    out[_PART] = pd.array([p for ps in parts for p in ps], dtype="int64")
    return out


def _group_links(
    frame: pd.DataFrame, column: str, config: Optional[MatchConfig], counts: NameCounts
) -> pd.DataFrame:
    """Scans each group of records sharing ``column`` (weighing names by the whole table's
    ``counts``) and returns the links of the duplicate groups found: one row
    ``(left, right)`` of record ids per member after the first."""
    import pandas as pd

    lefts: list[Any] = []
    rights: list[Any] = []
    for _, group in frame.groupby(column, sort=True):
        if len(group) < 2:
            continue
        ids = group[_ID].tolist()
        scan = find_duplicates(_records(group), config, name_counts=counts)
        for g in scan["groups"]:
            first = ids[g["members"][0]]
            for m in g["members"][1:]:
                lefts.append(first)
                rights.append(ids[m])
    dtype = frame[_ID].dtype
    return pd.DataFrame({"left": pd.Series(lefts, dtype=dtype), "right": pd.Series(rights, dtype=dtype)})


def _sum_counts(parts: Iterable[NameCounts]) -> NameCounts:
    """The name counts of a table from those of its partitions."""
    total: NameCounts = {"given": {}, "family": {}, "full": {}, "values": {}, "records": 0}
    for part in parts:
        for field in ("given", "family", "full", "values"):
            mine = total[field]  # type: ignore[literal-required]
            for name, n in part[field].items():  # type: ignore[literal-required]
                mine[name] = mine.get(name, 0) + n
        total["records"] += part["records"]
    return total


def link_groups(links: Iterable[tuple[Any, Any]]) -> list[list[Any]]:
    """Joins links between records into groups (union-find): records linked directly or
    through others form one group. Groups are sorted, and listed by their first member.

    >>> link_groups([(1, 2), (3, 4), (2, 5)])
    [[1, 2, 5], [3, 4]]
    """
    parent: dict[Any, Any] = {}

    def find(x: Any) -> Any:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[Any, list[Any]] = {}
    for x in parent:
        members.setdefault(find(x), []).append(x)
    groups = [sorted(g) for g in members.values() if len(g) > 1]
    return sorted(groups, key=lambda g: g[0])


def find_duplicates_dask(
    records: dd.DataFrame,
    config: Optional[MatchConfig] = None,
    *,
    npartitions: Optional[int] = None,
) -> list[list[Hashable]]:
    """Finds duplicate customers in a Dask DataFrame, on the Dask cluster in use.

    ``records`` has the columns :func:`crm.find_duplicates` reads from a pandas DataFrame
    (``given_name``, ``family_name``, ``emails``, ``phones``, ``birthday``, ...); its
    **index names the records and must be unique** (a customer id). ``npartitions`` is the
    number of key buckets records are spread over (``key % npartitions``; default: four
    times the input's partitions, at least 16); each bucket is scanned on its own.

    Returns the duplicate groups as lists of index values, each sorted, listed by first
    member: the same shape as ``scan["groups"][i]["members"]`` of :func:`crm.find_duplicates`
    mapped to the index. See the module documentation for how it works and when the groups
    equal those of the single-process scan.

    Raises ``ImportError`` without Dask, ``ValueError`` for a non-unique index.
    """
    _import_dask()
    import dask
    import pandas as pd

    parts = npartitions if npartitions is not None else max(16, 4 * records.npartitions)
    if parts < 1:
        raise ValueError(f"npartitions must be at least 1, not {parts}")
    index_name = records.index.name if records.index.name is not None else "index"
    frame = records.reset_index().rename(columns={index_name: _ID})
    distinct, rows = dask.compute(frame[_ID].nunique(), frame[_ID].size)
    if distinct != rows:
        raise ValueError("records need a unique index: it names the records in the groups")
    dtype = frame[_ID].dtype
    meta_links = pd.DataFrame({"left": pd.Series([], dtype=dtype), "right": pd.Series([], dtype=dtype)})

    # 0. Name frequencies of the whole table, so every scan weighs names as one scan would.
    counts = _sum_counts(
        dask.compute(*[dask.delayed(_partition_counts)(p) for p in records.to_delayed()])
    )
    shared_counts = dask.delayed(counts, pure=True)

    # 1-2. Each record to the partitions of its keys; each partition matched by crm.
    meta_keyed = frame._meta.assign(**{_PART: pd.Series([], dtype="int64")})
    keyed = frame.map_partitions(_by_key, parts, meta=meta_keyed)
    shuffled = keyed.shuffle(on=_PART, npartitions=min(parts, max(1, records.npartitions * 4)))
    links = shuffled.map_partitions(_group_links, _PART, config, shared_counts, meta=meta_links).compute()

    # 3. Components of the links found in any partition.
    components = link_groups(zip(links["left"].tolist(), links["right"].tolist()))
    if not components:
        return []

    # 4. The core's clustering over each component's records decides the final groups.
    component_of = pd.DataFrame(
        {_ID: [m for c in components for m in c], _COMPONENT: [i for i, c in enumerate(components) for _ in c]}
    ).astype({_ID: dtype})
    linked = frame.merge(component_of, on=_ID, how="inner")
    linked = linked.shuffle(on=_COMPONENT, npartitions=max(1, min(len(components), records.npartitions)))
    final = linked.map_partitions(_group_links, _COMPONENT, config, shared_counts, meta=meta_links).compute()
    return link_groups(zip(final["left"].tolist(), final["right"].tolist()))
