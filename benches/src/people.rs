//! Realistic customer records with ground-truth duplicate clusters, for benchmarking
//! deduplication.
//!
//! [`generate`](crate::people::generate) makes `records` customers from a seed. Each
//! distinct person (an *entity*) gets a cluster id; most entities appear once, some several
//! times (the *cluster*), and the copies differ from each other the way duplicates in a
//! real CRM do.
//!
//! # The people
//!
//! - 23 naming cultures (English, Irish, German, French, Spanish, Mexican, Portuguese and
//!   Brazilian, Italian, Dutch, Polish, Turkish, Swedish, Norwegian, Danish, Russian, Greek,
//!   Indian, Chinese, Japanese, Korean, Vietnamese, Nigerian, Arabic) with about 950
//!   distinct given and 1,100 family names, most common first and drawn with a Zipf-Mandelbrot
//!   weight (Smith, Müller, García, Nguyễn, Wang, Kim are common; Nguyễn is about a third
//!   of Vietnamese names, Smith a few per cent of English ones), plus thousands of rarer,
//!   synthetic family names (Ashford, Kesselberger, Barowski, …) for the long tail.
//!   Spanish and Latin American people often carry two family names, Vietnamese people a
//!   middle name (`Văn`, `Thị`), Korean given names a hyphen.
//! - 30 countries of residence. A culture mostly lives in its own countries and partly
//!   abroad (Turkish names in Germany, Indian names in the UK, …): country, city, postcode,
//!   street format, landline area code, phone formats and mail providers follow the country
//!   of residence, not the name. Some migrants keep a mobile number from home, written
//!   internationally.
//! - About 85 % of people have an email address (a fifth of them two: a personal one and
//!   often a work address at their employer's domain), built from the name the way people
//!   pick them (`first.last`, `flast`, `firstlast87`, `last.first`, nicknames, handles like
//!   `bluefox82`, numeric QQ ids in China) on the country's real providers (gmail.com,
//!   web.de, orange.fr, naver.com, qq.com, …); ~75 % a phone (mobile, home landline with
//!   the city's area code, or work line with an extension), written the way people type
//!   them in that country (`0171 1234567`, `(415) 555-2671`, `06 12 34 56 78`,
//!   `+44 (0)20 7946 0958`, `8 (495) 123-45-67`, …); ~50 % a birthday (some without the
//!   year, `--MM-DD`); ~70 % a postal address (street and number in the country's order,
//!   flats and units, a postcode in the country's format, some without one).
//!
//! # Duplicates
//!
//! The first record of a cluster is the person as entered first; every further copy
//! applies one to five corruptions (two or three most often): typos in a name (insertion,
//! deletion, keyboard-neighbour substitution on the country's QWERTY, QWERTZ or AZERTY
//! layout, transposition), a nickname (Robert → Bob, José → Pepe, Aleksandr → Sasha,
//! Katarzyna → Kasia), another spelling or transliteration (Meyer/Maier, Mohammed/Mohamed,
//! Sergey/Sergei, Chen/Chan, Sato/Satō), given and family name swapped (more often for
//! East Asian names), accents dropped or transliterated (Müller → Muller or Mueller),
//! upper or lower case, an initial for the given name, a middle initial added or a middle
//! name dropped, one of two family names dropped, apostrophes, hyphens and particles
//! written differently (O'Brien/OBrien, van den Berg/Vandenberg), the name in its own
//! script (王伟, Иван Петров), an adopted Western given name, a family name changed by
//! marriage; a field missing; another email (an alias of the same mailbox: dots in a Gmail
//! address, `+tag`, `googlemail.com`, at times with capitals; a typo; a new address after a
//! job change);
//! the phone in another format, a new number or two digits swapped; a move to another
//! street or city (often with a new landline); the address written differently
//! (abbreviations, another city name, no postcode, no accents); the birthday with day and
//! month swapped, the year off by one or missing.
//!
//! A copy keeps at least two identifying things in common with the entity (a recognisable
//! name, the same phone, birthday, address or mailbox) in about 90 % of the cases where the
//! corruptions left fewer; the rest are genuinely hard.
//!
//! Cluster sizes are mostly 2, sometimes 3 up to `max_cluster`. Measured on 100,000
//! records (seed 1, defaults): 72 % of the duplicated people have two records, 19 % three;
//! of the 27,435 duplicate pairs, 37 % carry identical names, 94 % share at least one exact
//! contact key (phone number, mailbox, birthday or street line) and 2 % share neither a
//! contact key nor the family name.
//!
//! # Hard non-duplicates
//!
//! About 6 % of the entities are built next to another one, to trap naive matchers:
//! namesakes (the same given and family name, often the same city, different contact data),
//! family members (same family name, address and home landline, another given name and
//! birthday, often an email on the same provider), twins (also the same birthday), father
//! and son with the same name at the same address, 20 to 38 years apart. Colleagues share
//! their employer's email domain and switchboard number (with their own extension), and
//! common names (John Smith, Wang Wei, María García) recur by frequency alone.
//!
//! # Contact data and crm-core
//!
//! Every record is accepted by [`crm_core::Crm`] (valid emails, phones parseable with the
//! record's `default_region`, valid birthdays, ISO countries), and all records can be
//! imported into one book: no two records share an email address (compared the way
//! crm-core compares them, ignoring case), because a book refuses a second holder of an
//! address. So a copy never repeats the first record's address verbatim: where it shows
//! the same mailbox it is an alias that crm-core's
//! [`provider_normalized`](crm_core::contact::Email::provider_normalized) maps back to it,
//! and two different people never share a mailbox under those rules.
//!
//! Generation is deterministic for a seed (all randomness comes from the crate's [`Rng`];
//! no clock, no hash-map iteration order). A million records take about 4 s of CPU time in
//! release mode (1.3 GB resident).
//!
//! ```
//! use crm_benches::people::{generate, true_pairs, DupConfig};
//!
//! let records = generate(&DupConfig { records: 1_000, seed: 7, ..DupConfig::default() });
//! assert_eq!(records.len(), 1_000);
//! let labels: Vec<u32> = records.iter().map(|r| r.cluster).collect();
//! assert!(true_pairs(&labels) >= 150);
//! ```

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Write};

use crm_core::NewCustomer;
use crm_core::contact::PhoneKind;
use crm_core::customer::{NewAddress, NewPhone};

use crate::Rng;

/// What [`generate`] makes.
#[derive(Debug, Clone, PartialEq)]
pub struct DupConfig {
    /// Number of records (exactly).
    pub records: usize,
    /// Share of the records that are extra copies of an entity already present (default
    /// 0.2): with 1,000 records, 200 are copies and 800 distinct people. Clamped to
    /// `0..=(max_cluster - 1) / max_cluster`.
    pub duplicate_rate: f64,
    /// Most records of one entity (default 5); 1 or less means no duplicates.
    pub max_cluster: usize,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for DupConfig {
    /// 10,000 records, 20 % duplicates, clusters of up to 5, seed 1.
    fn default() -> Self {
        Self {
            records: 10_000,
            duplicate_rate: 0.2,
            max_cluster: 5,
            seed: 1,
        }
    }
}

/// A customer record with the id of the person it describes.
#[derive(Debug, Clone, PartialEq)]
pub struct Labeled {
    /// The entity (person) the record belongs to: records with the same cluster are
    /// duplicates of each other. Ids are `0..entities`, in random order.
    pub cluster: u32,
    /// The record, ready for [`crm_core::Crm::create_customer`] or
    /// [`crm_core::Crm::import_customers`].
    pub customer: NewCustomer,
}

/// `config.records` customer records, shuffled, deterministic for `config.seed`.
///
/// # Panics
/// If `config.records` does not fit in a `u32`.
pub fn generate(config: &DupConfig) -> Vec<Labeled> {
    let n = config.records;
    assert!(u32::try_from(n).is_ok(), "at most u32::MAX records");
    let max_cluster = config.max_cluster.max(1);
    let max_rate = (max_cluster - 1) as f64 / max_cluster as f64;
    let rate = if config.duplicate_rate.is_finite() {
        config.duplicate_rate.clamp(0.0, max_rate)
    } else {
        0.0
    };
    let mut extras = (n as f64 * rate).round() as usize;
    let entities = n - extras;
    extras = extras.min(entities * (max_cluster - 1));
    let entities = n - extras;

    let mut rng = Rng::new(config.seed ^ 0x5EED_D00B_1E55_0F1E);
    let sizes = cluster_sizes(&mut rng, entities, extras, max_cluster);
    let mut ids: Vec<u32> = (0..entities as u32).collect();
    shuffle(&mut rng, &mut ids);

    // Where each record goes in the output (a shuffle without moving records around).
    let mut slots: Vec<u32> = (0..n as u32).collect();
    shuffle(&mut rng, &mut slots);
    let empty = Labeled {
        cluster: 0,
        customer: NewCustomer::default(),
    };
    let mut out = vec![empty; n];
    let mut next = slots.into_iter();
    let mut put = |record: Labeled| {
        if let Some(at) = next.next() {
            out[at as usize] = record;
        }
    };

    let model = Model::new(n, &mut rng);
    let mut g = Gen::new(&model, rng, n);
    for (&size, &cluster) in sizes.iter().zip(&ids) {
        let e = g.entity();
        put(Labeled {
            cluster,
            customer: g.original(&e),
        });
        for _ in 1..size {
            put(Labeled {
                cluster,
                customer: g.copy(&e),
            });
        }
        g.remember(e);
    }
    out
}

/// The number of true duplicate pairs among records with these cluster ids: the sum of
/// `k * (k - 1) / 2` over clusters of `k` records.
///
/// ```
/// assert_eq!(crm_benches::people::true_pairs(&[4, 1, 1, 2, 4, 4]), 4);
/// ```
/// Keeps only the town of every address (no street lines, no postal code), as a sign-up
/// form that asks for the town gives them (`dedup --towns-only`).
pub fn towns_only(records: &mut [NewCustomer]) {
    for a in records.iter_mut().flat_map(|r| r.addresses.iter_mut()) {
        a.lines.clear();
        a.postal_code = None;
    }
}

pub fn true_pairs(labels: &[u32]) -> u64 {
    let mut sorted = labels.to_vec();
    sorted.sort_unstable();
    sorted
        .chunk_by(|a, b| a == b)
        .map(|run| {
            let k = run.len() as u64;
            k * (k - 1) / 2
        })
        .sum()
}

/// The CSV columns written by [`write_csv`].
pub const CSV_HEADER: &str =
    "cluster,given_name,family_name,email,email2,phone,birthday,street,postcode,city,country";

/// Writes the records as CSV (RFC 4180: a header line, CRLF line ends, fields with a
/// comma, a double quote or a line break quoted, quotes doubled), one line per record:
/// `cluster,given_name,family_name,email,email2,phone,birthday,street,postcode,city,country`.
/// `email` and `email2` are the first two emails, `phone` the first phone as written,
/// `street` the address lines joined with `", "`, `country` the address's country, or the
/// region the record's phone numbers are read in when it has no address.
///
/// # Errors
/// Any error of `out`.
pub fn write_csv(records: &[Labeled], out: &mut impl Write) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    w.write_all(CSV_HEADER.as_bytes())?;
    w.write_all(b"\r\n")?;
    let mut line = String::with_capacity(256);
    for r in records {
        line.clear();
        let c = &r.customer;
        let address = c.addresses.first();
        let street = address.map(|a| a.lines.join(", "));
        let country = address
            .and_then(|a| a.country.as_deref())
            .or(c.default_region.as_deref());
        line.push_str(&r.cluster.to_string());
        let fields: [Option<&str>; 10] = [
            c.given_name.as_deref(),
            c.family_name.as_deref(),
            c.emails.first().map(String::as_str),
            c.emails.get(1).map(String::as_str),
            c.phones.first().map(|p| p.number.as_str()),
            c.birthday.as_deref(),
            street.as_deref(),
            address.and_then(|a| a.postal_code.as_deref()),
            address.and_then(|a| a.locality.as_deref()),
            country,
        ];
        for f in fields {
            line.push(',');
            csv_field(&mut line, f.unwrap_or(""));
        }
        line.push_str("\r\n");
        w.write_all(line.as_bytes())?;
    }
    w.flush()
}

fn csv_field(line: &mut String, value: &str) {
    if value.contains([',', '"', '\r', '\n']) {
        line.push('"');
        for ch in value.chars() {
            if ch == '"' {
                line.push('"');
            }
            line.push(ch);
        }
        line.push('"');
    } else {
        line.push_str(value);
    }
}

/// Sizes of the `entities` clusters, `extras` records beyond one per entity in all,
/// shuffled: mostly 2, sometimes up to `max_cluster`.
fn cluster_sizes(r: &mut Rng, entities: usize, extras: usize, max_cluster: usize) -> Vec<u8> {
    let mut sizes = vec![1u8; entities];
    let mut left = extras;
    let mut slot = 0;
    while left > 0 && slot < entities {
        let free = entities - slot;
        let need = left.div_ceil(free);
        let mut x = 1;
        while x + 1 < max_cluster && chance(r, 0.28) {
            x += 1;
        }
        let x = x.max(need).min(max_cluster - 1).min(left);
        sizes[slot] = u8::try_from(x + 1).unwrap_or(u8::MAX);
        left -= x;
        slot += 1;
    }
    shuffle(r, &mut sizes);
    sizes
}

// ---------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------

/// A number in `[0, 1)`.
fn unit(r: &mut Rng) -> f64 {
    (r.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

fn chance(r: &mut Rng, p: f64) -> bool {
    unit(r) < p
}

/// A number in `lo..=hi`.
fn between(r: &mut Rng, lo: u32, hi: u32) -> u32 {
    lo + r.below((hi - lo + 1) as usize) as u32
}

fn shuffle<T>(r: &mut Rng, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        let j = r.below(i + 1);
        v.swap(i, j);
    }
}

/// An index into a list of `n` ways of writing something, the first ones more usual.
fn habit(r: &mut Rng, n: usize) -> usize {
    let mut i = 0;
    while i + 1 < n && chance(r, 0.55) {
        i += 1;
    }
    // Mostly the first few, sometimes anything.
    if chance(r, 0.15) {
        r.below(n.max(1))
    } else {
        i / 2
    }
}

/// Cumulative weights, for weighted picks.
struct Table(Vec<f64>);

impl Table {
    fn new(weights: impl IntoIterator<Item = f64>) -> Table {
        let mut sum = 0.0;
        Table(
            weights
                .into_iter()
                .map(|w| {
                    sum += w;
                    sum
                })
                .collect(),
        )
    }

    /// Zipf-Mandelbrot weights `1 / (rank + k)^s` for `n` items.
    fn zipf(n: usize, s: f64, k: f64) -> Table {
        Table::new((0..n).map(|i| 1.0 / (i as f64 + k).powf(s)))
    }

    fn pick(&self, r: &mut Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(0.0);
        let x = unit(r) * total;
        self.0
            .partition_point(|&c| c <= x)
            .min(self.0.len().saturating_sub(1))
    }
}

/// Already-hashed keys.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeySet = HashSet<u64, BuildHasherDefault<IdHasher>>;

// ---------------------------------------------------------------------------------------
// The prepared tables
// ---------------------------------------------------------------------------------------

/// A name of a culture's list, with what copies can turn it into.
struct NameE {
    text: &'static str,
    /// The name as it goes into an email address, without and with `ue`-style folding.
    mail: [String; 2],
    native: Option<&'static str>,
    nicks: Vec<&'static str>,
    variants: Vec<&'static str>,
}

struct CultureM {
    spec: &'static Culture,
    given: Vec<NameE>,
    given_t: Table,
    family: Vec<NameE>,
    family_t: Table,
    tail_a: Vec<&'static str>,
    tail_b: Vec<&'static str>,
    gtail_a: Vec<&'static str>,
    gtail_b: Vec<&'static str>,
    middles: Vec<&'static str>,
    homes: Vec<usize>,
    homes_t: Table,
}

struct Company {
    name: String,
    domain: String,
    city: usize,
    switchboard: Num,
}

struct CountryM {
    spec: &'static Country,
    mob: Vec<&'static str>,
    city_t: Table,
    streets: Vec<&'static str>,
    domains: Vec<&'static str>,
    domain_t: Table,
    companies: Vec<Company>,
    company_t: Table,
}

struct Model {
    cultures: Vec<CultureM>,
    /// Indices of the cultures in [`WESTERN_CULTURES`].
    western_cultures: Vec<usize>,
    culture_t: Table,
    countries: Vec<CountryM>,
    western: Vec<&'static str>,
    handle_a: Vec<&'static str>,
    handle_b: Vec<&'static str>,
    tags: Vec<&'static str>,
}

fn split(s: &'static str) -> Vec<&'static str> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split('|').collect()
    }
}

fn country_index(code: &str) -> Option<usize> {
    COUNTRIES.iter().position(|c| c.code == code)
}

/// The entries of a `culture:Name` keyed list that apply to `name` in culture `key`.
fn keyed<'a>(key: &str, name: &str, entry: &'a str) -> Option<&'a str> {
    match entry.split_once(':') {
        Some((k, n)) if k.len() == 2 => (k == key && n == name).then_some(n),
        _ => (entry == name).then_some(entry),
    }
}

fn nicks_of(key: &str, name: &str) -> Vec<&'static str> {
    let specific = NICKS
        .iter()
        .find(|(k, _)| k.contains(':') && keyed(key, name, k).is_some());
    let general = NICKS.iter().find(|(k, _)| !k.contains(':') && *k == name);
    specific
        .or(general)
        .map(|(_, v)| split(v))
        .unwrap_or_default()
}

fn variants_of(key: &str, name: &str) -> Vec<&'static str> {
    for group in VARIANTS {
        let (scope, names) = match group.split_once(':') {
            Some((k, rest)) if k.len() == 2 => (Some(k), rest),
            _ => (None, *group),
        };
        if scope.is_some_and(|k| k != key) {
            continue;
        }
        let list = split(names);
        if list.contains(&name) {
            return list.into_iter().filter(|n| *n != name).collect();
        }
    }
    Vec::new()
}

fn names(key: &str, list: &'static str) -> Vec<NameE> {
    split(list)
        .into_iter()
        .map(|entry| {
            let (text, native) = match entry.split_once('=') {
                Some((t, n)) => (t, Some(n)),
                None => (entry, None),
            };
            NameE {
                text,
                mail: [mail_part(text, false), mail_part(text, true)],
                native,
                nicks: nicks_of(key, text),
                variants: variants_of(key, text),
            }
        })
        .collect()
}

impl Model {
    fn new(records: usize, r: &mut Rng) -> Model {
        let cultures: Vec<CultureM> = CULTURES
            .iter()
            .map(|c| {
                let given = names(c.key, c.given);
                let family = names(c.key, c.family);
                let homes: Vec<(usize, u32)> = c
                    .homes
                    .iter()
                    .filter_map(|(code, w)| country_index(code).map(|i| (i, *w)))
                    .collect();
                // Concentrated family names (Vietnamese, Korean, Chinese) get a steeper curve.
                let (s, k) = match c.key {
                    "vn" => (1.25, 1.0),
                    "kr" => (1.2, 1.0),
                    "cn" => (1.0, 2.0),
                    "es" | "mx" | "pt" | "dk" | "se" | "no" => (1.0, 4.0),
                    _ => (1.0, 10.0),
                };
                CultureM {
                    spec: c,
                    given_t: Table::zipf(given.len(), 1.0, 10.0),
                    family_t: Table::zipf(family.len(), s, k),
                    given,
                    family,
                    tail_a: split(c.tail.0),
                    tail_b: split(c.tail.1),
                    gtail_a: split(c.gtail.0),
                    gtail_b: split(c.gtail.1),
                    middles: split(c.middle.0),
                    homes: homes.iter().map(|h| h.0).collect(),
                    homes_t: Table::new(homes.iter().map(|h| f64::from(h.1))),
                }
            })
            .collect();
        // Companies: more of them for larger data sets, a few large employers per country.
        let per_country = (records / 600).clamp(12, 4000);
        let stems = split(COMPANY_STEMS);
        let lines = split(COMPANY_LINES);
        let countries = COUNTRIES
            .iter()
            .map(|c| {
                let mut seen: HashSet<String> = HashSet::new();
                let legal = split(c.legal);
                let city_t = Table::zipf(c.cities.len(), 1.0, 1.5);
                let mut companies = Vec::with_capacity(per_country);
                while companies.len() < per_country {
                    let stem = stems[r.below(stems.len())];
                    let line = lines[r.below(lines.len())];
                    let tld = if chance(r, 0.25) { "com" } else { c.tld };
                    let slug = |s: &str| ascii_fold(s, false).to_ascii_lowercase();
                    let mut domain = if chance(r, 0.5) {
                        format!("{}.{tld}", slug(stem))
                    } else {
                        format!("{}-{}.{tld}", slug(stem), slug(line))
                    };
                    if seen.contains(&domain) {
                        domain = format!("{}{}.{tld}", slug(stem), slug(line));
                    }
                    if seen.contains(&domain) {
                        domain = format!("{}-{}{}.{tld}", slug(stem), slug(line), seen.len());
                    }
                    seen.insert(domain.clone());
                    let city = city_t.pick(r);
                    let ct = &c.cities[city];
                    companies.push(Company {
                        name: format!("{stem} {line} {}", legal[r.below(legal.len())]),
                        domain,
                        city,
                        switchboard: Num::new(r, "", usize::from(ct.sub)),
                    });
                }
                CountryM {
                    spec: c,
                    mob: split(c.mob),
                    city_t,
                    streets: split(c.streets),
                    domains: c.domains.iter().map(|d| d.0).collect(),
                    domain_t: Table::new(c.domains.iter().map(|d| f64::from(d.1))),
                    company_t: Table::zipf(per_country, 1.0, 2.0),
                    companies,
                }
            })
            .collect();
        Model {
            western_cultures: (0..CULTURES.len())
                .filter(|&i| WESTERN_CULTURES.contains(&CULTURES[i].key))
                .collect(),
            culture_t: Table::new(CULTURES.iter().map(|c| c.weight)),
            cultures,
            countries,
            western: split(WESTERN),
            handle_a: split(HANDLE_A),
            handle_b: split(HANDLE_B),
            tags: split(TAGS),
        }
    }
}

/// `n` random digits, the first one 2-9 (never a trunk or service prefix).
fn digits(r: &mut Rng, n: usize) -> String {
    let mut s = String::with_capacity(n);
    for i in 0..n {
        let d = if i == 0 {
            between(r, 2, 9)
        } else {
            between(r, 0, 9)
        };
        s.push(char::from(b'0' + d as u8));
    }
    s
}

// ---------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------

/// Lower-case letters with diacritics, by base letter.
const FOLD: &[(&str, char)] = &[
    ("àáâãäåāăąạảấầẩẫậắằẳẵặǎ", 'a'),
    ("çćčĉċ", 'c'),
    ("ďđ", 'd'),
    ("èéêëēĕėęěẹẻẽếềểễệ", 'e'),
    ("ğĝġģ", 'g'),
    ("ìíîïĩīĭįıịỉ", 'i'),
    ("ĺļľŀł", 'l'),
    ("ñńņň", 'n'),
    ("òóôõöøōŏőọỏốồổỗộớờởỡợơ", 'o'),
    ("ŕŗř", 'r'),
    ("śŝşšș", 's'),
    ("ţťț", 't'),
    ("ùúûüũūŭůűųụủứừửữựư", 'u'),
    ("ýÿŷỳỵỷỹ", 'y'),
    ("źżž", 'z'),
];

/// `c` without diacritics (`alt`: German and Scandinavian transliteration, `ü` → `ue`,
/// `å` → `aa`); `None` if `c` has none to drop.
fn fold_char(c: char, alt: bool) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let s = match lower {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ð' => "d",
        'ä' if alt => "ae",
        'ö' if alt => "oe",
        'ü' if alt => "ue",
        'ø' if alt => "oe",
        'å' if alt => "aa",
        l if l.is_ascii() && !c.is_ascii() => {
            BASE_LETTERS.get(usize::from(l as u8).checked_sub(usize::from(b'a'))?)?
        }
        _ => {
            let base = FOLD.iter().find(|(set, _)| set.contains(lower))?.1;
            BASE_LETTERS.get(usize::from(base as u8 - b'a'))?
        }
    };
    Some(s)
}

const BASE_LETTERS: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

/// `s` without diacritics, keeping case (`Müller` → `Muller`, or `Mueller` with `alt`).
fn ascii_fold(s: &str, alt: bool) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match fold_char(c, alt) {
            Some(f) if c.is_uppercase() => {
                let mut it = f.chars();
                if let Some(first) = it.next() {
                    out.push(first.to_ascii_uppercase());
                }
                out.extend(it);
            }
            Some(f) => out.push_str(f),
            None => out.push(c),
        }
    }
    out
}

/// A name as an email local part piece: folded, lower case, letters and digits only.
fn mail_part(s: &str, alt: bool) -> String {
    ascii_fold(s, alt)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn keyboard_rows(kb: Kb) -> [&'static str; 3] {
    match kb {
        Kb::Qwerty => ["qwertyuiop", "asdfghjkl", "zxcvbnm"],
        Kb::Qwertz => ["qwertzuiop", "asdfghjkl", "yxcvbnm"],
        Kb::Azerty => ["azertyuiop", "qsdfghjklm", "wxcvbn"],
    }
}

/// A key next to `c` on the layout (or a random letter).
fn neighbour(r: &mut Rng, c: char, kb: Kb) -> char {
    let rows = keyboard_rows(kb);
    let mut near: Vec<char> = Vec::with_capacity(6);
    for (ri, row) in rows.iter().enumerate() {
        if let Some(ci) = row.find(c) {
            let mut add = |rj: usize, cj: isize| {
                if let Some(k) = usize::try_from(cj)
                    .ok()
                    .and_then(|cj| rows[rj].as_bytes().get(cj))
                {
                    near.push(char::from(*k));
                }
            };
            let ci = ci as isize;
            add(ri, ci - 1);
            add(ri, ci + 1);
            if ri > 0 {
                add(ri - 1, ci);
                add(ri - 1, ci + 1);
            }
            if ri < 2 {
                add(ri + 1, ci - 1);
                add(ri + 1, ci);
            }
        }
    }
    if near.is_empty() {
        char::from(b'a' + r.below(26) as u8)
    } else {
        near[r.below(near.len())]
    }
}

/// One typing error in `s`: a letter replaced (usually by a neighbouring key), dropped,
/// doubled or swapped with the next. Returns `s` unchanged if it is too short.
fn typo(r: &mut Rng, s: &str, kb: Kb) -> String {
    let chars: Vec<char> = s.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    if letters.len() < 2 {
        return s.to_owned();
    }
    for _ in 0..4 {
        let mut cs = chars.clone();
        let i = if letters.len() > 2 && chance(r, 0.9) {
            letters[1 + r.below(letters.len() - 1)]
        } else {
            letters[r.below(letters.len())]
        };
        let upper = cs[i].is_uppercase();
        let base = fold_char(cs[i], false)
            .and_then(|f| f.chars().next())
            .unwrap_or(cs[i])
            .to_lowercase()
            .next()
            .unwrap_or(cs[i]);
        let key = |r: &mut Rng| {
            let k = if base.is_ascii_lowercase() && chance(r, 0.8) {
                neighbour(r, base, kb)
            } else {
                let vowels = ['a', 'e', 'i', 'o', 'u', 'y'];
                vowels[r.below(vowels.len())]
            };
            if upper { k.to_ascii_uppercase() } else { k }
        };
        let x = unit(r);
        if x < 0.38 {
            cs[i] = key(r);
        } else if x < 0.58 {
            if letters.len() > 2 {
                cs.remove(i);
            }
        } else if x < 0.8 {
            let ins = if chance(r, 0.6) {
                cs[i].to_lowercase().next().unwrap_or(cs[i])
            } else {
                key(r).to_ascii_lowercase()
            };
            cs.insert(i + 1, ins);
        } else if i + 1 < cs.len() && cs[i + 1].is_alphabetic() {
            cs.swap(i, i + 1);
            fix_case(&mut cs, i);
        } else if i > 0 && cs[i - 1].is_alphabetic() {
            cs.swap(i - 1, i);
            fix_case(&mut cs, i - 1);
        }
        let out: String = cs.into_iter().collect();
        if out != s {
            return out;
        }
    }
    s.to_owned()
}

/// After swapping letters `i` and `i + 1`, keeps a leading capital in front.
fn fix_case(cs: &mut [char], i: usize) {
    if i == 0 && cs.len() > 1 && cs[1].is_uppercase() {
        cs[0] = cs[0].to_uppercase().next().unwrap_or(cs[0]);
        cs[1] = cs[1].to_lowercase().next().unwrap_or(cs[1]);
    }
}

/// Upper-cases the first letter of every word.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// FNV-1a, finished with the SplitMix64 mixer: a fast 64-bit hash of short strings.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }

    fn lower(&mut self, s: &str) {
        for b in s.bytes() {
            self.byte(b.to_ascii_lowercase());
        }
    }

    fn finish(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The normalised (case-folded) and provider-normalised keys of an email address, the way
/// crm-core compares addresses (`Email::normalized` and `Email::provider_normalized`).
/// The generated addresses are ASCII, where this is exact.
fn email_keys(address: &str) -> (u64, u64) {
    let (local, domain) = address.rsplit_once('@').unwrap_or((address, ""));
    mailbox_keys(local, domain)
}

/// [`email_keys`] of `local@domain`.
fn mailbox_keys(local: &str, domain: &str) -> (u64, u64) {
    let mut normal = Fnv::new();
    normal.lower(local);
    normal.byte(b'@');
    normal.lower(domain);
    let normal = normal.finish();
    let kind = alias_kind_ci(domain);
    let Some(kind) = kind else {
        return (normal, normal);
    };
    let untag = |sep: char| match local.split_once(sep) {
        Some((base, _)) if !base.is_empty() => base,
        _ => local,
    };
    let mut provider = Fnv::new();
    match kind {
        Alias::Gmail => {
            let base = untag('+');
            let all_dots = base.bytes().all(|b| b == b'.');
            for b in base.bytes() {
                if b != b'.' || all_dots {
                    provider.byte(b.to_ascii_lowercase());
                }
            }
            provider.byte(b'@');
            provider.lower("gmail.com");
        }
        Alias::Plus | Alias::Dash => {
            provider.lower(untag(if kind == Alias::Plus { '+' } else { '-' }));
            provider.byte(b'@');
            provider.lower(domain);
        }
    }
    (normal, provider.finish())
}

/// [`alias_kind`], ignoring ASCII case.
fn alias_kind_ci(domain: &str) -> Option<Alias> {
    if domain.bytes().any(|b| b.is_ascii_uppercase()) {
        alias_kind(&domain.to_ascii_lowercase())
    } else {
        alias_kind(domain)
    }
}

/// How a provider lets one mailbox have several addresses.
#[derive(Clone, Copy, PartialEq)]
enum Alias {
    /// Dots ignored, `+tag`, googlemail.com.
    Gmail,
    /// `+tag`.
    Plus,
    /// `-tag` (Yahoo).
    Dash,
}

fn alias_kind(domain: &str) -> Option<Alias> {
    match domain {
        "gmail.com" | "googlemail.com" => Some(Alias::Gmail),
        "outlook.com" | "hotmail.com" | "live.com" | "icloud.com" | "me.com" | "mac.com"
        | "fastmail.com" | "proton.me" | "protonmail.com" | "pm.me" => Some(Alias::Plus),
        "yahoo.com" => Some(Alias::Dash),
        _ => None,
    }
}

/// Writes a phone number with a format.
fn format_phone(out: &mut String, f: &Fmt, c: &Country, area: &str, sub: &str) {
    let mut rest = sub;
    for ch in f.0.chars() {
        match ch {
            'C' => out.push_str(c.cc),
            'T' => out.push_str(c.trunk),
            'A' => out.push_str(area),
            '#' => {
                if let Some(d) = rest.chars().next() {
                    out.push(d);
                    rest = &rest[d.len_utf8()..];
                }
            }
            'S' => {
                let sizes = groups(rest.len(), f.2);
                let mut at = 0;
                for (i, n) in sizes.iter().enumerate() {
                    if i > 0 {
                        out.push_str(f.1);
                    }
                    out.push_str(&rest[at..at + n]);
                    at += n;
                }
                rest = "";
            }
            other => out.push(other),
        }
    }
    out.push_str(rest);
}

/// Group sizes of `n` digits.
fn groups(n: usize, g: G) -> Vec<usize> {
    match g {
        G::W => vec![n],
        G::R4 if n <= 5 => vec![n],
        G::R4 => {
            let head = n - 4;
            let mut v = if head <= 5 {
                vec![head]
            } else {
                groups(head, G::L3)
            };
            v.push(4);
            v
        }
        G::P => {
            let mut v = Vec::new();
            let mut left = n;
            while left > 3 {
                v.push(2);
                left -= 2;
            }
            if left > 0 {
                v.push(left);
            }
            v.reverse();
            v
        }
        G::L3 => {
            if n == 8 {
                return vec![4, 4];
            }
            let mut v = Vec::new();
            let mut left = n;
            while left > 4 {
                v.push(3);
                left -= 3;
            }
            if left > 0 {
                v.push(left);
            }
            v
        }
    }
}

fn is_intl(f: &Fmt) -> bool {
    f.0.starts_with('+') || f.0.starts_with("00")
}

fn days_in_month(y: Option<i32>, m: u32) -> u32 {
    match m {
        2 => match y {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// ---------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------

/// A name and, for names from a culture's list, its index there.
#[derive(Clone)]
struct NameRef {
    text: Text,
    idx: Option<usize>,
}

#[derive(Clone, Copy, PartialEq)]
struct Bday {
    y: i32,
    m: u32,
    d: u32,
    known: bool,
}

impl Bday {
    fn text(self) -> String {
        if self.known {
            format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
        } else {
            format!("--{:02}-{:02}", self.m, self.d)
        }
    }

    fn valid(self) -> bool {
        (1..=12).contains(&self.m)
            && self.d >= 1
            && self.d <= days_in_month(self.known.then_some(self.y), self.m)
    }
}

#[derive(Clone)]
struct Addr {
    city: usize,
    lines: Vec<String>,
    post: Option<String>,
}

/// Text that is mostly a name from the tables.
type Text = Cow<'static, str>;

/// The digits of a subscriber number, inline.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Num {
    buf: [u8; 16],
    len: u8,
}

impl Num {
    /// `prefix` then `n` random digits, the first one 2-9.
    fn new(r: &mut Rng, prefix: &str, n: usize) -> Num {
        let mut num = Num {
            buf: [b'0'; 16],
            len: 0,
        };
        for b in prefix.bytes().chain(std::iter::repeat_n(0, n)).take(16) {
            let d = if b != 0 {
                b
            } else if usize::from(num.len) == prefix.len() {
                b'0' + between(r, 2, 9) as u8
            } else {
                b'0' + between(r, 0, 9) as u8
            };
            num.buf[usize::from(num.len)] = d;
            num.len += 1;
        }
        num
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or("")
    }
}

/// A phone line: the number's parts and how the person writes it.
#[derive(Clone, Copy)]
struct Ph {
    country: usize,
    area: &'static str,
    sub: Num,
    kind: PhoneKind,
    ext: Option<u32>,
    /// Index into the country's mobile or landline formats.
    fmt: usize,
    mobile: bool,
    /// A number from abroad: always written internationally.
    foreign: bool,
}

#[derive(Clone)]
struct Mailbox {
    local: String,
    domain: String,
}

impl Mailbox {
    fn address(&self) -> String {
        format!("{}@{}", self.local, self.domain)
    }
}

/// A person.
#[derive(Clone)]
struct Entity {
    culture: usize,
    country: usize,
    city: usize,
    given: NameRef,
    middle: Option<&'static str>,
    family: Vec<NameRef>,
    birthday: Option<Bday>,
    address: Option<Addr>,
    phones: Vec<Ph>,
    mailboxes: Vec<Mailbox>,
    company: Option<usize>,
    /// Whether the first record shows every mailbox (else only the first).
    show_all_mail: bool,
}

impl Entity {
    fn given_text(&self) -> Text {
        match self.middle {
            Some(m) => Cow::Owned(format!("{m} {}", self.given.text)),
            None => self.given.text.clone(),
        }
    }

    fn family_texts(&self) -> Vec<Text> {
        self.family.iter().map(|f| f.text.clone()).collect()
    }
}

/// How an entity relates to one generated shortly before.
#[derive(Clone, Copy, PartialEq)]
enum Rel {
    Fresh,
    Family,
    Twin,
    Junior,
    Namesake,
}

/// A record in the making.
struct Rec {
    given: Text,
    family: Vec<Text>,
    fam_join: &'static str,
    case: CaseMode,
    swap: bool,
    emails: Vec<String>,
    phones: Vec<Ph>,
    birthday: Option<Bday>,
    address: Option<AddrView>,
    company: Option<usize>,
    /// The name no longer looks like the entity's (marriage, own script, Western name).
    renamed: bool,
    native: bool,
    initial: bool,
    typo: bool,
    moved: bool,
}

struct AddrView {
    lines: Vec<String>,
    city: String,
    region: Option<&'static str>,
    post: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum CaseMode {
    Keep,
    UpperFamily,
    UpperAll,
    LowerAll,
}

/// The corruptions a copy can undergo, in the order they are applied.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Op {
    Nick,
    Western,
    Variant,
    Marriage,
    Double,
    Middle,
    Native,
    Initial,
    Punct,
    Typo,
    Fold,
    Case,
    Swap,
    DropEmail,
    NewEmail,
    EmailTypo,
    DropPhone,
    NewPhone,
    PhoneFormat,
    PhoneTypo,
    DropBirthday,
    BirthdayVariant,
    DropAddress,
    Moved,
    AddrFormat,
}

const ALL_OPS: [Op; 25] = [
    Op::Nick,
    Op::Western,
    Op::Variant,
    Op::Marriage,
    Op::Double,
    Op::Middle,
    Op::Native,
    Op::Initial,
    Op::Punct,
    Op::Typo,
    Op::Fold,
    Op::Case,
    Op::Swap,
    Op::DropEmail,
    Op::NewEmail,
    Op::EmailTypo,
    Op::DropPhone,
    Op::NewPhone,
    Op::PhoneFormat,
    Op::PhoneTypo,
    Op::DropBirthday,
    Op::BirthdayVariant,
    Op::DropAddress,
    Op::Moved,
    Op::AddrFormat,
];

/// Entities kept for relatives and namesakes.
const RECENT: usize = 512;
/// The year ages are counted from.
const NOW_YEAR: i32 = 2025;

struct Gen<'m> {
    m: &'m Model,
    r: Rng,
    /// Provider-normalised keys of every mailbox handed out (one person each).
    mailboxes: KeySet,
    /// Normalised keys of every address written into a record (one record each).
    emitted: KeySet,
    recent: Vec<Entity>,
    slot: usize,
}

impl<'m> Gen<'m> {
    fn new(m: &'m Model, r: Rng, records: usize) -> Self {
        let cap = records + records / 3;
        Gen {
            m,
            r,
            mailboxes: KeySet::with_capacity_and_hasher(cap, Default::default()),
            emitted: KeySet::with_capacity_and_hasher(cap, Default::default()),
            recent: Vec::with_capacity(RECENT),
            slot: 0,
        }
    }

    fn remember(&mut self, e: Entity) {
        if self.recent.len() < RECENT {
            self.recent.push(e);
        } else if chance(&mut self.r, 0.3) {
            self.recent[self.slot] = e;
            self.slot = (self.slot + 1) % RECENT;
        }
    }

    // ----- a new person --------------------------------------------------------------

    fn entity(&mut self) -> Entity {
        let x = unit(&mut self.r);
        let rel = if self.recent.is_empty() {
            Rel::Fresh
        } else if x < 0.03 {
            Rel::Family
        } else if x < 0.035 {
            Rel::Twin
        } else if x < 0.038 {
            Rel::Junior
        } else if x < 0.058 {
            Rel::Namesake
        } else {
            Rel::Fresh
        };
        if rel == Rel::Fresh {
            let mut e = self.fresh(None);
            self.add_mailboxes(&mut e, None);
            return e;
        }
        let b = self.recent[self.r.below(self.recent.len())].clone();
        let mut e = self.related(rel, &b);
        // Families often use the same provider (not the same employer).
        let public = &self.m.countries[b.country].domains;
        let domain = if matches!(rel, Rel::Family | Rel::Twin) && chance(&mut self.r, 0.5) {
            b.mailboxes
                .first()
                .filter(|m| public.contains(&m.domain.as_str()))
                .map(|m| m.domain.clone())
        } else {
            None
        };
        self.add_mailboxes(&mut e, domain);
        e
    }

    fn fresh(&mut self, place: Option<(usize, usize)>) -> Entity {
        let m = self.m;
        let (c, k) = place.unwrap_or_else(|| {
            let c = m.culture_t.pick(&mut self.r);
            let cm = &m.cultures[c];
            (c, cm.homes[cm.homes_t.pick(&mut self.r)])
        });
        let cm = &m.cultures[c];
        let city = m.countries[k].city_t.pick(&mut self.r);
        let given = self.given_name(c);
        let middle = (!cm.middles.is_empty() && chance(&mut self.r, cm.spec.middle.1))
            .then(|| cm.middles[self.r.below(cm.middles.len())]);
        let mut family = vec![self.family_name(c)];
        if chance(&mut self.r, cm.spec.double) {
            for _ in 0..3 {
                let f = self.family_name(c);
                if f.text != family[0].text {
                    family.push(f);
                    break;
                }
            }
        }
        let birthday = chance(&mut self.r, 0.5).then(|| self.birthday());
        let address = chance(&mut self.r, 0.7).then(|| self.address(k, city));
        let company = chance(&mut self.r, 0.3).then(|| m.countries[k].company_t.pick(&mut self.r));
        let phones = if chance(&mut self.r, 0.75) {
            self.phones(c, k, city, address.is_some(), company)
        } else {
            Vec::new()
        };
        Entity {
            culture: c,
            country: k,
            city,
            given,
            middle,
            family,
            birthday,
            address,
            phones,
            mailboxes: Vec::new(),
            company,
            show_all_mail: chance(&mut self.r, 0.7),
        }
    }

    fn related(&mut self, rel: Rel, b: &Entity) -> Entity {
        let mut e = self.fresh(Some((b.culture, b.country)));
        let rel = if rel == Rel::Twin && b.birthday.is_none() {
            Rel::Family
        } else {
            rel
        };
        if matches!(rel, Rel::Family | Rel::Twin | Rel::Junior) {
            e.family = b.family.clone();
            e.city = b.city;
            if let Some(a) = &b.address {
                e.address = Some(a.clone());
            }
            if let Some(home) = b.phones.iter().find(|p| p.kind == PhoneKind::Home) {
                e.phones.retain(|p| p.kind != PhoneKind::Home);
                let mut home = *home;
                home.fmt = habit(&mut self.r, COUNTRIES[home.country].land_fmt.len());
                e.phones.push(home);
            }
        }
        match rel {
            Rel::Family | Rel::Twin => {
                for _ in 0..6 {
                    if e.given.text != b.given.text
                        && (rel == Rel::Family
                            || !chance(&mut self.r, 0.3)
                            || e.given.text.chars().next() == b.given.text.chars().next())
                    {
                        break;
                    }
                    e.given = self.given_name(e.culture);
                }
                if rel == Rel::Twin {
                    e.birthday = b.birthday;
                } else if let (Some(bb), Some(eb)) = (b.birthday, e.birthday.as_mut()) {
                    eb.y = if chance(&mut self.r, 0.5) {
                        bb.y + between(&mut self.r, 0, 10) as i32 - 5
                    } else if bb.y + 22 <= NOW_YEAR - 16 {
                        (bb.y + between(&mut self.r, 22, 38) as i32).min(NOW_YEAR - 16)
                    } else {
                        bb.y - between(&mut self.r, 22, 38) as i32
                    };
                    eb.d = eb.d.min(days_in_month(Some(eb.y), eb.m));
                }
            }
            Rel::Junior => {
                e.given = b.given.clone();
                e.middle = b.middle;
                let by = b.birthday.map_or(NOW_YEAR - 60, |d| d.y);
                let gap = between(&mut self.r, 22, 36) as i32;
                let y = if by + gap <= NOW_YEAR - 16 {
                    by + gap
                } else {
                    by - gap
                };
                let mut d = self.birthday();
                d.y = y;
                d.known = true;
                d.d = d.d.min(days_in_month(Some(y), d.m));
                e.birthday = Some(d);
            }
            Rel::Namesake => {
                e.given = b.given.clone();
                e.middle = b.middle;
                e.family = b.family.clone();
                if chance(&mut self.r, 0.4) {
                    e.city = b.city;
                    if e.address.is_some() {
                        e.address = Some(self.address(e.country, b.city));
                    }
                }
            }
            Rel::Fresh => {}
        }
        e
    }

    fn given_name(&mut self, c: usize) -> NameRef {
        let cm = &self.m.cultures[c];
        if !cm.gtail_a.is_empty() && chance(&mut self.r, cm.spec.gtail.3) {
            let a = cm.gtail_a[self.r.below(cm.gtail_a.len())];
            let b = cm.gtail_b[self.r.below(cm.gtail_b.len())];
            return NameRef {
                text: Cow::Owned(format!("{a}{}{b}", cm.spec.gtail.2)),
                idx: None,
            };
        }
        // Given names travel: Emma, Noah and Lucas are common all over Europe and America.
        if WESTERN_CULTURES.contains(&cm.spec.key) && chance(&mut self.r, 0.1) {
            let other = &self.m.cultures
                [self.m.western_cultures[self.r.below(self.m.western_cultures.len())]];
            let i = other.given_t.pick(&mut self.r);
            return NameRef {
                text: Cow::Borrowed(other.given[i].text),
                idx: None,
            };
        }
        let i = cm.given_t.pick(&mut self.r);
        NameRef {
            text: Cow::Borrowed(cm.given[i].text),
            idx: Some(i),
        }
    }

    fn family_name(&mut self, c: usize) -> NameRef {
        let cm = &self.m.cultures[c];
        if !cm.tail_a.is_empty() && chance(&mut self.r, cm.spec.tail.2) {
            let a = cm.tail_a[self.r.below(cm.tail_a.len())];
            let b = cm.tail_b[self.r.below(cm.tail_b.len())];
            return NameRef {
                text: Cow::Owned(format!("{a}{b}")),
                idx: None,
            };
        }
        let i = cm.family_t.pick(&mut self.r);
        NameRef {
            text: Cow::Borrowed(cm.family[i].text),
            idx: Some(i),
        }
    }

    fn birthday(&mut self) -> Bday {
        let r = &mut self.r;
        let age = if chance(r, 0.06) {
            between(r, 80, 96)
        } else {
            18 + ((unit(r) + unit(r)) / 2.0 * 62.0) as u32
        };
        let y = NOW_YEAR - age as i32;
        let m = between(r, 1, 12);
        let d = between(r, 1, days_in_month(Some(y), m));
        Bday {
            y,
            m,
            d,
            known: chance(r, 0.88),
        }
    }

    fn address(&mut self, k: usize, city: usize) -> Addr {
        let cm = &self.m.countries[k];
        let c = cm.spec;
        let tpl = c.street_fmt[habit(&mut self.r, c.street_fmt.len())];
        let street = cm.streets[self.r.below(cm.streets.len())];
        let (lo, hi) = c.house;
        let n = lo + (f64::from(hi - lo) * unit(&mut self.r).powf(2.2)) as u32;
        let lower_letter = matches!(c.code, "DE" | "AT" | "CH" | "GB" | "DK");
        let mut text = String::with_capacity(tpl.len() + street.len() + 8);
        let mut chars = tpl.chars();
        while let Some(ch) = chars.next() {
            if ch != '{' {
                text.push(ch);
                continue;
            }
            let token = chars.next().unwrap_or('s');
            chars.next();
            let r = &mut self.r;
            match token {
                's' => text.push_str(street),
                'n' => text.push_str(&n.to_string()),
                'u' => text.push_str(&between(r, 1, 30).to_string()),
                'U' => {
                    let flat = between(r, 1, 25) * 100 + between(r, 1, 12);
                    text.push_str(&flat.to_string());
                }
                'a' => {
                    let l = char::from(b'A' + between(r, 0, 5) as u8);
                    text.push(if lower_letter {
                        l.to_ascii_lowercase()
                    } else {
                        l
                    });
                }
                _ => text.push_str(&between(r, 1, 9).to_string()),
            }
        }
        let lines = text.split('|').map(str::to_owned).collect();
        let post = if chance(&mut self.r, c.post_share) {
            self.postcode(c.cities[city].post)
        } else {
            None
        };
        Addr { city, lines, post }
    }

    fn postcode(&mut self, pattern: &str) -> Option<String> {
        if pattern.is_empty() {
            return None;
        }
        let alts: Vec<&str> = pattern.split('/').collect();
        let p = alts[self.r.below(alts.len())];
        const LETTERS: &[u8] = b"ABCEGHJKLMNPRSTVWXYZ";
        Some(
            p.chars()
                .map(|c| match c {
                    '#' => char::from(b'0' + between(&mut self.r, 0, 9) as u8),
                    '%' => char::from(b'0' + between(&mut self.r, 1, 9) as u8),
                    '@' => char::from(LETTERS[self.r.below(LETTERS.len())]),
                    other => other,
                })
                .collect(),
        )
    }

    fn phones(
        &mut self,
        c: usize,
        k: usize,
        city: usize,
        has_address: bool,
        company: Option<usize>,
    ) -> Vec<Ph> {
        let spec = COUNTRIES[k].land_share * if has_address { 1.3 } else { 0.6 };
        let land = chance(&mut self.r, spec);
        let mut v = Vec::with_capacity(2);
        if !land || chance(&mut self.r, 0.4) {
            let home = self.m.cultures[c].homes.first().copied().unwrap_or(k);
            if home != k && chance(&mut self.r, 0.15) {
                v.push(self.mobile(home, None, true));
            } else {
                v.push(self.mobile(k, Some(city), false));
            }
        }
        if land {
            v.push(self.landline(k, city));
        }
        if let Some(co) = company {
            if chance(&mut self.r, 0.15) {
                v.push(self.work_phone(k, co));
            }
        }
        v
    }

    fn mobile(&mut self, k: usize, city: Option<usize>, foreign: bool) -> Ph {
        let cm = &self.m.countries[k];
        let c = cm.spec;
        let city = city.unwrap_or_else(|| cm.city_t.pick(&mut self.r));
        let ct = &c.cities[city];
        let prefix = if cm.mob.is_empty() {
            ""
        } else {
            cm.mob[self.r.below(cm.mob.len())]
        };
        let (area, sub) = if c.mob_city {
            let n = if c.mob_sub == 0 { ct.sub } else { c.mob_sub };
            (ct.area, Num::new(&mut self.r, prefix, usize::from(n)))
        } else {
            (prefix, Num::new(&mut self.r, "", usize::from(c.mob_sub)))
        };
        let fmt = if foreign {
            self.intl_fmt(c.mob_fmt, None)
        } else {
            habit(&mut self.r, c.mob_fmt.len())
        };
        Ph {
            country: k,
            area,
            sub,
            kind: PhoneKind::Mobile,
            ext: None,
            fmt,
            mobile: true,
            foreign,
        }
    }

    fn landline(&mut self, k: usize, city: usize) -> Ph {
        let c = &COUNTRIES[k];
        let ct = &c.cities[city];
        Ph {
            country: k,
            area: ct.area,
            sub: Num::new(&mut self.r, "", usize::from(ct.sub)),
            kind: PhoneKind::Home,
            ext: None,
            fmt: habit(&mut self.r, c.land_fmt.len()),
            mobile: false,
            foreign: false,
        }
    }

    fn work_phone(&mut self, k: usize, co: usize) -> Ph {
        let company = &self.m.countries[k].companies[co];
        let c = &COUNTRIES[k];
        let ct = &c.cities[company.city];
        let (sub, ext) = if chance(&mut self.r, 0.6) {
            let ext = if chance(&mut self.r, 0.5) {
                between(&mut self.r, 10, 99)
            } else {
                between(&mut self.r, 100, 4999)
            };
            (company.switchboard, Some(ext))
        } else {
            (Num::new(&mut self.r, "", usize::from(ct.sub)), None)
        };
        Ph {
            country: k,
            area: ct.area,
            sub,
            kind: PhoneKind::Work,
            ext,
            fmt: habit(&mut self.r, c.land_fmt.len()),
            mobile: false,
            foreign: false,
        }
    }

    /// An international format of `list`, other than `not`.
    fn intl_fmt(&mut self, list: &[Fmt], not: Option<usize>) -> usize {
        let choices: Vec<usize> = (0..list.len())
            .filter(|&i| is_intl(&list[i]) && Some(i) != not)
            .collect();
        if choices.is_empty() {
            not.unwrap_or(0)
        } else {
            choices[self.r.below(choices.len())]
        }
    }

    // ----- email ---------------------------------------------------------------------

    fn add_mailboxes(&mut self, e: &mut Entity, domain: Option<String>) {
        if !chance(&mut self.r, 0.85) {
            return;
        }
        let work_first = e.company.is_some() && chance(&mut self.r, 0.3);
        let first = if work_first {
            self.work_mailbox(e, None)
        } else {
            self.personal_mailbox(e, domain)
        };
        e.mailboxes.push(first);
        if chance(&mut self.r, 0.2) {
            let second = if e.company.is_some() && !work_first && chance(&mut self.r, 0.6) {
                self.work_mailbox(e, None)
            } else {
                self.personal_mailbox(e, None)
            };
            e.mailboxes.push(second);
        }
    }

    fn personal_domain(&mut self, e: &Entity) -> String {
        let m = self.m;
        let home = m.cultures[e.culture]
            .homes
            .first()
            .copied()
            .unwrap_or(e.country);
        let k = if home != e.country && chance(&mut self.r, 0.2) {
            home
        } else {
            e.country
        };
        let cm = &m.countries[k];
        cm.domains[cm.domain_t.pick(&mut self.r)].to_owned()
    }

    fn personal_mailbox(&mut self, e: &Entity, domain: Option<String>) -> Mailbox {
        let domain = match domain {
            Some(d) => d,
            None => self.personal_domain(e),
        };
        let local = self.local_part(e, &domain);
        self.claim(local, domain)
    }

    fn work_mailbox(&mut self, e: &Entity, company: Option<usize>) -> Mailbox {
        let Some(co) = company.or(e.company) else {
            return self.personal_mailbox(e, None);
        };
        let domain = self.m.countries[e.country].companies[co].domain.clone();
        let (g, f) = self.name_parts(e);
        let x = unit(&mut self.r);
        let fi = g.get(..1).unwrap_or("x");
        let local = if x < 0.6 {
            format!("{g}.{f}")
        } else if x < 0.75 {
            format!("{fi}{f}")
        } else if x < 0.85 {
            format!("{fi}.{f}")
        } else if x < 0.9 {
            g.clone()
        } else if x < 0.95 {
            format!("{g}{}", f.get(..1).unwrap_or(""))
        } else {
            f.clone()
        };
        self.claim(local, domain)
    }

    /// Given and (first) family name as they go into an email address.
    fn name_parts(&mut self, e: &Entity) -> (String, String) {
        let alt = self.alt_fold(e.culture);
        let cm = &self.m.cultures[e.culture];
        let listed = |list: &[NameE], n: &NameRef| {
            n.idx.map_or_else(
                || mail_part(&n.text, alt),
                |i| list[i].mail[usize::from(alt)].clone(),
            )
        };
        let mut g = listed(&cm.given, &e.given);
        let fam = &e.family[0];
        let mut f = if fam.text.contains(' ') && chance(&mut self.r, 0.35) {
            mail_part(fam.text.rsplit(' ').next().unwrap_or(&fam.text), alt)
        } else {
            listed(&cm.family, fam)
        };
        if g.is_empty() {
            g = "info".to_owned();
        }
        if f.is_empty() {
            f = "mail".to_owned();
        }
        (g, f)
    }

    /// Whether to write umlauts and `ø`, `å` as two letters (German and Nordic habit).
    fn alt_fold(&mut self, culture: usize) -> bool {
        match self.m.cultures[culture].spec.key {
            "de" => chance(&mut self.r, 0.7),
            "no" | "dk" | "se" => chance(&mut self.r, 0.4),
            _ => false,
        }
    }

    fn local_part(&mut self, e: &Entity, domain: &str) -> String {
        let m = self.m;
        if domain == "qq.com" && chance(&mut self.r, 0.7) {
            let n = between(&mut self.r, 6, 10) as usize;
            return digits(&mut self.r, n);
        }
        let (g, f) = self.name_parts(e);
        let fi = g.get(..1).unwrap_or("x");
        let x = self.r.below(100);
        let needs_number = matches!(x, 60..86 | 90..98);
        let nn = if !needs_number {
            String::new()
        } else {
            match e.birthday {
                Some(b) if b.known && chance(&mut self.r, 0.5) => {
                    if chance(&mut self.r, 0.6) {
                        format!("{:02}", b.y % 100)
                    } else {
                        b.y.to_string()
                    }
                }
                _ if chance(&mut self.r, 0.8) => between(&mut self.r, 1, 99).to_string(),
                _ => between(&mut self.r, 100, 999).to_string(),
            }
        };
        let local = match x {
            0..24 => format!("{g}.{f}"),
            24..32 => format!("{g}{f}"),
            32..37 => format!("{g}_{f}"),
            37..45 => format!("{fi}{f}"),
            45..51 => format!("{fi}.{f}"),
            51..55 => format!("{f}.{g}"),
            55..57 => format!("{f}{g}"),
            57..60 => format!("{g}.{}", f.get(..1).unwrap_or("")),
            60..72 => format!("{g}{f}{nn}"),
            72..78 => format!("{g}.{f}{nn}"),
            78..83 => format!("{g}{nn}"),
            83..86 => format!("{f}{nn}"),
            86..90 => {
                let cm = &m.cultures[e.culture];
                let nicks = e.given.idx.map(|i| &cm.given[i].nicks);
                match nicks.filter(|n| !n.is_empty()) {
                    Some(n) => {
                        let nick = mail_part(n[self.r.below(n.len())], false);
                        format!("{nick}.{f}")
                    }
                    None => format!("{g}.{f}"),
                }
            }
            90..98 => {
                let a = m.handle_a[self.r.below(m.handle_a.len())];
                let b = m.handle_b[self.r.below(m.handle_b.len())];
                if chance(&mut self.r, 0.5) {
                    format!("{a}{b}{nn}")
                } else {
                    format!("{a}_{b}{nn}")
                }
            }
            98 => g,
            _ if domain != "yahoo.com" => format!("{g}-{f}"),
            _ => format!("{g}{f}"),
        };
        if chance(&mut self.r, 0.05) {
            title_case(&local.replace('.', " ")).replace(' ', ".")
        } else {
            local
        }
    }

    /// Hands out a mailbox nobody has: `local@domain`, or with a number appended.
    fn claim(&mut self, local: String, domain: String) -> Mailbox {
        let mut attempt = 0u32;
        loop {
            let candidate = match attempt {
                0 => local.clone(),
                1..=3 => format!("{local}{}", between(&mut self.r, 1, 99)),
                4..=6 => format!("{local}{}", between(&mut self.r, 100, 999)),
                _ => format!("{local}{}", between(&mut self.r, 1000, 9_999_999)),
            };
            let (normal, provider) = mailbox_keys(&candidate, &domain);
            if !self.mailboxes.contains(&provider) && !self.emitted.contains(&normal) {
                self.mailboxes.insert(provider);
                return Mailbox {
                    local: candidate,
                    domain,
                };
            }
            attempt += 1;
        }
    }

    /// Records that an address is written into a record; false if one already was.
    fn emit(&mut self, address: &str) -> bool {
        self.emitted.insert(email_keys(address).0)
    }

    /// Another address of the same mailbox, not used by any record yet.
    fn alias(&mut self, mb: &Mailbox) -> Option<String> {
        let kind = alias_kind(&mb.domain)?;
        for _ in 0..4 {
            let mut local = mb.local.clone();
            let mut domain = mb.domain.clone();
            let tag = self.m.tags[self.r.below(self.m.tags.len())];
            match kind {
                Alias::Gmail => {
                    let x = unit(&mut self.r);
                    if x < 0.45 {
                        local = self.gmail_dots(&local);
                    } else if x < 0.8 {
                        local = format!("{local}+{tag}");
                    } else {
                        domain = if domain == "gmail.com" {
                            "googlemail.com".to_owned()
                        } else {
                            "gmail.com".to_owned()
                        };
                        if chance(&mut self.r, 0.5) {
                            local = self.gmail_dots(&local);
                        }
                    }
                }
                Alias::Plus => local = format!("{local}+{tag}"),
                Alias::Dash => local = format!("{local}-{tag}"),
            }
            if chance(&mut self.r, 0.3) {
                local = title_case(&local.replace('.', " ")).replace(' ', ".");
                if chance(&mut self.r, 0.3) {
                    domain = title_case(&domain);
                }
            }
            let address = format!("{local}@{domain}");
            if self.emit(&address) {
                return Some(address);
            }
        }
        None
    }

    /// A Gmail local part with a dot added (or its dots removed).
    fn gmail_dots(&mut self, local: &str) -> String {
        if local.contains('.') && chance(&mut self.r, 0.5) {
            return local.replace('.', "");
        }
        let b = local.as_bytes();
        let spots: Vec<usize> = (1..b.len())
            .filter(|&i| b[i - 1].is_ascii_alphabetic() && b[i].is_ascii_alphabetic())
            .collect();
        if spots.is_empty() {
            return local.to_owned();
        }
        let at = spots[self.r.below(spots.len())];
        format!("{}.{}", &local[..at], &local[at..])
    }

    /// A mistyped address (local part or domain), nobody's mailbox.
    fn email_typo(&mut self, address: &str) -> Option<String> {
        let (local, domain) = address.rsplit_once('@')?;
        let lower_domain = domain.to_ascii_lowercase();
        for _ in 0..4 {
            let typos = DOMAIN_TYPOS
                .iter()
                .find(|(d, _)| *d == lower_domain)
                .map(|(_, t)| split(t));
            let candidate = match typos {
                Some(t) if chance(&mut self.r, 0.5) => {
                    format!("{local}@{}", t[self.r.below(t.len())])
                }
                _ => {
                    let l = typo(&mut self.r, local, Kb::Qwerty);
                    if l.starts_with('.') || l.ends_with('.') || l.contains("..") || l == local {
                        continue;
                    }
                    format!("{l}@{domain}")
                }
            };
            let (normal, provider) = email_keys(&candidate);
            if !self.mailboxes.contains(&provider) && !self.emitted.contains(&normal) {
                self.mailboxes.insert(provider);
                self.emitted.insert(normal);
                return Some(candidate);
            }
        }
        None
    }

    // ----- records -------------------------------------------------------------------

    fn addr_view(&self, k: usize, a: &Addr) -> AddrView {
        let c = &COUNTRIES[k];
        let city = &c.cities[a.city];
        AddrView {
            lines: a.lines.clone(),
            city: city.name.to_owned(),
            region: (c.region && !city.region.is_empty()).then_some(city.region),
            post: a.post.clone(),
        }
    }

    fn base_rec(&self, e: &Entity) -> Rec {
        Rec {
            given: e.given_text(),
            family: e.family_texts(),
            fam_join: " ",
            case: CaseMode::Keep,
            swap: false,
            emails: Vec::new(),
            phones: e.phones.clone(),
            birthday: e.birthday,
            address: e.address.as_ref().map(|a| self.addr_view(e.country, a)),
            company: e.company,
            renamed: false,
            native: false,
            initial: false,
            typo: false,
            moved: false,
        }
    }

    /// The entity's first record.
    fn original(&mut self, e: &Entity) -> NewCustomer {
        let mut rec = self.base_rec(e);
        for (i, mb) in e.mailboxes.iter().enumerate() {
            if i == 0 || e.show_all_mail {
                let a = mb.address();
                self.emit(&a);
                rec.emails.push(a);
            }
        }
        self.render(e, rec)
    }

    /// A further record of the entity, with corruptions.
    fn copy(&mut self, e: &Entity) -> NewCustomer {
        let mut rec = self.base_rec(e);
        for mb in &e.mailboxes {
            let a = mb.address();
            if !self.emitted.contains(&email_keys(&a).0) && chance(&mut self.r, 0.85) {
                self.emit(&a);
                rec.emails.push(a);
                continue;
            }
            let x = unit(&mut self.r);
            if x < 0.55 {
                if let Some(alias) = self.alias(mb) {
                    rec.emails.push(alias);
                }
            } else if x < 0.63 {
                if let Some(t) = self.email_typo(&a) {
                    rec.emails.push(t);
                }
            }
        }
        for p in &mut rec.phones {
            if chance(&mut self.r, 0.4) {
                let c = &COUNTRIES[p.country];
                let list = if p.mobile { c.mob_fmt } else { c.land_fmt };
                p.fmt = if p.foreign {
                    self.intl_fmt(list, None)
                } else {
                    habit(&mut self.r, list.len())
                };
            }
        }
        if rec.phones.len() > 1 && chance(&mut self.r, 0.25) {
            let i = self.r.below(rec.phones.len());
            rec.phones.remove(i);
        }
        if chance(&mut self.r, 0.4) {
            rec.company = None;
        }
        let ops = self.pick_ops(e);
        for &op in &ops {
            self.apply(op, e, &mut rec);
        }
        self.keep_two(e, &mut rec);
        self.render(e, rec)
    }

    fn weight(&self, op: Op, e: &Entity) -> f64 {
        let cm = &self.m.cultures[e.culture];
        let given = e.given.idx.map(|i| &cm.given[i]);
        let fam = e.family[0].idx.map(|i| &cm.family[i]);
        let has = |b: bool, w: f64| if b { w } else { 0.0 };
        let names_ascii = e.given.text.is_ascii()
            && e.middle.is_none_or(str::is_ascii)
            && e.family.iter().all(|f| f.text.is_ascii());
        let punct = |s: &str| s.contains(['\'', '-', ' ']);
        match op {
            Op::Nick => has(given.is_some_and(|g| !g.nicks.is_empty()), 7.0),
            Op::Western => has(matches!(cm.spec.key, "cn" | "kr" | "vn" | "jp"), 1.2),
            Op::Variant => has(
                given.is_some_and(|g| !g.variants.is_empty())
                    || fam.is_some_and(|f| !f.variants.is_empty()),
                5.0,
            ),
            Op::Marriage => 1.5,
            Op::Double => has(e.family.len() > 1, 5.0),
            Op::Middle => {
                if e.middle.is_some() {
                    6.0
                } else {
                    has(matches!(cm.spec.key, "en" | "de" | "nl" | "ie"), 2.0)
                }
            }
            Op::Native => has(
                given.is_some_and(|g| g.native.is_some())
                    && fam.is_some_and(|f| f.native.is_some()),
                2.0,
            ),
            Op::Initial => 2.5,
            Op::Punct => has(punct(&e.given.text) || punct(&e.family[0].text), 4.0),
            Op::Typo => 10.0,
            Op::Fold => has(!names_ascii, 6.0),
            Op::Case => 3.0,
            Op::Swap => {
                if cm.spec.east {
                    8.0
                } else {
                    2.5
                }
            }
            Op::DropEmail | Op::EmailTypo => has(!e.mailboxes.is_empty(), 6.0),
            Op::NewEmail => 4.0,
            Op::DropPhone => has(!e.phones.is_empty(), 7.0),
            Op::NewPhone => has(!e.phones.is_empty(), 3.0),
            Op::PhoneFormat => has(!e.phones.is_empty(), 9.0),
            Op::PhoneTypo => has(!e.phones.is_empty(), 1.5),
            Op::DropBirthday => has(e.birthday.is_some(), 7.0),
            Op::BirthdayVariant => has(e.birthday.is_some(), 3.5),
            Op::DropAddress => has(e.address.is_some(), 7.0),
            Op::Moved => has(e.address.is_some(), 4.5),
            Op::AddrFormat => has(e.address.is_some(), 8.0),
        }
    }

    /// One to five corruptions, two or three most often.
    fn pick_ops(&mut self, e: &Entity) -> Vec<Op> {
        let x = unit(&mut self.r);
        let k = if x < 0.34 {
            1
        } else if x < 0.7 {
            2
        } else if x < 0.89 {
            3
        } else if x < 0.97 {
            4
        } else {
            5
        };
        let mut weights: Vec<f64> = ALL_OPS.iter().map(|&op| self.weight(op, e)).collect();
        let mut ops = Vec::with_capacity(k);
        for _ in 0..k {
            let total: f64 = weights.iter().sum();
            if total <= 0.0 {
                break;
            }
            let mut at = unit(&mut self.r) * total;
            let mut chosen = weights.len() - 1;
            for (i, w) in weights.iter().enumerate() {
                if at < *w {
                    chosen = i;
                    break;
                }
                at -= w;
            }
            weights[chosen] = 0.0;
            ops.push(ALL_OPS[chosen]);
        }
        ops.sort_unstable();
        ops
    }

    fn apply(&mut self, op: Op, e: &Entity, rec: &mut Rec) {
        let m = self.m;
        let cm = &m.cultures[e.culture];
        let kb = COUNTRIES[e.country].kb;
        match op {
            Op::Nick => {
                if let Some(g) = e.given.idx.map(|i| &cm.given[i]) {
                    if !g.nicks.is_empty() {
                        rec.given = Cow::Borrowed(g.nicks[self.r.below(g.nicks.len())]);
                    }
                }
            }
            Op::Western => {
                rec.given = Cow::Borrowed(m.western[self.r.below(m.western.len())]);
                rec.renamed = true;
            }
            Op::Variant => {
                let gv = e
                    .given
                    .idx
                    .map(|i| &cm.given[i].variants)
                    .filter(|v| !v.is_empty() && rec.given == e.given_text());
                let fv = e.family[0]
                    .idx
                    .map(|i| &cm.family[i].variants)
                    .filter(|v| !v.is_empty() && rec.family.first() == Some(&e.family[0].text));
                match (gv, fv) {
                    (Some(v), f) if f.is_none() || chance(&mut self.r, 0.5) => {
                        rec.given = Cow::Borrowed(v[self.r.below(v.len())]);
                    }
                    (_, Some(v)) => rec.family[0] = Cow::Borrowed(v[self.r.below(v.len())]),
                    _ => {}
                }
            }
            Op::Marriage => {
                let c = if chance(&mut self.r, 0.8) {
                    e.culture
                } else {
                    m.culture_t.pick(&mut self.r)
                };
                let new = self.family_name(c).text;
                let old = rec.family.join(" ");
                rec.family =
                    if matches!(cm.spec.key, "en" | "de" | "ie") && chance(&mut self.r, 0.15) {
                        vec![Cow::Owned(format!("{old}-{new}"))]
                    } else {
                        vec![new]
                    };
                rec.renamed = true;
            }
            Op::Double => {
                if rec.family.len() > 1 {
                    let x = unit(&mut self.r);
                    if x < 0.7 {
                        rec.family.truncate(1);
                    } else if x < 0.85 {
                        rec.fam_join = "-";
                    } else {
                        rec.family.remove(0);
                    }
                }
            }
            Op::Middle => {
                if e.middle.is_some() {
                    rec.given = e.given.text.clone();
                } else {
                    let l = char::from(b'A' + self.r.below(26) as u8);
                    rec.given = Cow::Owned(format!("{} {l}.", rec.given));
                }
            }
            Op::Native => {
                let g = e.given.idx.and_then(|i| cm.given[i].native);
                let f: Option<Vec<Text>> = e
                    .family
                    .iter()
                    .map(|f| f.idx.and_then(|i| cm.family[i].native).map(Cow::Borrowed))
                    .collect();
                if let (Some(g), Some(f)) = (g, f) {
                    rec.given = Cow::Borrowed(g);
                    rec.family = f;
                    rec.native = true;
                    rec.renamed = true;
                }
            }
            Op::Initial if !rec.native => {
                let first: String = rec.given.chars().take(1).collect();
                let second = rec
                    .given
                    .split_once(['-', ' '])
                    .and_then(|(_, b)| b.chars().next());
                rec.given = Cow::Owned(match second {
                    Some(s) if chance(&mut self.r, 0.5) => format!("{first}.-{s}."),
                    _ if chance(&mut self.r, 0.75) => format!("{first}."),
                    _ => first,
                });
                rec.initial = true;
            }
            Op::Punct if !rec.native => {
                let family_first = rec
                    .family
                    .first()
                    .is_some_and(|f| f.contains(['\'', '-', ' ']));
                let target = if family_first {
                    &mut rec.family[0]
                } else {
                    &mut rec.given
                };
                *target = Cow::Owned(self.punct(target));
            }
            Op::Typo if !rec.native => {
                let n = if chance(&mut self.r, 0.75) { 1 } else { 2 };
                for _ in 0..n {
                    if chance(&mut self.r, 0.4) || rec.family.is_empty() {
                        rec.given = Cow::Owned(typo(&mut self.r, &rec.given, kb));
                    } else {
                        let i = self.r.below(rec.family.len());
                        rec.family[i] = Cow::Owned(typo(&mut self.r, &rec.family[i], kb));
                    }
                }
                rec.typo = true;
            }
            Op::Fold if !rec.native => {
                let alt = self.alt_fold(e.culture);
                rec.given = Cow::Owned(ascii_fold(&rec.given, alt));
                for f in &mut rec.family {
                    *f = Cow::Owned(ascii_fold(f, alt));
                }
            }
            Op::Case => {
                let x = unit(&mut self.r);
                rec.case = if x < 0.45 {
                    CaseMode::UpperFamily
                } else if x < 0.8 {
                    CaseMode::UpperAll
                } else {
                    CaseMode::LowerAll
                };
            }
            Op::Swap => rec.swap = true,
            Op::DropEmail => rec.emails.clear(),
            Op::NewEmail => {
                let job =
                    (e.company.is_some() && chance(&mut self.r, 0.4)) || chance(&mut self.r, 0.15);
                let mb = if job {
                    let cm = &m.countries[e.country];
                    let mut co = cm.company_t.pick(&mut self.r);
                    if Some(co) == e.company {
                        co = self.r.below(cm.companies.len());
                    }
                    rec.company = Some(co);
                    self.work_mailbox(e, Some(co))
                } else {
                    let old = e.mailboxes.first().map(|m| m.domain.as_str());
                    let mut d = self.personal_domain(e);
                    for _ in 0..3 {
                        if Some(d.as_str()) != old {
                            break;
                        }
                        d = self.personal_domain(e);
                    }
                    self.personal_mailbox(e, Some(d))
                };
                let a = mb.address();
                self.emit(&a);
                rec.emails.insert(0, a);
                if chance(&mut self.r, 0.5) {
                    rec.emails.truncate(1);
                }
            }
            Op::EmailTypo => {
                if let Some(first) = rec.emails.first().cloned() {
                    if let Some(t) = self.email_typo(&first) {
                        rec.emails[0] = t;
                    }
                }
            }
            Op::DropPhone => {
                if rec.phones.len() > 1 && chance(&mut self.r, 0.5) {
                    let i = self.r.below(rec.phones.len());
                    rec.phones.remove(i);
                } else {
                    rec.phones.clear();
                }
            }
            Op::NewPhone => {
                let new = self.mobile(e.country, Some(e.city), false);
                match rec.phones.iter().position(|p| p.mobile) {
                    Some(i) if chance(&mut self.r, 0.7) => rec.phones[i] = new,
                    _ => rec.phones.push(new),
                }
            }
            Op::PhoneFormat => {
                if !rec.phones.is_empty() {
                    let i = self.r.below(rec.phones.len());
                    let p = &rec.phones[i];
                    let c = &COUNTRIES[p.country];
                    let list = if p.mobile { c.mob_fmt } else { c.land_fmt };
                    let (cur, foreign) = (p.fmt, p.foreign);
                    let fmt = if foreign {
                        self.intl_fmt(list, Some(cur))
                    } else {
                        let want_intl = !is_intl(&list[cur]);
                        let choices: Vec<usize> = (0..list.len())
                            .filter(|&j| j != cur && is_intl(&list[j]) == want_intl)
                            .collect();
                        if choices.is_empty() {
                            cur
                        } else {
                            choices[self.r.below(choices.len())]
                        }
                    };
                    rec.phones[i].fmt = fmt;
                }
            }
            Op::PhoneTypo => {
                if let Some(p) = rec.phones.first_mut() {
                    let b = &p.sub.buf[..usize::from(p.sub.len)];
                    let spots: Vec<usize> = (1..b.len().saturating_sub(1))
                        .filter(|&i| b[i] != b[i + 1])
                        .collect();
                    if !spots.is_empty() {
                        let i = spots[self.r.below(spots.len())];
                        p.sub.buf.swap(i, i + 1);
                    }
                }
            }
            Op::DropBirthday => rec.birthday = None,
            Op::BirthdayVariant => {
                if let Some(b) = rec.birthday {
                    for _ in 0..4 {
                        let mut v = b;
                        match self.r.below(4) {
                            0 => std::mem::swap(&mut v.d, &mut v.m),
                            1 if v.known => {
                                v.y += if chance(&mut self.r, 0.5) { 1 } else { -1 };
                            }
                            2 if v.known => v.known = false,
                            _ => {
                                v.d = if v.d % 10 != 0 && v.d >= 10 {
                                    (v.d % 10) * 10 + v.d / 10
                                } else {
                                    v.d + 1
                                };
                            }
                        }
                        if v != b && v.valid() {
                            rec.birthday = Some(v);
                            break;
                        }
                    }
                }
            }
            Op::DropAddress => rec.address = None,
            Op::Moved => {
                if rec.address.is_some() {
                    let city = if chance(&mut self.r, 0.35) {
                        e.city
                    } else {
                        m.countries[e.country].city_t.pick(&mut self.r)
                    };
                    let a = self.address(e.country, city);
                    rec.address = Some(self.addr_view(e.country, &a));
                    rec.moved = true;
                    if let Some(i) = rec.phones.iter().position(|p| p.kind == PhoneKind::Home) {
                        if chance(&mut self.r, 0.6) {
                            rec.phones[i] = self.landline(e.country, city);
                        } else {
                            rec.phones.remove(i);
                        }
                    }
                }
            }
            Op::AddrFormat => {
                if let Some(mut a) = rec.address.take() {
                    let alt = COUNTRIES[e.country].cities
                        [e.address.as_ref().map_or(e.city, |x| x.city)]
                    .alt;
                    let n = if chance(&mut self.r, 0.7) { 1 } else { 2 };
                    for _ in 0..n {
                        self.reformat_address(&mut a, alt, e.culture);
                    }
                    rec.address = Some(a);
                }
            }
            Op::Initial | Op::Punct | Op::Typo | Op::Fold => {}
        }
    }

    /// Apostrophes, hyphens and particles written another way.
    fn punct(&mut self, s: &str) -> String {
        if s.contains('\'') {
            let with = ["", " ", "’"][self.r.below(3)];
            return s.replace('\'', with);
        }
        if s.contains('-') {
            if chance(&mut self.r, 0.5) {
                return title_case(&s.replace('-', " "));
            }
            let joined = s.replace('-', "");
            let mut cs = joined.chars();
            return match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => joined,
            };
        }
        if s.contains(' ') {
            let x = unit(&mut self.r);
            if x < 0.4 {
                // "van den Berg" -> "Van den Berg", "De Luca" -> "de Luca"
                let mut cs = s.chars();
                return match cs.next() {
                    Some(f) if f.is_lowercase() => f.to_uppercase().chain(cs).collect(),
                    Some(f) => f.to_lowercase().chain(cs).collect(),
                    None => s.to_owned(),
                };
            }
            if x < 0.7 {
                // "De Luca" -> "DeLuca"
                return s.replace(' ', "");
            }
            // "van den Berg" -> "Vandenberg"
            let joined: String = s.chars().filter(|c| *c != ' ').collect();
            let mut cs = joined.chars();
            return match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => joined,
            };
        }
        s.to_owned()
    }

    /// One change in how an address is written (same place).
    fn reformat_address(&mut self, a: &mut AddrView, alt: &'static str, culture: usize) {
        for _ in 0..4 {
            match self.r.below(6) {
                0 => {
                    if let Some(line) = a.lines.first_mut() {
                        if let Some((long, short)) =
                            ABBREVIATIONS.iter().find(|(l, _)| line.contains(l))
                        {
                            *line = line.replacen(long, short, 1).trim().to_owned();
                            return;
                        }
                    }
                }
                1 if !alt.is_empty() => {
                    let alts = split(alt);
                    a.city = alts[self.r.below(alts.len())].to_owned();
                    return;
                }
                2 if a.post.is_some() => {
                    if chance(&mut self.r, 0.5) {
                        a.post = None;
                    } else if let Some(p) = &mut a.post {
                        if p.contains([' ', '-']) {
                            *p = p.replace([' ', '-'], "");
                            return;
                        }
                        a.post = None;
                    }
                    return;
                }
                3 if !a.city.is_ascii() || a.lines.iter().any(|l| !l.is_ascii()) => {
                    let alt = self.alt_fold(culture);
                    a.city = ascii_fold(&a.city, alt);
                    for l in &mut a.lines {
                        *l = ascii_fold(l, alt);
                    }
                    return;
                }
                4 if a.lines.len() > 1 => {
                    if chance(&mut self.r, 0.5) {
                        let joined = a.lines.join(", ");
                        a.lines = vec![joined];
                    } else {
                        a.lines.truncate(1);
                    }
                    return;
                }
                5 => {
                    if chance(&mut self.r, 0.5) {
                        a.city = a.city.to_uppercase();
                    } else if let Some(l) = a.lines.first_mut() {
                        *l = l.to_lowercase();
                    }
                    return;
                }
                _ => {}
            }
        }
    }

    /// Makes sure most copies share two identifying things with the entity.
    fn keep_two(&mut self, e: &Entity, rec: &mut Rec) {
        let boxes: Vec<u64> = e
            .mailboxes
            .iter()
            .map(|mb| email_keys(&mb.address()).1)
            .collect();
        let name_ok = !(rec.renamed || (rec.initial && rec.typo));
        let email_ok = rec.emails.iter().any(|a| boxes.contains(&email_keys(a).1));
        let phone_ok = rec
            .phones
            .iter()
            .any(|p| e.phones.iter().any(|q| q.area == p.area && q.sub == p.sub));
        let bday_ok = e.birthday.is_some() && rec.birthday == e.birthday;
        let addr_ok = e.address.is_some() && rec.address.is_some() && !rec.moved;
        let mut n = [name_ok, email_ok, phone_ok, bday_ok, addr_ok]
            .iter()
            .filter(|&&ok| ok)
            .count();
        if n >= 2 || !chance(&mut self.r, 0.9) {
            return;
        }
        if !bday_ok && e.birthday.is_some() {
            rec.birthday = e.birthday;
            n += 1;
        }
        if n < 2 && !phone_ok && !e.phones.is_empty() {
            rec.phones.push(e.phones[0]);
            n += 1;
        }
        if n < 2 && !addr_ok {
            if let Some(a) = &e.address {
                rec.address = Some(self.addr_view(e.country, a));
                rec.moved = false;
                n += 1;
            }
        }
        if n < 2 && !email_ok {
            if let Some(alias) = e.mailboxes.iter().find_map(|mb| self.alias(mb)) {
                rec.emails.push(alias);
                n += 1;
            }
        }
        if n < 2 && !name_ok {
            rec.given = e.given_text();
            rec.family = e.family_texts();
            rec.native = false;
            rec.renamed = false;
        }
    }

    fn phone_text(&self, p: &Ph) -> String {
        let c = &COUNTRIES[p.country];
        let list = if p.mobile { c.mob_fmt } else { c.land_fmt };
        let f = &list[p.fmt.min(list.len() - 1)];
        let mut s = String::with_capacity(24);
        format_phone(&mut s, f, c, p.area, p.sub.as_str());
        if let Some(ext) = p.ext {
            s.push_str([" ext. ", " x", " ext ", " x "][p.fmt % 4]);
            s.push_str(&ext.to_string());
        }
        s
    }

    fn render(&self, e: &Entity, rec: Rec) -> NewCustomer {
        let country = &COUNTRIES[e.country];
        let mut family = rec.family.join(rec.fam_join);
        let mut given = rec.given.into_owned();
        match rec.case {
            CaseMode::Keep => {}
            CaseMode::UpperFamily => family = family.to_uppercase(),
            CaseMode::UpperAll => {
                family = family.to_uppercase();
                given = given.to_uppercase();
            }
            CaseMode::LowerAll => {
                family = family.to_lowercase();
                given = given.to_lowercase();
            }
        }
        if rec.swap {
            std::mem::swap(&mut given, &mut family);
        }
        let mut c = NewCustomer::default();
        c.given_name = (!given.is_empty()).then_some(given);
        c.family_name = (!family.is_empty()).then_some(family);
        c.emails = rec.emails;
        c.phones = rec
            .phones
            .iter()
            .map(|p| NewPhone::new(self.phone_text(p), p.kind))
            .collect();
        c.default_region = Some(country.code.to_owned());
        if let Some(a) = rec.address {
            let mut na = NewAddress::default();
            na.lines = a.lines;
            na.locality = Some(a.city);
            na.region = a.region.map(str::to_owned);
            na.postal_code = a.post;
            na.country = Some(country.code.to_owned());
            c.addresses.push(na);
        }
        c.birthday = rec.birthday.map(Bday::text);
        c.company = rec
            .company
            .map(|i| self.m.countries[e.country].companies[i].name.clone());
        c
    }
}
// ---------------------------------------------------------------------------------------
// Data: cultures (names), countries (phones, addresses, mail providers)
// ---------------------------------------------------------------------------------------

/// How a phone number's subscriber part is grouped.
#[derive(Clone, Copy)]
enum G {
    /// No grouping.
    W,
    /// The last four digits apart, the rest in one group (or threes): `555-2671`, `1234 5678`.
    R4,
    /// Pairs from the right, a leading triple instead of a lone digit: `123 45 67`, `12 34 56 78`.
    P,
    /// Threes from the left, a trailing four instead of a lone digit: `345 678`, `123 4567`.
    L3,
}

/// A way to write a number: template, separator between groups, grouping. In the template
/// `C` is the country calling code, `T` the trunk prefix, `A` the area code (or mobile
/// prefix), `#` the next subscriber digit and `S` the rest of the subscriber number grouped;
/// anything else is written as is.
struct Fmt(&'static str, &'static str, G);

use G::{L3, P, R4, W};

const NANP_FMT: &[Fmt] = &[
    Fmt("(A) S", "-", R4),
    Fmt("A-S", "-", R4),
    Fmt("A.S", ".", R4),
    Fmt("AS", "", W),
    Fmt("+C A S", " ", R4),
    Fmt("A S", " ", R4),
    Fmt("+C (A) S", "-", R4),
    Fmt("T-A-S", "-", R4),
    Fmt("+CAS", "", W),
];
const GB_LAND: &[Fmt] = &[
    Fmt("TA S", " ", R4),
    Fmt("(TA) S", " ", R4),
    Fmt("TAS", "", W),
    Fmt("+C A S", " ", R4),
    Fmt("+C (0)A S", " ", R4),
    Fmt("00C A S", " ", R4),
    Fmt("+CAS", "", W),
];
const GB_MOB: &[Fmt] = &[
    Fmt("TA S", " ", W),
    Fmt("TAS", "", W),
    Fmt("TA S", " ", L3),
    Fmt("+C A S", " ", W),
    Fmt("+C (0)A S", " ", W),
    Fmt("+CAS", "", W),
    Fmt("00C A S", " ", W),
];
const IE_FMT: &[Fmt] = &[
    Fmt("TA S", " ", L3),
    Fmt("TAS", "", W),
    Fmt("(TA) S", " ", L3),
    Fmt("+C A S", " ", L3),
    Fmt("+C (0)A S", " ", L3),
    Fmt("00C A S", " ", L3),
];
const AU_LAND: &[Fmt] = &[
    Fmt("(TA) S", " ", R4),
    Fmt("TA S", " ", R4),
    Fmt("TAS", "", W),
    Fmt("+C A S", " ", R4),
    Fmt("TA-S", "-", R4),
    Fmt("+C (0)A S", " ", R4),
];
const AU_MOB: &[Fmt] = &[
    Fmt("TA## S", " ", L3),
    Fmt("TA##S", "", W),
    Fmt("+C A## S", " ", L3),
    Fmt("TA##-S", "-", L3),
    Fmt("+CA##S", "", W),
];
const DE_LAND: &[Fmt] = &[
    Fmt("TA S", " ", W),
    Fmt("TA/S", "", W),
    Fmt("TA S", " ", R4),
    Fmt("TA-S", "", W),
    Fmt("(TA) S", " ", W),
    Fmt("TAS", "", W),
    Fmt("+C A S", " ", W),
    Fmt("+C (0)A S", " ", W),
    Fmt("00C A S", " ", W),
    Fmt("+C AS", "", W),
];
const DE_MOB: &[Fmt] = &[
    Fmt("TA S", " ", W),
    Fmt("TAS", "", W),
    Fmt("TA/S", "", W),
    Fmt("TA-S", "", W),
    Fmt("+C A S", " ", W),
    Fmt("+C AS", "", W),
    Fmt("TA S", " ", R4),
    Fmt("00C A S", " ", W),
    Fmt("+C (0)A S", " ", W),
];
const CH_FMT: &[Fmt] = &[
    Fmt("TA S", " ", P),
    Fmt("TAS", "", W),
    Fmt("+C A S", " ", P),
    Fmt("+C (0)A S", " ", P),
    Fmt("00C A S", " ", P),
    Fmt("+CAS", "", W),
];
const FR_FMT: &[Fmt] = &[
    Fmt("TA S", " ", P),
    Fmt("TAS", "", W),
    Fmt("TA.S", ".", P),
    Fmt("+C A S", " ", P),
    Fmt("TA-S", "-", P),
    Fmt("+C (0)A S", " ", P),
    Fmt("00C A S", " ", P),
    Fmt("+CAS", "", W),
];
const BE_FMT: &[Fmt] = &[
    Fmt("TA S", " ", P),
    Fmt("TA/S", " ", P),
    Fmt("TAS", "", W),
    Fmt("+C A S", " ", P),
    Fmt("TA/S", ".", P),
    Fmt("+C (0)A S", " ", P),
    Fmt("00C A S", " ", P),
];
const ES_LAND: &[Fmt] = &[
    Fmt("A S", " ", P),
    Fmt("AS", "", W),
    Fmt("+C A S", " ", P),
    Fmt("A S", " ", L3),
    Fmt("+CAS", "", W),
    Fmt("00C A S", " ", P),
];
const ES_MOB: &[Fmt] = &[
    Fmt("A S", " ", L3),
    Fmt("A S", " ", P),
    Fmt("AS", "", W),
    Fmt("+C A S", " ", L3),
    Fmt("+C AS", "", W),
    Fmt("00C AS", "", W),
];
const MX_LAND: &[Fmt] = &[
    Fmt("A S", " ", R4),
    Fmt("AS", "", W),
    Fmt("(A) S", " ", R4),
    Fmt("A-S", "-", R4),
    Fmt("+C A S", " ", R4),
    Fmt("+CAS", "", W),
    Fmt("+C (A) S", " ", R4),
];
const MX_MOB: &[Fmt] = &[
    Fmt("A S", " ", R4),
    Fmt("AS", "", W),
    Fmt("(A) S", " ", R4),
    Fmt("+C A S", " ", R4),
    Fmt("+C 1 A S", " ", R4),
    Fmt("A-S", "-", R4),
    Fmt("+CAS", "", W),
];
const BR_FMT: &[Fmt] = &[
    Fmt("(A) S", "-", R4),
    Fmt("A S", "-", R4),
    Fmt("AS", "", W),
    Fmt("+C A S", "-", R4),
    Fmt("(TA) S", "-", R4),
    Fmt("+C (A) S", "-", R4),
    Fmt("+CAS", "", W),
];
const PT_LAND: &[Fmt] = &[
    Fmt("A S", " ", L3),
    Fmt("AS", "", W),
    Fmt("+C A S", " ", L3),
    Fmt("+CAS", "", W),
    Fmt("00C A S", " ", L3),
];
const PT_MOB: &[Fmt] = &[
    Fmt("A# S", " ", L3),
    Fmt("A#S", "", W),
    Fmt("+C A# S", " ", L3),
    Fmt("+CA#S", "", W),
    Fmt("00C A#S", "", W),
];
const IT_LAND: &[Fmt] = &[
    Fmt("A S", " ", R4),
    Fmt("A/S", "", W),
    Fmt("AS", "", W),
    Fmt("A-S", "", W),
    Fmt("+C A S", " ", R4),
    Fmt("00C A S", " ", R4),
    Fmt("+CAS", "", W),
];
const IT_MOB: &[Fmt] = &[
    Fmt("A S", " ", R4),
    Fmt("AS", "", W),
    Fmt("A S", " ", W),
    Fmt("+C A S", " ", R4),
    Fmt("A-S", "", W),
    Fmt("+C AS", "", W),
    Fmt("00C AS", "", W),
];
const NL_LAND: &[Fmt] = &[
    Fmt("TA-S", " ", L3),
    Fmt("TA S", " ", L3),
    Fmt("TAS", "", W),
    Fmt("+C A S", " ", L3),
    Fmt("+C (0)A S", " ", L3),
    Fmt("00C A S", " ", L3),
];
const NL_MOB: &[Fmt] = &[
    Fmt("TA-S", "", W),
    Fmt("TA S", " ", R4),
    Fmt("TAS", "", W),
    Fmt("+C A S", "", W),
    Fmt("+C (0)A S", "", W),
    Fmt("00C A S", "", W),
    Fmt("+CAS", "", W),
];
const PL_LAND: &[Fmt] = &[
    Fmt("A S", " ", P),
    Fmt("(A) S", " ", P),
    Fmt("AS", "", W),
    Fmt("+C A S", " ", P),
    Fmt("+C AS", "", W),
];
const PL_MOB: &[Fmt] = &[
    Fmt("A S", " ", L3),
    Fmt("AS", "", W),
    Fmt("A-S", "-", L3),
    Fmt("+C A S", " ", L3),
    Fmt("+C AS", "", W),
    Fmt("00C AS", "", W),
];
const TR_FMT: &[Fmt] = &[
    Fmt("TA S", " ", P),
    Fmt("TAS", "", W),
    Fmt("TA S", " ", R4),
    Fmt("(TA) S", " ", P),
    Fmt("+C A S", " ", P),
    Fmt("+C (A) S", " ", P),
    Fmt("+C AS", "", W),
    Fmt("00C A S", " ", P),
];
const SE_FMT: &[Fmt] = &[
    Fmt("TA-S", " ", P),
    Fmt("TA S", " ", P),
    Fmt("TAS", "", W),
    Fmt("TA-S", "", W),
    Fmt("+C A S", " ", P),
    Fmt("+C (0)A S", " ", P),
    Fmt("00C A S", " ", P),
];
const NO_LAND: &[Fmt] = &[
    Fmt("A S", " ", P),
    Fmt("AS", "", W),
    Fmt("+C A S", " ", P),
    Fmt("+C AS", "", W),
    Fmt("00C A S", " ", P),
];
const NO_MOB: &[Fmt] = &[
    Fmt("A# ## ###", "", W),
    Fmt("AS", "", W),
    Fmt("A S", " ", P),
    Fmt("+C A# ## ###", "", W),
    Fmt("+C AS", "", W),
];
const DK_FMT: &[Fmt] = &[
    Fmt("A S", " ", P),
    Fmt("AS", "", W),
    Fmt("+C A S", " ", P),
    Fmt("+C AS", "", W),
    Fmt("00C A S", " ", P),
];
const RU_FMT: &[Fmt] = &[
    Fmt("T (A) S", "-", P),
    Fmt("TAS", "", W),
    Fmt("+C (A) S", "-", P),
    Fmt("T A S", "-", P),
    Fmt("+C A S", " ", P),
    Fmt("+CAS", "", W),
    Fmt("T-A-S", "-", P),
    Fmt("+C A S", "-", P),
];
const GR_LAND: &[Fmt] = &[
    Fmt("A S", " ", W),
    Fmt("AS", "", W),
    Fmt("A S", " ", R4),
    Fmt("+C A S", " ", W),
    Fmt("+C AS", "", W),
    Fmt("00C AS", "", W),
];
const GR_MOB: &[Fmt] = &[
    Fmt("A S", " ", R4),
    Fmt("AS", "", W),
    Fmt("A S", " ", W),
    Fmt("+C A S", " ", R4),
    Fmt("+C AS", "", W),
    Fmt("00C AS", "", W),
];
const IN_LAND: &[Fmt] = &[
    Fmt("TA S", " ", R4),
    Fmt("TA-S", "", W),
    Fmt("TAS", "", W),
    Fmt("+C A S", " ", R4),
    Fmt("+C-A-S", "", W),
    Fmt("(TA) S", " ", R4),
];
const IN_MOB: &[Fmt] = &[
    Fmt("A### S", "", W),
    Fmt("AS", "", W),
    Fmt("+C A### S", "", W),
    Fmt("TA### S", "", W),
    Fmt("+C-AS", "", W),
    Fmt("+C AS", "", W),
    Fmt("TAS", "", W),
];
const CN_LAND: &[Fmt] = &[
    Fmt("TA-S", "", W),
    Fmt("TA S", " ", R4),
    Fmt("(TA) S", " ", R4),
    Fmt("TA S", "", W),
    Fmt("+C A S", " ", R4),
    Fmt("+C-A-S", "", W),
];
const CN_MOB: &[Fmt] = &[
    Fmt("AS", "", W),
    Fmt("A S", " ", R4),
    Fmt("A-S", "-", R4),
    Fmt("+C A S", " ", R4),
    Fmt("+C AS", "", W),
    Fmt("+CAS", "", W),
];
const JP_LAND: &[Fmt] = &[
    Fmt("TA-S", "-", R4),
    Fmt("(TA) S", "-", R4),
    Fmt("TAS", "", W),
    Fmt("TA S", " ", R4),
    Fmt("+C A S", "-", R4),
    Fmt("+C-A-S", "-", R4),
];
const JP_MOB: &[Fmt] = &[
    Fmt("TA-S", "-", R4),
    Fmt("TAS", "", W),
    Fmt("TA S", " ", R4),
    Fmt("+C A S", "-", R4),
    Fmt("+C-A-S", "-", R4),
    Fmt("+C AS", "", W),
];
const KR_LAND: &[Fmt] = &[
    Fmt("TA-S", "-", R4),
    Fmt("(TA) S", "-", R4),
    Fmt("TAS", "", W),
    Fmt("+C A S", "-", R4),
    Fmt("+C-A-S", "-", R4),
];
const KR_MOB: &[Fmt] = &[
    Fmt("TA-S", "-", R4),
    Fmt("TAS", "", W),
    Fmt("TA S", " ", R4),
    Fmt("+C A S", "-", R4),
    Fmt("+C AS", "", W),
];
const VN_LAND: &[Fmt] = &[
    Fmt("TA S", " ", R4),
    Fmt("(TA) S", " ", R4),
    Fmt("TAS", "", W),
    Fmt("+C A S", " ", R4),
];
const VN_MOB: &[Fmt] = &[
    Fmt("TA# S", " ", L3),
    Fmt("TA#S", "", W),
    Fmt("TA#.S", ".", L3),
    Fmt("+C A# S", " ", L3),
    Fmt("+C A#S", "", W),
    Fmt("+CA#S", "", W),
];
const NG_LAND: &[Fmt] = &[
    Fmt("TA S", " ", L3),
    Fmt("TAS", "", W),
    Fmt("+C A S", " ", L3),
];
const NG_MOB: &[Fmt] = &[
    Fmt("TA S", " ", R4),
    Fmt("TAS", "", W),
    Fmt("+C A S", " ", R4),
    Fmt("+CAS", "", W),
    Fmt("TA-S", "-", R4),
    Fmt("+C (0)A S", " ", R4),
];
const AE_FMT: &[Fmt] = &[
    Fmt("TA S", " ", R4),
    Fmt("TAS", "", W),
    Fmt("TA-S", "", W),
    Fmt("+C A S", " ", R4),
    Fmt("+C AS", "", W),
    Fmt("00C A S", " ", R4),
];

/// A keyboard layout, for typos.
#[derive(Clone, Copy)]
enum Kb {
    Qwerty,
    Qwertz,
    Azerty,
}

/// A city: its name, other spellings (`|`), region, postcode pattern (alternatives `/`;
/// `#` a digit, `%` a digit 1-9, `@` a capital letter), area code and subscriber length.
struct City {
    name: &'static str,
    alt: &'static str,
    region: &'static str,
    post: &'static str,
    area: &'static str,
    sub: u8,
}

const fn city(
    name: &'static str,
    alt: &'static str,
    region: &'static str,
    post: &'static str,
    area: &'static str,
    sub: u8,
) -> City {
    City {
        name,
        alt,
        region,
        post,
        area,
        sub,
    }
}

/// A country of residence.
struct Country {
    code: &'static str,
    /// Country calling code.
    cc: &'static str,
    /// Trunk prefix of national numbers.
    trunk: &'static str,
    /// Mobile prefixes (`|`); with `mob_city` they follow the city's area code.
    mob: &'static str,
    mob_city: bool,
    /// Random digits after the mobile prefix (0: the city's subscriber length).
    mob_sub: u8,
    mob_fmt: &'static [Fmt],
    land_fmt: &'static [Fmt],
    /// Share of phone owners with a landline.
    land_share: f64,
    cities: &'static [City],
    /// Street names (`|`).
    streets: &'static str,
    /// Street line templates: `{s}` street, `{n}` house number, `{u}` small unit, `{U}`
    /// flat number, `{a}` letter, `{c}` small block number, `|` a new line.
    street_fmt: &'static [&'static str],
    house: (u32, u32),
    /// Share of addresses written with a postcode.
    post_share: f64,
    /// Whether addresses carry the region (state, province).
    region: bool,
    /// Public mail providers with weights.
    domains: &'static [(&'static str, u32)],
    /// Company domain suffix and legal forms (`|`).
    tld: &'static str,
    legal: &'static str,
    kb: Kb,
}

const US_CITIES: &[City] = &[
    city(
        "New York",
        "NYC|New York City",
        "NY",
        "100##/101##",
        "212",
        7,
    ),
    city("Brooklyn", "New York", "NY", "112##", "718", 7),
    city("Los Angeles", "LA", "CA", "900##", "213", 7),
    city("Chicago", "", "IL", "606##", "312", 7),
    city("Houston", "", "TX", "770##", "713", 7),
    city("Phoenix", "", "AZ", "850##", "602", 7),
    city("Philadelphia", "Philly", "PA", "191##", "215", 7),
    city("San Antonio", "", "TX", "782##", "210", 7),
    city("San Diego", "", "CA", "921##", "619", 7),
    city("Dallas", "", "TX", "752##", "214", 7),
    city("Austin", "", "TX", "787##", "512", 7),
    city("San Francisco", "SF", "CA", "941##", "415", 7),
    city("Seattle", "", "WA", "981##", "206", 7),
    city("Boston", "", "MA", "021##", "617", 7),
    city("Miami", "", "FL", "331##", "305", 7),
    city("Atlanta", "", "GA", "303##", "404", 7),
    city("Denver", "", "CO", "802##", "303", 7),
    city("Portland", "", "OR", "972##", "503", 7),
    city("Minneapolis", "", "MN", "554##", "612", 7),
    city("Detroit", "", "MI", "482##", "313", 7),
    city("Columbus", "", "OH", "432##", "614", 7),
    city("Springfield", "", "IL", "627##", "217", 7),
];
const CA_CITIES: &[City] = &[
    city("Toronto", "", "ON", "M%@ %@%", "416", 7),
    city("Montréal", "Montreal", "QC", "H%@ %@%", "514", 7),
    city("Vancouver", "", "BC", "V%@ %@%", "604", 7),
    city("Calgary", "", "AB", "T%@ %@%", "403", 7),
    city("Ottawa", "", "ON", "K%@ %@%", "613", 7),
    city("Edmonton", "", "AB", "T%@ %@%", "780", 7),
    city("Winnipeg", "", "MB", "R%@ %@%", "204", 7),
    city("Québec", "Quebec City|Quebec", "QC", "G%@ %@%", "418", 7),
    city("Halifax", "", "NS", "B%@ %@%", "902", 7),
];
const GB_CITIES: &[City] = &[
    city(
        "London",
        "",
        "",
        "E% %@@/N%% %@@/SW%% %@@/SE%% %@@/NW% %@@/W% %@@",
        "20",
        8,
    ),
    city("Manchester", "", "", "M%% %@@", "161", 7),
    city("Birmingham", "", "", "B%% %@@", "121", 7),
    city("Leeds", "", "", "LS%% %@@", "113", 7),
    city("Glasgow", "", "", "G%% %@@", "141", 7),
    city("Edinburgh", "", "", "EH%% %@@", "131", 7),
    city("Bristol", "", "", "BS% %@@", "117", 7),
    city("Liverpool", "", "", "L%% %@@", "151", 7),
    city("Sheffield", "", "", "S%% %@@", "114", 7),
    city("Cardiff", "Caerdydd", "", "CF%% %@@", "29", 8),
    city("Belfast", "", "", "BT% %@@", "28", 8),
    city("Nottingham", "", "", "NG% %@@", "115", 7),
    city("Newcastle upon Tyne", "Newcastle", "", "NE% %@@", "191", 7),
    city("Leicester", "", "", "LE% %@@", "116", 7),
];
const IE_CITIES: &[City] = &[
    city(
        "Dublin",
        "Baile Átha Cliath",
        "",
        "D0% @%@%/D1% @@%%/D2% @%@%",
        "1",
        7,
    ),
    city("Cork", "", "", "T12 @%@%/T23 @%@@", "21", 7),
    city("Galway", "", "", "H91 @%@%", "91", 7),
    city("Limerick", "", "", "V94 @%@%", "61", 7),
    city("Waterford", "", "", "X91 @%@%", "51", 6),
];
const AU_CITIES: &[City] = &[
    city("Sydney", "", "NSW", "20%#/21%#", "2", 8),
    city("Melbourne", "", "VIC", "30%#/31%#", "3", 8),
    city("Brisbane", "", "QLD", "40%#/41%#", "7", 8),
    city("Perth", "", "WA", "60%#/61%#", "8", 8),
    city("Adelaide", "", "SA", "50%#", "8", 8),
    city("Canberra", "", "ACT", "26%#", "2", 8),
    city("Hobart", "", "TAS", "70%#", "3", 8),
    city("Gold Coast", "", "QLD", "42%#", "7", 8),
    city("Newcastle", "", "NSW", "23%#", "2", 8),
];
const DE_CITIES: &[City] = &[
    city("Berlin", "", "", "10###/12###/13###", "30", 8),
    city("Hamburg", "", "", "20###/22###", "40", 8),
    city("München", "Muenchen|Munich", "", "80###/81###", "89", 8),
    city("Köln", "Koeln|Cologne", "", "50###/51###", "221", 7),
    city(
        "Frankfurt am Main",
        "Frankfurt|Frankfurt a. M.",
        "",
        "60###",
        "69",
        8,
    ),
    city("Stuttgart", "", "", "70###", "711", 7),
    city("Düsseldorf", "Duesseldorf", "", "40###", "211", 7),
    city("Leipzig", "", "", "04###", "341", 7),
    city("Dortmund", "", "", "44###", "231", 7),
    city("Essen", "", "", "45###", "201", 7),
    city("Bremen", "", "", "28###", "421", 7),
    city("Dresden", "", "", "01###", "351", 7),
    city("Hannover", "Hanover", "", "30###", "511", 7),
    city("Nürnberg", "Nuernberg|Nuremberg", "", "90###", "911", 7),
    city("Duisburg", "", "", "47###", "203", 7),
    city("Bochum", "", "", "44###", "234", 7),
    city("Bonn", "", "", "53###", "228", 7),
    city("Münster", "Muenster", "", "48###", "251", 7),
    city("Karlsruhe", "", "", "76###", "721", 7),
    city("Mannheim", "", "", "68###", "621", 7),
    city("Freiburg im Breisgau", "Freiburg", "", "79###", "761", 7),
    city("Kiel", "", "", "24###", "431", 7),
    city("Rostock", "", "", "18###", "381", 7),
];
const AT_CITIES: &[City] = &[
    city("Wien", "Vienna", "", "10%0/11%0/12%0", "1", 7),
    city("Graz", "", "", "80%#", "316", 6),
    city("Linz", "", "", "40%#", "732", 6),
    city("Salzburg", "", "", "50%#", "662", 6),
    city("Innsbruck", "", "", "60%#", "512", 6),
    city(
        "Klagenfurt am Wörthersee",
        "Klagenfurt",
        "",
        "90%#",
        "463",
        6,
    ),
    city("Villach", "", "", "95%#", "4242", 5),
];
const CH_CITIES: &[City] = &[
    city("Zürich", "Zurich|Zuerich", "", "80%#", "44", 7),
    city("Genève", "Geneva|Genf|Geneve", "", "12%#", "22", 7),
    city("Basel", "Bâle", "", "40%#", "61", 7),
    city("Bern", "Berne", "", "30%#", "31", 7),
    city("Lausanne", "", "", "10%#", "21", 7),
    city("Luzern", "Lucerne", "", "60%#", "41", 7),
    city("St. Gallen", "Sankt Gallen", "", "90%#", "71", 7),
    city("Lugano", "", "", "69%#", "91", 7),
    city("Winterthur", "", "", "84%#", "52", 7),
];
const FR_CITIES: &[City] = &[
    city("Paris", "", "", "7500%/7501%", "1", 8),
    city("Marseille", "", "", "1300%/1301%", "4", 8),
    city("Lyon", "", "", "6900%", "4", 8),
    city("Toulouse", "", "", "31%00", "5", 8),
    city("Nice", "", "", "06%00", "4", 8),
    city("Nantes", "", "", "44%00", "2", 8),
    city("Strasbourg", "", "", "67%00", "3", 8),
    city("Montpellier", "", "", "34%00", "4", 8),
    city("Bordeaux", "", "", "33%00", "5", 8),
    city("Lille", "", "", "59%00", "3", 8),
    city("Rennes", "", "", "35%00", "2", 8),
    city("Reims", "", "", "51100", "3", 8),
    city(
        "Saint-Étienne",
        "Saint-Etienne|St-Étienne",
        "",
        "42%00",
        "4",
        8,
    ),
    city("Grenoble", "", "", "38%00", "4", 8),
    city("Dijon", "", "", "21%00", "3", 8),
    city("Angers", "", "", "49%00", "2", 8),
];
const BE_CITIES: &[City] = &[
    city("Bruxelles", "Brussel|Brussels", "", "10%0", "2", 7),
    city("Antwerpen", "Anvers|Antwerp", "", "20%0", "3", 7),
    city("Gent", "Gand|Ghent", "", "90%0", "9", 7),
    city("Liège", "Luik|Liege", "", "40%0", "4", 7),
    city("Charleroi", "", "", "60%0", "71", 6),
    city("Brugge", "Bruges", "", "8000", "50", 6),
    city("Leuven", "Louvain", "", "3000", "16", 6),
    city("Namur", "Namen", "", "5000", "81", 6),
];
const ES_CITIES: &[City] = &[
    city("Madrid", "", "", "280%#", "91", 7),
    city("Barcelona", "", "", "080%#", "93", 7),
    city("Valencia", "València", "", "460%#", "96", 7),
    city("Sevilla", "Seville", "", "410%#", "954", 6),
    city("Zaragoza", "", "", "500%#", "976", 6),
    city("Málaga", "Malaga", "", "290%#", "952", 6),
    city("Bilbao", "Bilbo", "", "480%#", "94", 7),
    city("Murcia", "", "", "300%#", "968", 6),
    city("Palma", "Palma de Mallorca", "", "070%#", "971", 6),
    city(
        "Las Palmas de Gran Canaria",
        "Las Palmas",
        "",
        "350%#",
        "928",
        6,
    ),
    city("Alicante", "Alacant", "", "030%#", "965", 6),
    city("Córdoba", "Cordoba", "", "140%#", "957", 6),
    city("Valladolid", "", "", "470%#", "983", 6),
    city("Vigo", "", "", "362%#", "986", 6),
    city("Granada", "", "", "180%#", "958", 6),
];
const MX_CITIES: &[City] = &[
    city(
        "Ciudad de México",
        "CDMX|Mexico City|Ciudad de Mexico",
        "CDMX",
        "0%###/1%###",
        "55",
        8,
    ),
    city("Guadalajara", "", "Jal.", "44%##", "33", 8),
    city("Monterrey", "", "N.L.", "64%##", "81", 8),
    city("Puebla", "", "Pue.", "72%##", "222", 7),
    city("Tijuana", "", "B.C.", "22%##", "664", 7),
    city("León", "Leon", "Gto.", "37%##", "477", 7),
    city("Querétaro", "Queretaro", "Qro.", "76%##", "442", 7),
    city("Mérida", "Merida", "Yuc.", "97%##", "999", 7),
    city("Cancún", "Cancun", "Q.R.", "775%#", "998", 7),
    city("Toluca", "", "Méx.", "50%##", "722", 7),
];
const BR_CITIES: &[City] = &[
    city("São Paulo", "Sao Paulo|SP", "SP", "0%###-###", "11", 8),
    city("Rio de Janeiro", "Rio", "RJ", "2%###-###", "21", 8),
    city("Belo Horizonte", "BH", "MG", "3%###-###", "31", 8),
    city("Brasília", "Brasilia", "DF", "7%###-###", "61", 8),
    city("Salvador", "", "BA", "4%###-###", "71", 8),
    city("Fortaleza", "", "CE", "60%##-###", "85", 8),
    city("Curitiba", "", "PR", "8%###-###", "41", 8),
    city("Recife", "", "PE", "5%###-###", "81", 8),
    city("Porto Alegre", "POA", "RS", "9%###-###", "51", 8),
    city("Manaus", "", "AM", "69%##-###", "92", 8),
    city("Campinas", "", "SP", "13%##-###", "19", 8),
    city("Goiânia", "Goiania", "GO", "74%##-###", "62", 8),
];
const PT_CITIES: &[City] = &[
    city("Lisboa", "Lisbon", "", "1%##-###", "21", 7),
    city("Porto", "Oporto", "", "40%#-###/41%#-###", "22", 7),
    city("Braga", "", "", "47%#-###", "253", 6),
    city("Coimbra", "", "", "30%#-###", "239", 6),
    city("Faro", "", "", "80%#-###", "289", 6),
    city("Aveiro", "", "", "38%#-###", "234", 6),
    city("Setúbal", "Setubal", "", "29%#-###", "265", 6),
    city("Funchal", "", "", "90%#-###", "291", 6),
];
const IT_CITIES: &[City] = &[
    city("Roma", "Rome", "RM", "001%#", "06", 8),
    city("Milano", "Milan", "MI", "201%#", "02", 8),
    city("Napoli", "Naples", "NA", "801%#", "081", 7),
    city("Torino", "Turin", "TO", "101%#", "011", 7),
    city("Palermo", "", "PA", "901%#", "091", 7),
    city("Genova", "Genoa", "GE", "161%#", "010", 7),
    city("Bologna", "", "BO", "401%#", "051", 7),
    city("Firenze", "Florence", "FI", "501%#", "055", 7),
    city("Bari", "", "BA", "701%#", "080", 7),
    city("Catania", "", "CT", "951%#", "095", 7),
    city("Venezia", "Venice", "VE", "301%#", "041", 7),
    city("Verona", "", "VR", "371%#", "045", 7),
    city("Padova", "Padua", "PD", "351%#", "049", 7),
    city("Trieste", "", "TS", "341%#", "040", 7),
    city("Brescia", "", "BS", "251%#", "030", 7),
];
const NL_CITIES: &[City] = &[
    city("Amsterdam", "", "", "10%# @@", "20", 7),
    city("Rotterdam", "", "", "30%# @@", "10", 7),
    city(
        "Den Haag",
        "'s-Gravenhage|The Hague",
        "",
        "25%# @@",
        "70",
        7,
    ),
    city("Utrecht", "", "", "35%# @@", "30", 7),
    city("Eindhoven", "", "", "56%# @@", "40", 7),
    city("Groningen", "", "", "97%# @@", "50", 7),
    city("Tilburg", "", "", "50%# @@", "13", 7),
    city("Almere", "", "", "13%# @@", "36", 7),
    city("Breda", "", "", "48%# @@", "76", 7),
    city("Nijmegen", "", "", "65%# @@", "24", 7),
    city("Haarlem", "", "", "20%# @@", "23", 7),
    city("Arnhem", "", "", "68%# @@", "26", 7),
    city("Enschede", "", "", "75%# @@", "53", 7),
    city("Leiden", "", "", "23%# @@", "71", 7),
    city("Maastricht", "", "", "62%# @@", "43", 7),
];
const PL_CITIES: &[City] = &[
    city("Warszawa", "Warsaw|Warszawa", "", "0%-###", "22", 7),
    city("Kraków", "Krakow|Cracow", "", "30-###/31-###", "12", 7),
    city("Łódź", "Lodz", "", "9%-###", "42", 7),
    city("Wrocław", "Wroclaw", "", "5%-###", "71", 7),
    city("Poznań", "Poznan", "", "6%-###", "61", 7),
    city("Gdańsk", "Gdansk", "", "80-###", "58", 7),
    city("Szczecin", "", "", "70-###", "91", 7),
    city("Bydgoszcz", "", "", "85-###", "52", 7),
    city("Lublin", "", "", "20-###", "81", 7),
    city("Katowice", "", "", "40-###", "32", 7),
];
const TR_CITIES: &[City] = &[
    city("İstanbul", "Istanbul", "", "34###", "212", 7),
    city("İstanbul", "Istanbul", "", "34###", "216", 7),
    city("Ankara", "", "", "06###", "312", 7),
    city("İzmir", "Izmir", "", "35###", "232", 7),
    city("Bursa", "", "", "16###", "224", 7),
    city("Antalya", "", "", "07###", "242", 7),
    city("Adana", "", "", "01###", "322", 7),
    city("Konya", "", "", "42###", "332", 7),
    city("Gaziantep", "Antep", "", "27###", "342", 7),
    city("Kayseri", "", "", "38###", "352", 7),
    city("Eskişehir", "Eskisehir", "", "26###", "222", 7),
    city("Trabzon", "", "", "61###", "462", 7),
];
const SE_CITIES: &[City] = &[
    city("Stockholm", "", "", "1%# ##", "8", 7),
    city("Göteborg", "Gothenburg|Goteborg", "", "4%# ##", "31", 7),
    city("Malmö", "Malmo", "", "2%# ##", "40", 6),
    city("Uppsala", "", "", "75% ##", "18", 6),
    city("Västerås", "Vasteras", "", "72% ##", "21", 6),
    city("Örebro", "Orebro", "", "70% ##", "19", 6),
    city("Linköping", "Linkoping", "", "58% ##", "13", 6),
    city("Helsingborg", "", "", "25% ##", "42", 6),
    city("Umeå", "Umea", "", "90% ##", "90", 6),
    city("Lund", "", "", "22% ##", "46", 6),
];
const NO_CITIES: &[City] = &[
    city("Oslo", "", "", "0%##", "22", 6),
    city("Bergen", "", "", "50%#", "55", 6),
    city("Trondheim", "", "", "70%#", "73", 6),
    city("Stavanger", "", "", "40%#", "51", 6),
    city("Kristiansand", "", "", "46%#", "38", 6),
    city("Tromsø", "Tromso|Tromsoe", "", "90%#", "77", 6),
    city("Drammen", "", "", "30%#", "32", 6),
    city("Fredrikstad", "", "", "16%#", "69", 6),
];
const DK_CITIES: &[City] = &[
    city(
        "København",
        "Copenhagen|Koebenhavn|København K",
        "",
        "1%##/2%##",
        "33",
        6,
    ),
    city("Aarhus", "Århus", "", "80%0", "86", 6),
    city("Odense", "", "", "5%00", "66", 6),
    city("Aalborg", "Ålborg", "", "9000/92%0", "98", 6),
    city("Esbjerg", "", "", "67%0", "75", 6),
    city("Randers", "", "", "89%0", "86", 6),
    city("Kolding", "", "", "60%0", "75", 6),
    city("Vejle", "", "", "71%0", "75", 6),
    city("Roskilde", "", "", "4000", "46", 6),
];
const RU_CITIES: &[City] = &[
    city("Moskva", "Moscow|Москва", "", "1%%###", "495", 7),
    city("Moskva", "Moscow|Москва", "", "1%%###", "499", 7),
    city(
        "Sankt-Peterburg",
        "Saint Petersburg|St. Petersburg|Санкт-Петербург",
        "",
        "19####",
        "812",
        7,
    ),
    city("Novosibirsk", "Новосибирск", "", "630###", "383", 7),
    city(
        "Yekaterinburg",
        "Ekaterinburg|Екатеринбург",
        "",
        "620###",
        "343",
        7,
    ),
    city("Kazan", "Казань", "", "420###", "843", 7),
    city(
        "Nizhny Novgorod",
        "Nizhniy Novgorod",
        "",
        "603###",
        "831",
        7,
    ),
    city("Samara", "", "", "443###", "846", 7),
    city("Rostov-na-Donu", "Rostov-on-Don", "", "344###", "863", 7),
    city("Krasnoyarsk", "", "", "660###", "391", 7),
    city("Voronezh", "", "", "394###", "473", 7),
];
const GR_CITIES: &[City] = &[
    city("Athina", "Athens|Αθήνα", "", "1%# ##", "210", 7),
    city(
        "Thessaloniki",
        "Θεσσαλονίκη|Salonica",
        "",
        "54% ##",
        "2310",
        6,
    ),
    city("Patra", "Patras|Πάτρα", "", "26% ##", "2610", 6),
    city("Irakleio", "Heraklion|Ηράκλειο", "", "71% ##", "2810", 6),
    city("Larisa", "Larissa|Λάρισα", "", "41% ##", "2410", 6),
];
const IN_CITIES: &[City] = &[
    city("Mumbai", "Bombay", "Maharashtra", "400%##", "22", 8),
    city("New Delhi", "Delhi", "Delhi", "110%##", "11", 8),
    city("Bengaluru", "Bangalore", "Karnataka", "560%##", "80", 8),
    city("Chennai", "Madras", "Tamil Nadu", "600%##", "44", 8),
    city("Kolkata", "Calcutta", "West Bengal", "700%##", "33", 8),
    city("Hyderabad", "", "Telangana", "500%##", "40", 8),
    city("Pune", "Poona", "Maharashtra", "411%##", "20", 8),
    city("Ahmedabad", "", "Gujarat", "380%##", "79", 8),
    city("Jaipur", "", "Rajasthan", "302%##", "141", 7),
    city("Lucknow", "", "Uttar Pradesh", "226%##", "522", 7),
    city("Kochi", "Cochin", "Kerala", "682%##", "484", 7),
    city("Chandigarh", "", "Chandigarh", "160%##", "172", 7),
];
const CN_CITIES: &[City] = &[
    city("Beijing", "北京|Peking", "", "100###", "10", 8),
    city("Shanghai", "上海", "", "200###", "21", 8),
    city("Guangzhou", "广州|Canton", "", "510###", "20", 8),
    city("Shenzhen", "深圳", "", "518###", "755", 8),
    city("Chengdu", "成都", "", "610###", "28", 8),
    city("Hangzhou", "杭州", "", "310###", "571", 8),
    city("Wuhan", "武汉", "", "430###", "27", 8),
    city("Xi'an", "Xian|西安", "", "710###", "29", 8),
    city("Nanjing", "南京", "", "210###", "25", 8),
    city("Tianjin", "天津", "", "300###", "22", 8),
    city("Chongqing", "重庆", "", "400###", "23", 8),
    city("Suzhou", "苏州", "", "215###", "512", 8),
];
const JP_CITIES: &[City] = &[
    city("Tokyo", "Tōkyō|東京", "", "1%#-####", "3", 8),
    city("Osaka", "Ōsaka|大阪", "", "5%#-####", "6", 8),
    city("Yokohama", "横浜", "", "2%#-####", "45", 7),
    city("Nagoya", "名古屋", "", "4%#-####", "52", 7),
    city("Sapporo", "札幌", "", "0%#-####", "11", 7),
    city("Fukuoka", "福岡", "", "8%#-####", "92", 7),
    city("Kobe", "Kōbe|神戸", "", "65%-####", "78", 7),
    city("Kyoto", "Kyōto|京都", "", "60%-####", "75", 7),
    city("Kawasaki", "川崎", "", "21%-####", "44", 7),
    city("Sendai", "仙台", "", "98%-####", "22", 7),
    city("Hiroshima", "広島", "", "73%-####", "82", 7),
];
const KR_CITIES: &[City] = &[
    city("Seoul", "서울", "", "0%###", "2", 8),
    city("Busan", "Pusan|부산", "", "46###/47###/48###", "51", 7),
    city("Incheon", "인천", "", "21###/22###", "32", 7),
    city("Daegu", "Taegu|대구", "", "41###/42###", "53", 7),
    city("Daejeon", "대전", "", "34###/35###", "42", 7),
    city("Gwangju", "광주", "", "61###/62###", "62", 7),
    city("Ulsan", "울산", "", "44###", "52", 7),
    city("Suwon", "수원", "", "16###", "31", 7),
];
const VN_CITIES: &[City] = &[
    city("Hà Nội", "Ha Noi|Hanoi", "", "1%###", "24", 8),
    city(
        "Thành phố Hồ Chí Minh",
        "Ho Chi Minh City|TP. HCM|Sài Gòn|Saigon",
        "",
        "7%###",
        "28",
        8,
    ),
    city("Đà Nẵng", "Da Nang|Danang", "", "50###", "236", 7),
    city("Hải Phòng", "Hai Phong|Haiphong", "", "18###", "225", 7),
    city("Cần Thơ", "Can Tho", "", "94###", "292", 7),
    city("Huế", "Hue", "", "49###", "234", 7),
    city("Nha Trang", "", "", "57###", "258", 7),
];
const NG_CITIES: &[City] = &[
    city(
        "Lagos",
        "Ikeja|Lagos Island",
        "Lagos",
        "100###/101###",
        "1",
        7,
    ),
    city("Abuja", "FCT", "FCT", "900###", "9", 7),
    city("Ibadan", "", "Oyo", "200###", "2", 7),
    city("Kano", "", "Kano", "700###", "64", 6),
    city("Port Harcourt", "PH", "Rivers", "500###", "84", 6),
    city("Benin City", "Benin", "Edo", "300###", "52", 6),
    city("Enugu", "", "Enugu", "400###", "42", 6),
];
const AE_CITIES: &[City] = &[
    city("Dubai", "Dubayy", "", "", "4", 7),
    city("Abu Dhabi", "Abudhabi", "", "", "2", 7),
    city("Sharjah", "", "", "", "6", 7),
    city("Al Ain", "", "", "", "3", 7),
    city("Ajman", "", "", "", "6", 7),
    city("Ras Al Khaimah", "RAK", "", "", "7", 7),
];

const COUNTRIES: &[Country] = &[
    Country {
        code: "US",
        cc: "1",
        trunk: "1",
        mob: "",
        mob_city: true,
        mob_sub: 0,
        mob_fmt: NANP_FMT,
        land_fmt: NANP_FMT,
        land_share: 0.15,
        cities: US_CITIES,
        streets: "Main Street|Oak Street|Maple Avenue|Park Avenue|Washington Street|Cedar Lane|Elm Street|Pine Street|Lake Road|Hill Street|Sunset Boulevard|Lincoln Avenue|Church Street|Highland Avenue|Jefferson Street|Spring Street|Walnut Street|Ridge Road|Meadow Lane|River Road|Franklin Avenue|Madison Avenue|2nd Street|5th Avenue|Broadway|Jackson Street|Chestnut Street|Valley Drive|Forest Drive|Willow Way|Martin Luther King Jr Boulevard|Sycamore Drive",
        street_fmt: &[
            "{n} {s}",
            "{n} {s}",
            "{n} {s}|Apt {u}",
            "{n} {s} #{u}",
            "{n} {s}, Apt {U}",
        ],
        house: (1, 9999),
        post_share: 0.97,
        region: true,
        domains: &[
            ("gmail.com", 40),
            ("yahoo.com", 12),
            ("outlook.com", 8),
            ("hotmail.com", 8),
            ("icloud.com", 8),
            ("aol.com", 4),
            ("comcast.net", 3),
            ("att.net", 2),
            ("proton.me", 1),
            ("me.com", 1),
        ],
        tld: "com",
        legal: "Inc.|LLC|Corp.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "CA",
        cc: "1",
        trunk: "1",
        mob: "",
        mob_city: true,
        mob_sub: 0,
        mob_fmt: NANP_FMT,
        land_fmt: NANP_FMT,
        land_share: 0.2,
        cities: CA_CITIES,
        streets: "Yonge Street|Queen Street West|King Street|Bloor Street|Dundas Street|Rue Sainte-Catherine|Rue Saint-Denis|Main Street|Maple Avenue|Oak Street|Robson Street|Jasper Avenue|Portage Avenue|Elgin Street|Spring Garden Road|Boulevard René-Lévesque|Granville Street|Church Street",
        street_fmt: &["{n} {s}", "{n} {s}", "{U}-{n} {s}", "{n} {s}|Unit {u}"],
        house: (1, 3999),
        post_share: 0.95,
        region: true,
        domains: &[
            ("gmail.com", 40),
            ("hotmail.com", 15),
            ("yahoo.ca", 10),
            ("outlook.com", 8),
            ("rogers.com", 5),
            ("shaw.ca", 4),
            ("sympatico.ca", 3),
            ("icloud.com", 5),
            ("videotron.ca", 3),
        ],
        tld: "ca",
        legal: "Inc.|Ltd.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "GB",
        cc: "44",
        trunk: "0",
        mob: "7700|7711|7723|7734|7745|7756|7767|7778|7789|7800|7824|7831|7853|7870|7890|7903|7912|7939|7944|7951|7967|7973|7984|7990",
        mob_city: false,
        mob_sub: 6,
        mob_fmt: GB_MOB,
        land_fmt: GB_LAND,
        land_share: 0.25,
        cities: GB_CITIES,
        streets: "High Street|Station Road|Church Road|Park Road|Victoria Road|Green Lane|Manor Road|Church Street|Park Avenue|Queens Road|New Road|Grange Road|Kings Road|London Road|Mill Lane|Albert Road|The Crescent|Springfield Road|Alexandra Road|Windsor Road|York Road|St John's Road|Highfield Road|Chester Road|The Avenue|Oxford Street|Queen Street|Mill Road|Cambridge Road|Stanley Road",
        street_fmt: &[
            "{n} {s}",
            "{n} {s}",
            "Flat {u}|{n} {s}",
            "Flat {u}, {n} {s}",
            "{n}{a} {s}",
        ],
        house: (1, 250),
        post_share: 0.95,
        region: false,
        domains: &[
            ("gmail.com", 35),
            ("hotmail.co.uk", 12),
            ("outlook.com", 8),
            ("yahoo.co.uk", 8),
            ("btinternet.com", 6),
            ("icloud.com", 6),
            ("sky.com", 3),
            ("live.co.uk", 3),
            ("hotmail.com", 4),
            ("googlemail.com", 2),
        ],
        tld: "co.uk",
        legal: "Ltd|PLC|LLP",
        kb: Kb::Qwerty,
    },
    Country {
        code: "IE",
        cc: "353",
        trunk: "0",
        mob: "83|85|86|87|89",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: IE_FMT,
        land_fmt: IE_FMT,
        land_share: 0.2,
        cities: IE_CITIES,
        streets: "Main Street|O'Connell Street|Church Road|Grafton Street|Patrick Street|Shop Street|Dame Street|Castle Street|Bridge Street|Station Road|Griffith Avenue|Ranelagh Road|Rathmines Road|Clontarf Road|Parnell Street|Strand Road|Mary Street",
        street_fmt: &["{n} {s}", "{n} {s}", "Apartment {u}|{n} {s}"],
        house: (1, 200),
        post_share: 0.55,
        region: false,
        domains: &[
            ("gmail.com", 40),
            ("hotmail.com", 12),
            ("eircom.net", 8),
            ("outlook.com", 8),
            ("icloud.com", 6),
            ("yahoo.ie", 4),
            ("live.ie", 3),
        ],
        tld: "ie",
        legal: "Ltd|DAC",
        kb: Kb::Qwerty,
    },
    Country {
        code: "AU",
        cc: "61",
        trunk: "0",
        mob: "4",
        mob_city: false,
        mob_sub: 8,
        mob_fmt: AU_MOB,
        land_fmt: AU_LAND,
        land_share: 0.2,
        cities: AU_CITIES,
        streets: "George Street|Pitt Street|Collins Street|Bourke Street|Queen Street|King Street|Elizabeth Street|Victoria Street|Church Street|High Street|Station Street|Bridge Road|Beach Road|Ocean Drive|Park Avenue|Railway Parade|The Esplanade|Wattle Street|Banksia Avenue|Acacia Road|Hay Street|Rundle Street",
        street_fmt: &["{n} {s}", "{n} {s}", "{u}/{n} {s}", "Unit {u}, {n} {s}"],
        house: (1, 400),
        post_share: 0.97,
        region: true,
        domains: &[
            ("gmail.com", 40),
            ("bigpond.com", 12),
            ("hotmail.com", 10),
            ("outlook.com", 8),
            ("yahoo.com.au", 6),
            ("optusnet.com.au", 5),
            ("icloud.com", 8),
        ],
        tld: "com.au",
        legal: "Pty Ltd",
        kb: Kb::Qwerty,
    },
    Country {
        code: "DE",
        cc: "49",
        trunk: "0",
        mob: "151|152|157|159|160|162|163|170|171|172|173|174|175|176|177|178|179",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: DE_MOB,
        land_fmt: DE_LAND,
        land_share: 0.35,
        cities: DE_CITIES,
        streets: "Hauptstraße|Schulstraße|Gartenstraße|Bahnhofstraße|Dorfstraße|Bergstraße|Birkenweg|Lindenstraße|Kirchstraße|Waldstraße|Ringstraße|Schillerstraße|Goethestraße|Am Markt|Jahnstraße|Wiesenweg|Friedrichstraße|Mozartstraße|Blumenstraße|Feldstraße|Rosenweg|Sonnenstraße|Kastanienallee|Lindenallee|Beethovenstraße|Uhlandstraße|Marktplatz|Kantstraße|Parkstraße|Eichendorffstraße|Schloßstraße|Mühlenweg",
        street_fmt: &["{s} {n}", "{s} {n}", "{s} {n}{a}", "{s} {n}|{c}. OG"],
        house: (1, 160),
        post_share: 0.98,
        region: false,
        domains: &[
            ("gmail.com", 20),
            ("web.de", 20),
            ("gmx.de", 18),
            ("gmx.net", 6),
            ("t-online.de", 10),
            ("outlook.de", 4),
            ("yahoo.de", 3),
            ("posteo.de", 2),
            ("icloud.com", 3),
            ("freenet.de", 2),
            ("hotmail.de", 3),
            ("googlemail.com", 3),
        ],
        tld: "de",
        legal: "GmbH|AG|GmbH & Co. KG|SE",
        kb: Kb::Qwertz,
    },
    Country {
        code: "AT",
        cc: "43",
        trunk: "0",
        mob: "650|660|664|676|680|681|688|699",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: DE_MOB,
        land_fmt: DE_LAND,
        land_share: 0.3,
        cities: AT_CITIES,
        streets: "Hauptstraße|Mariahilfer Straße|Landstraßer Hauptstraße|Favoritenstraße|Bahnhofstraße|Kirchengasse|Schulgasse|Lindengasse|Mozartgasse|Herrengasse|Ringstraße|Wiener Straße|Grazer Straße|Dorfstraße|Neubaugasse|Annenstraße",
        street_fmt: &["{s} {n}", "{s} {n}/{u}", "{s} {n}/{c}/{u}"],
        house: (1, 120),
        post_share: 0.98,
        region: false,
        domains: &[
            ("gmail.com", 25),
            ("gmx.at", 15),
            ("aon.at", 6),
            ("chello.at", 3),
            ("outlook.com", 6),
            ("hotmail.com", 5),
            ("yahoo.com", 3),
            ("gmx.net", 4),
            ("icloud.com", 3),
        ],
        tld: "at",
        legal: "GmbH|AG",
        kb: Kb::Qwertz,
    },
    Country {
        code: "CH",
        cc: "41",
        trunk: "0",
        mob: "76|77|78|79",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: CH_FMT,
        land_fmt: CH_FMT,
        land_share: 0.3,
        cities: CH_CITIES,
        streets: "Bahnhofstrasse|Hauptstrasse|Dorfstrasse|Kirchgasse|Seestrasse|Rue du Rhône|Rue de Lausanne|Avenue de la Gare|Via Nassa|Marktgasse|Schulhausstrasse|Bergstrasse|Chemin des Vignes|Route de Genève|Spitalgasse|Zürichstrasse",
        street_fmt: &["{s} {n}", "{s} {n}", "{s} {n}{a}"],
        house: (1, 120),
        post_share: 0.98,
        region: false,
        domains: &[
            ("gmail.com", 25),
            ("bluewin.ch", 18),
            ("gmx.ch", 8),
            ("hispeed.ch", 3),
            ("sunrise.ch", 3),
            ("outlook.com", 5),
            ("hotmail.com", 4),
            ("icloud.com", 4),
            ("protonmail.com", 2),
        ],
        tld: "ch",
        legal: "AG|GmbH|SA",
        kb: Kb::Qwertz,
    },
    Country {
        code: "FR",
        cc: "33",
        trunk: "0",
        mob: "6|7",
        mob_city: false,
        mob_sub: 8,
        mob_fmt: FR_FMT,
        land_fmt: FR_FMT,
        land_share: 0.25,
        cities: FR_CITIES,
        streets: "rue de la République|rue Victor Hugo|rue Pasteur|avenue Jean Jaurès|rue Jean Jaurès|boulevard Voltaire|rue de la Paix|place de la Mairie|rue du Moulin|rue des Écoles|rue de l'Église|avenue de la Gare|rue Nationale|allée des Tilleuls|chemin des Vignes|rue Gambetta|boulevard Saint-Michel|rue du Faubourg Saint-Antoine|impasse des Lilas|rue Émile Zola|avenue du Général de Gaulle|rue Carnot",
        street_fmt: &[
            "{n} {s}",
            "{n}, {s}",
            "{n} bis {s}",
            "Appt {u}|{n} {s}",
            "{n} {s}|Bât. {a}",
        ],
        house: (1, 180),
        post_share: 0.98,
        region: false,
        domains: &[
            ("gmail.com", 25),
            ("orange.fr", 15),
            ("hotmail.fr", 12),
            ("free.fr", 10),
            ("wanadoo.fr", 5),
            ("laposte.net", 6),
            ("sfr.fr", 6),
            ("yahoo.fr", 5),
            ("outlook.fr", 3),
            ("icloud.com", 3),
        ],
        tld: "fr",
        legal: "SAS|SA|SARL",
        kb: Kb::Azerty,
    },
    Country {
        code: "BE",
        cc: "32",
        trunk: "0",
        mob: "470|471|472|473|474|475|476|477|478|479|483|484|485|486|487|488|489|491|492|493|494|495|496|497|498|499",
        mob_city: false,
        mob_sub: 6,
        mob_fmt: BE_FMT,
        land_fmt: BE_FMT,
        land_share: 0.25,
        cities: BE_CITIES,
        streets: "Rue Neuve|Avenue Louise|Chaussée de Waterloo|Rue de la Loi|Kerkstraat|Stationsstraat|Meir|Grote Markt|Nieuwstraat|Dorpsstraat|Rue du Marché|Boulevard Anspach|Veldstraat|Brugsesteenweg|Rue Haute|Rue de l'Église",
        street_fmt: &[
            "{s} {n}",
            "{s} {n}",
            "{s} {n}/{u}",
            "{s} {n} bus {u}",
            "{s} {n} boîte {u}",
        ],
        house: (1, 250),
        post_share: 0.98,
        region: false,
        domains: &[
            ("gmail.com", 30),
            ("skynet.be", 10),
            ("telenet.be", 12),
            ("hotmail.com", 10),
            ("outlook.com", 5),
            ("proximus.be", 4),
            ("yahoo.fr", 3),
            ("hotmail.be", 3),
        ],
        tld: "be",
        legal: "SA|NV|BV|SRL",
        kb: Kb::Azerty,
    },
    Country {
        code: "ES",
        cc: "34",
        trunk: "",
        mob: "600|605|609|610|615|616|619|620|622|626|628|630|633|636|639|644|646|648|650|652|655|656|659|660|661|663|666|670|676|680|685|686|690|691|695|699|711|722",
        mob_city: false,
        mob_sub: 6,
        mob_fmt: ES_MOB,
        land_fmt: ES_LAND,
        land_share: 0.2,
        cities: ES_CITIES,
        streets: "Calle Mayor|Calle Real|Calle de Alcalá|Gran Vía|Calle Serrano|Avenida de la Constitución|Calle Nueva|Plaza Mayor|Calle del Sol|Paseo de Gracia|Calle de Atocha|Avenida Diagonal|Calle San Juan|Calle de la Iglesia|Calle Colón|Rambla de Catalunya|Calle Larios|Avenida de América|Calle de la Princesa|Calle del Carmen",
        street_fmt: &["{s}, {n}", "{s} {n}, {c}º {a}", "{s}, {n}, {c}º", "{s} {n}"],
        house: (1, 200),
        post_share: 0.97,
        region: false,
        domains: &[
            ("gmail.com", 40),
            ("hotmail.es", 15),
            ("yahoo.es", 8),
            ("outlook.es", 8),
            ("hotmail.com", 6),
            ("telefonica.net", 4),
            ("icloud.com", 3),
        ],
        tld: "es",
        legal: "S.L.|S.A.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "MX",
        cc: "52",
        trunk: "",
        mob: "",
        mob_city: true,
        mob_sub: 0,
        mob_fmt: MX_MOB,
        land_fmt: MX_LAND,
        land_share: 0.2,
        cities: MX_CITIES,
        streets: "Avenida Insurgentes Sur|Paseo de la Reforma|Calle Madero|Avenida Juárez|Calle Hidalgo|Calle Morelos|Avenida Revolución|Calle 5 de Mayo|Avenida Universidad|Calle Zaragoza|Avenida Chapultepec|Calle Independencia|Calle Allende|Avenida Vallarta|Calle Guerrero",
        street_fmt: &[
            "{s} {n}",
            "{s} {n} Int. {u}",
            "{s} #{n}",
            "{s} {n}, Depto. {U}",
        ],
        house: (1, 3000),
        post_share: 0.85,
        region: true,
        domains: &[
            ("gmail.com", 40),
            ("hotmail.com", 25),
            ("yahoo.com.mx", 10),
            ("outlook.com", 8),
            ("prodigy.net.mx", 3),
            ("live.com.mx", 3),
            ("icloud.com", 3),
        ],
        tld: "com.mx",
        legal: "S.A. de C.V.|S. de R.L. de C.V.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "BR",
        cc: "55",
        trunk: "0",
        mob: "9",
        mob_city: true,
        mob_sub: 8,
        mob_fmt: BR_FMT,
        land_fmt: BR_FMT,
        land_share: 0.15,
        cities: BR_CITIES,
        streets: "Rua das Flores|Avenida Paulista|Rua Augusta|Rua XV de Novembro|Avenida Brasil|Rua São João|Rua da Consolação|Avenida Atlântica|Rua Sete de Setembro|Avenida Rio Branco|Rua Direita|Rua do Comércio|Avenida Getúlio Vargas|Rua Santos Dumont|Rua Tiradentes|Avenida Afonso Pena|Rua Oscar Freire|Rua Barão de Itapetininga",
        street_fmt: &[
            "{s}, {n}",
            "{s}, {n}, apto {U}",
            "{s}, {n} - apto {U}",
            "{s} {n}",
        ],
        house: (1, 3000),
        post_share: 0.9,
        region: true,
        domains: &[
            ("gmail.com", 45),
            ("hotmail.com", 20),
            ("yahoo.com.br", 10),
            ("outlook.com", 8),
            ("uol.com.br", 5),
            ("bol.com.br", 4),
            ("terra.com.br", 3),
            ("icloud.com", 2),
        ],
        tld: "com.br",
        legal: "Ltda.|S.A.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "PT",
        cc: "351",
        trunk: "",
        mob: "91|92|93|96",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: PT_MOB,
        land_fmt: PT_LAND,
        land_share: 0.2,
        cities: PT_CITIES,
        streets: "Rua Augusta|Avenida da Liberdade|Rua de Santa Catarina|Rua do Ouro|Rua da Prata|Avenida dos Aliados|Rua Garrett|Rua de Cedofeita|Avenida da República|Rua Direita|Largo do Carmo|Rua do Almada|Rua das Flores|Avenida Almirante Reis|Rua de São Bento",
        street_fmt: &[
            "{s}, {n}",
            "{s}, {n}, {c}º Esq",
            "{s} {n} {c}º Dto",
            "{s} {n}",
        ],
        house: (1, 300),
        post_share: 0.95,
        region: false,
        domains: &[
            ("gmail.com", 40),
            ("hotmail.com", 15),
            ("sapo.pt", 15),
            ("outlook.pt", 5),
            ("netcabo.pt", 3),
            ("live.com.pt", 3),
            ("icloud.com", 2),
        ],
        tld: "pt",
        legal: "Lda.|S.A.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "IT",
        cc: "39",
        trunk: "",
        mob: "320|328|329|330|333|334|335|338|339|340|342|345|346|347|348|349|350|360|366|368|380|388|389|391|392|393",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: IT_MOB,
        land_fmt: IT_LAND,
        land_share: 0.3,
        cities: IT_CITIES,
        streets: "Via Roma|Via Giuseppe Garibaldi|Via Giuseppe Mazzini|Corso Vittorio Emanuele II|Via Dante Alighieri|Piazza del Duomo|Via Cavour|Via Verdi|Via XX Settembre|Viale Europa|Via Nazionale|Via Marconi|Corso Italia|Via della Repubblica|Via San Francesco|Via dei Mille|Piazza Garibaldi|Via Manzoni|Via Toledo|Via del Corso",
        street_fmt: &["{s} {n}", "{s}, {n}", "{s} {n}/{a}", "{s}, {n} int. {u}"],
        house: (1, 200),
        post_share: 0.97,
        region: true,
        domains: &[
            ("gmail.com", 35),
            ("libero.it", 15),
            ("hotmail.it", 10),
            ("yahoo.it", 8),
            ("alice.it", 5),
            ("virgilio.it", 6),
            ("tiscali.it", 3),
            ("outlook.it", 3),
            ("icloud.com", 3),
        ],
        tld: "it",
        legal: "S.p.A.|S.r.l.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "NL",
        cc: "31",
        trunk: "0",
        mob: "6",
        mob_city: false,
        mob_sub: 8,
        mob_fmt: NL_MOB,
        land_fmt: NL_LAND,
        land_share: 0.15,
        cities: NL_CITIES,
        streets: "Kerkstraat|Dorpsstraat|Schoolstraat|Molenweg|Stationsweg|Hoofdstraat|Julianastraat|Wilhelminastraat|Beatrixstraat|Emmastraat|Nieuwstraat|Prinsengracht|Keizersgracht|Marktplein|Oranjestraat|Parallelweg|Industrieweg|Spoorstraat|Kastanjelaan|Eikenlaan",
        street_fmt: &[
            "{s} {n}",
            "{s} {n}",
            "{s} {n}{a}",
            "{s} {n}-{u}",
            "{s} {n} {a}",
        ],
        house: (1, 250),
        post_share: 0.97,
        region: false,
        domains: &[
            ("gmail.com", 35),
            ("hotmail.com", 12),
            ("ziggo.nl", 10),
            ("kpnmail.nl", 8),
            ("outlook.com", 6),
            ("live.nl", 4),
            ("planet.nl", 3),
            ("xs4all.nl", 2),
            ("hotmail.nl", 3),
            ("icloud.com", 3),
        ],
        tld: "nl",
        legal: "B.V.|N.V.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "PL",
        cc: "48",
        trunk: "",
        mob: "501|502|503|505|506|507|509|510|512|514|515|518|530|531|533|535|600|601|602|604|605|606|607|660|661|664|665|667|668|691|692|693|695|697|698|723|724|725|727|730|733|737|781|782|785|790|791|880|881|882|883|884|885|886|887|888|889",
        mob_city: false,
        mob_sub: 6,
        mob_fmt: PL_MOB,
        land_fmt: PL_LAND,
        land_share: 0.15,
        cities: PL_CITIES,
        streets: "ul. Marszałkowska|ul. Długa|ul. Polna|ul. Leśna|ul. Słoneczna|ul. Krótka|ul. Szkolna|ul. Ogrodowa|ul. Lipowa|ul. Kościuszki|ul. Mickiewicza|ul. Piłsudskiego|al. Jerozolimskie|ul. Floriańska|ul. Piotrkowska|ul. Świętojańska|ul. Wojska Polskiego|ul. Sienkiewicza|ul. Kwiatowa|ul. Chopina",
        street_fmt: &["{s} {n}", "{s} {n}/{u}", "{s} {n} m. {u}", "{s} {n}{a}/{u}"],
        house: (1, 150),
        post_share: 0.97,
        region: false,
        domains: &[
            ("gmail.com", 30),
            ("wp.pl", 15),
            ("o2.pl", 12),
            ("onet.pl", 12),
            ("interia.pl", 10),
            ("op.pl", 5),
            ("outlook.com", 3),
        ],
        tld: "pl",
        legal: "Sp. z o.o.|S.A.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "TR",
        cc: "90",
        trunk: "0",
        mob: "501|505|506|507|530|531|532|533|534|535|536|537|538|539|541|542|543|544|545|546|549|551|552|553|554|555|559",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: TR_FMT,
        land_fmt: TR_FMT,
        land_share: 0.15,
        cities: TR_CITIES,
        streets: "Atatürk Caddesi|Cumhuriyet Caddesi|İstiklal Caddesi|Bağdat Caddesi|Gazi Mustafa Kemal Bulvarı|İnönü Caddesi|Fevzi Çakmak Sokak|Menekşe Sokak|Lale Sokak|Gül Sokak|Barbaros Bulvarı|Halaskargazi Caddesi|Cemal Gürsel Caddesi|Kazım Karabekir Caddesi|Çiçek Sokak",
        street_fmt: &[
            "{s} No: {n}",
            "{s} No:{n} D:{u}",
            "{s} No. {n} Daire {u}",
            "{s} No: {n}/{u}",
        ],
        house: (1, 150),
        post_share: 0.6,
        region: false,
        domains: &[
            ("gmail.com", 45),
            ("hotmail.com", 25),
            ("yahoo.com", 8),
            ("outlook.com", 6),
            ("yandex.com.tr", 4),
            ("icloud.com", 2),
        ],
        tld: "com.tr",
        legal: "A.Ş.|Ltd. Şti.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "SE",
        cc: "46",
        trunk: "0",
        mob: "70|72|73|76|79",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: SE_FMT,
        land_fmt: SE_FMT,
        land_share: 0.1,
        cities: SE_CITIES,
        streets: "Storgatan|Drottninggatan|Kungsgatan|Vasagatan|Sveavägen|Östra Hamngatan|Köpmangatan|Skolgatan|Kyrkogatan|Järnvägsgatan|Parkvägen|Björkvägen|Tallvägen|Ringvägen|Strandvägen|Åsgatan|Nygatan|Södra Vägen|Linnégatan",
        street_fmt: &["{s} {n}", "{s} {n}", "{s} {n} {a}", "{s} {n}, lgh {U}"],
        house: (1, 120),
        post_share: 0.97,
        region: false,
        domains: &[
            ("gmail.com", 35),
            ("hotmail.com", 15),
            ("telia.com", 10),
            ("outlook.com", 6),
            ("live.se", 4),
            ("bredband.net", 3),
            ("icloud.com", 3),
            ("yahoo.se", 2),
        ],
        tld: "se",
        legal: "AB",
        kb: Kb::Qwerty,
    },
    Country {
        code: "NO",
        cc: "47",
        trunk: "",
        mob: "40|41|45|46|47|48|90|91|92|93|94|95|97|98|99",
        mob_city: false,
        mob_sub: 6,
        mob_fmt: NO_MOB,
        land_fmt: NO_LAND,
        land_share: 0.05,
        cities: NO_CITIES,
        streets: "Storgata|Karl Johans gate|Kirkegata|Dronningens gate|Kongens gate|Bogstadveien|Markveien|Skolegata|Torggata|Thereses gate|Strandgata|Sjøgata|Nygata|Parkveien|Bjørkeveien|Grensen|Løkkeveien|Fjellveien",
        street_fmt: &["{s} {n}", "{s} {n}", "{s} {n}{a}", "{s} {n}, H0{c}0{c}"],
        house: (1, 120),
        post_share: 0.97,
        region: false,
        domains: &[
            ("gmail.com", 35),
            ("hotmail.com", 12),
            ("online.no", 10),
            ("outlook.com", 6),
            ("live.no", 4),
            ("icloud.com", 3),
            ("yahoo.no", 2),
        ],
        tld: "no",
        legal: "AS|ASA",
        kb: Kb::Qwerty,
    },
    Country {
        code: "DK",
        cc: "45",
        trunk: "",
        mob: "20|21|22|23|24|25|26|27|28|29|30|31|40|41|42|50|51|52|53|60|61|71|81|91|93",
        mob_city: false,
        mob_sub: 6,
        mob_fmt: DK_FMT,
        land_fmt: DK_FMT,
        land_share: 0.05,
        cities: DK_CITIES,
        streets: "Vestergade|Østergade|Nørregade|Søndergade|Strøget|Algade|Skolegade|Kirkevej|Stationsvej|Bredgade|Havnegade|Jernbanegade|Engvej|Skovvej|Møllevej|Nørrebrogade|Amagerbrogade|Frederiksberg Allé|Vesterbrogade",
        street_fmt: &[
            "{s} {n}",
            "{s} {n}",
            "{s} {n}, {c}. tv",
            "{s} {n}, st. th",
            "{s} {n}{a}, {c}. mf",
        ],
        house: (1, 150),
        post_share: 0.97,
        region: false,
        domains: &[
            ("gmail.com", 35),
            ("hotmail.com", 12),
            ("mail.dk", 6),
            ("outlook.dk", 5),
            ("live.dk", 5),
            ("jubii.dk", 3),
            ("icloud.com", 3),
            ("yahoo.dk", 2),
        ],
        tld: "dk",
        legal: "A/S|ApS",
        kb: Kb::Qwerty,
    },
    Country {
        code: "RU",
        cc: "7",
        trunk: "8",
        mob: "903|905|906|909|910|915|916|917|919|925|926|929|961|962|963|964|965|967|977|985|999",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: RU_FMT,
        land_fmt: RU_FMT,
        land_share: 0.2,
        cities: RU_CITIES,
        streets: "ul. Tverskaya|ul. Lenina|ul. Pushkina|prospekt Mira|ul. Gagarina|ul. Sovetskaya|ul. Mira|Nevsky prospekt|ul. Arbat|ul. Sadovaya|ul. Kirova|ul. Oktyabrskaya|Leninsky prospekt|ul. Novaya|ul. Tsentralnaya|ul. Molodezhnaya|Kutuzovsky prospekt|ul. Lesnaya",
        street_fmt: &[
            "{s}, d. {n}, kv. {U}",
            "{s} {n}-{U}",
            "{s}, {n}, kv. {U}",
            "{s}, d. {n}, korp. {c}, kv. {U}",
        ],
        house: (1, 120),
        post_share: 0.8,
        region: false,
        domains: &[
            ("mail.ru", 25),
            ("yandex.ru", 25),
            ("gmail.com", 20),
            ("rambler.ru", 6),
            ("bk.ru", 5),
            ("list.ru", 4),
            ("inbox.ru", 3),
            ("ya.ru", 2),
        ],
        tld: "ru",
        legal: "OOO|AO",
        kb: Kb::Qwerty,
    },
    Country {
        code: "GR",
        cc: "30",
        trunk: "",
        mob: "690|693|694|695|697|698|699",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: GR_MOB,
        land_fmt: GR_LAND,
        land_share: 0.3,
        cities: GR_CITIES,
        streets: "Ermou|Stadiou|Panepistimiou|Akadimias|Patision|Vasilissis Sofias|Egnatia|Tsimiski|Mitropoleos|Athinas|Kifisias|Syngrou|Alexandras|Ippokratous|Solonos",
        street_fmt: &["{s} {n}", "{s} {n}", "Odos {s} {n}"],
        house: (1, 200),
        post_share: 0.9,
        region: false,
        domains: &[
            ("gmail.com", 40),
            ("yahoo.gr", 15),
            ("hotmail.com", 15),
            ("otenet.gr", 8),
            ("outlook.com", 4),
            ("hotmail.gr", 3),
        ],
        tld: "gr",
        legal: "A.E.|I.K.E.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "IN",
        cc: "91",
        trunk: "0",
        mob: "98|99|97|96|95|94|93|91|90|89|88|87|86|85|84|83|82|81|80|79|78|77|76|75|74|73|72|70|63|62",
        mob_city: false,
        mob_sub: 8,
        mob_fmt: IN_MOB,
        land_fmt: IN_LAND,
        land_share: 0.1,
        cities: IN_CITIES,
        streets: "MG Road|Park Street|Linking Road|Brigade Road|Anna Salai|Nehru Road|Station Road|Gandhi Nagar|Shivaji Nagar|Civil Lines|Residency Road|Church Street|Hill Road|Sector 15|Banjara Hills Road|Jubilee Hills Road|Lajpat Nagar|Koramangala 5th Block|Indiranagar 100 Feet Road|FC Road",
        street_fmt: &[
            "{n}, {s}",
            "Flat {U}, {s}",
            "{n}/{u} {s}",
            "House No. {n}, {s}",
            "{U}, Sai Krupa Apartments|{s}",
        ],
        house: (1, 400),
        post_share: 0.9,
        region: true,
        domains: &[
            ("gmail.com", 60),
            ("yahoo.co.in", 12),
            ("rediffmail.com", 8),
            ("hotmail.com", 6),
            ("outlook.com", 6),
            ("yahoo.com", 4),
        ],
        tld: "in",
        legal: "Pvt. Ltd.|Ltd.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "CN",
        cc: "86",
        trunk: "0",
        mob: "130|131|132|133|134|135|136|137|138|139|150|151|152|153|155|156|157|158|159|170|176|177|178|180|181|182|183|185|186|187|188|189|198|199",
        mob_city: false,
        mob_sub: 8,
        mob_fmt: CN_MOB,
        land_fmt: CN_LAND,
        land_share: 0.1,
        cities: CN_CITIES,
        streets: "Nanjing Road|Huaihai Road|Jianguo Road|Chang'an Avenue|Renmin Road|Zhongshan Road|Jiefang Road|Heping Road|Wangfujing Street|Dongfeng Road|Xinhua Road|Beijing Road|Shennan Avenue|Tianhe Road|Wenyi Road|Hubin Road",
        street_fmt: &[
            "{n} {s}",
            "No. {n} {s}",
            "{s} No. {n}, Room {U}",
            "{n} {s}, Building {c}, Room {U}",
        ],
        house: (1, 800),
        post_share: 0.8,
        region: false,
        domains: &[
            ("qq.com", 35),
            ("163.com", 25),
            ("126.com", 10),
            ("sina.com", 6),
            ("gmail.com", 8),
            ("hotmail.com", 4),
            ("foxmail.com", 3),
            ("outlook.com", 3),
        ],
        tld: "cn",
        legal: "Co., Ltd.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "JP",
        cc: "81",
        trunk: "0",
        mob: "90|80|70",
        mob_city: false,
        mob_sub: 8,
        mob_fmt: JP_MOB,
        land_fmt: JP_LAND,
        land_share: 0.25,
        cities: JP_CITIES,
        streets: "Shibuya|Shinjuku|Ginza|Roppongi|Akasaka|Ueno|Ikebukuro|Umeda|Namba|Sakae|Tenjin|Chuo|Minatomirai|Sannomiya|Gion|Aoba|Nakano|Meguro",
        street_fmt: &[
            "{c}-{n}-{u} {s}",
            "{s} {c}-{n}-{u}",
            "{s} {c}-{n}-{u}|Room {U}",
        ],
        house: (1, 30),
        post_share: 0.9,
        region: false,
        domains: &[
            ("gmail.com", 30),
            ("yahoo.co.jp", 25),
            ("docomo.ne.jp", 10),
            ("ezweb.ne.jp", 8),
            ("softbank.ne.jp", 6),
            ("icloud.com", 8),
            ("outlook.jp", 3),
        ],
        tld: "co.jp",
        legal: "K.K.|Co., Ltd.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "KR",
        cc: "82",
        trunk: "0",
        mob: "10",
        mob_city: false,
        mob_sub: 8,
        mob_fmt: KR_MOB,
        land_fmt: KR_LAND,
        land_share: 0.1,
        cities: KR_CITIES,
        streets: "Teheran-ro|Gangnam-daero|Sejong-daero|Jong-ro|Eulji-ro|Olympic-ro|Hannam-daero|Itaewon-ro|Dosan-daero|Apgujeong-ro|Haeundae-ro|Jungang-daero|Gyeongin-ro|Dongil-ro|Songpa-daero",
        street_fmt: &[
            "{s} {n}",
            "{n} {s}",
            "{s} {n}, #{U}",
            "{s} {n}, {c}0{c}-dong {U}-ho",
        ],
        house: (1, 500),
        post_share: 0.85,
        region: false,
        domains: &[
            ("naver.com", 45),
            ("daum.net", 15),
            ("gmail.com", 25),
            ("hanmail.net", 10),
            ("kakao.com", 4),
        ],
        tld: "co.kr",
        legal: "Co., Ltd.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "VN",
        cc: "84",
        trunk: "0",
        mob: "90|91|93|94|96|97|98|32|33|34|35|36|37|38|39|70|76|77|78|79|81|82|83|84|85|86|88|89",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: VN_MOB,
        land_fmt: VN_LAND,
        land_share: 0.05,
        cities: VN_CITIES,
        streets: "Nguyễn Huệ|Lê Lợi|Trần Hưng Đạo|Hai Bà Trưng|Lý Thường Kiệt|Điện Biên Phủ|Nguyễn Trãi|Lê Duẩn|Phố Huế|Hàng Bài|Bạch Đằng|Trần Phú|Pasteur|Võ Văn Tần|Cách Mạng Tháng Tám",
        street_fmt: &[
            "{n} {s}",
            "Số {n} {s}",
            "{n}/{u} {s}",
            "{n} {s}, Phường {c}",
        ],
        house: (1, 400),
        post_share: 0.3,
        region: false,
        domains: &[
            ("gmail.com", 70),
            ("yahoo.com.vn", 12),
            ("yahoo.com", 8),
            ("outlook.com", 5),
            ("hotmail.com", 3),
        ],
        tld: "vn",
        legal: "JSC|Co., Ltd.",
        kb: Kb::Qwerty,
    },
    Country {
        code: "NG",
        cc: "234",
        trunk: "0",
        mob: "803|805|806|807|808|809|810|813|814|816|703|706|708|701|802|812|902|903|905|906|907|908|909|915|916",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: NG_MOB,
        land_fmt: NG_LAND,
        land_share: 0.02,
        cities: NG_CITIES,
        streets: "Allen Avenue|Adeola Odeku Street|Awolowo Road|Admiralty Way|Ahmadu Bello Way|Herbert Macaulay Way|Broad Street|Ikorodu Road|Aminu Kano Crescent|Ogunlana Drive|Opebi Road|Bode Thomas Street|Adetokunbo Ademola Crescent|Trans-Amadi Road|Ring Road",
        street_fmt: &["{n} {s}", "Plot {n}, {s}", "{n}, {s}", "Flat {u}, {n} {s}"],
        house: (1, 200),
        post_share: 0.3,
        region: true,
        domains: &[
            ("gmail.com", 65),
            ("yahoo.com", 25),
            ("hotmail.com", 5),
            ("outlook.com", 5),
        ],
        tld: "com.ng",
        legal: "Ltd|PLC",
        kb: Kb::Qwerty,
    },
    Country {
        code: "AE",
        cc: "971",
        trunk: "0",
        mob: "50|52|54|55|56|58",
        mob_city: false,
        mob_sub: 7,
        mob_fmt: AE_FMT,
        land_fmt: AE_FMT,
        land_share: 0.1,
        cities: AE_CITIES,
        streets: "Al Barsha|Jumeirah Beach Road|Sheikh Zayed Road|Al Wasl Road|Dubai Marina|Business Bay|Deira|Bur Dubai|Al Nahda|Corniche Road|Al Khalidiyah|Al Reem Island|Khalifa City|Al Majaz|Al Qusais",
        street_fmt: &[
            "Villa {n}, Street {u}, {s}",
            "Apartment {U}, {s}",
            "Flat {U}, Building {n}|{s}",
        ],
        house: (1, 120),
        post_share: 0.0,
        region: false,
        domains: &[
            ("gmail.com", 45),
            ("hotmail.com", 20),
            ("yahoo.com", 10),
            ("outlook.com", 10),
            ("eim.ae", 3),
            ("icloud.com", 4),
        ],
        tld: "ae",
        legal: "LLC|FZE|FZ-LLC",
        kb: Kb::Qwerty,
    },
];

/// A naming culture: given and family names (most common first; `Latin=native` where the
/// culture has its own script), synthetic rare family names, and where its people live.
struct Culture {
    key: &'static str,
    weight: f64,
    given: &'static str,
    family: &'static str,
    /// Rare family names: a part from each list; the share of people with one.
    tail: (&'static str, &'static str, f64),
    /// Rare given names: two syllables, a joiner, the share.
    gtail: (&'static str, &'static str, &'static str, f64),
    /// Countries of residence (ISO code, weight).
    homes: &'static [(&'static str, u32)],
    /// Share with two family names (`García López`).
    double: f64,
    /// Middle names written with the given name, and their share.
    middle: (&'static str, f64),
    /// Family name first where the culture writes it (swaps are common).
    east: bool,
}

const NO_TAIL: (&str, &str, f64) = ("", "", 0.0);
const NO_GTAIL: (&str, &str, &str, f64) = ("", "", "", 0.0);

const CULTURES: &[Culture] = &[
    Culture {
        key: "en",
        weight: 20.0,
        given: "James|Mary|John|Patricia|Robert|Jennifer|Michael|Linda|William|Elizabeth|David|Barbara|Richard|Susan|Joseph|Jessica|Thomas|Sarah|Christopher|Karen|Charles|Lisa|Daniel|Nancy|Matthew|Betty|Anthony|Margaret|Mark|Sandra|Steven|Ashley|Paul|Emily|Andrew|Donna|Joshua|Michelle|Kenneth|Carol|Kevin|Amanda|Brian|Melissa|George|Deborah|Edward|Stephanie|Oliver|Olivia|Jack|Amelia|Harry|Isla|Noah|Ava|Ethan|Sophie|Liam|Emma|Charlotte|Grace|Chloe|Zoë|Katherine|Rebecca|Alexander|Benjamin|Samuel|Lucy|Hannah|Timothy|Victoria|Megan|Jacob|Ryan|Nicholas|Tyler|Brandon|Madison|Abigail|Logan|Catherine|Philip|Geoffrey",
        family: "Smith|Johnson|Williams|Brown|Jones|Miller|Davis|Wilson|Anderson|Taylor|Thomas|Moore|Jackson|Martin|White|Thompson|Harris|Clark|Lewis|Robinson|Walker|Young|Allen|King|Wright|Scott|Hill|Green|Adams|Baker|Nelson|Carter|Mitchell|Roberts|Turner|Phillips|Campbell|Parker|Evans|Edwards|Collins|Stewart|Morris|Murphy|Cook|Rogers|Morgan|Cooper|Peterson|Reed|Bailey|Bell|Kelly|Howard|Ward|Cox|Richardson|Wood|Watson|Brooks|Bennett|Gray|Hughes|Price|Sanders|Hall|Lee|Walsh|Fletcher|Lovelace|Hopper|McDonald|MacLeod|Fitzgerald|St. John|Davies|Jenkins|Lloyd|Owen|Griffiths|Powell|Foster|Barnes|Fisher|Russell|Graham|Spencer|Holmes|Knight|Pearson|Webb|Chapman",
        tail: (
            "Ash|Brad|Brook|Castle|Cole|Cran|Dal|Fair|Fern|Gold|Hart|Hay|Holl|Kings|Lang|Mar|Mid|Mill|North|Pem|Rad|Red|Ross|Shel|Stan|Stock|Thorn|Wal|West|Whit|Wood|Al|Ber|Cart|Dun|Gar|Har|Lock|Mor|Pen|Rich|Sal|Tal|Went|Wins",
            "ford|ley|ton|wood|field|by|ham|well|worth|more|stead|dale|brook|wick|ridge|combe|bury|shaw|den|ington",
            0.55,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("US", 45),
            ("GB", 28),
            ("CA", 10),
            ("AU", 10),
            ("IE", 3),
            ("DE", 1),
            ("FR", 1),
            ("ES", 1),
            ("AE", 1),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "ie",
        weight: 2.0,
        given: "Seán|Aoife|Siobhán|Ciarán|Niamh|Conor|Saoirse|Patrick|Máire|Cian|Róisín|Oisín|Caoimhe|Darragh|Aisling|Eoin|Orla|Pádraig|Sinéad|Cormac|Declan|Fiona|Brendan|Éabha|Liam|Ciara|Niall|Gráinne|Colm|Deirdre",
        family: "Murphy|Kelly|O'Sullivan|Walsh|Smith|O'Brien|Byrne|Ryan|O'Connor|O'Neill|O'Reilly|Doyle|McCarthy|Gallagher|O'Doherty|Kennedy|Lynch|Murray|Quinn|Moore|McLoughlin|O'Carroll|Connolly|Daly|O'Connell|Wilson|Dunne|Brennan|Burke|Collins|Ó Súilleabháin|Mac Giolla Phádraig|Fitzgerald|Nolan|Hogan",
        tail: (
            "O'|Mc|Mac",
            "Brennan|Cafferty|Donnell|Gowan|Hare|Kane|Keeffe|Loughlin|Mahony|Malley|Rourke|Shea|Toole|Grath|Guire|Namara|Sweeney|Manus|Dermott|Govern|Kenna|Inerney|Gettigan|Cann",
            0.45,
        ),
        gtail: NO_GTAIL,
        homes: &[("IE", 60), ("GB", 15), ("US", 20), ("AU", 5)],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "de",
        weight: 10.0,
        given: "Lukas|Anna|Leon|Lena|Maximilian|Lea|Felix|Hannah|Paul|Sophie|Jonas|Marie|Elias|Emma|Luca|Mia|Finn|Laura|Jürgen|Sabine|Thomas|Petra|Michael|Monika|Andreas|Claudia|Stefan|Susanne|Wolfgang|Ursula|Klaus|Brigitte|Uwe|Birgit|Frank|Karin|Matthias|Heike|Markus|Katrin|Tobias|Julia|Sebastian|Johanna|Florian|Katharina|Alexander|Christina|Jörg|Gisela|Dieter|Renate|Günter|Ingrid|Horst|Helga|Hans-Peter|Anne-Marie|Karl-Heinz|Björn|Friedrich|Johannes|Elisabeth|Margarete|Franziska|Dominik|Niklas|Jan|Tim|Jürgen",
        family: "Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Schäfer|Koch|Bauer|Richter|Klein|Wolf|Schröder|Neumann|Schwarz|Zimmermann|Braun|Krüger|Hofmann|Hartmann|Lange|Schmitt|Werner|Schmitz|Krause|Meier|Lehmann|Schmid|Schulze|Maier|Köhler|Herrmann|König|Walter|Mayer|Huber|Kaiser|Fuchs|Peters|Lang|Scholz|Möller|Weiß|Jung|Hahn|Schubert|Vogel|Friedrich|Keller|Günther|Frank|Berger|Winkler|Roth|Beck|Lorenz|Baumann|Franke|Albrecht|Schuster|Simon|Ludwig|Böhm|Winter|Kraus|Martin|Schumacher|Krämer|Vogt|Stein|Jäger|Otto|Sommer|Groß|Seidel|Heinrich|Brandt|Haas|Schreiber|Graf|Schulte|Dietrich|Ziegler|Kuhn|Kühn|Pohl|Engel|Horn|Busch|Bergmann|Thomas|Voigt|Sauer|Arnold|Wolff|Pfeiffer|von Berg",
        tail: (
            "Alt|Bach|Baum|Berg|Brand|Busch|Dorn|Eich|Eisen|Feld|Fichte|Gold|Gross|Hage|Hart|Heil|Hirsch|Hof|Holz|Kessel|Kirch|Klee|Lind|Mahl|Neu|Ober|Rein|Rosen|Sand|Schön|Stein|Sturm|Thal|Wald|Weiss|Wein|Wies|Zell|Ehren|Falk|Grün|Lichten|Morgen|Sommer|Winter|Fried",
            "mann|er|berger|hofer|meier|huber|bauer|feld|stein|berg|brenner|müller|hausen|baum|haus|ner|inger|linger|hard|wald",
            0.5,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("DE", 78),
            ("AT", 10),
            ("CH", 8),
            ("US", 2),
            ("GB", 1),
            ("NL", 1),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "fr",
        weight: 7.0,
        given: "Jean|Marie|Pierre|Nathalie|Michel|Isabelle|Philippe|Sylvie|Alain|Catherine|Nicolas|Sophie|François|Françoise|Christophe|Valérie|Stéphane|Sandrine|Laurent|Céline|Julien|Camille|Sébastien|Aurélie|Thomas|Léa|Hugo|Chloé|Lucas|Manon|Louis|Inès|Gabriel|Jade|Arthur|Louise|Raphaël|Emma|Jules|Zoé|Antoine|Hélène|Éric|Élodie|Jean-Pierre|Marie-Claire|Jean-Luc|Anne-Sophie|Benoît|Gaëlle|Mathieu|Margaux|Théo|Clémence",
        family: "Martin|Bernard|Thomas|Petit|Robert|Richard|Durand|Dubois|Moreau|Laurent|Simon|Michel|Lefèvre|Leroy|Roux|David|Bertrand|Morel|Fournier|Girard|Bonnet|Dupont|Lambert|Fontaine|Rousseau|Vincent|Muller|Lefebvre|Faure|André|Mercier|Blanc|Guérin|Boyer|Garnier|Chevalier|François|Legrand|Gauthier|Garcia|Perrin|Robin|Clément|Morin|Nicolas|Henry|Roussel|Mathieu|Gautier|Masson|Marchand|Duval|Denis|Dumont|Lemaire|Noël|Meyer|Dufour|Meunier|Brun|Blanchard|Giraud|Joly|Rivière|Lucas|Brunet|Gaillard|Barbier|Arnaud|Martinez|Le Gall|Le Goff|Da Silva|Lévêque",
        tail: (
            "Beau|Bel|Bon|Cham|Chev|Del|Dur|Fav|Font|Gar|Lar|Mar|Mont|Pel|Roch|Rou|Ther|Val|Ver|Lav|Mor|Ros|Bour|Brous|Cour|Dar|Gir|Lac|Mal|Pom",
            "ier|eau|ard|in|et|on|and|eux|ot|ais|elle|aud|ault|ant|oux|enne|ière|ac|ois|ille",
            0.55,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("FR", 80),
            ("BE", 8),
            ("CH", 5),
            ("CA", 5),
            ("US", 1),
            ("GB", 1),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "es",
        weight: 5.0,
        given: "Antonio|María|Manuel|Carmen|José|Ana|Francisco|Isabel|David|Laura|Juan|Cristina|Javier|Marta|Daniel|Lucía|Carlos|Pilar|Jesús|Elena|Alejandro|Dolores|Miguel|Paula|Rafael|Raquel|Pedro|Mercedes|Pablo|Sara|Ángel|Rosa|Sergio|Teresa|Fernando|Nuria|Jorge|Silvia|Luis|Beatriz|Alberto|Montserrat|Álvaro|Concepción|Adrián|Julia|Diego|Irene|Íñigo|Ainhoa|Jordi|Ignacio|Begoña|María José|Juan Carlos|José Luis|María Carmen",
        family: "García|Rodríguez|González|Fernández|López|Martínez|Sánchez|Pérez|Gómez|Martín|Jiménez|Ruiz|Hernández|Díaz|Moreno|Muñoz|Álvarez|Romero|Alonso|Gutiérrez|Navarro|Torres|Domínguez|Vázquez|Ramos|Gil|Ramírez|Serrano|Blanco|Molina|Morales|Suárez|Ortega|Delgado|Castro|Ortiz|Rubio|Marín|Sanz|Núñez|Iglesias|Medina|Garrido|Cortés|Castillo|Santos|Lozano|Guerrero|Cano|Prieto|Méndez|Cruz|Calvo|Gallego|Vidal|León|Márquez|Herrera|Peña|Flores|Cabrera|Campos|Vega|Fuentes|Carrasco|Diez|Reyes|Caballero|Nieto|Aguilar|Ibáñez|Giménez",
        tail: (
            "Al|Bel|Cab|Cal|Cam|Car|Cas|Cor|Es|Fer|Gal|Lar|Lor|Mar|Mon|Nav|Ol|Pal|Par|Quin|Ram|Sal|Sol|Val|Vel|Vill|Zam|Ar|Bar|Ber",
            "ero|ado|illo|ano|edo|ares|eda|ueta|ena|ales|oso|era|iel|anca|ida|ante|uela|eño|oz|ejo",
            0.3,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("ES", 85),
            ("MX", 2),
            ("US", 3),
            ("FR", 3),
            ("GB", 2),
            ("DE", 2),
            ("CH", 1),
        ],
        double: 0.75,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "mx",
        weight: 6.0,
        given: "José|María|Juan|Guadalupe|Luis|Juana|Miguel|Margarita|Jesús|Verónica|Francisco|Leticia|Alejandro|Rosa|Carlos|Elizabeth|Jorge|Gabriela|Pedro|Patricia|Fernando|Alejandra|Ricardo|Adriana|Eduardo|Silvia|Roberto|Claudia|Javier|Yolanda|Manuel|Araceli|Daniel|Fernanda|Sergio|Ximena|Arturo|Valeria|Rafael|Daniela|Héctor|Sofía|Raúl|Camila|Enrique|Mariana|Guillermo|Lucía|Diego|Regina|Santiago|Renata|Mateo|Andrea|Emiliano|Paola",
        family: "Hernández|García|Martínez|López|González|Pérez|Rodríguez|Sánchez|Ramírez|Cruz|Flores|Gómez|Morales|Vázquez|Reyes|Jiménez|Torres|Díaz|Gutiérrez|Ruiz|Mendoza|Aguilar|Ortiz|Moreno|Castillo|Romero|Álvarez|Méndez|Chávez|Rivera|Juárez|Ramos|Domínguez|Herrera|Medina|Castro|Vargas|Guzmán|Velázquez|Muñoz|Rojas|Contreras|Salazar|Luna|Ortega|Santiago|Guerrero|Estrada|Bautista|Cortés|Soto|Alvarado|Espinoza|Lara|Ávila|Ríos|Cervantes|Silva|Delgado|Vega|Márquez|Sandoval|Fernández|León|Carrillo|Mejía|Solís|Nuñez|Rosas|Valdez|Ibarra|Campos",
        tail: (
            "Al|Bel|Cab|Cal|Cam|Car|Cas|Cor|Es|Fer|Gal|Lar|Lor|Mar|Mon|Nav|Ol|Pal|Par|Quin|Ram|Sal|Sol|Val|Vel|Vill|Zam|Ar|Bar|Ber",
            "ero|ado|illo|ano|edo|ares|eda|ueta|ena|ales|oso|era|iel|anca|ida|ante|uela|eño|oz|ejo",
            0.3,
        ),
        gtail: NO_GTAIL,
        homes: &[("MX", 72), ("US", 20), ("ES", 5), ("CA", 3)],
        double: 0.65,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "pt",
        weight: 5.0,
        given: "João|Maria|José|Ana|António|Francisca|Francisco|Antônia|Carlos|Adriana|Paulo|Juliana|Pedro|Márcia|Lucas|Fernanda|Luiz|Patrícia|Marcos|Aline|Luís|Sandra|Gabriel|Camila|Rafael|Amanda|Daniel|Bruna|Marcelo|Jéssica|Bruno|Letícia|Eduardo|Júlia|Felipe|Luciana|Raimundo|Vanessa|Rodrigo|Mariana|Tiago|Beatriz|Gonçalo|Inês|Rui|Catarina|Nuno|Rita|Diogo|Leonor|Vítor|Sónia|Thiago|Larissa|Matheus|Gabriela|Leonardo|Débora",
        family: "Silva|Santos|Oliveira|Souza|Sousa|Rodrigues|Ferreira|Alves|Pereira|Lima|Gomes|Costa|Ribeiro|Martins|Carvalho|Almeida|Lopes|Soares|Fernandes|Vieira|Barbosa|Rocha|Dias|Nascimento|Andrade|Moreira|Nunes|Marques|Machado|Mendes|Freitas|Cardoso|Ramos|Gonçalves|Santana|Teixeira|Correia|Araújo|Pinto|Monteiro|Moura|Cavalcanti|Azevedo|Cunha|Campos|Batista|Castro|Reis|Fonseca|Magalhães|Coelho|Antunes|Pires|Matos|Cruz|Brandão|Conceição|Loureiro|da Silva|dos Santos|de Oliveira",
        tail: (
            "Al|Bar|Cab|Cal|Car|Cas|Cor|Fal|Fon|Gal|Lac|Lob|Mac|Mat|Mor|Pac|Pin|Quei|Ram|Sal|Sequ|Tav|Val|Vas|Vel|Bra|Gou|Lei|Mour|Pei",
            "eiro|ado|ares|edo|ilho|oso|ela|inho|ira|ante|ano|eira|oto|ino|alho|eda|ente|ito",
            0.3,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("BR", 62),
            ("PT", 30),
            ("FR", 3),
            ("US", 2),
            ("GB", 1),
            ("CH", 1),
            ("DE", 1),
        ],
        double: 0.45,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "it",
        weight: 5.0,
        given: "Giuseppe|Maria|Giovanni|Anna|Antonio|Giuseppina|Mario|Rosa|Luigi|Angela|Francesco|Giovanna|Angelo|Teresa|Vincenzo|Lucia|Pietro|Carmela|Salvatore|Caterina|Carlo|Francesca|Franco|Anna Maria|Domenico|Antonietta|Bruno|Carla|Paolo|Elena|Michele|Concetta|Giorgio|Rita|Aldo|Margherita|Sergio|Franca|Luciano|Paola|Alessandro|Giulia|Lorenzo|Sofia|Leonardo|Aurora|Matteo|Alice|Andrea|Ginevra|Gabriele|Chiara|Riccardo|Martina|Tommaso|Federica|Marco|Valentina|Niccolò|Beatrice|Davide|Silvia|Roberto|Simona|Stefano|Alessia|Gianluca|Ilaria",
        family: "Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Bruno|Gallo|Conti|De Luca|Mancini|Costa|Giordano|Rizzo|Lombardi|Moretti|Barbieri|Fontana|Santoro|Mariani|Rinaldi|Caruso|Ferrara|Galli|Martini|Leone|Longo|Gentile|Martinelli|Vitale|Lombardo|Serra|Coppola|De Santis|D'Angelo|Marchetti|Parisi|Villa|Conte|Ferraro|Ferri|Fabbri|Bianco|Marini|Grasso|Valentini|Messina|Sala|De Angelis|Gatti|Pellegrini|Palumbo|Sanna|Farina|Rizzi|Monti|Cattaneo|Morelli|Amato|Silvestri|Mazza|Testa|Grassi|Pellegrino|Carbone|Giuliani|Benedetti|Barone|D'Amico|Orlando|Sorrentino|Negri",
        tail: (
            "Bel|Bon|Cal|Cam|Cap|Car|Ces|Col|Cor|Dal|Fal|Fer|Gal|Gar|Gen|Lan|Lor|Mar|Mon|Nar|Pal|Pan|Pel|Pic|Ros|San|Sar|Tor|Val|Ven|Vis|Zan",
            "etti|ini|oni|elli|ucci|ari|one|ese|otti|azzi|ano|ato|ola|ino|ardi|enti|izzi|uzzi|aro|esi",
            0.55,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("IT", 85),
            ("CH", 4),
            ("US", 5),
            ("DE", 2),
            ("GB", 1),
            ("FR", 2),
            ("BE", 1),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "nl",
        weight: 3.0,
        given: "Daan|Emma|Sem|Julia|Lucas|Mila|Levi|Tess|Finn|Sophie|Jan|Anna|Johannes|Maria|Hendrik|Cornelia|Pieter|Johanna|Willem|Elisabeth|Dirk|Wilhelmina|Kees|Anneke|Bram|Femke|Joris|Sanne|Thijs|Lotte|Ruben|Eva|Jeroen|Marieke|Sven|Ingrid|Maarten|Linda|Bas|Fleur|Gerrit|Geertje|Stijn|Noor|Koen|Lieke|Niels|Iris|Ruud|Mirjam",
        family: "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van der Veen|van den Broek|de Bruijn|van der Heijden|Schouten|van Beek|Willems|van Vliet|van de Ven|Hoekstra|Maas|Verhoeven|Koster|van Dam|van der Wal|Prins|Blom|Huisman|Peeters|Maes|Claes|Goossens|Wouters|Mertens",
        tail: (
            "van der |van den |van de |van |de |ter |",
            "Berg|Bosch|Broek|Dijk|Hoek|Horst|Kamp|Laan|Meer|Molen|Veld|Ven|Wal|Zand|Beek|Brink|Haar|Hof|Linde|Kerk|Leeuw|Heuvel|Sluis|Wetering|Hout|Graaf|Boom|Weg",
            0.45,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("NL", 84),
            ("BE", 10),
            ("DE", 2),
            ("US", 1),
            ("GB", 1),
            ("CA", 1),
            ("AU", 1),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "pl",
        weight: 3.0,
        given: "Anna|Piotr|Maria|Krzysztof|Katarzyna|Andrzej|Małgorzata|Tomasz|Agnieszka|Paweł|Barbara|Marcin|Ewa|Michał|Magdalena|Jan|Joanna|Marek|Aleksandra|Grzegorz|Zofia|Łukasz|Monika|Adam|Dorota|Jakub|Beata|Wojciech|Elżbieta|Mateusz|Jolanta|Stanisław|Natalia|Kamil|Karolina|Zbigniew|Justyna|Jerzy|Iwona|Rafał|Agata|Dariusz|Marta|Bartosz|Halina|Sławomir|Grażyna|Przemysław|Bożena|Józef",
        family: "Nowak|Kowalski|Wiśniewski|Wójcik|Kowalczyk|Kamiński|Lewandowski|Zieliński|Szymański|Woźniak|Dąbrowski|Kozłowski|Jankowski|Mazur|Wojciechowski|Kwiatkowski|Krawczyk|Kaczmarek|Piotrowski|Grabowski|Zając|Pawłowski|Michalski|Król|Wieczorek|Jabłoński|Wróbel|Nowakowski|Majewski|Olszewski|Stępień|Malinowski|Jaworski|Adamczyk|Dudek|Nowicki|Pawlak|Górski|Witkowski|Walczak|Sikora|Baran|Rutkowski|Michalak|Szewczyk|Ostrowski|Tomaszewski|Pietrzak|Zalewski|Wróblewski",
        tail: (
            "Bar|Bor|Cho|Dob|Gol|Gra|Jab|Kal|Kor|Kos|Kra|Kub|Lip|Mal|Mar|Mi|Nie|Ols|Pas|Pol|Rad|Sad|Sob|Sta|Sza|Tom|Wal|Wil|Zab|Zaw",
            "owski|ewski|iński|yński|czak|czyk|ak|ek|iak|ik|ała|ecki|icki|arz|ysz",
            0.55,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("PL", 86),
            ("DE", 5),
            ("GB", 5),
            ("US", 2),
            ("NL", 1),
            ("IE", 1),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "tr",
        weight: 3.0,
        given: "Mehmet|Fatma|Mustafa|Ayşe|Ahmet|Emine|Ali|Hatice|Hüseyin|Zeynep|Hasan|Elif|İbrahim|Meryem|Murat|Şerife|İsmail|Zehra|Ömer|Sultan|Osman|Hanife|Yusuf|Merve|Ramazan|Özlem|Emre|Esra|Burak|Büşra|Can|Derya|Cem|Gül|Oğuz|Gökhan|Selin|Serkan|Ebru|Kemal|Tuğba|Barış|Aylin|Volkan|Sibel|Deniz|Çağla|Yiğit|İrem|Halil",
        family: "Yılmaz|Kaya|Demir|Şahin|Çelik|Yıldız|Yıldırım|Öztürk|Aydın|Özdemir|Arslan|Doğan|Kılıç|Aslan|Çetin|Kara|Koç|Kurt|Özkan|Şimşek|Polat|Özcan|Korkmaz|Çakır|Erdoğan|Yavuz|Can|Acar|Şen|Aktaş|Güler|Yalçın|Güneş|Bozkurt|Bulut|Keskin|Ünal|Turan|Gül|Özer|Işık|Kaplan|Avcı|Sarı|Tekin|Taş|Köse|Yüksel|Ateş|Aksoy",
        tail: (
            "Ak|Al|Ay|Bal|Bay|Cen|Dal|Der|Er|Gök|Gün|Kar|Kay|Koç|Kor|Öz|Sar|Sev|Tan|Tek|Tok|Türk|Ul|Ün|Yal|Yıl|Yur|Bil|Çak|Din",
            "oğlu|gül|kan|demir|er|tekin|taş|soy|türk|kaya|dağ|yol|han|can|ak|baş|tepe|öz|yurt|men",
            0.4,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("TR", 74),
            ("DE", 16),
            ("NL", 4),
            ("AT", 3),
            ("GB", 1),
            ("FR", 2),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "se",
        weight: 1.5,
        given: "Lars|Anna|Mikael|Eva|Anders|Maria|Johan|Karin|Per|Kristina|Erik|Lena|Karl|Sara|Peter|Emma|Jan|Ingrid|Thomas|Kerstin|Daniel|Marie|Fredrik|Malin|Hans|Jenny|Bengt|Annika|Oskar|Linnéa|Björn|Åsa|Magnus|Elin|Gustav|Ebba|Nils|Astrid|Sven|Maja",
        family: "Andersson|Johansson|Karlsson|Nilsson|Eriksson|Larsson|Olsson|Persson|Svensson|Gustafsson|Pettersson|Jonsson|Jansson|Hansson|Bengtsson|Jönsson|Lindberg|Jakobsson|Magnusson|Lindström|Olofsson|Lindqvist|Lindgren|Berg|Axelsson|Bergström|Lundberg|Lind|Lundgren|Lundqvist|Mattsson|Berglund|Fredriksson|Sandberg|Henriksson|Ångström|Sjöberg|Wallin|Engström|Åberg",
        tail: (
            "Berg|Lind|Sjö|Ek|Hag|Holm|Ask|Björk|Lund|Nord|Sand|Ström|Dahl|Fors|Gran|Hed|Kvist|Löv|Rosen|Wall|Ål|Öst|Vik|Sten",
            "berg|gren|ström|qvist|lund|dahl|holm|man|blad|ling|sten|fors|vall|hed|näs|ö",
            0.4,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("SE", 92),
            ("NO", 2),
            ("DK", 2),
            ("US", 2),
            ("DE", 1),
            ("GB", 1),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "no",
        weight: 1.0,
        given: "Jan|Anne|Per|Inger|Bjørn|Kari|Ole|Marit|Lars|Ingrid|Kjell|Liv|Knut|Eva|Arne|Berit|Svein|Astrid|Thomas|Bjørg|Hans|Hilde|Geir|Anna|Tor|Solveig|Morten|Randi|Terje|Nora|Jonas|Emma|Magnus|Sofie|Håkon|Ingeborg|Sindre|Ragnhild|Øyvind|Åse",
        family: "Hansen|Johansen|Olsen|Larsen|Andersen|Pedersen|Nilsen|Kristiansen|Jensen|Karlsen|Johnsen|Pettersen|Eriksen|Berg|Haugen|Hagen|Johannessen|Andreassen|Jacobsen|Dahl|Jørgensen|Halvorsen|Henriksen|Lund|Sørensen|Jakobsen|Moen|Gundersen|Iversen|Strand|Solberg|Svendsen|Eide|Knutsen|Martinsen|Paulsen|Bakken|Kristoffersen|Mathisen|Lie|Ødegaard|Sæther|Aas|Bråten|Haugland",
        tail: (
            "Aas|Berg|Bjør|Dal|Eng|Fjell|Haug|Hol|Lie|Lund|Myr|Nord|Ris|Sand|Skog|Strand|Vik|Øde|Sol|Stor|Lang|Ny|Vest|Øst",
            "land|heim|dal|stad|gård|lie|berg|vik|nes|rud|aas|by|seth|bakken|haug|li|set|åsen",
            0.45,
        ),
        gtail: NO_GTAIL,
        homes: &[("NO", 92), ("SE", 2), ("DK", 2), ("US", 2), ("GB", 2)],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "dk",
        weight: 1.0,
        given: "Peter|Anne|Jens|Kirsten|Lars|Mette|Michael|Hanne|Henrik|Anna|Thomas|Helle|Søren|Susanne|Jan|Lene|Christian|Maria|Niels|Marianne|Anders|Camilla|Morten|Pia|Jesper|Louise|Mads|Charlotte|Rasmus|Ida|Frederik|Freja|Mikkel|Sofie|Jørgen|Inge|Kasper|Birthe|Troels|Signe",
        family: "Nielsen|Jensen|Hansen|Pedersen|Andersen|Christensen|Larsen|Sørensen|Rasmussen|Jørgensen|Petersen|Madsen|Kristensen|Olsen|Thomsen|Christiansen|Poulsen|Johansen|Møller|Mortensen|Knudsen|Jakobsen|Jacobsen|Mikkelsen|Olesen|Frederiksen|Laursen|Henriksen|Lund|Schmidt|Eriksen|Holm|Kristiansen|Clausen|Simonsen|Svendsen|Andreasen|Iversen|Østergaard|Jeppesen|Vestergaard|Nissen|Lauridsen|Kjær|Dahl|Skov|Søndergaard|Bach",
        tail: (
            "Ander|Bro|Dam|Ege|Fugl|Gade|Holm|Hjort|Kjær|Lund|Mølle|Nør|Skov|Sø|Vester|Øster|Bjerre|Krog|Lyng|Munk",
            "gaard|sen|by|holm|lund|strup|bæk|dal|borg|høj|feldt|bjerg|ager|skov",
            0.3,
        ),
        gtail: NO_GTAIL,
        homes: &[("DK", 92), ("SE", 3), ("NO", 2), ("DE", 2), ("GB", 1)],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "ru",
        weight: 3.0,
        given: "Aleksandr=Александр|Elena=Елена|Sergey=Сергей|Olga=Ольга|Dmitry=Дмитрий|Natalia=Наталья|Andrey=Андрей|Tatiana=Татьяна|Alexey=Алексей|Irina=Ирина|Maxim=Максим|Svetlana=Светлана|Ivan=Иван|Ekaterina=Екатерина|Mikhail=Михаил|Anna=Анна|Nikolai=Николай|Maria=Мария|Vladimir=Владимир|Yulia=Юлия|Artem=Артём|Anastasia=Анастасия|Pavel=Павел|Marina=Марина|Roman=Роман|Oksana=Оксана|Igor=Игорь|Galina=Галина|Yuri=Юрий|Lyudmila=Людмила|Oleg=Олег|Daria=Дарья|Denis=Денис|Viktoria=Виктория|Evgeny=Евгений|Polina=Полина|Kirill=Кирилл|Ksenia=Ксения|Vadim=Вадим|Alina=Алина",
        family: "Ivanov=Иванов|Smirnov=Смирнов|Kuznetsov=Кузнецов|Popov=Попов|Vasiliev=Васильев|Petrov=Петров|Sokolov=Соколов|Mikhailov=Михайлов|Novikov=Новиков|Fedorov=Фёдоров|Morozov=Морозов|Volkov=Волков|Alekseev=Алексеев|Lebedev=Лебедев|Semenov=Семёнов|Egorov=Егоров|Pavlov=Павлов|Kozlov=Козлов|Stepanov=Степанов|Nikolaev=Николаев|Orlov=Орлов|Andreev=Андреев|Makarov=Макаров|Nikitin=Никитин|Zakharov=Захаров|Zaitsev=Зайцев|Soloviev=Соловьёв|Borisov=Борисов|Yakovlev=Яковлев|Grigoriev=Григорьев|Romanov=Романов|Vorobiev=Воробьёв|Sergeev=Сергеев|Kuzmin=Кузьмин|Frolov=Фролов|Alexandrov=Александров|Dmitriev=Дмитриев|Korolev=Королёв|Gusev=Гусев|Kiselev=Киселёв",
        tail: (
            "Bel|Vor|Gor|Dub|Zhu|Kras|Kud|Lap|Med|Mel|Nos|Pan|Pros|Rud|Sav|Sel|Tar|Fil|Chern|Yer|Kal|Bar|Ton|Kor|Mart|Tikh|Gav",
            "ov|ev|in|ikov|enko|sky|yakov|anov|ashov|inov|etsov|ykin",
            0.5,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("RU", 84),
            ("DE", 7),
            ("US", 3),
            ("GB", 2),
            ("GR", 1),
            ("TR", 1),
            ("AE", 2),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "gr",
        weight: 1.0,
        given: "Georgios=Γεώργιος|Maria=Μαρία|Ioannis=Ιωάννης|Eleni=Ελένη|Konstantinos=Κωνσταντίνος|Aikaterini=Αικατερίνη|Dimitrios=Δημήτριος|Vasiliki=Βασιλική|Nikolaos=Νικόλαος|Sofia=Σοφία|Panagiotis=Παναγιώτης|Angeliki=Αγγελική|Christos=Χρήστος|Georgia=Γεωργία|Athanasios=Αθανάσιος|Dimitra=Δήμητρα|Michail=Μιχαήλ|Anastasia=Αναστασία|Evangelos=Ευάγγελος|Paraskevi=Παρασκευή|Spyridon=Σπυρίδων|Ioanna=Ιωάννα|Antonios=Αντώνιος|Despoina=Δέσποινα|Alexandros=Αλέξανδρος|Kalliopi=Καλλιόπη",
        family: "Papadopoulos=Παπαδόπουλος|Vlachos=Βλάχος|Angelopoulos=Αγγελόπουλος|Nikolaidis=Νικολαΐδης|Georgiou=Γεωργίου|Petridis=Πετρίδης|Athanasiou=Αθανασίου|Oikonomou=Οικονόμου|Papadakis=Παπαδάκης|Papageorgiou=Παπαγεωργίου|Konstantinidis=Κωνσταντινίδης|Dimitriou=Δημητρίου|Ioannou=Ιωάννου|Makris=Μακρής|Pappas=Παππάς|Karagiannis=Καραγιάννης|Christodoulou=Χριστοδούλου|Antoniou=Αντωνίου|Alexiou=Αλεξίου|Michailidis=Μιχαηλίδης|Papanikolaou=Παπανικολάου|Theodorou=Θεοδώρου|Kyriakou=Κυριάκου|Stavropoulos=Σταυρόπουλος|Mavridis=Μαυρίδης|Karalis=Καραλής",
        tail: (
            "Pappa|Kara|Vasil|Niko|Chris|Anto|Dimo|Kosta|Mano|Stav|Spiro|Theo|Mavro|Kyri|Pana|Tsak|Zaf|Lamb|Ath|Giann",
            "poulos|idis|akis|opoulos|iou|atos|as|ou|ellis|ides|oglou|akos",
            0.55,
        ),
        gtail: NO_GTAIL,
        homes: &[("GR", 86), ("DE", 5), ("US", 3), ("GB", 2), ("AU", 4)],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "in",
        weight: 6.0,
        given: "Aarav|Priya|Rahul|Ananya|Amit|Pooja|Rajesh|Sunita|Suresh|Anita|Vijay|Kavita|Sanjay|Neha|Arjun|Deepika|Vikram|Lakshmi|Ravi|Divya|Anil|Meera|Rohit|Sneha|Manoj|Shreya|Arun|Nisha|Venkatesh|Swati|Karthik|Aishwarya|Mohammed|Fatima|Harpreet|Gurpreet|Srinivas|Padma|Krishna|Radha|Aditya|Isha|Siddharth|Kiran|Nikhil|Rekha|Prakash|Usha|Ajay|Asha|Sachin|Jyoti|Abhishek|Shilpa|Gaurav|Ritu",
        family: "Kumar|Sharma|Singh|Patel|Gupta|Shah|Reddy|Rao|Verma|Joshi|Iyer|Nair|Mehta|Agarwal|Jain|Das|Chopra|Malhotra|Bhat|Kapoor|Banerjee|Chatterjee|Mukherjee|Pillai|Menon|Desai|Pandey|Mishra|Yadav|Khan|Naidu|Krishnan|Subramanian|Ghosh|Sinha|Saxena|Chauhan|Thakur|Kulkarni|Shetty|Bose|Dutta|Chaudhary|Goyal|Tiwari|Srivastava|Bhatt|Hegde|Ahmed|Nambiar",
        tail: (
            "Ag|Bal|Bhar|Chand|Dev|Gan|Hari|Jay|Kal|Kris|Lal|Mad|Nar|Pra|Raj|Ram|San|Shan|Siv|Sri|Sub|Sun|Ven|Vis|Gop",
            "an|wal|deep|esh|ani|amurthy|araman|aswamy|inath|war|kar|ia|endra|ayya|appa",
            0.4,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("IN", 84),
            ("GB", 5),
            ("US", 5),
            ("AE", 3),
            ("CA", 2),
            ("AU", 1),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "cn",
        weight: 6.0,
        given: "Wei=伟|Fang=芳|Na=娜|Min=敏|Jing=静|Xiuying=秀英|Li=丽|Qiang=强|Lei=磊|Jun=军|Yang=洋|Yong=勇|Yan=艳|Jie=杰|Juan=娟|Tao=涛|Ming=明|Chao=超|Xiulan=秀兰|Xia=霞|Ping=平|Gang=刚|Guiying=桂英|Hui=慧|Hao=浩|Yu=宇|Xin=欣|Jian=建|Hong=红|Lin=林|Yi=怡|Zihan=子涵|Haoran=浩然|Yuxuan=宇轩|Xinyi=欣怡|Zhiwei=志伟|Jianguo=建国|Xiaoming=小明|Meiling=美玲|Ying=英|Dan=丹|Kai=凯|Bo=波|Lu=璐|Ning=宁",
        family: "Wang=王|Li=李|Zhang=张|Liu=刘|Chen=陈|Yang=杨|Huang=黄|Zhao=赵|Wu=吴|Zhou=周|Xu=徐|Sun=孙|Ma=马|Zhu=朱|Hu=胡|Guo=郭|He=何|Lin=林|Gao=高|Luo=罗|Zheng=郑|Liang=梁|Xie=谢|Song=宋|Tang=唐|Han=韩|Feng=冯|Deng=邓|Cao=曹|Peng=彭|Zeng=曾|Xiao=肖|Tian=田|Dong=董|Pan=潘|Yuan=袁|Cai=蔡|Jiang=蒋|Yu=余|Du=杜|Ye=叶|Cheng=程|Wei=魏|Su=苏|Lü=吕|Ding=丁|Ren=任|Yao=姚",
        tail: NO_TAIL,
        gtail: (
            "Zi|Hao|Yu|Xin|Yi|Jia|Jun|Wen|Ming|Hui|Xiao|Yan|Chen|Rui|Tian|Ying|Qing|Hong|Jie|Shu",
            "han|ran|xuan|yi|ting|wei|hao|yu|ming|jie|feng|lin|na|qi|yang|bo|hui|lei",
            "",
            0.45,
        ),
        homes: &[
            ("CN", 82),
            ("US", 6),
            ("CA", 4),
            ("AU", 3),
            ("GB", 2),
            ("DE", 1),
            ("JP", 1),
            ("FR", 1),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: true,
    },
    Culture {
        key: "jp",
        weight: 2.5,
        given: "Hiroshi=浩|Yuki=由紀|Takashi=隆|Yoko=洋子|Kenji=健二|Keiko=恵子|Akira=明|Naoko=直子|Satoshi=聡|Tomoko=智子|Makoto=誠|Yumi=由美|Daisuke=大輔|Akiko=明子|Kazuki=和樹|Emi=恵美|Haruto=陽翔|Yui=結衣|Sota=蒼太|Hina=陽菜|Ren=蓮|Sakura=さくら|Riku=陸|Mei=芽依|Takumi=匠|Aoi=葵|Shota=翔太|Misaki=美咲|Kaito=海斗|Nanami=七海|Yuto=悠斗|Ayaka=彩花|Kenta=健太|Mai=麻衣|Ryo=亮|Saki=咲|Shin=真|Rina=里奈|Koji=浩二|Haruka=遥",
        family: "Sato=佐藤|Suzuki=鈴木|Takahashi=高橋|Tanaka=田中|Watanabe=渡辺|Ito=伊藤|Yamamoto=山本|Nakamura=中村|Kobayashi=小林|Kato=加藤|Yoshida=吉田|Yamada=山田|Sasaki=佐々木|Yamaguchi=山口|Matsumoto=松本|Inoue=井上|Kimura=木村|Hayashi=林|Shimizu=清水|Yamazaki=山崎|Mori=森|Abe=阿部|Ikeda=池田|Hashimoto=橋本|Yamashita=山下|Ishikawa=石川|Nakajima=中島|Maeda=前田|Fujita=藤田|Ogawa=小川|Goto=後藤|Okada=岡田|Hasegawa=長谷川|Murakami=村上|Kondo=近藤|Ishii=石井|Saito=斎藤|Sakamoto=坂本|Endo=遠藤|Aoki=青木",
        tail: (
            "Naka|Yama|Kawa|Ta|Ishi|Ko|Mat|Hashi|Fuji|Mori|Taka|Kita|Nishi|Higa|Sakura|Oka|Mura|Hira|Aki|Kuro|Shira|Ara|Matsu|Sugi|Ue",
            "da|mura|moto|kawa|yama|shita|no|saki|hara|ta|zawa|uchi|oka|gawa|mori|bayashi|guchi|shima|be|tani",
            0.5,
        ),
        gtail: NO_GTAIL,
        homes: &[("JP", 92), ("US", 4), ("DE", 1), ("GB", 1), ("BR", 2)],
        double: 0.0,
        middle: ("", 0.0),
        east: true,
    },
    Culture {
        key: "kr",
        weight: 2.0,
        given: "Min-jun=민준|Seo-yeon=서연|Ji-hoon=지훈|Ji-woo=지우|Hyun-woo=현우|Seo-yoon=서윤|Jun-seo=준서|Ha-eun=하은|Do-yoon=도윤|Min-seo=민서|Ye-jin=예진|Sung-min=성민|Eun-ji=은지|Young-ho=영호|Mi-kyung=미경|Jae-won=재원|Soo-jin=수진|Dong-hyun=동현|Hye-jin=혜진|Sang-woo=상우|Yu-na=유나|Jin-ho=진호|Min-ji=민지|Kyung-soo=경수|Eun-young=은영|Tae-yang=태양|So-yeon=소연|Jong-su=종수|Hae-won=해원|Ji-yeon=지연",
        family: "Kim=김|Lee=이|Park=박|Choi=최|Jung=정|Kang=강|Cho=조|Yoon=윤|Jang=장|Lim=임|Han=한|Oh=오|Seo=서|Shin=신|Kwon=권|Hwang=황|Ahn=안|Song=송|Jeon=전|Hong=홍|Yoo=유|Ko=고|Moon=문|Yang=양|Son=손|Bae=배|Baek=백|Heo=허|Nam=남|Noh=노",
        tail: NO_TAIL,
        gtail: (
            "Min|Seo|Ji|Hyun|Jun|Ha|Do|Ye|Sung|Eun|Young|Jae|Soo|Dong|Hye|Sang|Yu|Jin|Kyung|Tae|So|Jong|Hae|Woo|Chae",
            "jun|yeon|hoon|woo|yoon|seo|eun|jin|min|ji|ho|kyung|won|hyun|na|ah|bin|yeong|hee|seok",
            "-",
            0.5,
        ),
        homes: &[("KR", 89), ("US", 7), ("CA", 2), ("AU", 1), ("DE", 1)],
        double: 0.0,
        middle: ("", 0.0),
        east: true,
    },
    Culture {
        key: "vn",
        weight: 2.0,
        given: "Anh|Minh|Linh|Hương|Thảo|Tuấn|Dũng|Hùng|Trang|Ngọc|Phương|Quang|Hải|Hà|Thu|Hoa|Lan|Đức|Thành|Long|Huy|Nam|Mai|Hạnh|Khánh|Tâm|Trung|Vy|Bảo|Nhung|Hiếu|Thủy|Sơn|Yến|Cường|Hằng|Phúc|Giang|Thắng|Oanh",
        family: "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Trương|Lâm|Mai|Đào|Trịnh|Cao|Hà|Tạ|Lương|Đoàn|Vương|Châu|Tô",
        tail: NO_TAIL,
        gtail: NO_GTAIL,
        homes: &[
            ("VN", 84),
            ("US", 8),
            ("AU", 3),
            ("FR", 3),
            ("DE", 1),
            ("CA", 1),
        ],
        double: 0.0,
        middle: ("Văn|Thị|Đức|Minh|Ngọc|Thanh|Hoàng|Quốc|Hữu|Xuân", 0.55),
        east: true,
    },
    Culture {
        key: "ng",
        weight: 2.0,
        given: "Chinedu|Ngozi|Oluwaseun|Adaeze|Emeka|Funmilayo|Ibrahim|Aisha|Tunde|Chioma|Musa|Zainab|Olumide|Folake|Chukwuemeka|Amaka|Babatunde|Yetunde|Uche|Nneka|Abubakar|Hauwa|Segun|Bisi|Obinna|Ifeoma|Adebayo|Kemi|Ikenna|Blessing|Godwin|Precious|Samuel|Grace|Emmanuel|Esther|Daniel|Joy|Femi|Titilayo",
        family: "Okafor|Adeyemi|Okonkwo|Mohammed|Ibrahim|Bello|Abubakar|Adebayo|Okeke|Eze|Nwosu|Balogun|Olawale|Ogunleye|Nwachukwu|Onyeka|Obi|Adeleke|Oladipo|Chukwu|Usman|Abdullahi|Yusuf|Ogundipe|Akinyemi|Oyelaran|Afolabi|Nnamdi|Ekwueme|Okoro|Musa|Danjuma|Adewale|Ojo|Onuoha|Igwe|Uzor|Babalola|Aliyu|Ogbonna",
        tail: (
            "Ade|Ola|Olu|Oye|Ayo|Ogun|Akin|Nwa|Oke|Obi|Onye|Eze|Ike|Chi",
            "yemi|wale|dipo|bayo|tunde|lade|kunle|sola|nle|chukwu|kwe|ora|nna|zue|mba|ji|ke",
            0.5,
        ),
        gtail: NO_GTAIL,
        homes: &[("NG", 78), ("GB", 11), ("US", 8), ("CA", 2), ("IE", 1)],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
    Culture {
        key: "ar",
        weight: 3.0,
        given: "Mohammed|Fatima|Ahmed|Aisha|Ali|Mariam|Omar|Noura|Youssef|Layla|Khalid|Sara|Hassan|Huda|Abdullah|Amal|Ibrahim|Rania|Karim|Yasmin|Tariq|Salma|Hamza|Nadia|Mustafa|Hana|Samir|Leila|Rashid|Dalia|Bilal|Reem|Faisal|Lina|Walid|Zainab|Adel|Mona|Nabil|Jamila",
        family: "Al-Mansouri|Al-Hashimi|Hassan|Ahmed|Ali|Mohamed|Ibrahim|Khalil|Haddad|Nasser|Saleh|Abdullah|Al-Sayed|Mansour|Aziz|Hamdan|Al-Rashid|El-Amin|Benali|Bouzid|Rahman|Farouk|Saeed|Youssef|Karam|Najjar|Sabbagh|Khoury|Habib|Suleiman|Othman|Bakr|Issa|Omar|Al-Farsi|Mahmoud|Darwish",
        tail: (
            "Al-|Al-|El-|",
            "Amin|Ansari|Bakri|Dosari|Habsi|Hakim|Harbi|Jaber|Kaabi|Khatib|Marri|Nuaimi|Otaibi|Qasimi|Rumaithi|Shamsi|Suwaidi|Tamimi|Zaabi|Mazrouei|Ketbi|Dhaheri|Muhairi|Falasi|Hammadi|Neyadi|Balushi",
            0.45,
        ),
        gtail: NO_GTAIL,
        homes: &[
            ("AE", 45),
            ("GB", 10),
            ("FR", 15),
            ("DE", 12),
            ("US", 8),
            ("NL", 3),
            ("BE", 3),
            ("ES", 2),
            ("CA", 2),
        ],
        double: 0.0,
        middle: ("", 0.0),
        east: false,
    },
];

/// Cultures that share given names with each other.
const WESTERN_CULTURES: &[&str] = &[
    "en", "ie", "de", "fr", "es", "mx", "pt", "it", "nl", "pl", "se", "no", "dk",
];

/// Nicknames and short forms (`culture:Name` limits an entry to one culture).
const NICKS: &[(&str, &str)] = &[
    ("Robert", "Bob|Rob|Bobby|Robbie"),
    ("William", "Bill|Will|Billy|Liam"),
    ("Elizabeth", "Liz|Beth|Betty|Lizzie|Eliza"),
    ("Katherine", "Kate|Kathy|Katie|Kat"),
    ("Catherine", "Cathy|Kate|Cat"),
    ("Alexander", "Alex|Sasha|Xander|Sandy"),
    ("Aleksandr", "Sasha|Alex|Shura"),
    ("es:José", "Pepe"),
    ("mx:José", "Pepe|Chepe"),
    ("pt:José", "Zé"),
    ("Giuseppe", "Beppe|Peppe|Pino"),
    ("es:Francisco", "Paco|Curro|Fran"),
    ("mx:Francisco", "Pancho|Paco"),
    ("pt:Francisco", "Chico"),
    ("Francesco", "Franco|Checco"),
    ("Michael", "Mike|Mikey|Mick"),
    ("James", "Jim|Jimmy|Jamie"),
    ("John", "Johnny|Jack"),
    ("Richard", "Rick|Dick|Rich|Richie"),
    ("Thomas", "Tom|Tommy"),
    ("Christopher", "Chris|Kit"),
    ("Daniel", "Dan|Danny"),
    ("Matthew", "Matt"),
    ("Anthony", "Tony"),
    ("Joseph", "Joe|Joey"),
    ("Jennifer", "Jen|Jenny"),
    ("Patricia", "Pat|Patty|Trish"),
    ("Susan", "Sue|Susie"),
    ("Deborah", "Deb|Debbie"),
    ("Margaret", "Maggie|Peggy|Meg"),
    ("Barbara", "Barb|Babs"),
    ("Jessica", "Jess|Jessie"),
    ("Samuel", "Sam|Sammy"),
    ("Benjamin", "Ben|Benny"),
    ("Nicholas", "Nick|Nicky"),
    ("Edward", "Ed|Eddie|Ted"),
    ("Andrew", "Andy|Drew"),
    ("Timothy", "Tim"),
    ("Kenneth", "Ken|Kenny"),
    ("Stephanie", "Steph"),
    ("Rebecca", "Becky|Becca"),
    ("Victoria", "Vicky|Tori"),
    ("Abigail", "Abby"),
    ("Charlotte", "Charlie|Lottie"),
    ("Amanda", "Mandy"),
    ("Steven", "Steve"),
    ("Joshua", "Josh"),
    ("Olivia", "Liv"),
    ("Patrick", "Paddy|Pat"),
    ("Pádraig", "Paddy|Pat"),
    ("Johannes", "Hannes|Jo|Hans"),
    ("nl:Johannes", "Jan|Hans"),
    ("Friedrich", "Fritz"),
    ("Wolfgang", "Wolf"),
    ("Maximilian", "Max"),
    ("Elisabeth", "Lisa|Elli|Sissi"),
    ("nl:Elisabeth", "Els|Lies"),
    ("Katharina", "Kathi|Kati"),
    ("Franziska", "Franzi"),
    ("Christina", "Tina|Chris"),
    ("Margarete", "Grete|Gretel"),
    ("Sebastian", "Basti"),
    ("Matthias", "Matze"),
    ("Tobias", "Tobi"),
    ("Florian", "Flo"),
    ("Nicolas", "Nico"),
    ("Christophe", "Chris"),
    ("Sébastien", "Seb"),
    ("Nathalie", "Nath"),
    ("Isabelle", "Isa"),
    ("Valérie", "Val"),
    ("Alejandro", "Alex|Álex"),
    ("Manuel", "Manolo|Manu"),
    ("Dolores", "Lola|Loles"),
    ("Mercedes", "Merche"),
    ("Ignacio", "Nacho"),
    ("Jesús", "Chuy|Chucho"),
    ("Guillermo", "Memo|Guille"),
    ("es:Antonio", "Toni|Toño"),
    ("it:Antonio", "Tonino|Totò"),
    ("Concepción", "Concha|Conchi"),
    ("Guadalupe", "Lupe|Lupita"),
    ("Enrique", "Quique"),
    ("Roberto", "Beto"),
    ("Alberto", "Beto"),
    ("Eduardo", "Lalo"),
    ("pt:Eduardo", "Dudu"),
    ("Rafael", "Rafa"),
    ("Fernando", "Nando"),
    ("Santiago", "Santi"),
    ("Montserrat", "Montse"),
    ("Fernanda", "Nanda"),
    ("Beatriz", "Bia"),
    ("Leonardo", "Léo"),
    ("Giovanni", "Gianni|Nanni"),
    ("Alessandro", "Sandro|Ale"),
    ("Salvatore", "Totò|Salvo"),
    ("Vincenzo", "Enzo"),
    ("Domenico", "Mimmo"),
    ("Federica", "Fede"),
    ("Riccardo", "Ricky"),
    ("Francesca", "Franci"),
    ("Pieter", "Piet"),
    ("Hendrik", "Henk|Rik"),
    ("Willem", "Wim"),
    ("Gerrit", "Gert"),
    ("Cornelia", "Corrie|Nel"),
    ("Wilhelmina", "Mien|Wil"),
    ("Katarzyna", "Kasia"),
    ("Małgorzata", "Gosia|Małgosia"),
    ("Aleksandra", "Ola"),
    ("Wojciech", "Wojtek"),
    ("Krzysztof", "Krzysiek"),
    ("Agnieszka", "Aga"),
    ("Magdalena", "Magda"),
    ("Joanna", "Asia"),
    ("Tomasz", "Tomek"),
    ("Stanisław", "Staszek"),
    ("Józef", "Józek"),
    ("Przemysław", "Przemek"),
    ("Sławomir", "Sławek"),
    ("Bartosz", "Bartek"),
    ("Jakub", "Kuba"),
    ("Elżbieta", "Ela"),
    ("Dmitry", "Dima"),
    ("Ivan", "Vanya"),
    ("Mikhail", "Misha"),
    ("Ekaterina", "Katya"),
    ("Anastasia", "Nastya"),
    ("Natalia", "Natasha"),
    ("Vladimir", "Volodya|Vova"),
    ("Tatiana", "Tanya"),
    ("Elena", "Lena"),
    ("Sergey", "Seryozha"),
    ("Alexey", "Lyosha|Alyosha"),
    ("Olga", "Olya"),
    ("ru:Maria", "Masha"),
    ("ru:Anna", "Anya"),
    ("Pavel", "Pasha"),
    ("Nikolai", "Kolya"),
    ("Yuri", "Yura"),
    ("Evgeny", "Zhenya"),
    ("Irina", "Ira"),
    ("Svetlana", "Sveta"),
    ("Lyudmila", "Lyuda|Mila"),
    ("Daria", "Dasha"),
    ("Ksenia", "Ksyusha"),
    ("Viktoria", "Vika"),
    ("Georgios", "Giorgos|Yorgos"),
    ("Ioannis", "Giannis|Yannis"),
    ("Konstantinos", "Kostas"),
    ("Dimitrios", "Dimitris|Mitsos"),
    ("Nikolaos", "Nikos"),
    ("Aikaterini", "Katerina"),
    ("Panagiotis", "Panos|Takis"),
    ("Athanasios", "Thanasis"),
    ("Evangelos", "Vangelis"),
    ("Spyridon", "Spyros"),
    ("Michail", "Michalis"),
    ("Alexandros", "Alexis"),
    ("Vasiliki", "Vaso|Vicky"),
    ("Paraskevi", "Voula|Evi"),
    ("Kalliopi", "Popi"),
    ("Oluwaseun", "Seun"),
    ("Babatunde", "Tunde"),
    ("Chukwuemeka", "Emeka"),
    ("Funmilayo", "Funmi"),
    ("Olumide", "Mide"),
    ("Titilayo", "Titi"),
    ("Adebayo", "Bayo"),
    ("Ifeoma", "Ify"),
    ("Chinedu", "Nedu"),
    ("Venkatesh", "Venky"),
    ("Rajesh", "Raju|Raj"),
    ("Srinivas", "Srini"),
    ("Abhishek", "Abhi"),
    ("Siddharth", "Sid"),
    ("Vikram", "Vicky"),
    ("Aditya", "Adi"),
    ("Aishwarya", "Aishu"),
    ("Mohammed", "Mo|Hamoudi"),
    ("Kristina", "Stina"),
    ("Christian", "Chris"),
    ("Frederik", "Frede"),
    ("Ingeborg", "Inge"),
];

/// Spellings of one name (transliterations, romanisations, regional forms).
const VARIANTS: &[&str] = &[
    "Mohammed|Muhammad|Mohamed|Mohammad|Mohamad",
    "Ahmed|Ahmad",
    "Youssef|Yusuf|Yousef|Youssouf",
    "Hassan|Hasan",
    "Aisha|Aicha|Ayesha",
    "Mariam|Maryam|Meryem",
    "Khalid|Khaled",
    "Layla|Leila|Laila",
    "Omar|Umar",
    "Mustafa|Mostafa|Moustafa",
    "Karim|Kareem",
    "Tariq|Tarek|Tarik",
    "Walid|Waleed",
    "Rashid|Rasheed",
    "Abdullah|Abdallah",
    "Adel|Adil",
    "Sergey|Sergei|Serguei",
    "Dmitry|Dmitri|Dmitriy",
    "Alexey|Aleksei|Alexei|Aleksey",
    "Yuri|Yury|Iurii",
    "Natalia|Natalya|Nataliya",
    "Tatiana|Tatyana|Tatjana",
    "Yulia|Julia|Iuliia|Yuliya",
    "Evgeny|Evgeniy|Yevgeny|Eugene",
    "Ksenia|Kseniya|Xenia",
    "Artem|Artyom",
    "Aleksandr|Alexander|Alexandr",
    "Nikolai|Nikolay",
    "Andrey|Andrei",
    "Maxim|Maksim",
    "Daria|Darya",
    "Fedorov|Fyodorov|Fjodorow",
    "Vasiliev|Vasilyev|Wassiljew",
    "Soloviev|Solovyov|Solovyev",
    "Zaitsev|Zaytsev|Saizew",
    "Semenov|Semyonov",
    "Korolev|Korolyov",
    "Kiselev|Kiselyov",
    "Grigoriev|Grigoryev",
    "Vorobiev|Vorobyov",
    "Alekseev|Alexeev|Alexejew",
    "Kuznetsov|Kuznetsow",
    "Ivanov|Iwanow",
    "Smirnov|Smirnow",
    "Popov|Popow",
    "Petrov|Petrow",
    "Georgios|Giorgos|Yorgos",
    "Oikonomou|Economou|Ekonomou",
    "Papadopoulos|Papadopulos",
    "Konstantinos|Constantinos",
    "Meyer|Meier|Maier|Mayer",
    "Schmidt|Schmitt|Schmid",
    "Hoffmann|Hofmann",
    "Wolf|Wolff",
    "Jansen|Janssen",
    "de Bruijn|de Bruin|de Bruyn",
    "Peters|Peeters",
    "Catherine|Katherine|Kathryn",
    "Steven|Stephen",
    "Philip|Phillip",
    "Phillips|Philips",
    "Geoffrey|Jeffrey",
    "Sara|Sarah",
    "Hannah|Hanna",
    "Zoë|Zoe|Zoey",
    "Isabel|Isabelle|Isobel",
    "Mathieu|Matthieu",
    "Luís|Luiz|Luis",
    "Sousa|Souza",
    "Thiago|Tiago",
    "Vítor|Victor|Vitor",
    "Nuñez|Núñez|Nunez",
    "Giménez|Jiménez",
    "Vázquez|Vásquez",
    "Gonçalves|Gonsalves",
    "Seán|Shaun|Shawn",
    "Siobhán|Shivaun",
    "Mehmet|Mehmed",
    "Hüseyin|Hussein",
    "Ayşe|Aysche",
    "Chaudhary|Choudhury|Chowdhury|Chaudhry",
    "Srivastava|Shrivastava",
    "Agarwal|Aggarwal|Agrawal",
    "Iyer|Aiyar",
    "Pillai|Pillay",
    "Banerjee|Banerji",
    "Chatterjee|Chatterji",
    "Mukherjee|Mukherji",
    "cn:Li|Lee",
    "Chen|Chan",
    "Zhang|Cheung|Chang",
    "Liu|Lau",
    "cn:Wu|Ng",
    "Huang|Wong",
    "Zhou|Chow",
    "cn:Lin|Lam",
    "Xu|Hsu",
    "Guo|Kwok",
    "kr:Lee|Yi|Rhee",
    "Park|Pak|Bak",
    "Choi|Choe",
    "Jung|Chung|Jeong",
    "kr:Kang|Gang",
    "Cho|Jo",
    "Yoon|Yun",
    "Lim|Im|Rim",
    "Shin|Sin",
    "Kwon|Gwon",
    "Yoo|Yu",
    "Moon|Mun",
    "Sato|Satō|Satou",
    "Ito|Itō|Itou",
    "Kato|Katō|Katou",
    "Goto|Gotō|Gotou",
    "Saito|Saitō|Saitou",
    "Endo|Endō|Endou",
    "Kondo|Kondō",
    "Ryo|Ryō|Ryou",
    "Sota|Sōta",
    "Yuto|Yūto",
    "Shota|Shōta",
    "Koji|Kōji",
    "Yoko|Yōko",
    "Al-Sayed|El-Sayed|Alsayed",
    "Al-Mansouri|Al Mansouri|Almansouri",
    "Al-Hashimi|Al Hashimi|Alhashimi",
];

/// Adopted Western given names (used by some East Asian customers).
const WESTERN: &str = "David|Kevin|Michael|Jason|Eric|Tony|Vincent|Jenny|Vivian|Grace|Linda|Helen|Amy|Cindy|Lily|Jessica|Peter|Alex|Annie|Daniel|Sophia|Angela|Jack|Kelly";

/// Company names: a stem and a line of business.
const COMPANY_STEMS: &str = "Nordwind|Alpina|Brightway|Bluestone|Corvus|Deltaline|Everest|Fenwick|Greenfield|Harbor|Ironbridge|Juniper|Keystone|Lumen|Meridian|Northstar|Oakridge|Pinnacle|Quantum|Riverside|Silverline|Summit|Terra|Unity|Vertex|Westbrook|Zenith|Atlas|Beacon|Cascade|Crescent|Falcon|Granite|Horizon|Lighthouse|Maple|Orion|Phoenix|Redwood|Sterling|Tidewater|Vanguard|Willow|Aurora|Borealis|Cobalt|Ember|Helix|Indigo|Kestrel|Lotus|Monarch|Nimbus|Onyx|Polaris|Sequoia|Solaris|Triton|Arcadia|Brightwater";
const COMPANY_LINES: &str = "Logistics|Consulting|Software|Foods|Energy|Health|Capital|Labs|Systems|Media|Design|Analytics|Engineering|Retail|Partners|Pharma|Textiles|Motors|Travel|Insurance|Bau|Solutions|Trading|Digital";

/// Email handles that do not contain the name.
const HANDLE_A: &str = "sunny|happy|blue|silver|golden|little|crazy|lucky|cool|dark|wild|sweet|magic|cosmic|urban|quiet|red|green|mad|lazy";
const HANDLE_B: &str = "tiger|wolf|dragon|star|moon|rider|fox|bear|angel|ninja|rocker|queen|king|dreamer|traveler|cat|pixel|storm|panda|bird";

/// Sub-address tags people use.
const TAGS: &str = "news|shop|amazon|crm|spam|work|promo|orders|2019|2023|newsletter|signup";

/// Common typos of popular mail domains.
const DOMAIN_TYPOS: &[(&str, &str)] = &[
    (
        "gmail.com",
        "gmial.com|gmal.com|gmail.co|gmail.con|gamil.com|gnail.com|gmaill.com",
    ),
    (
        "hotmail.com",
        "hotmial.com|hotmail.co|hotmal.com|hotnail.com|homail.com",
    ),
    ("yahoo.com", "yaho.com|yahooo.com|yahoo.co|yhoo.com"),
    ("outlook.com", "outlok.com|outlook.co|outllok.com"),
    ("icloud.com", "iclod.com|icloud.co|icoud.com"),
    ("web.de", "wep.de|web.dee"),
    ("gmx.de", "gmx.dr|gmc.de"),
    ("orange.fr", "orang.fr|orange.ft"),
    ("naver.com", "naver.co|nvaer.com"),
    ("qq.com", "qq.co|qq.cmo"),
];

/// Street and address words written short.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("straße", "str."),
    ("Straße", "Str."),
    ("strasse", "str."),
    ("Strasse", "Str."),
    ("gasse", "g."),
    (" Street", " St"),
    (" Avenue", " Ave"),
    (" Road", " Rd"),
    (" Boulevard", " Blvd"),
    (" Drive", " Dr"),
    (" Lane", " Ln"),
    (" Parade", " Pde"),
    ("Calle ", "C/ "),
    ("Avenida ", "Av. "),
    ("avenue ", "av. "),
    ("boulevard ", "bd "),
    ("Rua ", "R. "),
    ("Via ", "V. "),
    ("Piazza ", "P.zza "),
    ("Corso ", "C.so "),
    ("Viale ", "V.le "),
    ("ul. ", ""),
    ("Caddesi", "Cad."),
    ("Sokak", "Sok."),
    ("Bulvarı", "Bulv."),
    ("gatan", "g."),
    ("vägen", "v."),
    ("prospekt", "pr-t"),
    ("Apartment ", "Apt "),
    ("Flat ", "Fl. "),
    ("straat", "str."),
    ("weg ", "wg "),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crm_core::contact::{CountryCode, Email, Phone};

    #[test]
    fn every_phone_format_reads_back_as_the_number() {
        let mut r = Rng::new(1);
        let model = Model::new(100, &mut r);
        let mut g = Gen::new(&model, r, 100);
        let regions = ["US", "DE", "JP", "AU", "RU", "GB"].map(|c| CountryCode::parse(c).ok());
        for (k, c) in COUNTRIES.iter().enumerate() {
            let region = CountryCode::parse(c.code).expect("country code");
            for city in 0..c.cities.len() {
                for kind in 0..3 {
                    let list = if kind == 0 { c.mob_fmt } else { c.land_fmt };
                    for (fmt, f) in list.iter().enumerate() {
                        let mut p = match kind {
                            0 => g.mobile(k, Some(city), false),
                            1 => g.landline(k, city),
                            _ => {
                                let co = model.countries[k]
                                    .companies
                                    .iter()
                                    .position(|co| co.city == city)
                                    .unwrap_or(0);
                                g.work_phone(k, co)
                            }
                        };
                        p.fmt = fmt;
                        let text = g.phone_text(&p);
                        let expected = format!("+{}{}{}", c.cc, p.area, p.sub.as_str());
                        let parsed = Phone::parse(&text, Some(region))
                            .unwrap_or_else(|e| panic!("{text} in {}: {e}", c.code));
                        assert_eq!(parsed.e164(), expected, "{text} in {}", c.code);
                        assert_eq!(
                            parsed.extension().map(str::to_owned),
                            p.ext.map(|x| x.to_string()),
                            "{text}"
                        );
                        if is_intl(f) {
                            // What a migrant writes reads the same wherever they live.
                            for other in regions {
                                let again = Phone::parse(&text, other).expect("intl");
                                assert_eq!(again.e164(), expected, "{text} in {other:?}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn tables_are_consistent() {
        for c in COUNTRIES {
            assert!(CountryCode::parse(c.code).is_ok(), "{}", c.code);
            assert!(!c.cities.is_empty() && !c.streets.is_empty() && !c.domains.is_empty());
            assert!(c.mob_fmt.iter().any(is_intl) && c.land_fmt.iter().any(is_intl));
            assert!(c.mob_city || !c.mob.is_empty(), "{}", c.code);
            for city in c.cities {
                assert!(city.sub > 0 && !city.area.is_empty(), "{}", city.name);
                assert_eq!(c.region, !city.region.is_empty(), "{}", city.name);
            }
        }
        let mut given = HashSet::new();
        for c in CULTURES {
            for (code, _) in c.homes {
                assert!(country_index(code).is_some(), "{} lives in {code}", c.key);
            }
            for n in split(c.given) {
                given.insert(n.split('=').next().unwrap_or(n));
            }
            assert!(!split(c.family).is_empty());
        }
        for key in WESTERN_CULTURES {
            assert!(CULTURES.iter().any(|c| c.key == *key), "{key}");
        }
        for (name, _) in NICKS {
            let name = name.rsplit(':').next().unwrap_or(name);
            assert!(given.contains(name), "nickname of unknown {name}");
        }
        let cultures = CULTURES.len();
        let given_total: usize = CULTURES.iter().map(|c| split(c.given).len()).sum();
        let family_total: usize = CULTURES.iter().map(|c| split(c.family).len()).sum();
        assert!(cultures >= 15 && given_total > 900 && family_total > 900);
    }

    #[test]
    fn grouping() {
        assert_eq!(groups(7, G::R4), [3, 4]);
        assert_eq!(groups(10, G::R4), [3, 3, 4]);
        assert_eq!(groups(9, G::R4), [5, 4]);
        assert_eq!(groups(7, G::P), [3, 2, 2]);
        assert_eq!(groups(8, G::P), [2, 2, 2, 2]);
        assert_eq!(groups(7, G::L3), [3, 4]);
        assert_eq!(groups(6, G::L3), [3, 3]);
        assert_eq!(groups(8, G::L3), [4, 4]);
        assert_eq!(groups(5, G::W), [5]);
    }

    #[test]
    fn folding() {
        assert_eq!(ascii_fold("Müller", false), "Muller");
        assert_eq!(ascii_fold("Müller", true), "Mueller");
        assert_eq!(ascii_fold("Łukasz Wiśniewski", false), "Lukasz Wisniewski");
        assert_eq!(ascii_fold("Nguyễn Thị Hương", false), "Nguyen Thi Huong");
        assert_eq!(ascii_fold("İbrahim Yılmaz", false), "Ibrahim Yilmaz");
        assert_eq!(
            ascii_fold("Ødegaard Ångström", true),
            "Oedegaard Aangstroem"
        );
        assert_eq!(ascii_fold("Weiß", false), "Weiss");
        assert_eq!(ascii_fold("王伟", false), "王伟");
        assert_eq!(mail_part("O'Brien-Nuñez", false), "obriennunez");
    }

    #[test]
    fn typos_change_one_thing() {
        let mut r = Rng::new(3);
        for name in ["Smith", "Müller", "García", "Li", "Nguyễn", "O'Brien"] {
            for _ in 0..50 {
                let t = typo(&mut r, name, Kb::Qwertz);
                let (a, b) = (name.chars().count(), t.chars().count());
                assert!(a.abs_diff(b) <= 1, "{name} -> {t}");
                assert!(t != name || name.chars().filter(|c| c.is_alphabetic()).count() < 2);
            }
        }
    }

    #[test]
    fn email_keys_compare_like_crm_core() {
        let addresses = [
            "john.smith@gmail.com",
            "johnsmith@gmail.com",
            "John.Smith+news@Gmail.com",
            "j.ohnsmith@googlemail.com",
            "john.smith@outlook.com",
            "john.smith+x@outlook.com",
            "johnsmith@outlook.com",
            "john-smith@yahoo.com",
            "john@yahoo.com",
            "john-smith@web.de",
            "John-Smith@web.de",
            "john@web.de",
            "....@gmail.com",
        ];
        for a in addresses {
            for b in addresses {
                let (Ok(ea), Ok(eb)) = (Email::parse(a), Email::parse(b)) else {
                    continue;
                };
                let (na, pa) = email_keys(a);
                let (nb, pb) = email_keys(b);
                assert_eq!(na == nb, ea.normalized() == eb.normalized(), "{a} {b}");
                assert_eq!(
                    pa == pb,
                    ea.provider_normalized() == eb.provider_normalized(),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn cluster_sizes_add_up() {
        let mut r = Rng::new(5);
        for (entities, extras, max) in [
            (10, 0, 5),
            (10, 5, 5),
            (10, 40, 5),
            (1000, 250, 5),
            (7, 7, 2),
        ] {
            let sizes = cluster_sizes(&mut r, entities, extras, max);
            assert_eq!(sizes.len(), entities);
            let total: usize = sizes.iter().map(|&s| usize::from(s)).sum();
            assert_eq!(total, entities + extras);
            assert!(sizes.iter().all(|&s| (1..=max).contains(&usize::from(s))));
        }
    }
}
