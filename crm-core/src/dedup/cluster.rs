//! Grouping matched pairs into duplicate groups without chaining.
//!
//! Matched pairs are taken strongest first. Two groups are joined only when no record of
//! one clearly differs from a record of the other: a ≈ b and b ≈ c make one group only if
//! a and c have no conflict (different given names or dates of birth, by default) and their
//! fields, taken together, do not speak clearly against a match (the sum of their field
//! weights is not below −4.5 bits: one field that differs, such as a family name, is not
//! yet a contradiction). Little evidence is not a contradiction: "Robert Smith" with an email and
//! "Rob Smyth" with a phone may join through a third record that has both. Pairs that were
//! never candidates are scored when a join needs them. A group never grows beyond
//! [`MAX_GROUP`] records.
//!
//! A given-name conflict alone is forgiven when the group of one record already holds a
//! record whose given name is close to the other's ("Kate" and "Catherinne" meet through
//! "Catherine"; "Peppe" and "Giuseppz" through "Giuseppe"; a second "Emi" joins the group
//! where a rule, such as "email=exact", put "Emi" and "Sophia"): the group has then
//! already taken the names for one person's, written several ways — provided the two share
//! strong evidence (about one exact phone, mailbox, address or birthday) that nothing
//! contradicts. Twins and other family members sharing a surname, an address, a phone or
//! a mailbox keep apart, because no group holds both "Anna" and "Maria"; a father and son
//! ("Jr." and "Sr.") keep apart even so.

use super::progress::Ticker;

/// Edges taken between two progress reports.
const EDGE_CHUNK: usize = if cfg!(test) { 8 } else { 4 * 1024 };

/// The largest duplicate group clustering builds.
pub const MAX_GROUP: usize = 64;

/// One edge offered to clustering: a matched pair and its strength.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub(crate) a: u32,
    pub(crate) b: u32,
    pub(crate) weight: f64,
    /// Content-derived tie-breaker (so that input order does not matter).
    pub(crate) tie: u64,
}

/// Whether two records may share a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fit {
    /// Nothing speaks against it; `names_agree` when both have given names and they are
    /// close (only such a record bridges a given-name difference).
    Yes {
        /// Whether both given names are present and not different.
        names_agree: bool,
    },
    /// Only their given names differ; a third record close to both reconciles them.
    GivenNamesDiffer,
    /// They clearly differ.
    No,
}

/// The field evidence (bits) two records with different given names must share, beyond
/// what speaks against them, before a third record may reconcile their names: about one
/// exact personal key (phone, mailbox, street address or date of birth).
const BRIDGEABLE_EVIDENCE: f64 = 10.0;

const AGREE: Fit = Fit::Yes { names_agree: true };

/// Whether `x` comes before `y` in the order [`cluster`] takes its edges: strongest first,
/// equal weights by their content tie-breaker.
pub(crate) fn stronger(x: &Edge, y: &Edge) -> std::cmp::Ordering {
    y.weight.total_cmp(&x.weight).then(x.tie.cmp(&y.tie))
}

/// Groups `n` records. `edges` are matched pairs, strongest first (in [`stronger`] order:
/// the scan's scored pairs are already in it, so they are not sorted again); `fit(a, b)`
/// says whether two records may share a group (it is asked for pairs across two groups
/// about to join, and for the bridges of a given-name difference). Returns, per group of
/// two or more, its members (sorted), groups sorted by first member. `ticker` advances by
/// one unit per edge, reported every [`EDGE_CHUNK`] edges.
pub(crate) fn cluster<E>(
    n: usize,
    edges: Vec<Edge>,
    fit: impl Fn(u32, u32) -> Fit,
    ticker: &mut Ticker<'_, '_, E>,
) -> Result<Vec<Vec<u32>>, E> {
    debug_assert!(edges.is_sorted_by(|x, y| stronger(x, y).is_le()));
    let mut group_of: Vec<u32> = (0..n as u32).collect();
    let mut members: Vec<Vec<u32>> = Vec::new();
    // Groups are created lazily: `group_of[i] == i` and no entry means a singleton.
    let mut slot: foldhash::HashMap<u32, usize> = foldhash::HashMap::default();
    let members_of = |i: u32,
                      group_of: &[u32],
                      slot: &foldhash::HashMap<u32, usize>,
                      members: &[Vec<u32>]|
     -> Vec<u32> {
        let g = group_of[i as usize];
        slot.get(&g)
            .map_or_else(|| vec![i], |&s| members[s].clone())
    };
    for (i, e) in edges.into_iter().enumerate() {
        if i % EDGE_CHUNK == EDGE_CHUNK - 1 {
            ticker.add(EDGE_CHUNK)?;
        }
        let (ga, gb) = (group_of[e.a as usize], group_of[e.b as usize]);
        if ga == gb {
            continue;
        }
        let left = members_of(e.a, &group_of, &slot, &members);
        let right = members_of(e.b, &group_of, &slot, &members);
        if left.len() + right.len() > MAX_GROUP {
            continue;
        }
        // `x` (left) and `y` (right) differ by given name only: the join is consistent when
        // one side already holds a record whose given name is close to the other's, so that
        // it has already taken the two names for one person's (`x` "Anna" joins "Maria"
        // when the group of "Maria" holds an "Ana"). A third record close to both names
        // ("Catherine" between "Kate" and "Catherinne") is such a record, on either side.
        let bridged = |x: u32, y: u32| {
            right.iter().any(|&z| z != y && fit(x, z) == AGREE)
                || left.iter().any(|&z| z != x && fit(z, y) == AGREE)
        };
        let consistent = left.iter().all(|&x| {
            right.iter().all(|&y| {
                (x == e.a && y == e.b)
                    || match fit(x, y) {
                        Fit::Yes { .. } => true,
                        Fit::GivenNamesDiffer => bridged(x, y),
                        Fit::No => false,
                    }
            })
        });
        if !consistent {
            continue;
        }
        // Join the smaller group into the larger.
        let (keep, gone, moved) = if left.len() >= right.len() {
            (ga, gb, right)
        } else {
            (gb, ga, left)
        };
        for &m in &moved {
            group_of[m as usize] = keep;
        }
        if let Some(s) = slot.remove(&gone) {
            members[s].clear();
        }
        match slot.get(&keep) {
            Some(&s) => members[s].extend(moved),
            None => {
                let mut all = vec![keep];
                all.extend(moved);
                slot.insert(keep, members.len());
                members.push(all);
            }
        }
    }
    let mut groups: Vec<Vec<u32>> = members.into_iter().filter(|m| m.len() > 1).collect();
    for g in &mut groups {
        g.sort_unstable();
    }
    // By first member (distinct: groups are disjoint), through the sort of `u64`s the
    // scan already has rather than a sort of its own for `Vec<u32>`.
    let mut order: Vec<u64> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| u64::from(g[0]) << 32 | i as u64)
        .collect();
    order.sort_unstable();
    Ok(order
        .iter()
        .map(|&k| std::mem::take(&mut groups[k as u32 as usize]))
        .collect())
}

/// How far two records' fields may speak against a match (bits, the prior aside) and the
/// two still share a group through records that match both: about one field that clearly
/// differs (a different family name is 4 bits: a married name, or a typo beyond the
/// levels), not two.
const CONTRADICTION: f64 = 4.5;

/// Whether two records may share a group, from their field evidence (the total weight
/// without the prior, which must not speak against a match by more than [`CONTRADICTION`])
/// and their conflicts (a bit per field; `given` is the given name's bit).
pub(crate) fn fit(field_weight: f64, conflicts: u8, given: u8, names_agree: bool) -> Fit {
    if field_weight < -CONTRADICTION {
        Fit::No
    } else if conflicts == 0 {
        Fit::Yes { names_agree }
    } else if conflicts == given && field_weight >= BRIDGEABLE_EVIDENCE {
        Fit::GivenNamesDiffer
    } else {
        Fit::No
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(n: usize, mut edges: Vec<Edge>, fit: impl Fn(u32, u32) -> Fit) -> Vec<Vec<u32>> {
        edges.sort_by(stronger);
        let mut tick = crate::dedup::progress::silent;
        let Ok(mut ticker) = Ticker::start(&mut tick, crate::dedup::Stage::Cluster, 0);
        let Ok(groups) = super::cluster(n, edges, fit, &mut ticker);
        groups
    }

    fn edge(a: u32, b: u32, weight: f64) -> Edge {
        Edge {
            a,
            b,
            weight,
            tie: u64::from(a) << 32 | u64::from(b),
        }
    }

    #[test]
    fn chains_are_cut_where_ends_differ() {
        // 0≈1 strongly, 1≈2 weaker, but 0 and 2 are implausible together.
        let groups = cluster(3, vec![edge(0, 1, 20.0), edge(1, 2, 15.0)], |x, y| {
            if (x.min(y), x.max(y)) == (0, 2) {
                Fit::No
            } else {
                AGREE
            }
        });
        assert_eq!(groups, vec![vec![0, 1]]);
        // When they are plausible, all three form one group.
        let groups = cluster(3, vec![edge(0, 1, 20.0), edge(1, 2, 15.0)], |_, _| AGREE);
        assert_eq!(groups, vec![vec![0, 1, 2]]);
    }

    #[test]
    fn strongest_pairs_win() {
        // 1 is claimed by 2 (stronger) and 0 (weaker); 0 and 2 differ.
        let groups = cluster(
            4,
            vec![edge(0, 1, 10.0), edge(1, 2, 30.0), edge(2, 3, 5.0)],
            |x, y| {
                if x.min(y) != 0 || x.max(y) != 2 {
                    AGREE
                } else {
                    Fit::No
                }
            },
        );
        assert_eq!(groups, vec![vec![1, 2, 3]]);
    }

    #[test]
    fn a_given_name_difference_needs_a_bridge() {
        // 0 "Catherine", 1 "Kate" (nickname of 0), 2 "Catherinne" (typo of 0): 1 and 2 differ
        // by given name only, and 0 bridges them.
        let names = |x: u32, y: u32| {
            if (x.min(y), x.max(y)) == (1, 2) {
                Fit::GivenNamesDiffer
            } else {
                AGREE
            }
        };
        let edges = || vec![edge(0, 1, 20.0), edge(0, 2, 15.0)];
        assert_eq!(cluster(3, edges(), names), vec![vec![0, 1, 2]]);
        // Twins: 0 "Anna" ≈ 1 "Anna", 1 ≈ 2 "Maria" by the household; 0 and 2 differ by given
        // name and nothing bridges them (1 is not close to 2 either).
        let twins = |x: u32, y: u32| match (x.min(y), x.max(y)) {
            (0, 1) => AGREE,
            _ => Fit::GivenNamesDiffer,
        };
        // Nor does a record without a given name bridge one (0 has none here).
        let nameless = |x: u32, y: u32| match (x.min(y), x.max(y)) {
            (1, 2) => Fit::GivenNamesDiffer,
            (0, _) => Fit::Yes { names_agree: false },
            _ => Fit::Yes { names_agree: false },
        };
        assert_eq!(cluster(3, edges(), nameless), vec![vec![0, 1]]);
        // 1 "Emi" and 2 "Sophia" are one group already (their edge: a rule, email=exact); 0,
        // another "Emi", differs from "Sophia" by given name only and joins: the group has
        // taken the two names for one person's.
        let adopted = |x: u32, y: u32| match (x.min(y), x.max(y)) {
            (0, 1) => AGREE,
            _ => Fit::GivenNamesDiffer,
        };
        let groups = cluster(3, vec![edge(1, 2, 30.0), edge(0, 1, 20.0)], adopted);
        assert_eq!(groups, vec![vec![0, 1, 2]]);
        assert_eq!(
            cluster(3, vec![edge(0, 1, 20.0), edge(1, 2, 15.0)], twins),
            vec![vec![0, 1]]
        );
        // A given-name difference on top of another conflict is never bridged.
        assert_eq!(fit(30.0, 0b1_0001, 0b1, false), Fit::No);
        assert_eq!(fit(30.0, 0b1, 0b1, false), Fit::GivenNamesDiffer);
        assert_eq!(fit(5.0, 0b1, 0b1, false), Fit::No);
        // One clear disagreement (a family name, about 4 bits) is not yet a contradiction;
        // more is.
        assert_eq!(fit(-4.0, 0, 0b1, true), AGREE);
        assert_eq!(fit(-4.6, 0, 0b1, true), Fit::No);
        assert_eq!(fit(0.0, 0, 0b1, true), AGREE);
    }
}
