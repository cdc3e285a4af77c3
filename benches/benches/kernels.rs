//! One query name against 10,000 realistic names: ns per pair for the similarity kernels.
//!
//! Criterion reports the time for the whole list and, with the element throughput set to
//! the list length, pairs per second; ns per pair = time / 10,000.
//!
//! On a shared machine criterion's mean includes the time the bench was descheduled, so
//! the bench first prints a second figure per kernel: the fastest of 200 passes over the
//! list, which approximates the uncontended cost.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crm_core::dedup::{JaroWinklerQuery, damerau_osa_bounded, jaro_winkler, levenshtein};

const FIRST: &[&str] = &[
    "james",
    "john",
    "robert",
    "michael",
    "william",
    "david",
    "richard",
    "joseph",
    "thomas",
    "charles",
    "christopher",
    "daniel",
    "matthew",
    "anthony",
    "mark",
    "donald",
    "steven",
    "paul",
    "andrew",
    "joshua",
    "kenneth",
    "kevin",
    "brian",
    "george",
    "timothy",
    "ronald",
    "edward",
    "jason",
    "jeffrey",
    "ryan",
    "jacob",
    "gary",
    "nicholas",
    "eric",
    "jonathan",
    "stephen",
    "larry",
    "justin",
    "scott",
    "brandon",
    "benjamin",
    "samuel",
    "gregory",
    "alexander",
    "frank",
    "patrick",
    "raymond",
    "jack",
    "dennis",
    "jerry",
    "tyler",
    "aaron",
    "jose",
    "adam",
    "nathan",
    "henry",
    "douglas",
    "zachary",
    "peter",
    "kyle",
    "walter",
    "ethan",
    "jeremy",
    "harold",
    "keith",
    "christian",
    "roger",
    "noah",
    "gerald",
    "carl",
    "terry",
    "sean",
    "austin",
    "arthur",
    "lawrence",
    "jesse",
    "dylan",
    "bryan",
    "joe",
    "jordan",
    "billy",
    "bruce",
    "albert",
    "willie",
    "gabriel",
    "logan",
    "alan",
    "juan",
    "wayne",
    "roy",
    "ralph",
    "randy",
    "eugene",
    "vincent",
    "russell",
    "elijah",
    "louis",
    "bobby",
    "philip",
    "johnny",
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "elizabeth",
    "barbara",
    "susan",
    "jessica",
    "sarah",
    "karen",
    "nancy",
    "lisa",
    "betty",
    "margaret",
    "sandra",
    "ashley",
    "kimberly",
    "emily",
    "donna",
    "michelle",
    "dorothy",
    "carol",
    "amanda",
    "melissa",
    "deborah",
    "stephanie",
    "rebecca",
    "sharon",
    "laura",
    "cynthia",
    "kathleen",
    "amy",
    "shirley",
    "angela",
    "helen",
    "anna",
    "brenda",
    "pamela",
    "nicole",
    "emma",
    "samantha",
    "katherine",
    "christine",
    "debra",
    "rachel",
    "catherine",
    "carolyn",
    "janet",
    "ruth",
    "maria",
    "heather",
    "diane",
    "virginia",
    "julie",
    "joyce",
    "victoria",
    "olivia",
    "kelly",
    "christina",
    "lauren",
    "joan",
    "evelyn",
    "judith",
    "megan",
    "cheryl",
    "andrea",
    "hannah",
    "martha",
    "jacqueline",
    "frances",
    "gloria",
    "ann",
    "teresa",
    "kathryn",
    "sara",
    "janice",
    "jean",
    "alice",
    "madison",
    "doris",
    "abigail",
    "julia",
    "judy",
    "grace",
    "denise",
    "amber",
    "marilyn",
    "beverly",
    "danielle",
    "theresa",
    "sophia",
    "marie",
    "diana",
    "brittany",
    "natalie",
    "isabella",
    "charlotte",
    "rose",
    "alexis",
    "kayla",
    "muhammad",
    "mohammed",
    "ahmed",
    "fatima",
    "aisha",
    "omar",
    "ali",
    "yusuf",
    "wei",
    "jing",
    "xiaoming",
    "hiroshi",
    "yuki",
    "haruto",
    "sakura",
    "priya",
    "rahul",
    "anjali",
    "arjun",
    "lukasz",
    "malgorzata",
    "krzysztof",
    "jurgen",
    "francois",
    "zoe",
    "jose",
    "joao",
    "giuseppe",
    "francesca",
    "dmitri",
    "svetlana",
    "nguyen",
    "thanh",
];

const LAST: &[&str] = &[
    "smith",
    "johnson",
    "williams",
    "brown",
    "jones",
    "garcia",
    "miller",
    "davis",
    "rodriguez",
    "martinez",
    "hernandez",
    "lopez",
    "gonzalez",
    "wilson",
    "anderson",
    "thomas",
    "taylor",
    "moore",
    "jackson",
    "martin",
    "lee",
    "perez",
    "thompson",
    "white",
    "harris",
    "sanchez",
    "clark",
    "ramirez",
    "lewis",
    "robinson",
    "walker",
    "young",
    "allen",
    "king",
    "wright",
    "scott",
    "torres",
    "nguyen",
    "hill",
    "flores",
    "green",
    "adams",
    "nelson",
    "baker",
    "hall",
    "rivera",
    "campbell",
    "mitchell",
    "carter",
    "roberts",
    "gomez",
    "phillips",
    "evans",
    "turner",
    "diaz",
    "parker",
    "cruz",
    "edwards",
    "collins",
    "reyes",
    "stewart",
    "morris",
    "morales",
    "murphy",
    "cook",
    "rogers",
    "gutierrez",
    "ortiz",
    "morgan",
    "cooper",
    "peterson",
    "bailey",
    "reed",
    "kelly",
    "howard",
    "ramos",
    "kim",
    "cox",
    "ward",
    "richardson",
    "watson",
    "brooks",
    "chavez",
    "wood",
    "james",
    "bennett",
    "gray",
    "mendoza",
    "ruiz",
    "hughes",
    "price",
    "alvarez",
    "castillo",
    "sanders",
    "patel",
    "myers",
    "long",
    "ross",
    "foster",
    "jimenez",
    "muller",
    "schmidt",
    "schneider",
    "fischer",
    "weber",
    "meyer",
    "wagner",
    "becker",
    "schulz",
    "hoffmann",
    "dubois",
    "durand",
    "lefebvre",
    "moreau",
    "laurent",
    "rossi",
    "russo",
    "ferrari",
    "esposito",
    "bianchi",
    "romano",
    "kowalski",
    "nowak",
    "wisniewski",
    "wojcik",
    "kowalczyk",
    "kaminski",
    "lewandowski",
    "zielinski",
    "jansen",
    "devries",
    "vandenberg",
    "bakker",
    "visser",
    "smit",
    "yilmaz",
    "kaya",
    "demir",
    "sahin",
    "celik",
    "silva",
    "santos",
    "ferreira",
    "pereira",
    "oliveira",
    "costa",
    "rodrigues",
    "almeida",
    "ivanov",
    "smirnov",
    "kuznetsov",
    "popov",
    "sokolov",
    "wang",
    "zhang",
    "liu",
    "chen",
    "yang",
    "huang",
    "zhao",
    "zhou",
    "sato",
    "suzuki",
    "takahashi",
    "tanaka",
    "watanabe",
    "sharma",
    "singh",
    "kumar",
    "gupta",
    "khan",
    "hussain",
    "rahman",
    "abdullah",
    "tran",
    "pham",
    "le",
    "hoang",
    "phan",
    "vu",
    "dang",
    "bui",
    "do",
    "ho",
    "ngo",
    "duong",
];

/// Small deterministic PRNG (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// 10,000 single-token names (first and family names, 2-12 letters) where about 30% carry
/// one or two typos (substitution, deletion, insertion or adjacent transposition).
fn names() -> Vec<String> {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let letters: Vec<char> = ('a'..='z').collect();
    (0..10_000)
        .map(|_| {
            let base = if rng.below(2) == 0 {
                FIRST[rng.below(FIRST.len())]
            } else {
                LAST[rng.below(LAST.len())]
            };
            let mut v: Vec<char> = base.chars().collect();
            let typos = match rng.below(10) {
                0..=6 => 0,
                7 | 8 => 1,
                _ => 2,
            };
            for _ in 0..typos {
                let pos = rng.below(v.len());
                match rng.below(4) {
                    0 if v.len() > 2 => {
                        v.remove(pos);
                    }
                    1 => v.insert(pos, letters[rng.below(letters.len())]),
                    2 if pos + 1 < v.len() => v.swap(pos, pos + 1),
                    _ => v[pos] = letters[rng.below(letters.len())],
                }
            }
            v.into_iter().collect()
        })
        .collect()
}

/// ns per pair of the fastest of `passes` passes of `f` over `names`.
fn min_pass_ns(names: &[String], passes: usize, mut f: impl FnMut(&str) -> f64) -> f64 {
    let mut best = f64::MAX;
    let mut sink = 0.0;
    for _ in 0..passes {
        let start = Instant::now();
        for n in black_box(names) {
            sink += f(n);
        }
        best = best.min(start.elapsed().as_nanos() as f64 / names.len() as f64);
    }
    black_box(sink);
    best
}

/// Prints the fastest-pass figures (see the module documentation).
fn print_min_pass(names: &[String]) {
    eprintln!("fastest of 200 passes, ns per pair:");
    for query in ["katherine", "smith"] {
        let q = JaroWinklerQuery::new(query);
        let rows: [(&str, f64); 4] = [
            (
                "JaroWinklerQuery::score",
                min_pass_ns(names, 200, |n| q.score(n)),
            ),
            (
                "jaro_winkler",
                min_pass_ns(names, 200, |n| jaro_winkler(black_box(query), n)),
            ),
            (
                "damerau_osa_bounded(.., 2)",
                min_pass_ns(names, 200, |n| {
                    damerau_osa_bounded(black_box(query), n, 2).map_or(9.0, |d| d as f64)
                }),
            ),
            (
                "levenshtein",
                min_pass_ns(names, 200, |n| levenshtein(black_box(query), n) as f64),
            ),
        ];
        for (kernel, ns) in rows {
            eprintln!("  {kernel:28} {query:10} {ns:6.1}");
        }
    }
    let q = JaroWinklerQuery::new("екатерина");
    let ns = min_pass_ns(names, 200, |n| q.score(n));
    eprintln!(
        "  {:28} {:10} {ns:6.1}",
        "JaroWinklerQuery::score", "екатерина"
    );
}

fn bench_kernels(c: &mut Criterion) {
    let names = names();
    let mean_len =
        names.iter().map(|n| n.chars().count()).sum::<usize>() as f64 / names.len() as f64;
    eprintln!("10,000 names, mean length {mean_len:.2} characters");
    print_min_pass(&names);
    let mut group = c.benchmark_group("one_vs_10k");
    group.throughput(Throughput::Elements(names.len() as u64));
    group.sample_size(30);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));

    for query in ["katherine", "smith"] {
        let q = JaroWinklerQuery::new(query);
        group.bench_function(format!("JaroWinklerQuery::score/{query}"), |bch| {
            bch.iter(|| {
                let mut acc = 0.0;
                for n in black_box(&names) {
                    acc += q.score(n);
                }
                acc
            });
        });
        group.bench_function(format!("jaro_winkler/{query}"), |bch| {
            bch.iter(|| {
                let mut acc = 0.0;
                for n in black_box(&names) {
                    acc += jaro_winkler(black_box(query), n);
                }
                acc
            });
        });
        group.bench_function(format!("damerau_osa_bounded_2/{query}"), |bch| {
            bch.iter(|| {
                let mut hits = 0usize;
                for n in black_box(&names) {
                    hits += usize::from(damerau_osa_bounded(black_box(query), n, 2).is_some());
                }
                hits
            });
        });
        group.bench_function(format!("levenshtein/{query}"), |bch| {
            bch.iter(|| {
                let mut acc = 0usize;
                for n in black_box(&names) {
                    acc += levenshtein(black_box(query), n);
                }
                acc
            });
        });
    }
    // Non-ASCII query against the same list (Cyrillic candidates are rare in practice;
    // this measures the char path of the query).
    let q = JaroWinklerQuery::new("екатерина");
    group.bench_function("JaroWinklerQuery::score/екатерина", |bch| {
        bch.iter(|| {
            let mut acc = 0.0;
            for n in black_box(&names) {
                acc += q.score(n);
            }
            acc
        });
    });
    group.finish();
}

criterion_group!(benches, bench_kernels);
criterion_main!(benches);
