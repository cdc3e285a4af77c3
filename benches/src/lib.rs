//! Synthetic data for the benchmarks: deterministic, realistic-looking customers.

use crm_core::NewCustomer;
use crm_core::contact::PhoneKind;

/// Realistic customer records with ground-truth duplicate clusters, for deduplication benchmarks.
pub mod people;

const GIVEN: &[&str] = &[
    "Ada",
    "Grace",
    "José",
    "Zoë",
    "Jürgen",
    "Siobhán",
    "Łukasz",
    "Misaki",
    "Oleg",
    "Priya",
    "Chinedu",
    "Mei",
    "Lucas",
    "Fatima",
    "Henrik",
    "Aoife",
    "Robert",
    "Elizabeth",
    "Matteo",
    "Camille",
    "Sven",
    "Ingrid",
    "Carlos",
    "Ji-woo",
    "Amelia",
    "Noah",
    "Hannah",
    "Tomás",
    "Yusuf",
    "Olivia",
    "Lars",
    "Sofia",
    "Ethan",
    "Amara",
    "Valentina",
    "William",
];
const FAMILY: &[&str] = &[
    "Lovelace",
    "Hopper",
    "García",
    "Ångström",
    "Weiß",
    "O'Brien",
    "Nowak",
    "Sato",
    "Ivanov",
    "Raman",
    "Okafor",
    "Chen",
    "Oliveira",
    "Al-Sayed",
    "Larsen",
    "Byrne",
    "Smith",
    "Taylor",
    "Rossi",
    "Dubois",
    "van der Berg",
    "Hansen",
    "Hernández",
    "Kim",
    "Wright",
    "Williams",
    "Schmidt",
    "Silva",
    "Demir",
    "Brown",
    "Johansson",
    "Papadopoulou",
    "Cohen",
    "Nwosu",
    "Gómez",
    "Jones",
    "Müller",
    "Novak",
    "Kowalski",
    "Tanaka",
];
const TAGS: &[&str] = &[
    "vip",
    "newsletter",
    "wholesale",
    "retail",
    "eu",
    "early_adopter",
    "b2b",
    "trade_show",
    "referral",
    "webinar",
];
const DOMAINS: &[&str] = &["example.com", "mail.example", "example.org", "post.example"];

/// A small, fast, seeded generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The `i`-th synthetic customer: a name, two unique emails, a US mobile number and three
/// tags (the shape the bulk-insert budget is stated for).
pub fn customer(rng: &mut Rng, i: usize) -> NewCustomer {
    let given = rng.pick(GIVEN);
    let family = rng.pick(FAMILY);
    let local: String = given
        .chars()
        .filter(char::is_ascii_alphabetic)
        .chain(std::iter::once('.'))
        .chain(family.chars().filter(char::is_ascii_alphabetic))
        .collect::<String>()
        .to_lowercase();
    let d1 = rng.pick(DOMAINS);
    let d2 = rng.pick(DOMAINS);
    let mut tags = Vec::with_capacity(3);
    while tags.len() < 3 {
        let t = rng.pick(TAGS);
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let mut new = NewCustomer::default()
        .with_name(given, family)
        .with_email(format!("{local}.{i}@{d1}"))
        .with_email(format!("{local}{i}@work.{d2}"))
        .with_phone(
            format!("+1 (415) {:03}-{:04}", 200 + (i / 10_000) % 800, i % 10_000),
            PhoneKind::Mobile,
        );
    for t in tags {
        new = new.with_tag(t);
    }
    new
}

/// `n` synthetic customers from `seed`.
pub fn customers(seed: u64, n: usize) -> Vec<NewCustomer> {
    let mut rng = Rng::new(seed);
    (0..n).map(|i| customer(&mut rng, i)).collect()
}

/// Resident memory of this process now and at its peak, in bytes (Linux; 0 elsewhere).
pub fn rss_bytes() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_is_deterministic_and_valid() {
        let a = customers(1, 200);
        assert_eq!(a, customers(1, 200));
        assert_ne!(a, customers(2, 200));
        let mut crm = crm_core::Crm::builder().seed(1).build();
        let report = crm.import_customers(a);
        assert!(report.rejected.is_empty(), "{:?}", report.rejected.first());
        assert_eq!(crm.len(), 200);
        assert!(
            crm.customers()
                .all(|c| c.emails.len() == 2 && c.tags.len() == 3)
        );
    }
}
