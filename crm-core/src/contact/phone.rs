//! Phone numbers: a compact, table-driven normaliser to E.164.
//!
//! This deliberately does not use libphonenumber's metadata (the `phonenumber` crate adds
//! about 480 KiB to the wasm build). It knows every ITU country calling code, the national
//! number lengths and trunk prefixes of the largest markets (see [`Phone::parse`]), and a
//! generic rule for the rest. It checks lengths, not number ranges: a number of the right
//! length is accepted even if it is not (yet) allocated.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::country::CountryCode;
use crate::error::{Error, Result};

/// What a phone number is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    /// A mobile (cell) phone.
    Mobile,
    /// A home landline.
    Home,
    /// A work phone.
    Work,
    /// A fax machine.
    Fax,
    /// Anything else, or unknown.
    #[default]
    Other,
}

impl PhoneKind {
    /// Every kind, in declaration order.
    pub const ALL: [PhoneKind; 5] = [
        PhoneKind::Mobile,
        PhoneKind::Home,
        PhoneKind::Work,
        PhoneKind::Fax,
        PhoneKind::Other,
    ];

    /// The snake_case name (`"mobile"`, `"home"`, `"work"`, `"fax"`, `"other"`).
    pub fn as_str(self) -> &'static str {
        match self {
            PhoneKind::Mobile => "mobile",
            PhoneKind::Home => "home",
            PhoneKind::Work => "work",
            PhoneKind::Fax => "fax",
            PhoneKind::Other => "other",
        }
    }
}

/// Read from its name as [`PhoneKind::from_str`](std::str::FromStr) takes it ("Mobile",
/// " work "), as the other kinds of the crate are.
impl<'de> Deserialize<'de> for PhoneKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        const NAMES: &[&str] = &["mobile", "home", "work", "fax", "other"];
        crate::macros::read_variant(d, NAMES).map(|i| PhoneKind::ALL[i])
    }
}

impl fmt::Display for PhoneKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PhoneKind {
    type Err = Error;

    /// Parses a kind name, ignoring case and surrounding whitespace.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] with field `phone_kind` for any other text.
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim();
        PhoneKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| {
                Error::invalid(
                    "phone_kind",
                    s,
                    "not a phone kind (expected mobile, home, work, fax or other)",
                )
            })
    }
}

/// A phone number normalised to E.164, with an optional extension and a kind.
///
/// Equality and hashing compare every field, including the text as given; compare
/// [`Phone::e164`] (and [`Phone::extension`]) to find the same line written differently.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    /// The number as given, the E.164 form, then the extension: one allocation.
    text: Box<str>,
    /// Where the E.164 form starts in `text`.
    e164_at: u32,
    /// Where the extension starts in `text` (where the E.164 form ends).
    ext_at: u32,
    /// Whether there is an extension (it may be empty in deserialized data).
    has_ext: bool,
    kind: PhoneKind,
}

/// The JSON form: `{"number": …, "e164": …, "extension": … or null, "kind": …}`.
#[derive(Serialize)]
struct PhoneRef<'a> {
    number: &'a str,
    e164: &'a str,
    extension: Option<&'a str>,
    kind: PhoneKind,
}

#[derive(Deserialize)]
struct PhoneOwned {
    number: String,
    e164: String,
    extension: Option<String>,
    kind: PhoneKind,
}

impl Serialize for Phone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        PhoneRef {
            number: self.number(),
            e164: self.e164(),
            extension: self.extension(),
            kind: self.kind,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let p = PhoneOwned::deserialize(d)?;
        Phone::from_parts(&p.number, &p.e164, p.extension.as_deref(), p.kind)
            .ok_or_else(|| serde::de::Error::custom("phone number too long"))
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Phone")
            .field("number", &self.number())
            .field("e164", &self.e164())
            .field("extension", &self.extension())
            .field("kind", &self.kind)
            .finish()
    }
}

impl Phone {
    /// Parses a phone number and normalises it to E.164 (`+4930123456`).
    ///
    /// Accepted input:
    /// - formatting characters anywhere: spaces (also no-break and thin spaces), `.`, `-`,
    ///   `(`, `)`, `/`; full-width and Arabic-Indic digits; an optional `tel:` prefix;
    /// - international form: a leading `+` (or the international prefix `00`; `011` when
    ///   the default region is in the North American Numbering Plan, `0011` for Australia,
    ///   `010` for Japan) and the country calling code. A trunk prefix written after the
    ///   country code, as in `+44 (0)20 7946 0958`, is dropped;
    /// - national form, read in `default_region`: its trunk prefix is dropped (`0` in most
    ///   countries, `8` in Russia and Kazakhstan, optional `1` in the NANP, `06` in
    ///   Hungary); Italian numbers keep their leading `0`;
    /// - an extension after `x`, `ext`, `ext.`, `extension`, `#` or `;ext=`.
    ///
    /// The national significant number must have a length valid for its country: exact
    /// ranges are known for the NANP (US, CA, …), GB, DE, FR, IT, ES, PT, NL, BE, CH, AT,
    /// IE, DK, SE, NO, FI, PL, CZ, GR, HU, TR, RU/KZ, UA, IL, AE, SA, IN, PK, CN, HK, TW,
    /// JP, KR, SG, MY, TH, ID, PH, VN, AU, NZ, BR, MX, AR, CL, CO, ZA, NG, EG and KE
    /// (service numbers such as short codes, Australian 13/1300/1800 numbers or Indian
    /// toll-free numbers are not accepted there); elsewhere 4 to 14 digits, at most 15 with
    /// the country code. In the NANP, area code and exchange code must start with 2-9.
    ///
    /// The kind is [`PhoneKind::Other`]; see [`Phone::with_kind`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPhone`] with field `phone` and a specific reason: letters present,
    /// a national number without a default region, an unknown country calling code, a
    /// number too short or too long for its country, an invalid NANP area or exchange code.
    ///
    /// ```
    /// use crm_core::contact::{CountryCode, Phone, PhoneKind};
    ///
    /// let de = CountryCode::parse("DE")?;
    /// let phone = Phone::parse("030 / 1234 5678", Some(de))?;
    /// assert_eq!(phone.e164(), "+493012345678");
    /// assert_eq!(phone.country_calling_code(), 49);
    ///
    /// let us = Phone::parse("+1 (415) 555-2671 ext. 42", None)?.with_kind(PhoneKind::Work);
    /// assert_eq!(us.e164(), "+14155552671");
    /// assert_eq!(us.extension(), Some("42"));
    /// assert_eq!(us.kind(), PhoneKind::Work);
    ///
    /// assert!(Phone::parse("030 1234 5678", None).is_err()); // which country?
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn parse(input: &str, default_region: Option<CountryCode>) -> Result<Phone> {
        let number = input.trim();
        let fail = |reason: String| Error::InvalidPhone {
            field: "phone".to_owned(),
            value: crate::error::shown(input),
            reason,
        };
        let mut digits = Digits::new();
        let (code, nsn, extension) =
            normalize(number, default_region, &mut digits).map_err(fail)?;
        Phone::pack(
            number,
            |text| {
                text.push('+');
                push_code(text, code);
                text.push_str(nsn);
            },
            extension,
            PhoneKind::Other,
        )
        .ok_or_else(|| fail("too long".to_owned()))
    }

    /// Packs the parts; `None` only beyond 4 GiB of text.
    fn from_parts(
        number: &str,
        e164: &str,
        extension: Option<&str>,
        kind: PhoneKind,
    ) -> Option<Phone> {
        Phone::pack(number, |text| text.push_str(e164), extension, kind)
    }

    /// Packs the number as given, the E.164 form that `e164` writes, and the extension.
    fn pack(
        number: &str,
        e164: impl FnOnce(&mut String),
        extension: Option<&str>,
        kind: PhoneKind,
    ) -> Option<Phone> {
        let ext = extension.unwrap_or("");
        // "+", a calling code of up to 3 digits and up to 20 more (what `normalize` reads).
        let mut text = String::with_capacity(number.len() + 24 + ext.len());
        text.push_str(number);
        let e164_at = u32::try_from(text.len()).ok()?;
        e164(&mut text);
        let ext_at = u32::try_from(text.len()).ok()?;
        text.push_str(ext);
        u32::try_from(text.len()).ok()?;
        Some(Phone {
            text: text.into_boxed_str(),
            e164_at,
            ext_at,
            has_ext: extension.is_some(),
            kind,
        })
    }

    /// The same number with another kind.
    #[must_use]
    pub fn with_kind(mut self, kind: PhoneKind) -> Phone {
        self.kind = kind;
        self
    }

    /// The number as given (surrounding whitespace removed).
    pub fn number(&self) -> &str {
        self.text.get(..self.e164_at as usize).unwrap_or_default()
    }

    /// The number in E.164 form: `+`, country calling code, national significant number.
    pub fn e164(&self) -> &str {
        self.text
            .get(self.e164_at as usize..self.ext_at as usize)
            .unwrap_or_default()
    }

    /// The extension (digits only), if one was given.
    pub fn extension(&self) -> Option<&str> {
        self.has_ext
            .then(|| self.text.get(self.ext_at as usize..).unwrap_or_default())
    }

    /// What the number is used for.
    pub fn kind(&self) -> PhoneKind {
        self.kind
    }

    /// The country calling code (`1` for the NANP, `44` for the UK, …).
    ///
    /// Returns 0 only for a `Phone` deserialized from data that was not produced by
    /// [`Phone::parse`].
    pub fn country_calling_code(&self) -> u16 {
        let e164 = self.e164();
        let digits = e164.strip_prefix('+').unwrap_or(e164);
        split_calling_code(digits).map_or(0, |(code, _)| code)
    }
}

impl fmt::Display for Phone {
    /// Shows the E.164 form, followed by `;ext=` and the extension if there is one
    /// (the RFC 3966 spelling, which [`Phone::parse`] reads back).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.e164())?;
        if let Some(ext) = self.extension() {
            write!(f, ";ext={ext}")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------

/// The region label of non-geographic calling codes.
const INTL: &str = "international";

/// Every assigned ITU-T E.164 country calling code with its main region (or
/// `international` for non-geographic codes), sorted by code. The codes are prefix-free.
#[rustfmt::skip]
const CALLING_CODES: &[(u16, &str)] = &[
    (1, "US"), (7, "RU"), (20, "EG"), (27, "ZA"), (30, "GR"), (31, "NL"), (32, "BE"),
    (33, "FR"), (34, "ES"), (36, "HU"), (39, "IT"), (40, "RO"), (41, "CH"), (43, "AT"),
    (44, "GB"), (45, "DK"), (46, "SE"), (47, "NO"), (48, "PL"), (49, "DE"), (51, "PE"),
    (52, "MX"), (53, "CU"), (54, "AR"), (55, "BR"), (56, "CL"), (57, "CO"), (58, "VE"),
    (60, "MY"), (61, "AU"), (62, "ID"), (63, "PH"), (64, "NZ"), (65, "SG"), (66, "TH"),
    (81, "JP"), (82, "KR"), (84, "VN"), (86, "CN"), (90, "TR"), (91, "IN"), (92, "PK"),
    (93, "AF"), (94, "LK"), (95, "MM"), (98, "IR"), (211, "SS"), (212, "MA"), (213, "DZ"),
    (216, "TN"), (218, "LY"), (220, "GM"), (221, "SN"), (222, "MR"), (223, "ML"), (224, "GN"),
    (225, "CI"), (226, "BF"), (227, "NE"), (228, "TG"), (229, "BJ"), (230, "MU"), (231, "LR"),
    (232, "SL"), (233, "GH"), (234, "NG"), (235, "TD"), (236, "CF"), (237, "CM"), (238, "CV"),
    (239, "ST"), (240, "GQ"), (241, "GA"), (242, "CG"), (243, "CD"), (244, "AO"), (245, "GW"),
    (246, "IO"), (247, "SH"), (248, "SC"), (249, "SD"), (250, "RW"), (251, "ET"), (252, "SO"),
    (253, "DJ"), (254, "KE"), (255, "TZ"), (256, "UG"), (257, "BI"), (258, "MZ"), (260, "ZM"),
    (261, "MG"), (262, "RE"), (263, "ZW"), (264, "NA"), (265, "MW"), (266, "LS"), (267, "BW"),
    (268, "SZ"), (269, "KM"), (290, "SH"), (291, "ER"), (297, "AW"), (298, "FO"), (299, "GL"),
    (350, "GI"), (351, "PT"), (352, "LU"), (353, "IE"), (354, "IS"), (355, "AL"), (356, "MT"),
    (357, "CY"), (358, "FI"), (359, "BG"), (370, "LT"), (371, "LV"), (372, "EE"), (373, "MD"),
    (374, "AM"), (375, "BY"), (376, "AD"), (377, "MC"), (378, "SM"), (379, "VA"), (380, "UA"),
    (381, "RS"), (382, "ME"), (383, "XK"), (385, "HR"), (386, "SI"), (387, "BA"), (389, "MK"),
    (420, "CZ"), (421, "SK"), (423, "LI"), (500, "FK"), (501, "BZ"), (502, "GT"), (503, "SV"),
    (504, "HN"), (505, "NI"), (506, "CR"), (507, "PA"), (508, "PM"), (509, "HT"), (590, "GP"),
    (591, "BO"), (592, "GY"), (593, "EC"), (594, "GF"), (595, "PY"), (596, "MQ"), (597, "SR"),
    (598, "UY"), (599, "CW"), (670, "TL"), (672, "NF"), (673, "BN"), (674, "NR"), (675, "PG"),
    (676, "TO"), (677, "SB"), (678, "VU"), (679, "FJ"), (680, "PW"), (681, "WF"), (682, "CK"),
    (683, "NU"), (685, "WS"), (686, "KI"), (687, "NC"), (688, "TV"), (689, "PF"), (690, "TK"),
    (691, "FM"), (692, "MH"), (800, INTL), (808, INTL), (850, "KP"), (852, "HK"), (853, "MO"),
    (855, "KH"), (856, "LA"), (870, INTL), (878, INTL), (880, "BD"), (881, INTL), (882, INTL),
    (883, INTL), (886, "TW"), (888, INTL), (960, "MV"), (961, "LB"), (962, "JO"), (963, "SY"),
    (964, "IQ"), (965, "KW"), (966, "SA"), (967, "YE"), (968, "OM"), (970, "PS"), (971, "AE"),
    (972, "IL"), (973, "BH"), (974, "QA"), (975, "BT"), (976, "MN"), (977, "NP"), (979, INTL),
    (991, INTL), (992, "TJ"), (993, "TM"), (994, "AZ"), (995, "GE"), (996, "KG"), (998, "UZ"),
];

/// The country calling code of every ISO 3166-1 region, sorted by region. Shared codes:
/// `+1` is the NANP, `+7` Russia and Kazakhstan, `+44` also the Crown Dependencies, …
#[rustfmt::skip]
const REGION_CODES: &[(&str, u16)] = &[
    ("AD", 376), ("AE", 971), ("AF", 93), ("AG", 1), ("AI", 1), ("AL", 355), ("AM", 374),
    ("AO", 244), ("AQ", 672), ("AR", 54), ("AS", 1), ("AT", 43), ("AU", 61), ("AW", 297),
    ("AX", 358), ("AZ", 994), ("BA", 387), ("BB", 1), ("BD", 880), ("BE", 32), ("BF", 226),
    ("BG", 359), ("BH", 973), ("BI", 257), ("BJ", 229), ("BL", 590), ("BM", 1), ("BN", 673),
    ("BO", 591), ("BQ", 599), ("BR", 55), ("BS", 1), ("BT", 975), ("BV", 47), ("BW", 267),
    ("BY", 375), ("BZ", 501), ("CA", 1), ("CC", 61), ("CD", 243), ("CF", 236), ("CG", 242),
    ("CH", 41), ("CI", 225), ("CK", 682), ("CL", 56), ("CM", 237), ("CN", 86), ("CO", 57),
    ("CR", 506), ("CU", 53), ("CV", 238), ("CW", 599), ("CX", 61), ("CY", 357), ("CZ", 420),
    ("DE", 49), ("DJ", 253), ("DK", 45), ("DM", 1), ("DO", 1), ("DZ", 213), ("EC", 593),
    ("EE", 372), ("EG", 20), ("EH", 212), ("ER", 291), ("ES", 34), ("ET", 251), ("FI", 358),
    ("FJ", 679), ("FK", 500), ("FM", 691), ("FO", 298), ("FR", 33), ("GA", 241), ("GB", 44),
    ("GD", 1), ("GE", 995), ("GF", 594), ("GG", 44), ("GH", 233), ("GI", 350), ("GL", 299),
    ("GM", 220), ("GN", 224), ("GP", 590), ("GQ", 240), ("GR", 30), ("GS", 500), ("GT", 502),
    ("GU", 1), ("GW", 245), ("GY", 592), ("HK", 852), ("HM", 672), ("HN", 504), ("HR", 385),
    ("HT", 509), ("HU", 36), ("ID", 62), ("IE", 353), ("IL", 972), ("IM", 44), ("IN", 91),
    ("IO", 246), ("IQ", 964), ("IR", 98), ("IS", 354), ("IT", 39), ("JE", 44), ("JM", 1),
    ("JO", 962), ("JP", 81), ("KE", 254), ("KG", 996), ("KH", 855), ("KI", 686), ("KM", 269),
    ("KN", 1), ("KP", 850), ("KR", 82), ("KW", 965), ("KY", 1), ("KZ", 7), ("LA", 856),
    ("LB", 961), ("LC", 1), ("LI", 423), ("LK", 94), ("LR", 231), ("LS", 266), ("LT", 370),
    ("LU", 352), ("LV", 371), ("LY", 218), ("MA", 212), ("MC", 377), ("MD", 373), ("ME", 382),
    ("MF", 590), ("MG", 261), ("MH", 692), ("MK", 389), ("ML", 223), ("MM", 95), ("MN", 976),
    ("MO", 853), ("MP", 1), ("MQ", 596), ("MR", 222), ("MS", 1), ("MT", 356), ("MU", 230),
    ("MV", 960), ("MW", 265), ("MX", 52), ("MY", 60), ("MZ", 258), ("NA", 264), ("NC", 687),
    ("NE", 227), ("NF", 672), ("NG", 234), ("NI", 505), ("NL", 31), ("NO", 47), ("NP", 977),
    ("NR", 674), ("NU", 683), ("NZ", 64), ("OM", 968), ("PA", 507), ("PE", 51), ("PF", 689),
    ("PG", 675), ("PH", 63), ("PK", 92), ("PL", 48), ("PM", 508), ("PN", 64), ("PR", 1),
    ("PS", 970), ("PT", 351), ("PW", 680), ("PY", 595), ("QA", 974), ("RE", 262), ("RO", 40),
    ("RS", 381), ("RU", 7), ("RW", 250), ("SA", 966), ("SB", 677), ("SC", 248), ("SD", 249),
    ("SE", 46), ("SG", 65), ("SH", 290), ("SI", 386), ("SJ", 47), ("SK", 421), ("SL", 232),
    ("SM", 378), ("SN", 221), ("SO", 252), ("SR", 597), ("SS", 211), ("ST", 239), ("SV", 503),
    ("SX", 1), ("SY", 963), ("SZ", 268), ("TC", 1), ("TD", 235), ("TF", 262), ("TG", 228),
    ("TH", 66), ("TJ", 992), ("TK", 690), ("TL", 670), ("TM", 993), ("TN", 216), ("TO", 676),
    ("TR", 90), ("TT", 1), ("TV", 688), ("TW", 886), ("TZ", 255), ("UA", 380), ("UG", 256),
    ("UM", 1), ("US", 1), ("UY", 598), ("UZ", 998), ("VA", 39), ("VC", 1), ("VE", 58),
    ("VG", 1), ("VI", 1), ("VN", 84), ("VU", 678), ("WF", 681), ("WS", 685), ("YE", 967),
    ("YT", 262), ("ZA", 27), ("ZM", 260), ("ZW", 263),
];

/// The numbering plan of one country calling code, for the largest markets.
struct Plan {
    /// The country calling code.
    code: u16,
    /// Valid lengths of the national significant number, as inclusive ranges.
    lengths: &'static [(u8, u8)],
    /// Trunk prefixes dialled before a national number (and dropped).
    trunk: &'static [&'static str],
}

const T0: &[&str] = &["0"];
const NONE: &[&str] = &[];

/// Sorted by code.
const PLANS: &[Plan] = &[
    // NANP: US, CA and the Caribbean; trunk `1` is optional, handled in `national_nsn`.
    plan(1, &[(10, 10)], &["1"]),
    plan(7, &[(10, 10)], &["8"]),        // RU, KZ
    plan(20, &[(8, 10)], T0),            // EG
    plan(27, &[(9, 9)], T0),             // ZA
    plan(30, &[(10, 10)], NONE),         // GR
    plan(31, &[(7, 11)], T0),            // NL
    plan(32, &[(8, 9)], T0),             // BE
    plan(33, &[(9, 9)], T0),             // FR
    plan(34, &[(9, 9)], NONE),           // ES
    plan(36, &[(8, 9)], &["06"]),        // HU
    plan(39, &[(6, 12)], NONE),          // IT: the leading 0 of landlines is part of the number
    plan(41, &[(9, 9)], T0),             // CH
    plan(43, &[(4, 13)], T0),            // AT
    plan(44, &[(7, 7), (9, 10)], T0),    // GB, GG, IM, JE
    plan(45, &[(8, 8)], NONE),           // DK
    plan(46, &[(6, 10)], T0),            // SE
    plan(47, &[(5, 5), (8, 8)], NONE),   // NO, SJ
    plan(48, &[(9, 9)], NONE),           // PL
    plan(49, &[(5, 13)], T0),            // DE
    plan(52, &[(10, 10)], NONE),         // MX
    plan(54, &[(10, 11)], T0),           // AR (11 with the mobile 9)
    plan(55, &[(10, 11)], T0),           // BR
    plan(56, &[(9, 9)], NONE),           // CL
    plan(57, &[(10, 10)], NONE),         // CO
    plan(60, &[(8, 10)], T0),            // MY
    plan(61, &[(9, 9)], &["0"]),         // AU, CC, CX
    plan(62, &[(7, 12)], T0),            // ID
    plan(63, &[(8, 10)], T0),            // PH
    plan(64, &[(8, 10)], T0),            // NZ
    plan(65, &[(8, 8), (10, 11)], NONE), // SG
    plan(66, &[(8, 9)], T0),             // TH
    plan(81, &[(9, 10)], T0),            // JP
    plan(82, &[(8, 10)], T0),            // KR
    plan(84, &[(9, 10)], T0),            // VN
    plan(86, &[(9, 12)], T0),            // CN
    plan(90, &[(10, 10)], T0),           // TR
    plan(91, &[(10, 10)], T0),           // IN
    plan(92, &[(8, 10)], T0),            // PK
    plan(234, &[(7, 10)], T0),           // NG
    plan(254, &[(9, 9)], T0),            // KE
    plan(351, &[(9, 9)], NONE),          // PT
    plan(353, &[(7, 10)], T0),           // IE
    plan(358, &[(5, 12)], T0),           // FI, AX
    plan(380, &[(9, 9)], T0),            // UA
    plan(420, &[(9, 9)], NONE),          // CZ
    plan(852, &[(8, 9)], NONE),          // HK
    plan(886, &[(8, 9)], T0),            // TW
    plan(966, &[(9, 10)], T0),           // SA
    plan(971, &[(8, 9)], T0),            // AE
    plan(972, &[(8, 10)], T0),           // IL
];

const fn plan(code: u16, lengths: &'static [(u8, u8)], trunk: &'static [&'static str]) -> Plan {
    Plan {
        code,
        lengths,
        trunk,
    }
}

/// National significant number lengths for codes without a [`Plan`].
const GENERIC_LENGTHS: &[(u8, u8)] = &[(4, 14)];
/// Most digits in an E.164 number, country code included.
const MAX_E164_DIGITS: usize = 15;

/// Regions without a detailed plan that have no trunk prefix (national numbers are dialled
/// as they are). Sorted.
const NO_TRUNK_REGIONS: &[&str] = &[
    "AD", "AO", "AW", "BF", "BH", "BI", "BJ", "BN", "BQ", "BT", "BW", "BZ", "CF", "CG", "CI", "CK",
    "CM", "CR", "CV", "CW", "CY", "DJ", "EE", "FJ", "FK", "FM", "FO", "GA", "GI", "GL", "GM", "GN",
    "GQ", "GT", "GW", "GY", "HN", "IS", "KI", "KM", "KP", "KW", "LI", "LS", "LU", "LV", "MC", "MH",
    "ML", "MO", "MR", "MT", "MU", "MV", "MZ", "NC", "NE", "NI", "NR", "NU", "OM", "PA", "PF", "PG",
    "PW", "QA", "SB", "SC", "SH", "SM", "SN", "SR", "ST", "SV", "SZ", "TD", "TG", "TK", "TL", "TN",
    "TO", "TV", "VU", "WF", "WS",
];

/// Regions without a detailed plan whose trunk prefix is `8`. Sorted.
const TRUNK_8_REGIONS: &[&str] = &["BY", "LT", "TJ", "TM", "UZ"];

fn plan_for(code: u16) -> Option<&'static Plan> {
    PLANS
        .binary_search_by_key(&code, |p| p.code)
        .ok()
        .and_then(|i| PLANS.get(i))
}

fn region_code(region: CountryCode) -> Option<u16> {
    REGION_CODES
        .binary_search_by_key(&region.as_str(), |(r, _)| r)
        .ok()
        .and_then(|i| REGION_CODES.get(i))
        .map(|(_, code)| *code)
}

fn code_label(code: u16) -> &'static str {
    CALLING_CODES
        .binary_search_by_key(&code, |(c, _)| *c)
        .ok()
        .and_then(|i| CALLING_CODES.get(i))
        .map_or("?", |(_, label)| label)
}

/// Splits E.164 digits (without `+`) into the country calling code and the rest.
fn split_calling_code(digits: &str) -> Option<(u16, &str)> {
    if digits.starts_with('0') {
        return None;
    }
    (1..=3).find_map(|len| {
        let head = digits.get(..len)?;
        let code: u16 = head.parse().ok()?;
        CALLING_CODES
            .binary_search_by_key(&code, |(c, _)| *c)
            .ok()
            .map(|_| (code, digits.get(len..).unwrap_or("")))
    })
}

/// Trunk prefixes of a region.
fn trunk_prefixes(region: CountryCode, code: u16) -> &'static [&'static str] {
    if let Some(plan) = plan_for(code) {
        return plan.trunk;
    }
    let r = region.as_str();
    if NO_TRUNK_REGIONS.binary_search(&r).is_ok() {
        NONE
    } else if TRUNK_8_REGIONS.binary_search(&r).is_ok() {
        &["8"]
    } else {
        T0
    }
}

/// International call prefixes usable in a region, longest first.
fn international_prefixes(
    region: Option<CountryCode>,
    code: Option<u16>,
) -> &'static [&'static str] {
    match (region.as_ref().map(CountryCode::as_str), code) {
        (_, Some(1)) => &["011", "00"],
        (Some("AU" | "CC" | "CX"), _) => &["0011", "00"],
        (Some("JP"), _) => &["010", "00"],
        _ => &["00"],
    }
}

// ---------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------

const LETTERS: &str = "contains letters; only digits, spaces and + ( ) - . / are allowed \
                       (write an extension as \"ext. 123\" or \"x123\")";

/// Most digits read from a number: more is refused.
const MAX_DIGITS: usize = 20;

/// The ASCII digits of a number, read without allocating. Only the first [`MAX_DIGITS`] are
/// kept; all are counted, for the message that refuses a longer number.
struct Digits {
    buf: [u8; MAX_DIGITS],
    count: usize,
}

impl Digits {
    fn new() -> Self {
        Digits {
            buf: [0; MAX_DIGITS],
            count: 0,
        }
    }

    fn push(&mut self, digit: u8) {
        if let Some(slot) = self.buf.get_mut(self.count) {
            *slot = digit;
        }
        self.count += 1;
    }

    fn as_str(&self) -> &str {
        self.buf
            .get(..self.count)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// Returns (country calling code, national significant number, extension) or the reason of
/// the failure. `digits` is scratch space that the national number borrows.
fn normalize<'a>(
    number: &'a str,
    region: Option<CountryCode>,
    digits: &'a mut Digits,
) -> std::result::Result<(u16, &'a str, Option<&'a str>), String> {
    if number.is_empty() {
        return Err("is empty".to_owned());
    }
    let number = strip_prefix_ignore_case(number, "tel:").unwrap_or(number);
    let (main, extension) = split_extension(number)?;
    let plus = read_digits(main, digits)?;
    if digits.count == 0 {
        return Err("contains no digits".to_owned());
    }
    if digits.count > MAX_DIGITS {
        return Err(format!("too long: {} digits", digits.count));
    }
    let digits: &'a Digits = digits;
    let digits = digits.as_str();

    let region_cc = region.and_then(region_code);
    let international: Option<&str> = if plus {
        Some(digits)
    } else {
        international_prefixes(region, region_cc)
            .iter()
            .find_map(|p| digits.strip_prefix(p))
    };

    let (code, nsn) = match international {
        Some("") => return Err("no country calling code after the + or 00".to_owned()),
        Some(rest) => {
            let Some((code, nsn)) = split_calling_code(rest) else {
                let shown = rest.get(..3).unwrap_or(rest);
                return Err(format!("unknown country calling code +{shown}"));
            };
            (code, international_nsn(code, nsn))
        }
        None => {
            let (Some(region), Some(code)) = (region, region_cc) else {
                return Err(
                    "national number without a country: write it with a leading + \
                            and the country calling code (e.g. +44 20 7946 0958) or pass a \
                            default region"
                        .to_owned(),
                );
            };
            (code, national_nsn(region, code, digits))
        }
    };

    check_nsn(code, nsn)?;
    Ok((code, nsn, extension))
}

/// How many decimal digits a country calling code has.
fn code_digits(code: u16) -> usize {
    let mut digits = 1;
    let mut rest = code / 10;
    while rest > 0 {
        digits += 1;
        rest /= 10;
    }
    digits
}

/// Writes a country calling code in decimal (without the formatting machinery).
fn push_code(text: &mut String, code: u16) {
    let mut divisor: u16 = 1;
    while code / divisor >= 10 {
        divisor *= 10;
    }
    while divisor > 0 {
        let digit = (code / divisor % 10) as u8;
        text.push(char::from(b'0' + digit));
        divisor /= 10;
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// The number without an extension it ends with ("415-555-0101x066" → "415-555-0101"),
/// as [`Phone::parse`] reads extensions; the whole text when it names none.
pub(crate) fn without_extension(number: &str) -> &str {
    split_extension(number).map_or(number, |(main, _)| main)
}

/// Splits off an extension. Returns the main part and the extension digits.
fn split_extension(number: &str) -> std::result::Result<(&str, Option<&str>), String> {
    let Some(pos) = number.find(|c: char| c.is_alphabetic() || c == '#' || c == ';') else {
        return Ok((number, None));
    };
    let (main, tail) = number.split_at(pos);
    const MARKERS: [&str; 6] = [";ext=", "extension", "ext.", "ext", "x", "#"];
    let Some(rest) = MARKERS
        .iter()
        .find_map(|m| strip_prefix_ignore_case(tail, m))
    else {
        return Err(if tail.starts_with(char::is_alphabetic) {
            LETTERS.to_owned()
        } else {
            format!("invalid character {:?}", tail.chars().next().unwrap_or(';'))
        });
    };
    let rest = rest.trim_start_matches([' ', '.', ':']).trim();
    let rest = rest.strip_suffix('#').unwrap_or(rest).trim_end();
    if rest.chars().any(char::is_alphabetic) {
        return Err(LETTERS.to_owned());
    }
    if rest.is_empty() || rest.len() > 10 || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return Err("an extension must be 1 to 10 digits".to_owned());
    }
    Ok((main, Some(rest)))
}

/// Reads the digits of the main part into `digits`. Returns whether it starts with `+`.
fn read_digits(main: &str, digits: &mut Digits) -> std::result::Result<bool, String> {
    let mut plus = false;
    for c in main.chars() {
        if let Some(d) = digit_value(c) {
            digits.push(d);
        } else if c == '+' || c == '\u{FF0B}' {
            if plus || digits.count > 0 {
                return Err("'+' is only allowed at the start".to_owned());
            }
            plus = true;
        } else if c.is_whitespace()
            || matches!(
                c,
                '.' | '-' | '(' | ')' | '/' | '[' | ']' | '\u{2010}'..='\u{2015}' | '\u{2212}'
            )
        {
            // Formatting.
        } else if c.is_alphabetic() {
            return Err(LETTERS.to_owned());
        } else {
            return Err(format!("invalid character {c:?}"));
        }
    }
    Ok(plus)
}

/// The ASCII digit for a decimal digit of the scripts people type phone numbers in.
fn digit_value(c: char) -> Option<u8> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}', // full-width
        '\u{0660}'..='\u{0669}' => '\u{0660}', // Arabic-Indic
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}', // Extended Arabic-Indic (Persian, Urdu)
        '\u{0966}'..='\u{096F}' => '\u{0966}', // Devanagari
        _ => return None,
    };
    let offset = u32::from(c) - u32::from(zero);
    u8::try_from(offset).ok().map(|d| b'0' + d)
}

/// The national significant number of an international number.
fn international_nsn(code: u16, nsn: &str) -> &str {
    let mut nsn = nsn;
    // "+44 (0)20 …": a trunk prefix written after the country code.
    // National significant numbers of these countries never start with 0.
    if plan_for(code).is_some_and(|plan| plan.trunk.contains(&"0")) {
        nsn = nsn.trim_start_matches('0');
    }
    mexico_legacy_mobile(code, nsn)
}

/// The national significant number of a national number read in `region`.
fn national_nsn(region: CountryCode, code: u16, digits: &str) -> &str {
    let nsn = match code {
        // Optional trunk `1` (NANP) and trunk `8` (RU, KZ): only on 11-digit numbers, as
        // 10-digit national numbers may start with that digit (e.g. Russian 800 numbers).
        1 | 7 if digits.len() == 11 => {
            let trunk = if code == 1 { '1' } else { '8' };
            digits.strip_prefix(trunk).unwrap_or(digits)
        }
        1 | 7 => digits,
        _ => trunk_prefixes(region, code)
            .iter()
            .find_map(|t| digits.strip_prefix(t))
            .unwrap_or(digits),
    };
    mexico_legacy_mobile(code, nsn)
}

/// Mexico dropped the `1` after +52 for mobiles in 2019; old records still carry it.
fn mexico_legacy_mobile(code: u16, nsn: &str) -> &str {
    if code == 52 && nsn.len() == 11 {
        nsn.strip_prefix('1').unwrap_or(nsn)
    } else {
        nsn
    }
}

fn check_nsn(code: u16, nsn: &str) -> std::result::Result<(), String> {
    let label = code_label(code);
    let lengths = plan_for(code).map_or(GENERIC_LENGTHS, |p| p.lengths);
    let n = nsn.len();
    let fits = lengths
        .iter()
        .any(|&(lo, hi)| (usize::from(lo)..=usize::from(hi)).contains(&n));
    let total = code_digits(code) + n;
    if !fits || total > MAX_E164_DIGITS {
        let min = lengths.first().map_or(0, |r| usize::from(r.0));
        let what = if n < min {
            "too short"
        } else if n > lengths.last().map_or(0, |r| usize::from(r.1)) || total > MAX_E164_DIGITS {
            "too long"
        } else {
            "wrong length"
        };
        let max_total = MAX_E164_DIGITS - code_digits(code);
        let expected = lengths
            .iter()
            .map(|&(lo, hi)| {
                let hi = usize::from(hi).min(max_total);
                if usize::from(lo) == hi {
                    lo.to_string()
                } else {
                    format!("{lo} to {hi}")
                }
            })
            .collect::<Vec<_>>()
            .join(" or ");
        let digits = if n == 1 { "digit" } else { "digits" };
        return Err(format!(
            "{what} for +{code} ({label}): the national number has {n} {digits}, expected {expected}"
        ));
    }
    if code == 1 {
        let bytes = nsn.as_bytes();
        if bytes.first().is_some_and(|&b| b < b'2') {
            return Err(format!(
                "NANP area code must start with a digit from 2 to 9 (got {})",
                nsn.get(..3).unwrap_or(nsn)
            ));
        }
        if bytes.get(3).is_some_and(|&b| b < b'2') {
            return Err(format!(
                "NANP exchange code must start with a digit from 2 to 9 (got {})",
                nsn.get(3..6).unwrap_or(nsn)
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_phone_kind_reads_from_json_as_from_text() {
        let read = |s: &str| serde_json::from_value::<PhoneKind>(serde_json::json!(s));
        for kind in PhoneKind::ALL {
            assert_eq!(read(kind.as_str()).ok(), Some(kind));
            assert_eq!(read(&kind.as_str().to_uppercase()).ok(), Some(kind));
        }
        assert_eq!(read(" Mobile ").ok(), Some(PhoneKind::Mobile));
        let err = read("cell").unwrap_err().to_string();
        assert!(err.contains("unknown variant `cell`"), "{err}");
        // The crate's other kinds too.
        let channel =
            serde_json::from_value::<crate::interaction::Channel>(serde_json::json!("Web Form"));
        assert_eq!(channel.ok(), Some(crate::interaction::Channel::WebForm));
    }

    fn cc(s: &str) -> Option<CountryCode> {
        CountryCode::parse(s).ok()
    }

    fn e164(input: &str, region: &str) -> Result<String> {
        Phone::parse(input, cc(region)).map(|p| p.e164().to_owned())
    }

    fn reason(input: &str, region: &str) -> String {
        match Phone::parse(input, cc(region)) {
            Err(Error::InvalidPhone {
                field,
                value,
                reason,
            }) => {
                assert_eq!(field, "phone");
                assert_eq!(value, input);
                reason
            }
            other => panic!("expected InvalidPhone for {input:?}, got {other:?}"),
        }
    }

    #[test]
    fn tables_are_consistent() {
        assert!(CALLING_CODES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(REGION_CODES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(PLANS.windows(2).all(|w| w[0].code < w[1].code));
        assert!(NO_TRUNK_REGIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(TRUNK_8_REGIONS.windows(2).all(|w| w[0] < w[1]));
        // Every ISO region has a code, and every code is a known calling code.
        assert_eq!(REGION_CODES.len(), 249);
        for (region, code) in REGION_CODES {
            assert!(CountryCode::parse(region).is_ok(), "{region}");
            assert!(code_label(*code) != "?", "{region} {code}");
        }
        for c in CountryCode::all() {
            assert!(region_code(c).is_some(), "{c}");
        }
        for p in PLANS {
            assert!(code_label(p.code) != "?");
        }
        // Calling codes are prefix-free.
        for (a, _) in CALLING_CODES {
            for (b, _) in CALLING_CODES {
                let (a, b) = (a.to_string(), b.to_string());
                assert!(a == b || !b.starts_with(&a), "{a} is a prefix of {b}");
            }
        }
        assert_eq!(CALLING_CODES.len(), 217);
    }

    #[test]
    fn international_forms() -> Result<()> {
        let cases = [
            ("+49 30 1234567", "+49301234567"),
            ("+49 (0)30 1234-567", "+49301234567"),
            ("+49 00 30 1234567", "+49301234567"),
            ("0049 30 1234567", "+49301234567"),
            ("+44 (0)20 7946 0958", "+442079460958"),
            ("+33 1 42 68 53 00", "+33142685300"),
            ("+39 06 6982 1234", "+390669821234"),
            ("+39 347 123 4567", "+393471234567"),
            ("+1 (415) 555-2671", "+14155552671"),
            ("+7 495 123-45-67", "+74951234567"),
            ("+81 3-1234-5678", "+81312345678"),
            ("+86 138 0013 8000", "+8613800138000"),
            ("+91 98765 43210", "+919876543210"),
            ("+55 11 91234-5678", "+5511912345678"),
            ("+52 1 55 1234 5678", "+525512345678"),
            ("+61 4 1234 5678", "+61412345678"),
            ("+971 50 123 4567", "+971501234567"),
            ("+234 803 123 4567", "+2348031234567"),
            ("+254 712 345678", "+254712345678"),
            ("+353 1 234 5678", "+35312345678"),
            ("+852 2123 4567", "+85221234567"),
            ("+379 123456", "+379123456"),
            ("+800 1234 5678", "+80012345678"),
            ("+374 10 123456", "+37410123456"),
            ("tel:+1-201-555-0123", "+12015550123"),
            ("＋４９ ３０ １２３４５６７", "+49301234567"),
            ("+٩٧١ ٥٠ ١٢٣ ٤٥٦٧", "+971501234567"),
            ("+49\u{a0}30\u{202f}1234567", "+49301234567"),
        ];
        for (input, expected) in cases {
            assert_eq!(e164(input, "")?, expected, "{input}");
            // A default region does not change an international number.
            assert_eq!(e164(input, "FR")?, expected, "{input} (FR)");
        }
        Ok(())
    }

    #[test]
    fn national_forms() -> Result<()> {
        let cases = [
            ("030 1234567", "DE", "+49301234567"),
            ("(030) 1234-567", "DE", "+49301234567"),
            ("0171 1234567", "DE", "+491711234567"),
            ("020 7946 0958", "GB", "+442079460958"),
            ("07700 900123", "GB", "+447700900123"),
            ("07700 900123", "JE", "+447700900123"),
            ("01 42 68 53 00", "FR", "+33142685300"),
            ("06 12 34 56 78", "FR", "+33612345678"),
            ("06 6982 1234", "IT", "+390669821234"),
            ("347 123 4567", "IT", "+393471234567"),
            ("912 345 678", "ES", "+34912345678"),
            ("(415) 555-2671", "US", "+14155552671"),
            ("1-415-555-2671", "US", "+14155552671"),
            ("415.555.2671", "CA", "+14155552671"),
            ("011 44 20 7946 0958", "US", "+442079460958"),
            ("8 (495) 123-45-67", "RU", "+74951234567"),
            ("8 800 555 35 35", "RU", "+78005553535"),
            ("800 555 35 35", "RU", "+78005553535"),
            ("8 727 123 4567", "KZ", "+77271234567"),
            ("06 20 123 4567", "HU", "+36201234567"),
            ("090-1234-5678", "JP", "+819012345678"),
            ("010 44 20 7946 0958", "JP", "+442079460958"),
            ("0011 49 30 1234567", "AU", "+49301234567"),
            ("02 9374 4000", "AU", "+61293744000"),
            ("010-1234-5678", "KR", "+821012345678"),
            ("9123 4567", "SG", "+6591234567"),
            ("098765 43210", "IN", "+919876543210"),
            ("(11) 91234-5678", "BR", "+5511912345678"),
            ("55 1234 5678", "MX", "+525512345678"),
            ("050 123 4567", "AE", "+971501234567"),
            ("050-123-4567", "IL", "+972501234567"),
            ("0803 123 4567", "NG", "+2348031234567"),
            ("0712 345678", "KE", "+254712345678"),
            ("021 123 4567", "ZA", "+27211234567"),
            ("0721 234 567", "RO", "+40721234567"),
        ];
        for (input, region, expected) in cases {
            assert_eq!(e164(input, region)?, expected, "{input} in {region}");
        }
        // Cyprus has no trunk prefix: the number is read as it is.
        assert_eq!(e164("22 123456", "CY")?, "+35722123456");
        // Lithuania (trunk 8) and a country without a detailed plan.
        assert_eq!(e164("8 612 34567", "LT")?, "+37061234567");
        assert_eq!(e164("0 22 123 456", "MA")?, "+21222123456");
        Ok(())
    }

    #[test]
    fn extensions() -> Result<()> {
        let cases = [
            ("+1 415 555 2671 x123", "123"),
            ("+1 415 555 2671 X 123", "123"),
            ("+1 415 555 2671 ext. 42", "42"),
            ("+1 415 555 2671 ext 42", "42"),
            ("+1 415 555 2671 Extension: 42", "42"),
            ("+1 415 555 2671 #42", "42"),
            ("+1 415 555 2671 # 42 #", "42"),
            ("+14155552671;ext=42", "42"),
        ];
        for (input, ext) in cases {
            let p = Phone::parse(input, None)?;
            assert_eq!(p.e164(), "+14155552671", "{input}");
            assert_eq!(p.extension(), Some(ext), "{input}");
            assert_eq!(p.to_string(), format!("+14155552671;ext={ext}"));
            // Display reads back.
            assert_eq!(Phone::parse(&p.to_string(), None)?.extension(), Some(ext));
        }
        assert_eq!(Phone::parse("+14155552671", None)?.extension(), None);
        Ok(())
    }

    #[test]
    fn error_reasons() {
        assert_eq!(reason("", "DE"), "is empty");
        assert_eq!(reason("   ", "DE"), "is empty");
        assert!(reason("1-800-FLOWERS", "US").starts_with("contains letters"));
        assert!(reason("call me", "US").starts_with("contains letters"));
        assert!(reason("+1 415 555 2671 ext abc", "").starts_with("contains letters"));
        assert_eq!(
            reason("+1 415 555 2671 x", ""),
            "an extension must be 1 to 10 digits"
        );
        assert_eq!(reason("+1 415 555 2671 ; 12", ""), "invalid character ';'");
        assert_eq!(reason("+49 30 12345*67", ""), "invalid character '*'");
        assert_eq!(reason("()", "DE"), "contains no digits");
        assert_eq!(
            reason("49+30123456", ""),
            "'+' is only allowed at the start"
        );
        assert_eq!(
            reason("++4930123456", ""),
            "'+' is only allowed at the start"
        );
        let no_country = reason("030 1234567", "");
        assert!(no_country.contains("pass a default region"), "{no_country}");
        assert!(no_country.contains("leading +"), "{no_country}");
        assert_eq!(reason("+", "DE"), "contains no digits");
        assert_eq!(
            reason("00", "DE"),
            "no country calling code after the + or 00"
        );
        assert_eq!(
            reason("+999 1234567", ""),
            "unknown country calling code +999"
        );
        assert_eq!(
            reason("+0 1234567", ""),
            "unknown country calling code +012"
        );
        assert_eq!(
            reason("00 28 1234567", "DE"),
            "unknown country calling code +281"
        );
        assert_eq!(
            reason("+49 30", ""),
            "too short for +49 (DE): the national number has 2 digits, expected 5 to 13"
        );
        assert_eq!(
            reason("+33 1 42 68 53 00 1", ""),
            "too long for +33 (FR): the national number has 10 digits, expected 9"
        );
        assert_eq!(
            reason("+44 20 7946 09", ""),
            "wrong length for +44 (GB): the national number has 8 digits, expected 7 or 9 to 10"
        );
        assert_eq!(
            reason("555-2671", "US"),
            "too short for +1 (US): the national number has 7 digits, expected 10"
        );
        assert_eq!(
            reason("+1 115 555 2671", ""),
            "NANP area code must start with a digit from 2 to 9 (got 115)"
        );
        assert_eq!(
            reason("(415) 155-2671", "US"),
            "NANP exchange code must start with a digit from 2 to 9 (got 155)"
        );
        assert_eq!(
            reason("+376 123", ""),
            "too short for +376 (AD): the national number has 3 digits, expected 4 to 12"
        );
        assert!(reason("+376 1234567890123", "").starts_with("too long for +376 (AD)"));
        assert!(reason(&"1".repeat(40), "DE").starts_with("too long"));
    }

    #[test]
    fn kinds() -> Result<()> {
        assert_eq!(PhoneKind::default(), PhoneKind::Other);
        assert_eq!(" Mobile ".parse::<PhoneKind>()?, PhoneKind::Mobile);
        assert_eq!("FAX".parse::<PhoneKind>()?, PhoneKind::Fax);
        for k in PhoneKind::ALL {
            assert_eq!(k.to_string().parse::<PhoneKind>()?, k);
        }
        match "cell".parse::<PhoneKind>() {
            Err(Error::InvalidValue { field, value, .. }) => {
                assert_eq!(field, "phone_kind");
                assert_eq!(value, "cell");
            }
            other => panic!("{other:?}"),
        }
        let p = Phone::parse("+4930123456", None)?;
        assert_eq!(p.kind(), PhoneKind::Other);
        assert_eq!(p.clone().with_kind(PhoneKind::Home).kind(), PhoneKind::Home);
        assert_eq!(p.number(), "+4930123456");
        Ok(())
    }

    #[test]
    fn calling_codes() -> Result<()> {
        assert_eq!(
            Phone::parse("+14155552671", None)?.country_calling_code(),
            1
        );
        assert_eq!(
            Phone::parse("+74951234567", None)?.country_calling_code(),
            7
        );
        assert_eq!(
            Phone::parse("+35312345678", None)?.country_calling_code(),
            353
        );
        assert_eq!(
            Phone::parse("+80012345678", None)?.country_calling_code(),
            800
        );
        Ok(())
    }

    #[test]
    fn serde_shape() -> std::result::Result<(), serde_json::Error> {
        let p = Phone::parse(" 0171 1234567 x9", cc("DE"))
            .map_err(serde::de::Error::custom)?
            .with_kind(PhoneKind::Mobile);
        let json = serde_json::to_value(&p)?;
        assert_eq!(
            json,
            serde_json::json!({
                "number": "0171 1234567 x9",
                "e164": "+491711234567",
                "extension": "9",
                "kind": "mobile"
            })
        );
        let back: Phone = serde_json::from_value(json)?;
        assert_eq!(back, p);
        Ok(())
    }

    /// A valid national significant number for `code`, from random digits.
    fn valid_nsn(code: u16, len_pick: usize, digits: &[u8]) -> String {
        let lengths = plan_for(code).map_or(GENERIC_LENGTHS, |p| p.lengths);
        let max_total = MAX_E164_DIGITS - code.to_string().len();
        let all: Vec<usize> = lengths
            .iter()
            .flat_map(|&(lo, hi)| usize::from(lo)..=usize::from(hi))
            .filter(|&n| n <= max_total)
            .collect();
        let len = all[len_pick % all.len()];
        let mut nsn: String = digits
            .iter()
            .take(len)
            .map(|d| char::from(b'0' + d % 10))
            .collect();
        // Start with 2-7: never a trunk prefix (0, 1, 8), and valid NANP area and
        // exchange codes.
        let fix = |s: &mut String, i: usize| {
            if let Some(b) = s.as_bytes().get(i) {
                if !(b'2'..=b'7').contains(b) {
                    s.replace_range(i..=i, "5");
                }
            }
        };
        fix(&mut nsn, 0);
        if code == 1 {
            fix(&mut nsn, 3);
        }
        nsn
    }

    proptest! {
        #[test]
        fn e164_is_idempotent(
            region_idx in 0..REGION_CODES.len(),
            len_pick in 0usize..32,
            digits in proptest::collection::vec(0u8..10, 15),
            style in 0u8..4,
        ) {
            let (region, code) = REGION_CODES[region_idx];
            let nsn = valid_nsn(code, len_pick, &digits);
            let input = match style {
                0 => format!("+{code} {nsn}"),
                1 => format!("00 ({code}) {}-{}", &nsn[..2], &nsn[2..]),
                2 => nsn.clone(),
                _ => format!("{} {}", &nsn[..nsn.len() / 2], &nsn[nsn.len() / 2..]),
            };
            let first = Phone::parse(&input, cc(region));
            prop_assert!(first.is_ok(), "{} in {}: {:?}", input, region, first);
            if let Ok(first) = first {
                let expected = format!("+{code}{nsn}");
                prop_assert_eq!(first.e164(), expected.as_str());
                prop_assert_eq!(first.country_calling_code(), code);
                for again_region in [None, cc(region), cc("US"), cc("DE")] {
                    let again = Phone::parse(first.e164(), again_region);
                    prop_assert!(again.is_ok());
                    if let Ok(again) = again {
                        prop_assert_eq!(again.e164(), first.e164());
                    }
                }
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,30}", region_idx in 0..REGION_CODES.len()) {
            let region = cc(REGION_CODES[region_idx].0);
            if let Ok(p) = Phone::parse(&s, region) {
                prop_assert!(p.e164().starts_with('+'));
                let again = Phone::parse(p.e164(), None);
                prop_assert!(again.is_ok());
                if let Ok(again) = again {
                    prop_assert_eq!(again.e164(), p.e164());
                }
            }
        }

        #[test]
        fn never_panics_on_phone_like_text(s in "[+0-9 ()x#.;ext=-]{0,30}") {
            let _ = Phone::parse(&s, cc("US"));
            let _ = Phone::parse(&s, None);
        }
    }
}
