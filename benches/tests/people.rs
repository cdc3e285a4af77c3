//! The duplicate-cluster generator (`crm_benches::people`): deterministic, exact counts,
//! the configured share of duplicates, every record valid for crm-core, true pairs, CSV,
//! and the realism the benchmarks rely on (a mix of cultures, countries and contact data,
//! recognisable copies, hard non-duplicates).

use std::collections::{HashMap, HashSet};

use crm_benches::people::{CSV_HEADER, DupConfig, Labeled, generate, true_pairs, write_csv};
use crm_core::contact::{CountryCode, Email, Phone};
use crm_core::journal::NoJournal;
use crm_core::{Crm, NewCustomer};

fn config(records: usize, seed: u64) -> DupConfig {
    DupConfig {
        records,
        seed,
        ..DupConfig::default()
    }
}

fn labels(records: &[Labeled]) -> Vec<u32> {
    records.iter().map(|r| r.cluster).collect()
}

fn cluster_sizes(records: &[Labeled]) -> HashMap<u32, usize> {
    let mut sizes = HashMap::new();
    for r in records {
        *sizes.entry(r.cluster).or_insert(0) += 1;
    }
    sizes
}

#[test]
fn deterministic_for_a_seed() {
    let a = generate(&config(3_000, 7));
    assert_eq!(a, generate(&config(3_000, 7)));
    let b = generate(&config(3_000, 8));
    assert_ne!(a, b);
    // Not just the order: the people differ.
    let names = |v: &[Labeled]| -> HashSet<Option<String>> {
        v.iter().map(|r| r.customer.family_name.clone()).collect()
    };
    assert_ne!(names(&a), names(&b));
}

#[test]
fn record_count_is_exact() {
    for records in [0, 1, 2, 3, 10, 99, 1_000, 4_321] {
        for (rate, max_cluster) in [(0.2, 5), (0.0, 5), (0.5, 2), (0.95, 3), (0.3, 1), (0.3, 0)] {
            let c = DupConfig {
                records,
                duplicate_rate: rate,
                max_cluster,
                seed: records as u64,
            };
            let out = generate(&c);
            assert_eq!(out.len(), records, "{c:?}");
            let sizes = cluster_sizes(&out);
            assert!(sizes.values().all(|&s| s <= max_cluster.max(1)), "{c:?}");
            // Cluster ids are 0..entities.
            let max = sizes.keys().copied().max().map_or(0, |m| m as usize + 1);
            assert_eq!(max, sizes.len(), "{c:?}");
        }
    }
    assert!(
        generate(&DupConfig {
            duplicate_rate: f64::NAN,
            ..config(50, 1)
        })
        .len()
            == 50
    );
}

#[test]
fn duplicate_share_matches_the_config() {
    for (records, rate, max_cluster) in [(20_000, 0.2, 5), (10_000, 0.05, 5), (10_000, 0.4, 3)] {
        let c = DupConfig {
            records,
            duplicate_rate: rate,
            max_cluster,
            seed: 3,
        };
        let out = generate(&c);
        let sizes = cluster_sizes(&out);
        let extras = records - sizes.len();
        let share = extras as f64 / records as f64;
        assert!((share - rate).abs() < 0.001, "{c:?}: {share}");
        let dup: Vec<usize> = sizes.values().copied().filter(|&s| s > 1).collect();
        let pairs = dup.iter().filter(|&&s| s == 2).count() as f64 / dup.len() as f64;
        assert!(pairs > 0.55, "{c:?}: clusters of two are {pairs}");
        assert!(dup.contains(&max_cluster), "{c:?}");
        assert_eq!(
            true_pairs(&labels(&out)),
            dup.iter().map(|&s| (s * (s - 1) / 2) as u64).sum::<u64>()
        );
    }
}

#[test]
fn every_record_is_accepted_by_crm_core() {
    let records = generate(&config(20_000, 11));
    let mut crm = Crm::builder().seed(1).journal(Box::new(NoJournal)).build();
    let rows: Vec<NewCustomer> = records.iter().map(|r| r.customer.clone()).collect();
    let report = crm.import_customers(rows);
    assert!(
        report.rejected.is_empty(),
        "{} rejected, first: {:?}",
        report.rejected.len(),
        report.rejected.first()
    );
    assert_eq!(crm.len(), records.len());

    // Each row is valid on its own too (a fresh book per row would accept it), and what
    // crm-core reads matches what was written.
    let mut mailbox_owner: HashMap<String, u32> = HashMap::new();
    for r in &records {
        let c = &r.customer;
        let region = c.default_region.as_deref().map(CountryCode::parse);
        let region = region
            .transpose()
            .expect("region")
            .expect("every record has a region");
        for p in &c.phones {
            Phone::parse(&p.number, Some(region)).expect("phone");
        }
        for a in &c.addresses {
            let country = a.country.as_deref().expect("country");
            assert_eq!(country, region.as_str());
        }
        for e in &c.emails {
            let e = Email::parse(e).expect("email");
            // Two people never share a mailbox.
            let owner = mailbox_owner
                .entry(e.provider_normalized())
                .or_insert(r.cluster);
            assert_eq!(*owner, r.cluster, "{} is shared by two people", e.address());
        }
    }
}

#[test]
fn true_pairs_counts_pairs_within_clusters() {
    assert_eq!(true_pairs(&[]), 0);
    assert_eq!(true_pairs(&[1, 2, 3]), 0);
    assert_eq!(true_pairs(&[5, 5]), 1);
    // {1, 1}, {3, 3, 3}: 1 + 3.
    assert_eq!(true_pairs(&[1, 1, 2, 3, 3, 3, 4]), 4);
    assert_eq!(true_pairs(&[3, 1, 3, 2, 1, 3, 4]), 4);
    assert_eq!(true_pairs(&[9; 5]), 10);
}

/// Splits RFC 4180 CSV into rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && row.is_empty(),
        "CSV ends mid-row"
    );
    rows
}

#[test]
fn csv_has_the_header_and_quotes_per_rfc_4180() {
    let mut c = NewCustomer::default().with_name("Anne \"Nan\"", "O'Brien, Jr.");
    c.emails = vec!["anne@example.com".into(), "nan@example.org".into()];
    c.phones = vec![crm_core::customer::NewPhone::new(
        "+353 1 234 5678",
        crm_core::contact::PhoneKind::Home,
    )];
    c.birthday = Some("--02-29".into());
    c.default_region = Some("IE".into());
    let mut a = crm_core::customer::NewAddress::default();
    a.lines = vec!["Flat 2".into(), "12 Main Street".into()];
    a.locality = Some("Dublin".into());
    a.postal_code = Some("D02 X285".into());
    a.country = Some("IE".into());
    c.addresses = vec![a];
    let plain = NewCustomer::default().with_name("Bo", "Li");
    let records = [
        Labeled {
            cluster: 42,
            customer: c,
        },
        Labeled {
            cluster: 7,
            customer: plain,
        },
    ];
    let mut out = Vec::new();
    write_csv(&records, &mut out).expect("write");
    let text = String::from_utf8(out).expect("utf-8");
    assert_eq!(
        text,
        format!(
            "{CSV_HEADER}\r\n\
             42,\"Anne \"\"Nan\"\"\",\"O'Brien, Jr.\",anne@example.com,nan@example.org,\
             +353 1 234 5678,--02-29,\"Flat 2, 12 Main Street\",D02 X285,Dublin,IE\r\n\
             7,Bo,Li,,,,,,,,\r\n"
        )
    );
    assert_eq!(
        CSV_HEADER,
        "cluster,given_name,family_name,email,email2,phone,birthday,street,postcode,city,country"
    );

    // Generated data: one row per record, eleven fields each, the cluster first.
    let records = generate(&config(5_000, 5));
    let mut out = Vec::new();
    write_csv(&records, &mut out).expect("write");
    let rows = parse_csv(&String::from_utf8(out).expect("utf-8"));
    assert_eq!(rows.len(), records.len() + 1);
    assert_eq!(rows[0].join(","), CSV_HEADER);
    for (row, r) in rows[1..].iter().zip(&records) {
        assert_eq!(row.len(), 11, "{row:?}");
        assert_eq!(row[0], r.cluster.to_string());
        assert_eq!(
            Some(&row[2]),
            r.customer.family_name.as_ref().or(Some(&String::new()))
        );
        assert_eq!(
            row[10],
            r.customer.default_region.clone().unwrap_or_default()
        );
    }
    assert!(rows.iter().any(|r| r[7].contains(", ")), "a quoted street");
}

/// Exact keys a record can share with another: phones (E.164), mailboxes (provider
/// normalised), birthday, first street line.
fn exact_keys(c: &NewCustomer) -> HashSet<String> {
    let region = c
        .default_region
        .as_deref()
        .and_then(|r| CountryCode::parse(r).ok());
    let mut keys = HashSet::new();
    for p in &c.phones {
        if let Ok(p) = Phone::parse(&p.number, region) {
            keys.insert(format!("phone:{}", p.e164()));
        }
    }
    for e in &c.emails {
        if let Ok(e) = Email::parse(e) {
            keys.insert(format!("mail:{}", e.provider_normalized()));
        }
    }
    if let Some(b) = &c.birthday {
        keys.insert(format!("born:{b}"));
    }
    if let Some(line) = c.addresses.first().and_then(|a| a.lines.first()) {
        keys.insert(format!("street:{}", line.to_lowercase()));
    }
    keys
}

fn by_cluster(records: &[Labeled]) -> HashMap<u32, Vec<&NewCustomer>> {
    let mut map: HashMap<u32, Vec<&NewCustomer>> = HashMap::new();
    for r in records {
        map.entry(r.cluster).or_default().push(&r.customer);
    }
    map
}

fn text(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

#[test]
fn people_are_a_realistic_mix() {
    let records = generate(&config(30_000, 2));
    let n = records.len() as f64;
    let share = |f: &dyn Fn(&NewCustomer) -> bool| {
        records.iter().filter(|r| f(&r.customer)).count() as f64 / n
    };
    // Shares over all records (copies drop fields, so a little below the entities' rates).
    let email = share(&|c| !c.emails.is_empty());
    let two = share(&|c| c.emails.len() > 1);
    let phone = share(&|c| !c.phones.is_empty());
    let born = share(&|c| c.birthday.is_some());
    let yearless = share(&|c| c.birthday.as_deref().is_some_and(|b| b.starts_with("--")));
    let address = share(&|c| !c.addresses.is_empty());
    let postcode = share(&|c| c.addresses.iter().any(|a| a.postal_code.is_some()));
    assert!((0.7..0.9).contains(&email), "email {email}");
    assert!((0.05..0.2).contains(&two), "two emails {two}");
    assert!((0.65..0.85).contains(&phone), "phone {phone}");
    assert!((0.4..0.6).contains(&born), "birthday {born}");
    assert!(
        (0.02..0.12).contains(&yearless),
        "year-less birthday {yearless}"
    );
    assert!((0.6..0.8).contains(&address), "address {address}");
    assert!(postcode < address && postcode > 0.5, "postcode {postcode}");

    let mut countries: HashMap<&str, usize> = HashMap::new();
    let mut family: HashMap<&str, usize> = HashMap::new();
    let mut given: HashSet<&str> = HashSet::new();
    for r in &records {
        let c = &r.customer;
        *countries.entry(text(&c.default_region)).or_default() += 1;
        *family.entry(text(&c.family_name)).or_default() += 1;
        given.insert(text(&c.given_name));
    }
    assert!(countries.len() >= 25, "{countries:?}");
    assert!(
        countries.values().all(|&k| (k as f64) < n * 0.2),
        "{countries:?}"
    );
    assert!(family.len() > 5_000 && given.len() > 2_000);
    // Zipf-like: common names are common, and the most common one is not everybody.
    let mut top: Vec<(&str, usize)> = family.iter().map(|(k, v)| (*k, *v)).collect();
    top.sort_by_key(|t| std::cmp::Reverse(t.1));
    let top10: Vec<&str> = top[..10].iter().map(|t| t.0).collect();
    for common in ["Wang", "Nguyễn", "Kim", "Smith"] {
        assert!(top10.contains(&common), "{common} not in {top10:?}");
    }
    assert!((top[0].1 as f64) < n * 0.02, "{:?}", top[0]);
    for name in [
        "Müller", "García", "Kowalski", "Yılmaz", "Rossi", "Silva", "Kumar", "Martin",
    ] {
        assert!(family.get(name).copied().unwrap_or(0) >= 5, "{name}");
    }
    let non_ascii = records
        .iter()
        .filter(|r| {
            !text(&r.customer.family_name).is_ascii() || !text(&r.customer.given_name).is_ascii()
        })
        .count() as f64;
    assert!(non_ascii > n * 0.15, "{non_ascii}");
    // Names fit the country, with some migration.
    let regions_of = |name: &str| -> HashMap<&str, usize> {
        let mut m = HashMap::new();
        for r in records
            .iter()
            .filter(|r| text(&r.customer.family_name) == name)
        {
            *m.entry(text(&r.customer.default_region)).or_default() += 1;
        }
        m
    };
    for (name, home) in [
        ("Müller", "DE"),
        ("Yılmaz", "TR"),
        ("Nguyễn", "VN"),
        ("Kowalski", "PL"),
    ] {
        let m = regions_of(name);
        let total: usize = m.values().sum();
        let at_home = m.get(home).copied().unwrap_or(0);
        assert!(at_home * 2 > total, "{name}: {m:?}");
    }
    let abroad: usize = ["Yılmaz", "Nguyễn", "Kumar", "Wang", "Kowalski"]
        .iter()
        .map(|n| {
            let m = regions_of(n);
            m.values().sum::<usize>() - m.values().max().copied().unwrap_or(0)
        })
        .sum();
    assert!(abroad > 20, "migration {abroad}");
}

#[test]
fn copies_are_recognisable_but_not_trivial() {
    let records = generate(&config(30_000, 9));
    let clusters = by_cluster(&records);
    let (mut pairs, mut shared_key, mut same_name, mut hard) = (0usize, 0usize, 0usize, 0usize);
    let (mut swapped, mut upper, mut folded) = (0, 0, 0);
    let fold = |s: &str| s.to_lowercase();
    for copies in clusters.values().filter(|v| v.len() > 1) {
        for (i, a) in copies.iter().enumerate() {
            let keys = exact_keys(a);
            for b in &copies[i + 1..] {
                pairs += 1;
                let shares = exact_keys(b).iter().any(|k| keys.contains(k));
                let (ga, fa, gb, fb) = (
                    text(&a.given_name),
                    text(&a.family_name),
                    text(&b.given_name),
                    text(&b.family_name),
                );
                shared_key += usize::from(shares);
                same_name += usize::from(ga == gb && fa == fb);
                if !shares && fold(fa) != fold(fb) {
                    hard += 1;
                }
                swapped += usize::from(ga == fb && fa == gb);
                upper += usize::from(fa != fb && fa.to_uppercase() == fb);
                folded += usize::from(
                    !fa.is_ascii()
                        && fb.is_ascii()
                        && fa.chars().count() <= fb.chars().count()
                        && fa.chars().next() == fb.chars().next(),
                );
                // Never the same address twice (crm-core would refuse it).
                for e in &a.emails {
                    assert!(!b.emails.iter().any(|x| x.eq_ignore_ascii_case(e)), "{e}");
                }
            }
        }
    }
    let p = pairs as f64;
    let (shared_key, same_name, hard) =
        (shared_key as f64 / p, same_name as f64 / p, hard as f64 / p);
    // Most pairs keep something exact in common, but names differ in about half of them and
    // a few share neither a contact detail nor a family name.
    assert!((0.8..0.98).contains(&shared_key), "shared key {shared_key}");
    assert!((0.3..0.6).contains(&same_name), "same name {same_name}");
    assert!((0.005..0.08).contains(&hard), "hard {hard}");
    assert!(
        swapped > 20 && upper > 20 && folded > 20,
        "{swapped} {upper} {folded}"
    );
}

/// Clusters with the given name each shows.
type People<'a> = HashSet<(u32, &'a str)>;

#[test]
fn hard_non_duplicates_are_there() {
    let records = generate(&config(30_000, 4));
    let mut names: HashMap<(&str, &str), HashSet<u32>> = HashMap::new();
    let mut phones: HashMap<String, HashSet<u32>> = HashMap::new();
    let mut homes: HashMap<(&str, &str), People<'_>> = HashMap::new();
    let mut twins: HashMap<(&str, &str, &str), People<'_>> = HashMap::new();
    let mut domains: HashMap<String, HashSet<u32>> = HashMap::new();
    let public = [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "icloud.com",
    ];
    for r in &records {
        let c = &r.customer;
        let (g, f) = (text(&c.given_name), text(&c.family_name));
        names.entry((g, f)).or_default().insert(r.cluster);
        let region = c
            .default_region
            .as_deref()
            .and_then(|r| CountryCode::parse(r).ok());
        for p in &c.phones {
            if let Ok(p) = Phone::parse(&p.number, region) {
                phones
                    .entry(p.e164().to_owned())
                    .or_default()
                    .insert(r.cluster);
            }
        }
        if let Some(line) = c.addresses.first().and_then(|a| a.lines.first()) {
            homes.entry((f, line)).or_default().insert((r.cluster, g));
            if let Some(b) = &c.birthday {
                twins
                    .entry((f, line, b))
                    .or_default()
                    .insert((r.cluster, g));
            }
        }
        for e in &c.emails {
            let d = e.rsplit_once('@').map_or("", |x| x.1).to_lowercase();
            if !public.contains(&d.as_str()) {
                domains.entry(d).or_default().insert(r.cluster);
            }
        }
    }
    let many = |sets: &mut dyn Iterator<Item = usize>| sets.filter(|&k| k > 1).count();
    // Namesakes: the same full name, different people.
    let namesakes = many(&mut names.values().map(HashSet::len));
    // A line shared by different people: a family landline or a company switchboard.
    let shared_phones = many(&mut phones.values().map(HashSet::len));
    // Family members: same family name and address, different people with other names.
    let families = homes
        .values()
        .filter(|s| {
            let clusters: HashSet<u32> = s.iter().map(|x| x.0).collect();
            let given: HashSet<&str> = s.iter().map(|x| x.1).collect();
            clusters.len() > 1 && given.len() > 1
        })
        .count();
    let twin_pairs = twins
        .values()
        .filter(|s| s.iter().map(|x| x.0).collect::<HashSet<_>>().len() > 1)
        .count();
    // Colleagues: a company domain used by several people.
    let colleagues = many(&mut domains.values().map(HashSet::len));
    assert!(namesakes > 300, "{namesakes}");
    assert!(shared_phones > 100, "{shared_phones}");
    assert!(families > 200, "{families}");
    assert!(twin_pairs > 10, "{twin_pairs}");
    assert!(colleagues > 200, "{colleagues}");
}
