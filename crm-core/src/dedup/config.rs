//! What a duplicate scan does: thresholds, the model, rules, conflicts and blocking.

use serde::{Deserialize, Serialize};

use super::compare::{Comparison, Field, Level};
use super::model::Model;
use crate::error::{Error, Number, Result};

/// One matching rule: every criterion must hold ("phone exact AND family name at least
/// typo"). A criterion `(field, level)` holds when the field agrees at `level` or at a
/// stronger level of that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchRule {
    /// The criteria, all of which must hold.
    pub all: Vec<(Field, Level)>,
}

impl MatchRule {
    /// A rule from its criteria.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] when the rule is empty, or a level is not one of the
    /// field's levels, or is `different` or `missing` (which say nothing about a match).
    ///
    /// ```
    /// use crm_core::dedup::{Field, Level, MatchRule};
    ///
    /// let rule = MatchRule::new([(Field::Phone, Level::Exact), (Field::FamilyName, Level::Typo)])?;
    /// assert_eq!(rule.to_string(), "phone=exact & family_name>=typo");
    /// assert!(MatchRule::new([(Field::Phone, Level::Nickname)]).is_err());
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn new(criteria: impl IntoIterator<Item = (Field, Level)>) -> Result<MatchRule> {
        let rule = MatchRule {
            all: criteria.into_iter().collect(),
        };
        rule.validate()?;
        Ok(rule)
    }

    /// Checks the criteria; see [`MatchRule::new`].
    ///
    /// # Errors
    ///
    /// As [`MatchRule::new`].
    pub fn validate(&self) -> Result<()> {
        if self.all.is_empty() {
            return Err(Error::invalid(
                "rule",
                "",
                "a rule needs at least one criterion",
            ));
        }
        for &(field, level) in &self.all {
            field.level_index(level)?;
            if matches!(level, Level::Different | Level::Missing) {
                return Err(Error::invalid(
                    "level",
                    level,
                    format!("a rule on {field} must ask for agreement, not {level}"),
                ));
            }
        }
        Ok(())
    }

    /// Whether a comparison satisfies the rule.
    pub fn holds(&self, c: &Comparison) -> bool {
        self.all.iter().all(|&(field, level)| {
            let wanted = field.level_index(level).unwrap_or(0);
            usize::from(c.levels[field.index()]) <= wanted
        })
    }
}

impl std::fmt::Display for MatchRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (field, level)) in self.all.iter().enumerate() {
            if i > 0 {
                f.write_str(" & ")?;
            }
            let op = if *level == Level::Exact { "=" } else { ">=" };
            write!(f, "{field}{op}{level}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for MatchRule {
    type Err = Error;
    /// Reads `field=level & field>=level` (`=` and `>=` both mean "at least").
    fn from_str(s: &str) -> Result<Self> {
        let mut all = Vec::new();
        for part in s.split('&').map(str::trim) {
            // "email=exact | phone=exact", "email=exact and phone=exact": more than one
            // criterion where `&` does not join them.
            if part.matches('=').count() > 1 {
                return Err(Error::invalid(
                    "rule",
                    s,
                    "join criteria with '&'; an alternative (or) is a rule of its own",
                ));
            }
            let (field, level) = part
                .split_once(">=")
                .or_else(|| part.split_once('='))
                .ok_or_else(|| Error::invalid("rule", s, "expected field=level & field>=level"))?;
            all.push((field.trim().parse()?, level.trim().parse()?));
        }
        MatchRule::new(all)
    }
}

str_enum!(
    /// How rules combine with the score.
    #[derive(Default)]
    RuleMode, "rule_mode", {
        /// A pair is a match when its score reaches the match threshold OR a rule holds.
        #[default]
        Either => "either",
        /// A pair is a match when its score reaches the threshold AND a rule holds.
        Both => "both",
        /// Only rules decide; the score is still computed and explained.
        RulesOnly => "rules_only",
    }
);

/// Candidate generation settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Blocking {
    /// A block with more records than this is not compared all against all; its records
    /// are sorted by name and compared with their `window` nearest neighbours instead, so
    /// that a common key ("Smith" in postcode 10115) cannot make the work quadratic.
    pub max_block: usize,
    /// Neighbours compared in a large block, and in the sorted-neighbourhood passes over
    /// all names.
    pub window: usize,
}

impl Default for Blocking {
    fn default() -> Self {
        Blocking {
            max_block: 40,
            window: 3,
        }
    }
}

str_enum!(
    /// How the model's `m` and `u` are obtained.
    #[derive(Default)]
    Estimation, "estimation", {
        /// Use the model as given (the defaults, or the caller's).
        #[default]
        None => "none",
        /// Estimate `u` from random record pairs of the data: an agreement on values that
        /// are common in the data weighs less; no agreement weighs more than the model
        /// says (see [`Model::estimate_u`]).
        U => "u",
        /// Estimate `u` as [`Estimation::U`] does, then `m` by expectation maximisation
        /// without labels, as splink trains: in the candidate pairs with the same full name
        /// (which teach the other fields), and in those with the same birth date (which
        /// teach the names), on a sample of at most a million pairs. An agreement never
        /// weighs more than the model says, and a block whose fit takes more pairs for
        /// matches than there are records is not used (see [`EmFit`](super::EmFit)). The
        /// prior is the model's, lowered for large data as without estimation
        /// ([`Model::prior_for`]): a training block's share of matches says nothing of
        /// all candidate pairs'.
        Em => "em",
    }
);

/// Everything a duplicate scan or check needs. `Default` gives sound settings for
/// customer data; every field can be changed.
///
/// ```
/// use crm_core::dedup::MatchConfig;
///
/// let config = MatchConfig { match_threshold: 0.99, ..MatchConfig::default() };
/// config.validate()?;
/// assert!(MatchConfig { review_threshold: 1.5, ..MatchConfig::default() }.validate().is_err());
/// # Ok::<(), crm_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchConfig {
    /// Pairs at or above this match probability are the same customer.
    pub match_threshold: f64,
    /// Pairs at or above this probability (and below the match threshold) need review;
    /// pairs below it are not reported.
    pub review_threshold: f64,
    /// The Fellegi–Sunter model.
    pub model: Model,
    /// Weigh an exact given or family name by how common it is in the data, and two
    /// exact names together by how common the full name is; and weigh an exact email,
    /// phone, birth date or address that more records hold than one person's copies (more
    /// than eight: a placeholder such as `000000` or `1900-01-01`, a company's switchboard
    /// or head office) by the share of the records that hold it, never more than the
    /// model says; and so a shared street (`same_street`: another house on it) that more
    /// than eight give, by its share (a high street, or any street in a table of a city's
    /// millions). Such a value does not corroborate a match
    /// ([`MatchConfig::corroboration_bits`]), nor does a shared email held by many outweigh
    /// different given names: 300 strangers who all give one placeholder phone are not one
    /// customer.
    pub term_frequency: bool,
    /// How to obtain `m` and `u`.
    pub estimation: Estimation,
    /// Fields whose clear disagreement stops a scored match: with the defaults, two
    /// records with different given names (not a nickname, typo or initial) or different
    /// dates of birth are never merged on the score alone (family members share a
    /// surname, an address and a landline). Names that differ only by a generational
    /// suffix ("John Smith Jr." and "John Smith Sr."; "Jr." and "II" are one generation)
    /// have different given names here. No shared value waives a conflict, not even a
    /// personal mailbox (a couple's family address); a rule does (`email=exact`). Save
    /// one: dates of birth less than 15 years apart are no conflict for one given name
    /// (or its nickname or typo, or one record's only) and a shared mailbox named for it
    /// or for its initial and the family name ("oscarrichards38@", "o.richards@":
    /// "2012" typed "2021"), since a father and son are a generation apart. With
    /// [`MatchConfig::term_frequency`], a date of birth that more records give than
    /// chance would (a placeholder, "1900-01-01") is no date where the other's differs:
    /// neither a conflict nor evidence against (nor are such phones and emails). Such
    /// pairs are reported for review when they share something of one person's (a
    /// mailbox, a date of birth; or one full name where only the dates of birth differ: a
    /// date mistyped, or a father and son); with nothing in common but what a household
    /// shares (a surname, an address, a phone) they are distinct.
    pub conflicts: Vec<Field>,
    /// A scored match needs evidence beyond the names: at least one of email, phone,
    /// birth date or address must agree at a level weighing at least this many bits
    /// (likelihood ratio 2^bits). Two records that share only a name ("Kenji Shiramura"
    /// twice, nothing else in common) are reported for review, never merged on the score;
    /// with the defaults, an exact email, phone, birth date, postcode or address qualifies
    /// (unless more records hold it than one person's copies: see
    /// [`MatchConfig::term_frequency`]) and a shared city or mailbox name does not alone,
    /// nor a business's shared mailbox (`info@`, `sales@`, `kontakt@`: the same company, not the
    /// same person, which also never outweighs different given names). Given names only
    /// weakly alike ("Jip" and "Jet", "Daniel" and "Daniela": siblings' as often as one
    /// name mistyped) are corroborated by a birth date or a mailbox named for one of them
    /// ("jip.huisman@"), not by what a family shares: a phone, an address, a family
    /// mailbox ("huisman@"); so are names that cannot be compared, one in Latin letters and
    /// one in a script matching does not romanize ("志伟 吴" / "Zhiwei Wu"). Two agreements in part, each weighing at least half these
    /// bits and together at least half as much again, corroborate as one in full does:
    /// with the defaults, two of a mailbox name at another provider ("sunnywolf15@"), a
    /// date of birth one part off, the same postcode, the same town where only towns are
    /// known. A mailbox name made of the person's names ("joseph.thompson@", "twilson@")
    /// is not one of them: namesakes choose alike. A date of birth one part off
    /// ("1943-03-22" / "1946-03-22") or the same postal code, weighing at least half these
    /// bits, corroborates alone where no email, phone, date of birth or address disagrees:
    /// a list of names and dates, or of names and postal codes, has nothing else to show,
    /// and a namesake's date lies that near about one time in 300. `0` turns the
    /// requirement off.
    pub corroboration_bits: f64,
    /// Rules that declare a match, combined with the score as `rule_mode` says.
    pub rules: Vec<MatchRule>,
    /// How rules combine with the score.
    pub rule_mode: RuleMode,
    /// Candidate generation.
    pub blocking: Blocking,
    /// Seed for the random pairs used by [`Estimation::U`] and [`Estimation::Em`].
    pub seed: u64,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            match_threshold: 0.9,
            review_threshold: 0.5,
            model: Model::default(),
            term_frequency: true,
            estimation: Estimation::None,
            conflicts: vec![Field::GivenName, Field::BirthDate],
            corroboration_bits: 5.0,
            rules: Vec::new(),
            rule_mode: RuleMode::Either,
            blocking: Blocking::default(),
            seed: 0x5eed,
        }
    }
}

impl MatchConfig {
    /// The prior weight of a scan of `records` records (or a check against an index of
    /// them): the model's, lowered for large data ([`crate::dedup::Model::prior_for`]).
    pub(crate) fn prior_for(&self, records: usize) -> f64 {
        self.model.prior_for(records)
    }

    /// Reads [`MatchConfig::rules`] from their written form (see [`MatchRule`]'s `FromStr`),
    /// in order.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the rule's position, `rules[1]`, for a rule that does
    /// not parse or names an unknown field or level.
    ///
    /// ```
    /// use crm_core::dedup::MatchConfig;
    ///
    /// let rules = MatchConfig::read_rules(&["email=exact", "phone=exact & family_name>=typo"])?;
    /// assert_eq!(rules[1].to_string(), "phone=exact & family_name>=typo");
    /// let err = MatchConfig::read_rules(&["email=exact", "colour=exact"]).unwrap_err();
    /// assert_eq!(err.field(), Some("rules[1]"));
    /// # Ok::<(), crm_core::Error>(())
    /// ```
    pub fn read_rules<S: AsRef<str>>(rules: &[S]) -> Result<Vec<MatchRule>> {
        rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.as_ref()
                    .parse()
                    .map_err(|e: Error| e.with_field(format!("rules[{i}]")))
            })
            .collect()
    }

    /// Reads [`MatchConfig::conflicts`] from field names (`"given_name"`, `"birth_date"`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the position, `conflicts[0]`, for an unknown field.
    pub fn read_conflicts<S: AsRef<str>>(fields: &[S]) -> Result<Vec<Field>> {
        fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                f.as_ref()
                    .parse()
                    .map_err(|e: Error| e.with_field(format!("conflicts[{i}]")))
            })
            .collect()
    }

    /// Checks thresholds, the model and the rules.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the setting: a threshold outside 0..1 (exclusive),
    /// a review threshold above the match threshold, an invalid model or rule, a blocking
    /// window of 0 (`blocking.window`) or a `max_block` below 2 (`blocking.max_block`).
    pub fn validate(&self) -> Result<()> {
        for (name, t) in [
            ("match_threshold", self.match_threshold),
            ("review_threshold", self.review_threshold),
        ] {
            if !(t > 0.0 && t < 1.0) {
                return Err(Error::invalid(
                    name,
                    Number(t),
                    "a threshold is a probability strictly between 0 and 1",
                ));
            }
        }
        if !(self.corroboration_bits >= 0.0 && self.corroboration_bits.is_finite()) {
            return Err(Error::invalid(
                "corroboration_bits",
                Number(self.corroboration_bits),
                "must be a finite number of bits, 0 or more",
            ));
        }
        if self.review_threshold > self.match_threshold {
            return Err(Error::invalid(
                "review_threshold",
                Number(self.review_threshold),
                format!(
                    "must not exceed the match threshold {}",
                    Number(self.match_threshold)
                ),
            ));
        }
        if self.blocking.window == 0 {
            return Err(Error::invalid(
                "blocking.window",
                self.blocking.window,
                "must be at least 1",
            ));
        }
        if self.blocking.max_block < 2 {
            return Err(Error::invalid(
                "blocking.max_block",
                self.blocking.max_block,
                "must be at least 2",
            ));
        }
        if self.rule_mode != RuleMode::Either && self.rules.is_empty() {
            return Err(Error::invalid(
                "rule_mode",
                self.rule_mode,
                "needs at least one rule",
            ));
        }
        self.model.validate()?;
        self.rules.iter().try_for_each(MatchRule::validate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_display_and_hold() {
        let rule: MatchRule = "phone = exact & family_name >= typo".parse().unwrap();
        assert_eq!(rule.to_string(), "phone=exact & family_name>=typo");
        let c: Comparison = "phone=exact, family_name=typo".parse().unwrap();
        assert!(rule.holds(&c));
        let c: Comparison = "phone=exact, family_name=close".parse().unwrap();
        assert!(!rule.holds(&c));
        let err = "colour=exact".parse::<MatchRule>().unwrap_err();
        assert_eq!(err.field(), Some("field"));
        assert!("email=missing".parse::<MatchRule>().is_err());
        assert!("".parse::<MatchRule>().is_err());
    }

    #[test]
    fn rules_and_conflicts_read_from_text_name_the_position() {
        let rules =
            MatchConfig::read_rules(&["email=exact", "phone = exact & family_name >= typo"])
                .unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[1].to_string(), "phone=exact & family_name>=typo");
        let err = MatchConfig::read_rules(&["email=exact", "phone=nickname"]).unwrap_err();
        assert_eq!(err.field(), Some("rules[1]"));
        assert_eq!(err.value(), Some("nickname"));
        assert!(MatchConfig::read_rules::<&str>(&[]).unwrap().is_empty());
        // Criteria joined otherwise than by '&' say how to write them.
        for joined in ["email=exact | phone=exact", "email=exact and phone>=typo"] {
            let err = MatchConfig::read_rules(&["email=exact", joined]).unwrap_err();
            assert_eq!(err.field(), Some("rules[1]"));
            assert_eq!(err.value(), Some(joined));
            assert!(err.to_string().contains("a rule of its own"), "{err}");
        }
        assert_eq!(
            MatchConfig::read_conflicts(&["birth_date", "Given Name"]).unwrap(),
            vec![Field::BirthDate, Field::GivenName]
        );
        let err = MatchConfig::read_conflicts(&["email", "hair"]).unwrap_err();
        assert_eq!(err.field(), Some("conflicts[1]"));
        assert_eq!(err.value(), Some("hair"));
    }

    #[test]
    fn modes_read_and_write_their_names() {
        assert_eq!(
            "rules_only".parse::<RuleMode>().unwrap(),
            RuleMode::RulesOnly
        );
        assert_eq!(
            "Rules Only".parse::<RuleMode>().unwrap(),
            RuleMode::RulesOnly
        );
        assert_eq!(RuleMode::default().as_str(), "either");
        assert_eq!("EM".parse::<Estimation>().unwrap(), Estimation::Em);
        assert_eq!(Estimation::default(), Estimation::None);
        assert_eq!(Estimation::U.to_string(), "u");
        let err = "magic".parse::<Estimation>().unwrap_err();
        assert_eq!(err.field(), Some("estimation"));
        assert_eq!(
            "sometimes".parse::<RuleMode>().unwrap_err().field(),
            Some("rule_mode")
        );
        // The JSON form is the same name.
        assert_eq!(
            serde_json::to_string(&RuleMode::RulesOnly).unwrap(),
            "\"rules_only\""
        );
    }

    #[test]
    fn thresholds_are_checked() {
        let bad = |c: MatchConfig| c.validate().unwrap_err().field().map(str::to_owned);
        assert_eq!(
            bad(MatchConfig {
                match_threshold: 1.0,
                ..MatchConfig::default()
            })
            .as_deref(),
            Some("match_threshold")
        );
        assert_eq!(
            bad(MatchConfig {
                review_threshold: 0.95,
                ..MatchConfig::default()
            })
            .as_deref(),
            Some("review_threshold")
        );
        assert_eq!(
            bad(MatchConfig {
                rule_mode: RuleMode::RulesOnly,
                ..MatchConfig::default()
            })
            .as_deref(),
            Some("rule_mode")
        );
        let blocking = |window, max_block| MatchConfig {
            blocking: Blocking { max_block, window },
            ..MatchConfig::default()
        };
        assert_eq!(bad(blocking(0, 40)).as_deref(), Some("blocking.window"));
        assert_eq!(bad(blocking(6, 1)).as_deref(), Some("blocking.max_block"));
        MatchConfig::default().validate().unwrap();
    }
}
