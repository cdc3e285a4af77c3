//! PLACEHOLDER (replaced by the kernels being written in parallel).
#![allow(missing_docs, unreachable_pub)]
pub fn phonetic_key(name: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    for c in name.chars().filter(|c| c.is_alphanumeric()) {
        let k = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' => '0',
            'b' | 'f' | 'p' | 'v' => '1',
            'c' | 'g' | 'j' | 'k' | 'q' | 's' | 'x' | 'z' => '2',
            'd' | 't' => '3',
            'l' => '4',
            'm' | 'n' => '5',
            'r' => '6',
            o => o,
        };
        if out.is_empty() {
            out.push(c);
            last = k;
            continue;
        }
        if k != last && k != '0' {
            out.push(k);
        }
        last = k;
        if out.len() >= 6 {
            break;
        }
    }
    out
}
