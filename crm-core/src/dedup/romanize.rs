//! Latin spellings of names written in Cyrillic, Greek or Hangul, for matching only.
//!
//! The same customer is often entered once in their own script and once in Latin letters
//! ("Наталья Кузьмина" / "Natalia Kuzmina", "Δημήτριος" / "Dimitrios", "송민서" /
//! "Song Minseo"). Matching compares the romanized forms so that such pairs reach the
//! typo or exact level, and meet in the phonetic blocks. What is stored and shown keeps
//! the script it was written in.
//!
//! The schemes are the common, letter-by-letter ones that people use when they type
//! their own names: a simplified BGN/PCGN for Russian, Ukrainian and other Cyrillic
//! alphabets, ELOT 743 for Greek, and the Revised Romanization for Korean (with the
//! customary spellings of the most common family names: Kim, Lee, Park, Choi, …).
//! Chinese and Japanese names are not romanized: their characters need dictionaries
//! that would outweigh the rest of the matcher.
//!
//! Input is text already [folded](crate::contact::text::fold) (lower case, no accents).

/// `name` with Cyrillic, Greek and Hangul letters written in Latin ones; other text is
/// returned unchanged (and not copied when there is nothing to romanize).
pub(crate) fn romanize(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.chars().any(needs_romanizing) {
        return std::borrow::Cow::Borrowed(name);
    }
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if let Some(pair) = greek_pair(c, next) {
            out.push_str(pair);
            i += 2;
            continue;
        }
        if let Some(latin) = cyrillic(c).or_else(|| greek(c)) {
            out.push_str(latin);
        } else if is_hangul(c) {
            let word_start = i == 0 || chars[i - 1] == ' ';
            let word_alone = word_start && next.is_none_or(|n| n == ' ');
            hangul(c, word_alone, &mut out);
        } else {
            out.push(c);
        }
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

fn needs_romanizing(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{04FF}') || is_hangul(c)
}

fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'ї' => "yi",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "c",
        'ђ' => "dj",
        'џ' => "dz",
        _ => return None,
    })
}

/// Greek digraphs read as one sound.
fn greek_pair(c: char, next: Option<char>) -> Option<&'static str> {
    Some(match (c, next?) {
        ('ο', 'υ') => "ou",
        ('α', 'υ') => "av",
        ('ε', 'υ') => "ev",
        ('μ', 'π') => "b",
        ('ν', 'τ') => "nt",
        ('γ', 'γ') => "ng",
        ('γ', 'κ') => "gk",
        _ => return None,
    })
}

fn greek(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' | 'ι' => "i",
        'θ' => "th",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ω' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        _ => return None,
    })
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// The customary spellings of common one-syllable Korean family names.
fn family_name(c: char) -> Option<&'static str> {
    Some(match c {
        '김' => "kim",
        '이' => "lee",
        '박' => "park",
        '최' => "choi",
        '정' => "jung",
        '강' => "kang",
        '조' => "cho",
        '윤' => "yoon",
        '임' => "lim",
        '오' => "oh",
        '신' => "shin",
        '권' => "kwon",
        '안' => "ahn",
        '류' | '유' => "yu",
        '노' => "noh",
        '문' => "moon",
        '손' => "son",
        '배' => "bae",
        '백' => "baek",
        '허' => "heo",
        _ => return None,
    })
}

/// One Hangul syllable; a syllable that is a whole word is read as a family name.
fn hangul(c: char, word_alone: bool, out: &mut String) {
    if word_alone {
        if let Some(name) = family_name(c) {
            out.push_str(name);
            return;
        }
    }
    let index = c as u32 - 0xAC00;
    let (initial, vowel, last) = (index / 588, (index % 588) / 28, index % 28);
    for part in [
        INITIALS[initial as usize],
        VOWELS[vowel as usize],
        FINALS[last as usize],
    ] {
        out.push_str(part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::text::fold;

    fn r(s: &str) -> String {
        romanize(&fold(s)).into_owned()
    }

    #[test]
    fn latin_text_is_borrowed_unchanged() {
        assert!(matches!(
            romanize("maria garcia"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(romanize("王伟"), "王伟");
    }

    #[test]
    fn cyrillic_names() {
        assert_eq!(r("Наталья"), "natalya");
        assert_eq!(r("Кузьмина"), "kuzmina");
        assert_eq!(r("Иван Петров"), "ivan petrov");
        assert_eq!(r("Щукин"), "shchukin");
        assert_eq!(r("Олександр"), "oleksandr");
    }

    #[test]
    fn greek_names() {
        assert_eq!(r("Δημήτριος"), "dimitrios");
        assert_eq!(r("Αντωνίου"), "antoniou");
        assert_eq!(r("Γεώργιος Παπαδόπουλος"), "georgios papadopoulos");
        assert_eq!(r("Ευάγγελος"), "evangelos");
    }

    #[test]
    fn korean_names() {
        assert_eq!(r("민서"), "minseo");
        assert_eq!(r("재원"), "jaewon");
        assert_eq!(r("송"), "song");
        assert_eq!(r("최"), "choi");
        assert_eq!(r("김"), "kim");
        // Inside a given name, the syllable is read by the Revised Romanization.
        assert_eq!(r("이서"), "iseo");
        assert_eq!(r("최 재원"), "choi jaewon");
    }
}
