//! A compact, compiled-in copy of the IANA time zone database (as shipped by `chrono-tz`
//! 0.10.4), with the lookups [`super::TimeZone`] needs: a zone by name, its UTC offset at an
//! instant, and the offsets a local wall-clock time may have.
//!
//! # Data
//!
//! The tables live in the generated file `zone_table_data.rs` next to this one (written by
//! this module's test with `CRM_WRITE_ZONES=1`, from `chrono-tz`'s public API only: the test
//! probes every zone's offset from 1800 to 2100 and bisects each change to the second). A
//! plain test run checks that the committed file equals what the generator
//! produces, and that every lookup agrees with `chrono-tz`.
//!
//! * Names: every name of `chrono_tz::TZ_VARIANTS`, sorted by their ASCII-lowercase form
//!   (so both exact and case-insensitive lookups are binary searches), concatenated into
//!   `NAMES` with their end positions in `NAME_ENDS`. A [`Zone`] is an index into that list.
//!   `NAME_RULES` maps a name to its *rule set*: names with the same offsets (links such as
//!   `US/Eastern`, and zones that only differ before 1800 or in abbreviations) share one.
//! * Rule sets: the offset before the first transition (`RULE_FIRST`), a fold cut
//!   (`RULE_CUT`, see below) and a slice `RULE_STARTS[r]..RULE_STARTS[r + 1]` of the global
//!   transition arrays. Only changes of the total offset are transitions (a change of
//!   abbreviation, or of the split between standard and daylight time, is not).
//! * Transitions: the local wall-clock time just before the transition (UTC time plus the
//!   offset in force until then) in minutes since 1800-01-01 00:00, a 28-bit number stored
//!   as four byte planes (`TIME0` low byte .. `TIME3` high byte, which gzip squeezes far
//!   better than interleaved `u32`s: neighbouring transitions share their high bytes, and
//!   zones with the same rules in local time share whole runs), plus a `u8` index into a
//!   global palette (`PALETTE_OFFSET`: the offset in force from the transition on, in
//!   seconds; `PALETTE_SECOND`: the seconds to add to the minutes, non-zero only for a few
//!   local-mean-time changes).
//!
//! # Folding
//!
//! From 1901 to 2099 the Gregorian calendar repeats dates and weekdays every 28 years
//! ([`FOLD_PERIOD`] = 10,227 days), and so do rules like "last Sunday of March at 01:00
//! UTC". For each rule set the generator finds the earliest cut `C` such that the offset at
//! every instant `t` in `C..2100-01-03` equals the offset at `t - FOLD_PERIOD`; only the
//! transitions before `C` are stored, and an instant at or after `C` is moved back by whole
//! periods into `C - FOLD_PERIOD..C` before the lookup. European zones thus need data up to
//! 2023, North American ones up to 2034, instead of 2099. Rule sets with no such cut before
//! 2100 (or with no transitions at all) are not folded (`RULE_CUT` is `i64::MAX`).
//!
//! # Range
//!
//! Lookups equal `chrono-tz` 0.10.4's for every instant from 1800-01-01 to 2100-01-02
//! (tested). `chrono-tz` stores transitions only up to 2099 and keeps the last offset
//! forever after; here a folded zone keeps repeating its last 28 years instead (so
//! "last Sunday" rules drift by one day after February 2100, which is not a leap year),
//! while an unfolded zone keeps its last offset as `chrono-tz` does. Instants are clamped to
//! ±2^40 seconds (about ±34,800 years) before the lookup.

use std::cmp::Ordering;

mod data {
    include!("zone_table_data.rs");
}

/// One day in seconds.
const DAY: i64 = 86_400;

/// The 28-year period of the Gregorian calendar between 1901 and 2099, in seconds.
const FOLD_PERIOD: i64 = 10_227 * DAY;

/// 1800-01-01 00:00:00 as Unix seconds: the origin of the stored transition minutes.
const EPOCH_1800: i64 = -5_364_662_400;

/// Instants beyond ±`LIMIT` seconds are clamped to it (keeps all arithmetic far from
/// overflow).
const LIMIT: i64 = 1 << 40;

/// Any offset is smaller than this in magnitude (the largest in the database, a local mean
/// time, is under 16 hours); local-time resolution looks this far around the given time.
const MAX_OFFSET: i64 = 2 * DAY;

/// One IANA zone name of the compiled table (links such as `US/Eastern` are their own names,
/// sharing their target's rules).
///
/// An index into the generated name list (sorted by ASCII-lowercase name).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) struct Zone(u16);

/// How a local wall-clock time maps to UTC in a zone.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Local {
    /// Exactly one instant has that local time; the offset (local - UTC) in seconds.
    Single(i32),
    /// Two instants have that local time (clocks were turned back): the earlier instant's
    /// offset first, as in `chrono::LocalResult::Ambiguous`.
    Ambiguous(i32, i32),
    /// No instant has that local time (clocks were turned forward over it).
    Gap,
}

/// A stretch of time with one offset: instants `start..end` (Unix seconds; `i64::MIN` and
/// `i64::MAX` stand for an open end).
#[derive(Clone, Copy, Debug)]
struct Span {
    start: i64,
    end: i64,
    offset: i32,
}

/// Compares two names by their ASCII-lowercase form (the order of the name table).
fn cmp_folded(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

impl Zone {
    /// The zone named `UTC`.
    pub(crate) const UTC: Zone = Zone(data::UTC);

    /// The zone with exactly this name (case-sensitive, as `chrono_tz::Tz::from_str`).
    pub(crate) fn find(name: &str) -> Option<Zone> {
        Zone::find_ignoring_case(name).filter(|zone| zone.name() == name)
    }

    /// The zone whose name equals `name` ignoring ASCII case (no two names of the database
    /// differ only in case).
    pub(crate) fn find_ignoring_case(name: &str) -> Option<Zone> {
        let (mut low, mut high) = (0, data::NAME_ENDS.len());
        while low < high {
            let mid = low + (high - low) / 2;
            let zone = Zone(mid as u16);
            match cmp_folded(zone.name(), name) {
                Ordering::Less => low = mid + 1,
                Ordering::Greater => high = mid,
                Ordering::Equal => return Some(zone),
            }
        }
        None
    }

    /// Every zone name of the table (the same set as `chrono_tz::TZ_VARIANTS`), in
    /// ASCII-lowercase name order.
    #[cfg(test)]
    pub(crate) fn all() -> impl Iterator<Item = Zone> {
        (0..data::NAME_ENDS.len() as u16).map(Zone)
    }

    /// The zone with exactly this name, for constants in tests (a compile-time error if
    /// there is none).
    #[cfg(test)]
    pub(crate) const fn named(name: &str) -> Zone {
        let (names, wanted) = (data::NAMES.as_bytes(), name.as_bytes());
        let mut index = 0;
        let mut start = 0;
        while index < data::NAME_ENDS.len() {
            let end = data::NAME_ENDS[index] as usize;
            if end - start == wanted.len() {
                let mut i = 0;
                while i < wanted.len() && names[start + i] == wanted[i] {
                    i += 1;
                }
                if i == wanted.len() {
                    return Zone(index as u16);
                }
            }
            start = end;
            index += 1;
        }
        panic!("no zone has this name")
    }

    /// The zone's IANA name, e.g. `Europe/Berlin`.
    pub(crate) fn name(self) -> &'static str {
        let index = usize::from(self.0);
        let start = match index {
            0 => 0,
            _ => usize::from(data::NAME_ENDS[index - 1]),
        };
        let end = usize::from(data::NAME_ENDS[index]);
        data::NAMES.get(start..end).unwrap_or_default()
    }

    /// The total offset (local - UTC, standard plus daylight time) in seconds at the UTC
    /// instant `utc` (Unix seconds).
    pub(crate) fn utc_offset(self, utc: i64) -> i32 {
        self.span(utc.clamp(-LIMIT, LIMIT)).offset
    }

    /// The offsets that the local wall-clock time `local` (Unix seconds "as if UTC") has:
    /// one, two (in an overlap, the earlier instant's first) or none (in a gap). (Three
    /// instants with one local time never occur in the database; the third would be
    /// ignored.)
    pub(crate) fn local_offset(self, local: i64) -> Local {
        let local = local.clamp(-LIMIT, LIMIT);
        // Every instant with this local time lies within `MAX_OFFSET` of it: look at each
        // span there for the instant `local - offset`.
        let mut found = [0; 2];
        let mut count = 0;
        let mut at = local - MAX_OFFSET;
        loop {
            let span = self.span(at);
            let utc = local - i64::from(span.offset);
            if span.start <= utc && utc < span.end {
                if let Some(slot) = found.get_mut(count) {
                    *slot = span.offset;
                }
                count += 1;
            }
            if span.end > local + MAX_OFFSET {
                break;
            }
            at = span.end;
        }
        match count {
            0 => Local::Gap,
            1 => Local::Single(found[0]),
            _ => Local::Ambiguous(found[0], found[1]),
        }
    }

    /// The rule set index of this name.
    fn rules(self) -> usize {
        usize::from(data::NAME_RULES[usize::from(self.0)])
    }

    /// The span containing `t` (|t| <= `LIMIT`), with folding applied; a span is cut at the
    /// fold boundaries, so two neighbours may have the same offset.
    fn span(self, t: i64) -> Span {
        let rules = self.rules();
        let cut = data::RULE_CUT[rules];
        if t < cut {
            let span = stored_span(rules, t);
            return Span {
                end: span.end.min(cut),
                ..span
            };
        }
        // Move `t` back by whole periods into `cut - FOLD_PERIOD..cut`.
        let shift = ((t - cut) / FOLD_PERIOD + 1) * FOLD_PERIOD;
        let span = stored_span(rules, t - shift);
        Span {
            start: span.start.max(cut - FOLD_PERIOD) + shift,
            end: span.end.min(cut) + shift,
            offset: span.offset,
        }
    }
}

/// The offset in force from transition `index` (global index) on.
fn offset_after(index: usize) -> i32 {
    data::PALETTE_OFFSET[usize::from(data::AFTER[index])]
}

/// The UTC instant of global transition `index`, the first of its rule set being `first`
/// (whose preceding offset is `first_offset`).
fn transition_time(index: usize, first: usize, first_offset: i32) -> i64 {
    let minutes = u32::from(data::TIME0[index])
        | u32::from(data::TIME1[index]) << 8
        | u32::from(data::TIME2[index]) << 16
        | u32::from(data::TIME3[index]) << 24;
    let second = data::PALETTE_SECOND[usize::from(data::AFTER[index])];
    let before = if index == first {
        first_offset
    } else {
        offset_after(index - 1)
    };
    EPOCH_1800 + i64::from(minutes) * 60 + i64::from(second) - i64::from(before)
}

/// The span of rule set `rules`' stored transitions that contains `t` (no folding).
fn stored_span(rules: usize, t: i64) -> Span {
    let first = usize::from(data::RULE_STARTS[rules]);
    let end = usize::from(data::RULE_STARTS[rules + 1]);
    let first_offset = data::RULE_FIRST[rules];
    let time = |index| transition_time(index, first, first_offset);
    // The first transition after `t`.
    let low = super::first_above(first..end, t, time);
    let (start, offset) = if low == first {
        (i64::MIN, first_offset)
    } else {
        (time(low - 1), offset_after(low - 1))
    };
    let end = if low == end { i64::MAX } else { time(low) };
    Span { start, end, offset }
}

/// The generator of `zone_table_data.rs` and the checks against `chrono-tz`.
///
/// `CRM_WRITE_ZONES=1 cargo test --release -p crm-core zone_table` rewrites the data file
/// (scanning every zone in 1-hour steps takes about 40 s in release, on two threads); run
/// the tests again without the variable to check it. Without the variable the test scans
/// every zone again in 6-day steps, also probing at every committed transition (the
/// shortest span between two changes in the database is just under 7 days, and a
/// committed shorter one would be probed), asserts that our table has exactly the changes
/// found and that the file it would write equals the committed one; the other tests compare
/// lookups with `chrono-tz`.
#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, LocalResult, NaiveDateTime, Offset, TimeZone};
    use chrono_tz::{TZ_VARIANTS, Tz};
    use std::fmt::Write as _;

    /// 1800-01-01 00:00 UTC.
    const START: i64 = EPOCH_1800;
    /// 2100-01-01 00:00 UTC.
    const END: i64 = 4_102_444_800;
    /// The scanned range: a little wider than 1800..2100, so that local times near its
    /// ends resolve like `chrono-tz`'s too.
    const SCAN_START: i64 = START - 2 * DAY;
    const SCAN_END: i64 = END + 2 * DAY;
    /// Scan steps when writing and when checking.
    const WRITE_STEP: i64 = 3_600;
    const CHECK_STEP: i64 = 6 * DAY;
    const DATA_FILE: &str = "src/contact/zone_table_data.rs";

    fn naive(t: i64) -> NaiveDateTime {
        DateTime::from_timestamp(t, 0)
            .expect("test instants are in chrono's range")
            .naive_utc()
    }

    fn chrono_offset(tz: Tz, t: i64) -> i32 {
        tz.offset_from_utc_datetime(&naive(t))
            .fix()
            .local_minus_utc()
    }

    fn chrono_local(tz: Tz, local: i64) -> Local {
        match tz.offset_from_local_datetime(&naive(local)) {
            LocalResult::None => Local::Gap,
            LocalResult::Single(o) => Local::Single(o.fix().local_minus_utc()),
            LocalResult::Ambiguous(a, b) => {
                Local::Ambiguous(a.fix().local_minus_utc(), b.fix().local_minus_utc())
            }
        }
    }

    /// A zone's offsets over `SCAN_START..SCAN_END`: the offset at `SCAN_START` and every
    /// change after it (instant, new offset).
    #[derive(Clone, PartialEq, Eq, Debug)]
    struct History {
        first: i32,
        changes: Vec<(i64, i32)>,
    }

    /// Probes `tz` every `step` seconds and at every instant of `hints` (sorted), and
    /// bisects each change to the second. Finds every change as long as no two changes lie
    /// within `step` of each other without a hint between them.
    fn scan(tz: Tz, step: i64, hints: &[i64]) -> History {
        let mut at = SCAN_START;
        let first = chrono_offset(tz, at);
        let (mut current, mut changes) = (first, Vec::new());
        let mut hints = hints.iter().copied().peekable();
        while at < SCAN_END {
            while hints.next_if(|&hint| hint <= at).is_some() {}
            let next = (at + step)
                .min(hints.peek().copied().unwrap_or(i64::MAX))
                .min(SCAN_END);
            if chrono_offset(tz, next) == current {
                at = next;
                continue;
            }
            // offset(low) == current != offset(high)
            let (mut low, mut high) = (at, next);
            while high - low > 1 {
                let mid = low + (high - low) / 2;
                match chrono_offset(tz, mid) == current {
                    true => low = mid,
                    false => high = mid,
                }
            }
            current = chrono_offset(tz, high);
            changes.push((high, current));
            at = high;
        }
        History { first, changes }
    }

    /// The offset of `history` at `t`.
    fn offset_at(history: &History, t: i64) -> i32 {
        match history.changes.partition_point(|&(at, _)| at <= t) {
            0 => history.first,
            n => history.changes[n - 1].1,
        }
    }

    /// The earliest cut `C` with offset(t) == offset(t - FOLD_PERIOD) for every `t` in
    /// `C..SCAN_END`, or `i64::MAX` if there is none before `SCAN_END` (or no change).
    fn fold_cut(history: &History) -> i64 {
        if history.changes.is_empty() {
            return i64::MAX;
        }
        // Both sides are constant between these points.
        let mut points: Vec<i64> = history
            .changes
            .iter()
            .flat_map(|&(t, _)| [t, t + FOLD_PERIOD])
            .filter(|&t| t < SCAN_END)
            .collect();
        points.sort_unstable();
        points.dedup();
        let last_bad = points
            .iter()
            .rposition(|&t| offset_at(history, t) != offset_at(history, t - FOLD_PERIOD))
            .expect("the first change differs from the offset a period earlier");
        points.get(last_bad + 1).copied().unwrap_or(i64::MAX)
    }

    /// Renders the data file from every zone's history.
    fn render(zones: &[(&'static str, History)]) -> String {
        let mut names: Vec<usize> = (0..zones.len()).collect();
        names.sort_by(|&a, &b| cmp_folded(zones[a].0, zones[b].0));
        for pair in names.windows(2) {
            assert_eq!(
                cmp_folded(zones[pair[0]].0, zones[pair[1]].0),
                Ordering::Less,
                "names differ only in case"
            );
        }
        let mut histories: Vec<&History> = Vec::new();
        let mut name_rules = Vec::new();
        for &zone in &names {
            let history = &zones[zone].1;
            let rules = match histories.iter().position(|&h| h == history) {
                Some(rules) => rules,
                None => {
                    histories.push(history);
                    histories.len() - 1
                }
            };
            name_rules.push(rules);
        }
        let mut palette: Vec<(i32, u8)> = Vec::new();
        let (mut starts, mut firsts, mut cuts) = (vec![0], Vec::new(), Vec::new());
        let (mut minutes, mut after) = (Vec::new(), Vec::new());
        for history in &histories {
            let cut = fold_cut(history);
            let mut before = history.first;
            for &(t, offset) in history.changes.iter().filter(|&&(t, _)| t < cut) {
                let local = t + i64::from(before) - EPOCH_1800;
                let entry = (offset, local.rem_euclid(60) as u8);
                let index = match palette.iter().position(|&e| e == entry) {
                    Some(index) => index,
                    None => {
                        palette.push(entry);
                        palette.len() - 1
                    }
                };
                minutes.push(u32::try_from(local.div_euclid(60)).expect("1800..2100 in u32"));
                after.push(u8::try_from(index).expect("at most 256 offsets"));
                before = offset;
            }
            starts.push(u16::try_from(minutes.len()).expect("at most 65,535 transitions"));
            firsts.push(history.first);
            cuts.push(cut);
        }
        let utc = names
            .iter()
            .position(|&zone| zones[zone].0 == "UTC")
            .expect("UTC is a zone");
        let name_list: String = names.iter().map(|&zone| zones[zone].0).collect();
        let mut ends = Vec::new();
        let mut end = 0;
        for &zone in &names {
            end += zones[zone].0.len();
            ends.push(end);
        }

        let mut out = String::new();
        out.push_str(
            "// @generated by `zone_table::tests` from chrono-tz 0.10.4 \
             (CRM_WRITE_ZONES=1); do not edit. Format: see zone_table.rs.\n",
        );
        let _ = writeln!(out, "pub(super) const UTC: u16 = {utc};");
        let _ = writeln!(out, "pub(super) static NAMES: &str = \"{name_list}\";");
        use super::super::write_array as array;
        array(&mut out, "NAME_ENDS", "u16", &ends);
        array(&mut out, "NAME_RULES", "u16", &name_rules);
        array(&mut out, "RULE_STARTS", "u16", &starts);
        array(&mut out, "RULE_FIRST", "i32", &firsts);
        let cuts: Vec<String> = cuts
            .iter()
            .map(|&c| match c {
                i64::MAX => "i64::MAX".to_owned(),
                c => c.to_string(),
            })
            .collect();
        array(&mut out, "RULE_CUT", "i64", &cuts);
        for (plane, name) in ["TIME0", "TIME1", "TIME2", "TIME3"].iter().enumerate() {
            let bytes: Vec<u8> = minutes.iter().map(|m| (m >> (8 * plane)) as u8).collect();
            array(&mut out, name, "u8", &bytes);
        }
        array(&mut out, "AFTER", "u8", &after);
        let offsets: Vec<i32> = palette.iter().map(|e| e.0).collect();
        let seconds: Vec<u8> = palette.iter().map(|e| e.1).collect();
        array(&mut out, "PALETTE_OFFSET", "i32", &offsets);
        array(&mut out, "PALETTE_SECOND", "u8", &seconds);
        out
    }

    /// The offset changes of our table for `zone` over `SCAN_START..SCAN_END`.
    fn table_history(zone: Zone) -> History {
        let first = zone.utc_offset(SCAN_START);
        let (mut current, mut changes) = (first, Vec::new());
        let mut at = SCAN_START;
        loop {
            let span = zone.span(at);
            if span.offset != current {
                current = span.offset;
                changes.push((span.start, current));
            }
            if span.end >= SCAN_END {
                break;
            }
            at = span.end;
        }
        History { first, changes }
    }

    /// Runs `work` on every zone of `chrono-tz`, on two threads.
    fn each_zone<T: Send>(work: impl Fn(Tz) -> T + Sync) -> Vec<T> {
        let chunks: Vec<&[Tz]> = TZ_VARIANTS.chunks(TZ_VARIANTS.len().div_ceil(2)).collect();
        std::thread::scope(|scope| {
            let work = &work;
            let handles: Vec<_> = chunks
                .iter()
                .map(|&chunk| {
                    scope.spawn(move || chunk.iter().map(|&tz| work(tz)).collect::<Vec<T>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("worker thread"))
                .collect()
        })
    }

    fn our_zone(tz: Tz) -> Zone {
        Zone::find(tz.name()).unwrap_or_else(|| panic!("{} is in the table", tz.name()))
    }

    #[test]
    fn data_file_is_generated_from_chrono_tz() {
        let write = std::env::var_os("CRM_WRITE_ZONES").is_some_and(|v| v == "1");
        let zones: Vec<(&'static str, History)> = each_zone(|tz| {
            let history = match write {
                true => scan(tz, WRITE_STEP, &[]),
                false => {
                    let ours = table_history(our_zone(tz));
                    let hints: Vec<i64> = ours.changes.iter().map(|&(t, _)| t).collect();
                    let history = scan(tz, CHECK_STEP, &hints);
                    assert_eq!(ours, history, "{}", tz.name());
                    history
                }
            };
            (tz.name(), history)
        });
        let text = render(&zones);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DATA_FILE);
        if write {
            std::fs::write(&path, &text).expect("write the zone data file");
            let shortest = zones
                .iter()
                .flat_map(|(_, h)| h.changes.windows(2).map(|w| w[1].0 - w[0].0))
                .min();
            eprintln!("wrote {}; shortest span {shortest:?} s", path.display());
        } else {
            let committed = std::fs::read_to_string(&path).expect("read the zone data file");
            assert!(
                committed == text,
                "{DATA_FILE} is stale: run CRM_WRITE_ZONES=1 cargo test --release -p crm-core zone_table"
            );
        }
    }

    #[test]
    fn names_match_chrono_tz() {
        assert_eq!(Zone::all().count(), TZ_VARIANTS.len());
        for tz in TZ_VARIANTS {
            let zone = our_zone(tz);
            assert_eq!(zone.name(), tz.name());
            let lower = tz.name().to_ascii_lowercase();
            assert_eq!(Zone::find_ignoring_case(&lower), Some(zone));
            assert_eq!(Zone::find(&lower).is_some(), lower == tz.name());
            assert_eq!(
                Zone::find_ignoring_case(&tz.name().to_ascii_uppercase()),
                Some(zone)
            );
        }
        assert_eq!(Zone::UTC.name(), "UTC");
        assert_eq!(Zone::find("utc"), None);
        for bad in [
            "",
            "Europe",
            "Europe/Berlin ",
            "Mars/Olympus",
            "Europe/Berlinx",
            "\u{e9}",
        ] {
            assert_eq!(Zone::find_ignoring_case(bad), None, "{bad:?}");
        }
    }

    /// A tiny deterministic pseudo-random generator (xorshift64).
    struct XorShift(u64);

    impl XorShift {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }

        fn instant(&mut self) -> i64 {
            START + self.below((END - START) as u64) as i64
        }
    }

    #[test]
    fn lookups_match_chrono_tz() {
        each_zone(|tz| {
            let zone = our_zone(tz);
            let name = tz.name();
            // Every change from 1800 to 2100 (our table's, which the data test compares
            // with chrono-tz's), ±1 s, for UTC and for both local edges.
            let history = table_history(zone);
            let mut before = history.first;
            for &(t, after) in &history.changes {
                for u in [t - 1, t, t + 1] {
                    assert_eq!(zone.utc_offset(u), chrono_offset(tz, u), "{name} at {u}");
                }
                let (a, b) = (i64::from(before), i64::from(after));
                for local in [t + a, t + b, t + (a + b) / 2] {
                    for l in [local - 1, local, local + 1] {
                        assert_eq!(
                            zone.local_offset(l),
                            chrono_local(tz, l),
                            "{name} local {l}"
                        );
                    }
                }
                before = after;
            }
            let mut random = XorShift(0x9E37_79B9_7F4A_7C15 ^ u64::from(zone.0));
            for _ in 0..2_000 {
                let t = random.instant();
                assert_eq!(zone.utc_offset(t), chrono_offset(tz, t), "{name} at {t}");
            }
            for _ in 0..500 {
                let l = random.instant();
                assert_eq!(
                    zone.local_offset(l),
                    chrono_local(tz, l),
                    "{name} local {l}"
                );
            }
            for t in [START, START + 1, END - 1, END, END + DAY] {
                assert_eq!(zone.utc_offset(t), chrono_offset(tz, t), "{name} at {t}");
                assert_eq!(
                    zone.local_offset(t),
                    chrono_local(tz, t),
                    "{name} local {t}"
                );
            }
        });
    }

    #[test]
    fn examples_and_extremes() {
        let berlin = Zone::find("Europe/Berlin").expect("Berlin");
        // 2026-07-01 10:00 UTC: CEST.
        assert_eq!(berlin.utc_offset(1_782_900_000), 7_200);
        // 2026-03-29 02:30 local does not exist; 2026-10-25 02:30 local happens twice.
        assert_eq!(berlin.local_offset(1_774_751_400), Local::Gap);
        assert_eq!(
            berlin.local_offset(1_792_895_400),
            Local::Ambiguous(7_200, 3_600)
        );
        assert_eq!(Zone::UTC.utc_offset(0), 0);
        for zone in Zone::all() {
            for t in [i64::MIN, -LIMIT - 1, LIMIT + 1, i64::MAX] {
                let _ = zone.utc_offset(t);
                let _ = zone.local_offset(t);
            }
        }
    }
}
