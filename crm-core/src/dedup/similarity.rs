//! PLACEHOLDER (replaced by the kernels being written in parallel).
#![allow(missing_docs, unreachable_pub, clippy::needless_range_loop)]
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let w = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut bm = vec![false; b.len()];
    let mut am = vec![false; a.len()];
    let mut m = 0usize;
    for i in 0..a.len() {
        let lo = i.saturating_sub(w);
        let hi = (i + w + 1).min(b.len());
        for j in lo..hi {
            if !bm[j] && a[i] == b[j] {
                bm[j] = true;
                am[i] = true;
                m += 1;
                break;
            }
        }
    }
    if m == 0 {
        return 0.0;
    }
    let mut t = 0;
    let mut k = 0;
    for i in 0..a.len() {
        if am[i] {
            while !bm[k] {
                k += 1;
            }
            if a[i] != b[k] {
                t += 1;
            }
            k += 1;
        }
    }
    let m = m as f64;
    let j = (m / a.len() as f64 + m / b.len() as f64 + (m - t as f64 / 2.0) / m) / 3.0;
    let p = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count() as f64;
    j + p * 0.1 * (1.0 - j)
}
pub struct JaroWinklerQuery(String);
impl JaroWinklerQuery {
    pub fn new(a: &str) -> Self {
        Self(a.to_owned())
    }
    pub fn score(&self, b: &str) -> f64 {
        jaro_winkler(&self.0, b)
    }
}
pub fn damerau_osa_bounded(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in 0..=a.len() {
        d[i][0] = i;
    }
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let c = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + c);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    let r = d[a.len()][b.len()];
    (r <= max).then_some(r)
}
