//! Scoring a pair: levels → weights → probability → decision, with the explanation.

use serde::{Deserialize, Serialize};

use super::compare::{
    Comparison, Field, Level, compare, generations_differ, idx, names_in_scripts_apart,
    only_cities_comparable, share_a_mailbox_name_beyond_names, share_a_mailbox_named_for_one,
    share_a_mailbox_of_initial_and_family, share_personal_mailbox,
};
use super::config::{MatchConfig, RuleMode};
use super::counts::{birth_hash, shared_streets, shared_values, text_hash, value_share};
use super::model::{MIN_TF_U, Weights, probability, weight_for};
use super::record::MatchRecord;

/// What a scored pair amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Decision {
    /// The same customer.
    Match,
    /// Possibly the same customer: a person should look.
    Review,
    /// Different customers.
    Distinct,
}

impl Decision {
    /// `match`, `review` or `distinct`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Match => "match",
            Decision::Review => "review",
            Decision::Distinct => "distinct",
        }
    }
}

/// Records that stand for the model's average `u` when a name's frequency is estimated:
/// the share of a name is `(count + K·u) / (n + K)`, so in a small batch every name weighs
/// about the model's average, and only in a large one does its own frequency dominate.
pub(crate) const TF_PSEUDO_RECORDS: f64 = 10_000.0;

/// How often a name occurs in the data, for term-frequency adjustment.
pub(crate) trait NameFrequency: Sync {
    /// Records holding `value` as a given or family name, and records in all (`None`
    /// when frequencies are not known).
    fn count(&self, value: &str) -> Option<(f64, f64)>;

    /// Records holding both `given` and `family` as their two names (either way round),
    /// and records in all (`None` when full names are not counted).
    fn full_name_count(&self, given: &str, family: &str) -> Option<(f64, f64)>;

    /// Holders of a contact value (by [`record_values`](super::counts::record_values)'
    /// hash; records with different names, see [`holder`](super::counts::holder)), and
    /// records in all (`None` when it is not counted: held by too few to matter, or values
    /// are not counted).
    fn value_count(&self, _value: u64) -> Option<(f64, f64)> {
        None
    }
}

/// No term-frequency adjustment: every exact name weighs the model's average.
pub(crate) struct NoFrequency;

impl NameFrequency for NoFrequency {
    fn count(&self, _: &str) -> Option<(f64, f64)> {
        None
    }

    fn full_name_count(&self, _: &str, _: &str) -> Option<(f64, f64)> {
        None
    }
}

/// Caps the weights of two exact names by how common the full name is.
///
/// Each name's weight assumes the two names are independent: a share `g` of records has
/// the given name, `f` the family name, so `g·f` would have both. They are not (given and
/// family names go together by language and by family: "Wei Wang" is far more common than
/// "Wei" and "Wang" apart suggest). The share of the other records holding the full name
/// (`count` out of `n`, less the pair's own two, drawn towards `g·f` in a small batch as a
/// single name's share is drawn towards the model's) gives the weight of the two names
/// together; where that is less than the two weights' sum, both are scaled down to it.
/// A full name no one else holds keeps the weights of its names apart.
fn cap_by_full_name(weights: &mut [f32; 2], w: &Weights, independent: f64, count: f64, n: f64) {
    let sum = f64::from(weights[0]) + f64::from(weights[1]);
    let others = (count - 2.0).max(0.0);
    let share = (others + TF_PSEUDO_RECORDS * independent) / (n + TF_PSEUDO_RECORDS);
    let joint = (w.exact_m[0] * w.exact_m[1] / share).log2();
    if sum > 0.0 && joint < sum {
        let scale = (joint / sum).max(0.0);
        for weight in weights {
            *weight = (f64::from(*weight) * scale) as f32;
        }
    }
}

/// One field's part of a pair's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FieldScore {
    /// The field.
    pub field: Field,
    /// The level it reached.
    pub level: Level,
    /// Its match weight (log2 of the likelihood ratio; 0 when missing).
    pub weight: f64,
}

/// Why a pair scored what it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// Per field: level and weight, in [`Field::ALL`] order.
    pub fields: Vec<FieldScore>,
    /// The prior weight every pair starts from.
    pub prior_weight: f64,
    /// Prior plus the field weights.
    pub total_weight: f64,
    /// The match probability of the total weight: the Fellegi–Sunter posterior, with the
    /// fields taken as independent. It ranks pairs and sets the thresholds; it is not how
    /// often such pairs are duplicates, which depends on the data (how many namesakes and
    /// families it holds). One person's fields are not independent, so on customers with
    /// namesakes and households it overstates: on the generator's 100,000 records, matches
    /// at 0.89 (2 to 4 bits) were duplicates 78 % of the time and pairs to review at 0.67
    /// (0 to 2 bits) 5–8 %; on splink's `fake_1000`, where nearly no two people share a
    /// name, every pair reported was one (`benches/python/calibration.py` prints the table).
    pub probability: f64,
    /// Whether the names were compared with given and family swapped.
    pub swapped_names: bool,
    /// Conflict fields that disagree (they stop a scored match).
    pub conflicts: Vec<Field>,
    /// The rule that holds, in its normal form (`phone=exact & family_name>=typo`), if any.
    pub rule: Option<String>,
    /// The decision.
    pub decision: Decision,
}

/// A scored pair in compact form (the explanation is derived on demand).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored {
    pub(crate) comparison: Comparison,
    /// Weight of each field (by [`Field::index`]) after term-frequency adjustment.
    pub(crate) weights: [f64; 6],
    pub(crate) total: f64,
    pub(crate) decision: Decision,
    pub(crate) rule: Option<u16>,
    /// Bit per field (in `Field::ALL` order) that is a disagreeing conflict field, and
    /// [`GENERATION_CONFLICT`].
    pub(crate) conflicts: u8,
}

/// The bit of [`Scored::conflicts`] (beyond the fields') set with the given name's when the
/// names differ by their generational suffix ("Jr." and "Sr."): no record's name, however
/// close, reconciles a father and a son, so clustering never bridges it.
pub(crate) const GENERATION_CONFLICT: u8 = 1 << 7;

/// Scores pairs under one configuration.
pub(crate) struct Scorer<'a> {
    pub(crate) weights: Weights,
    config: &'a MatchConfig,
    frequency: &'a dyn NameFrequency,
    match_weight: f64,
    review_weight: f64,
    conflict_mask: u8,
}

impl<'a> Scorer<'a> {
    pub(crate) fn new(config: &'a MatchConfig, frequency: &'a dyn NameFrequency) -> Self {
        let conflict_mask = config
            .conflicts
            .iter()
            .fold(0u8, |m, f| m | (1 << f.index()));
        Scorer {
            weights: config.model.weights(),
            config,
            frequency,
            match_weight: weight_for(config.match_threshold),
            review_weight: weight_for(config.review_threshold),
            conflict_mask,
        }
    }

    /// The scorer with the prior weight `prior` instead of the model's.
    pub(crate) fn with_prior(mut self, prior: f64) -> Self {
        self.weights.prior = prior;
        self
    }

    /// Compares and scores two records, in either order alike.
    pub(crate) fn score(&self, a: &MatchRecord, b: &MatchRecord) -> Scored {
        // One reading whichever record comes first: names read swapped compare one record's
        // family name with the other's given name as given names (their levels and weights),
        // and which record that is must not depend on their places in the input.
        let (a, b) = if (&b.given, &b.family) < (&a.given, &a.family) {
            (b, a)
        } else {
            (a, b)
        };
        let w = &self.weights;
        let comparison = compare(a, b, |straight, crossed| {
            let sum =
                |l: [u8; 2]| w.weight(Field::GivenName, l[0]) + w.weight(Field::FamilyName, l[1]);
            sum(crossed) > sum(straight)
        });
        self.score_comparison(a, b, comparison)
    }

    /// The weights of the contact fields of a comparison of `a` and `b`: the model's, and
    /// for an exact value held by many records less (term frequency), by its rarest value
    /// the two share.
    fn contact_weights(&self, a: &MatchRecord, b: &MatchRecord, c: &Comparison) -> [f64; 4] {
        let w = &self.weights;
        let mut out = [0f64; 4];
        for (slot, &field) in Field::ALL[2..].iter().enumerate() {
            let level = c.levels[field.index()];
            let mut weight = w.weight(field, level);
            if level == 0 && self.config.term_frequency {
                if let Some((count, n)) = self.rarest(|f| shared_values(field, a, b, f)) {
                    weight = w.exact_value_weight(field, count, n);
                }
            } else if field == Field::Address
                && c.level(field) == Level::SameCity
                && only_cities_comparable(a, b)
            {
                weight = w.city_only;
            } else if field == Field::Address
                && c.level(field) == Level::SameStreet
                && self.config.term_frequency
            {
                // A street many live on (a high street, or any street in a table of a
                // city's millions) is shared by chance as often as its share of the
                // records: less evidence, and none of one person.
                if let Some((count, n)) = self.rarest(|f| shared_streets(a, b, f)) {
                    let share = value_share(count, n, w.street_u);
                    weight -= (share / w.street_u).log2();
                }
            }
            out[slot] = weight;
        }
        out
    }

    /// Whether every value `r` gives in `field` (its emails, its phones, its date of birth)
    /// is one that more records give than chance makes share one (term frequency: its
    /// share of the holders is above the model's `u`).
    fn only_placeholders(&self, field: Field, r: &MatchRecord) -> bool {
        let u = self.weights.exact_u[field.index()];
        let placeholder = |hash: u64| {
            self.frequency
                .value_count(hash)
                .is_some_and(|(count, n)| value_share(count, n, u) > u)
        };
        let texts = match field {
            Field::Email => &r.emails,
            Field::Phone => &r.phones,
            _ => return r.birth.and_then(birth_hash).is_some_and(placeholder),
        };
        !texts.is_empty() && texts.iter().all(|t| placeholder(text_hash(field, t)))
    }

    /// The holders and records of the rarest of the values `each` visits (the values two
    /// records share): the evidence their agreement rests on. `None` when there is none, or
    /// when one is not counted (held by too few records to matter): the model's weight
    /// stands.
    fn rarest(&self, each: impl FnOnce(&mut dyn FnMut(u64))) -> Option<(f64, f64)> {
        let mut rarest: Option<(f64, f64)> = None;
        let mut uncounted = false;
        each(&mut |v| match self.frequency.value_count(v) {
            None => uncounted = true,
            Some((count, n)) => {
                if rarest.is_none_or(|(least, _)| count < least) {
                    rarest = Some((count, n));
                }
            }
        });
        rarest.filter(|_| !uncounted)
    }

    /// Scores a comparison of `a` with `b`.
    fn score_comparison(
        &self,
        a: &MatchRecord,
        b: &MatchRecord,
        mut comparison: Comparison,
    ) -> Scored {
        let w = &self.weights;
        // Contact values that many records give (placeholders: "1900-01-01", the 1st of
        // January of all whose day is unknown, "+44 20 7946 0000", "none@none.com") where
        // the other's do not equal them are no values at all: neither a conflict nor
        // evidence against.
        for field in [Field::Email, Field::Phone, Field::BirthDate] {
            if self.config.term_frequency
                && !matches!(comparison.level(field), Level::Exact | Level::Missing)
                && [a, b].iter().any(|r| self.only_placeholders(field, r))
            {
                comparison.levels[field.index()] = idx(field, Level::Missing);
            }
        }
        let mut name_weights = [0f32; 2];
        // The shares of the two names, where both are exact and weighed by frequency.
        let mut shares = [None; 2];
        for (slot, field) in [Field::GivenName, Field::FamilyName]
            .into_iter()
            .enumerate()
        {
            let level = comparison.levels[field.index()];
            let mut weight = w.weight(field, level);
            if level == 0 && self.config.term_frequency {
                // The value `a` holds in this field of the comparison's reading.
                let value = match (field, comparison.swapped) {
                    (Field::GivenName, false) | (Field::FamilyName, true) => &a.given,
                    _ => &a.family,
                };
                if let Some((count, n)) = self.frequency.count(value) {
                    let u = w.exact_u[field.index()];
                    let share = (count + TF_PSEUDO_RECORDS * u) / (n + TF_PSEUDO_RECORDS);
                    weight = w.exact_name_weight(field, share);
                    shares[slot] = Some(share.max(MIN_TF_U));
                }
            }
            name_weights[slot] = weight as f32;
        }
        if let [Some(given), Some(family)] = shares {
            if let Some((count, n)) = self.frequency.full_name_count(&a.given, &a.family) {
                cap_by_full_name(&mut name_weights, w, given * family, count, n);
            }
        }
        let mut contact = self.contact_weights(a, b, &comparison);
        // A mailbox name at another provider ("sunnywolf15@"), or one letter off at one
        // ("caldwellmichell@"), corroborates when it is more than the names: namesakes
        // choose "joseph.thompson@" and "twilson@" alike.
        let email_level = comparison.level(Field::Email);
        let names_only_mailbox = matches!(email_level, Level::Typo | Level::SameLocalPart)
            && !share_a_mailbox_name_beyond_names(a, b, email_level);
        // The same mailbox name at another provider, made of the names, does not weigh for
        // a match where the names already agree either: it says them again (namesakes at
        // two providers as often as one person).
        if names_only_mailbox
            && email_level == Level::SameLocalPart
            && matches!(
                comparison.level(Field::GivenName),
                Level::Exact | Level::Nickname | Level::Typo
            )
            && matches!(
                comparison.level(Field::FamilyName),
                Level::Exact | Level::Typo
            )
        {
            contact[0] = contact[0].min(0.0);
        }
        let weights = [
            f64::from(name_weights[0]),
            f64::from(name_weights[1]),
            contact[0],
            contact[1],
            contact[2],
            contact[3],
        ];
        let total = w.prior + weights.iter().sum::<f64>();
        let mut conflicts = 0u8;
        // A contact field's agreement is personal evidence when term frequency left it the
        // model's weight: a value many records share (a placeholder, a switchboard) says
        // little about who holds it.
        let personal: [bool; 4] = std::array::from_fn(|slot| {
            let field = Field::ALL[slot + 2];
            contact[slot] >= w.weight(field, comparison.levels[field.index()])
        });
        // Whether the two share a mailbox a person answers, not a business's shared one
        // (`info@`, `sales@`): colleagues read that.
        let same_mailbox = comparison.level(Field::Email) == Level::Exact
            && personal[0]
            && share_personal_mailbox(a, b);
        // No contact value waives a conflict: a couple or a father and son share a family
        // mailbox as they share a home. Save one: one given name (or one record's only)
        // and a mailbox named for it ("oscarrichards38@", "o.richards@"), with birth dates
        // less than a generation apart, are one person's, a date mistyped (a father and son
        // are a generation apart, twins named apart, and a family's mailbox names no one).
        let one_generation = comparison.level(Field::BirthDate) == Level::Different
            && same_mailbox
            && matches!(
                comparison.level(Field::GivenName),
                Level::Exact | Level::Nickname | Level::Typo | Level::Missing
            )
            && comparison.level(Field::FamilyName) != Level::Different
            && born_within_a_generation(a, b)
            && (share_a_mailbox_named_for_one(a, b) || share_a_mailbox_of_initial_and_family(a, b));
        for &field in Field::ALL {
            if self.conflict_mask & (1 << field.index()) != 0
                && comparison.level(field) == Level::Different
                && !(field == Field::BirthDate && one_generation)
            {
                conflicts |= 1 << field.index();
            }
        }
        if generations_differ(a, b) && conflicts & (1 << Field::GivenName.index()) != 0 {
            conflicts |= GENERATION_CONFLICT;
        }
        let rule = self
            .config
            .rules
            .iter()
            .position(|r| r.holds(&comparison))
            .and_then(|i| u16::try_from(i).ok());
        // Only personal evidence corroborates: not a value many records share, nor a
        // business's shared mailbox (it says "the same company").
        let role_mailbox = comparison.level(Field::Email) == Level::Exact && !same_mailbox;
        // Given names only weakly alike ("Jip" and "Jet", "Stefania" and "Stella") are
        // siblings' as often as one name mistyped: what a family shares (a home's phone and
        // address, a family mailbox) does not corroborate them; a birthday does, and a
        // mailbox named for one of the two ("jip.huisman@").
        // So are names that cannot be compared, one in Latin letters and one in a script
        // not romanized ("志伟 吴" / "Zhiwei Wu", or a relative's name so written).
        let weakly_named = comparison.level(Field::GivenName) == Level::Weak
            || comparison.level(Field::GivenName) == Level::Missing
                && comparison.level(Field::FamilyName) == Level::Missing
                && names_in_scripts_apart(a, b);
        let household = |slot: usize| match Field::ALL[slot + 2] {
            Field::Phone | Field::Address => true,
            Field::Email => !share_a_mailbox_named_for_one(a, b),
            _ => false,
        };
        // Whether an agreement in contact field `slot` may corroborate the names.
        let may_corroborate = |slot: usize| {
            let not_of_one_person = slot == 0 && (role_mailbox || names_only_mailbox)
                || weakly_named && household(slot);
            personal[slot] && !not_of_one_person
        };
        // Two agreements in part ("sunnywolf15@" at two providers, a birth date one digit
        // off, the same postcode) corroborate together as one agreement in full does, each
        // weighing at least half the bits and together half as much again. A mailbox name
        // made of the person's names ("joseph.thompson@", "twilson@") is no part of it:
        // namesakes choose alike.
        let bits = self.config.corroboration_bits;
        let in_part = |slot: usize| contact[slot] >= bits / 2.0 && may_corroborate(slot);
        let (parts, part_bits) = (0..4)
            .filter(|&slot| in_part(slot))
            .fold((0, 0.0), |(n, sum), slot| (n + 1, sum + contact[slot]));
        // A date of birth one part off ("1943" typed "1946") or the same postal code, where
        // no email, phone, date or address disagrees, corroborates as two agreements in
        // part do: a list that gives only names and a date, or names and a postal code,
        // has nothing else to show, and a namesake's date lies that near one time in 300.
        let nothing_against = Field::ALL[2..]
            .iter()
            .all(|&f| comparison.level(f) != Level::Different);
        let alone = nothing_against
            && [
                (Field::BirthDate, Level::OneDiff),
                (Field::Address, Level::SamePostcode),
            ]
            .iter()
            .any(|&(f, l)| comparison.level(f) == l && in_part(f.index() - 2));
        let corroborated = bits <= 0.0
            || (0..4).any(|slot| contact[slot] >= bits && may_corroborate(slot))
            || parts >= 2 && part_bits >= 1.5 * bits
            || alone;
        let scored_match = total >= self.match_weight && conflicts == 0 && corroborated;
        let decision_match = match self.config.rule_mode {
            RuleMode::Either => scored_match || rule.is_some(),
            RuleMode::Both => scored_match && rule.is_some(),
            RuleMode::RulesOnly => rule.is_some(),
        };
        // A conflict with nothing in common but what a household shares (a surname, an
        // address, a phone) is a family, not a question: "Anna" and "Piotr Kowalski" at one
        // home are distinct. A person's own mailbox or date of birth makes it one to review,
        // and so does one full name where only the dates of birth differ (a date mistyped,
        // or a father and son: a person tells).
        let personal_evidence = same_mailbox
            || matches!(
                comparison.level(Field::BirthDate),
                Level::Exact | Level::SameDayMonth
            )
            || conflicts == 1 << Field::BirthDate.index()
                && comparison.level(Field::GivenName) == Level::Exact
                && comparison.level(Field::FamilyName) == Level::Exact;
        let decision = if decision_match {
            Decision::Match
        } else if total >= self.review_weight && (conflicts == 0 || personal_evidence) {
            Decision::Review
        } else {
            Decision::Distinct
        };
        Scored {
            comparison,
            weights,
            total,
            decision,
            rule,
            conflicts,
        }
    }

    /// The full explanation of a scored pair.
    pub(crate) fn explain(&self, s: &Scored) -> Explanation {
        explain(&self.weights, self.config, s)
    }
}

/// The explanation of a scored pair under `config`.
pub(crate) fn explain(weights: &Weights, config: &MatchConfig, s: &Scored) -> Explanation {
    let fields = Field::ALL
        .iter()
        .map(|&field| FieldScore {
            field,
            level: s.comparison.level(field),
            weight: s.weights[field.index()],
        })
        .collect();
    Explanation {
        fields,
        prior_weight: weights.prior,
        total_weight: s.total,
        probability: probability(s.total),
        swapped_names: s.comparison.swapped,
        conflicts: Field::ALL
            .iter()
            .copied()
            .filter(|f| s.conflicts & (1 << f.index()) != 0)
            .collect(),
        rule: s
            .rule
            .and_then(|i| config.rules.get(usize::from(i)))
            .map(ToString::to_string),
        decision: s.decision,
    }
}

/// Years less than which two people's births are apart when they are not parent and child.
const GENERATION_YEARS: i32 = 15;

/// Whether two records' birth years are both known and less than a generation apart.
fn born_within_a_generation(a: &MatchRecord, b: &MatchRecord) -> bool {
    match (a.birth.and_then(|d| d.year), b.birth.and_then(|d| d.year)) {
        (Some(x), Some(y)) => (x - y).abs() < GENERATION_YEARS,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::Model;
    use crate::dedup::record::BirthDate;

    fn person(given: &str, family: &str, email: &str) -> MatchRecord {
        MatchRecord {
            given: given.into(),
            family: family.into(),
            emails: if email.is_empty() {
                vec![]
            } else {
                vec![email.into()]
            },
            ..MatchRecord::default()
        }
        .finish()
    }

    #[test]
    fn same_email_and_nickname_is_a_match_and_explained() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        let s = scorer.score(
            &person("robert", "smith", "bob@example.com"),
            &person("bob", "smith", "bob@example.com"),
        );
        assert_eq!(s.decision, Decision::Match);
        let e = scorer.explain(&s);
        assert_eq!(e.fields[0].level, Level::Nickname);
        assert!(e.fields[0].weight > 0.0);
        assert_eq!(e.fields[2].level, Level::Exact);
        let sum: f64 = e.prior_weight + e.fields.iter().map(|f| f.weight).sum::<f64>();
        assert!((sum - e.total_weight).abs() < 1e-3);
        assert!(e.probability > 0.9);
    }

    #[test]
    fn a_pair_scores_alike_in_either_order() {
        // Names given the other way round: which record's family name is read as a given
        // name must not depend on which record comes first, nor the frequencies that weigh
        // it ("Li" is common here, "Wei" is not).
        let (a, b) = (person("wei", "li", ""), person("li", "wei", ""));
        let mut records = vec![a.clone(), b.clone()];
        records.extend(["ming", "jun", "hua", "fang", "jing"].map(|g| person(g, "li", "")));
        let frequency = crate::dedup::scan::BatchFrequency::new(&records);
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &frequency);
        let ab = scorer.explain(&scorer.score(&a, &b));
        assert!(ab.swapped_names);
        assert_eq!(ab, scorer.explain(&scorer.score(&b, &a)));
    }

    #[test]
    fn a_business_mailbox_is_not_personal_evidence() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        // (given name, the other record's given name, the email both give), family Smith.
        let score = |x: &str, y: &str, email: &str| {
            let s = scorer.score(&person(x, "smith", email), &person(y, "smith", email));
            (s.decision, s.conflicts)
        };
        let given = 1 << Field::GivenName.index();
        // Neither a family's mailbox nor a business's shared one makes two given names one
        // person's: a couple, and the two who run the bakery, are two people each,
        assert_eq!(
            score("fang", "grace", "fang.smith@example.com"),
            (Decision::Review, given)
        );
        let (decision, conflicts) = score("john", "mary", "info@smithbakery.com");
        assert_ne!(decision, Decision::Match);
        assert_eq!(conflicts, given);
        // and a business's does not corroborate names that agree: a person should look.
        assert_eq!(
            score("john", "jon", "info@smithbakery.com"),
            (Decision::Review, 0)
        );
        assert_eq!(
            score("john", "jon", "john@smithbakery.com"),
            (Decision::Match, 0)
        );
    }

    #[test]
    fn a_mailbox_name_made_of_agreeing_names_weighs_nothing() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        let same_local_part = config
            .model
            .weights()
            .weight(Field::Email, idx(Field::Email, Level::SameLocalPart));
        assert!(same_local_part > 4.0);
        // (given, family, email) of each record: the email's level and weight.
        let email = |a: (&str, &str, &str), b: (&str, &str, &str)| {
            let s = scorer.score(&person(a.0, a.1, a.2), &person(b.0, b.1, b.2));
            (s.comparison.level(Field::Email), s.weights[2])
        };
        // "maria.garcia@" at two providers says "Maria Garcia" again: namesakes choose it
        // as one person does.
        assert_eq!(
            email(
                ("maria", "garcia", "maria.garcia@gmail.com"),
                ("maria", "garcia", "maria.garcia@yahoo.com")
            ),
            (Level::SameLocalPart, 0.0)
        );
        // A mailbox name beyond the names weighs as the model says,
        assert_eq!(
            email(
                ("maria", "garcia", "sunnywolf15@gmail.com"),
                ("maria", "garcia", "sunnywolf15@yahoo.com")
            ),
            (Level::SameLocalPart, same_local_part)
        );
        // and so does one of the names where the names do not agree (a name changed by
        // marriage): it links what the names do not.
        assert_eq!(
            email(
                ("maria", "garcia", "maria.garcia@gmail.com"),
                ("maria", "lopez", "maria.garcia@yahoo.com")
            ),
            (Level::SameLocalPart, same_local_part)
        );
    }

    #[test]
    fn family_members_are_not_merged() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        let mut a = person("anna", "kowalski", "");
        let mut b = person("piotr", "kowalski", "");
        for r in [&mut a, &mut b] {
            r.phones = vec!["+48221234567".into()];
            r.addresses = vec![crate::dedup::record::MatchAddress::new(
                &["ul. Prosta 1"],
                Some("Warszawa"),
                Some("00-001"),
            )];
        }
        a.birth = Some(BirthDate {
            year: Some(1990),
            month: 1,
            day: 2,
        });
        b.birth = Some(BirthDate {
            year: Some(1990),
            month: 1,
            day: 2,
        });
        // Twins, or one person under another given name: theirs is a date of birth.
        let s = scorer.score(&a, &b);
        assert_eq!(s.decision, Decision::Review);
        assert_eq!(scorer.explain(&s).conflicts, vec![Field::GivenName]);
        // Without it, nothing but their home is shared: a family, not a pair to review.
        a.birth = None;
        let s = scorer.score(&a, &b);
        assert_eq!(s.decision, Decision::Distinct);
        assert!(s.total >= scorer.review_weight);
    }

    #[test]
    fn one_full_name_at_one_home_born_apart_is_a_question() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        let born = |given: &str, (year, month, day): (i32, u8, u8)| {
            let mut r = person(given, "kowalski", "");
            r.addresses = vec![crate::dedup::record::MatchAddress::new(
                &["ul. Prosta 1"],
                Some("Warszawa"),
                Some("00-001"),
            )];
            r.birth = Some(BirthDate {
                year: Some(year),
                month,
                day,
            });
            r
        };
        let (father, son) = ((1950, 3, 9), (1981, 11, 24));
        // A date of birth mistyped, or a father and son of one name: a person tells.
        let s = scorer.score(&born("jan", father), &born("jan", son));
        assert_eq!(scorer.explain(&s).conflicts, vec![Field::BirthDate]);
        assert_eq!(s.decision, Decision::Review);
        // Another given name as well: a family.
        let s = scorer.score(&born("jan", father), &born("piotr", son));
        assert_eq!(s.decision, Decision::Distinct);
    }

    #[test]
    fn one_name_and_its_mailbox_born_less_than_a_generation_apart_are_one_person() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        let born = |given: &str, email: &str, year: i32, day: u8| {
            let mut r = person(given, "richards", email);
            r.birth = Some(BirthDate {
                year: Some(year),
                month: 2,
                day,
            });
            r
        };
        // "2012" typed "2021" and a day off: one Oscar Richards, whose mailbox says so.
        let mailbox = "oscarrichards38@copeland.com";
        let s = scorer.score(
            &born("oscar", mailbox, 2012, 7),
            &born("oscar", mailbox, 2021, 6),
        );
        assert_eq!(s.comparison.level(Field::BirthDate), Level::Different);
        assert!(scorer.explain(&s).conflicts.is_empty());
        assert_eq!(s.decision, Decision::Match);
        // A generation apart, a father and son of one name share it: a person tells.
        let s = scorer.score(
            &born("oscar", mailbox, 1980, 19),
            &born("oscar", mailbox, 2012, 7),
        );
        assert_eq!(scorer.explain(&s).conflicts, vec![Field::BirthDate]);
        assert_eq!(s.decision, Decision::Review);
        // So does a family's mailbox, which names neither, and another given name.
        let family = "thewatts@example.net";
        let s = scorer.score(
            &born("oscar", family, 2012, 7),
            &born("oscar", family, 2021, 6),
        );
        assert_eq!(scorer.explain(&s).conflicts, vec![Field::BirthDate]);
        let s = scorer.score(
            &born("oscar", mailbox, 2012, 7),
            &born("mia", mailbox, 2021, 6),
        );
        assert!(scorer.explain(&s).conflicts.contains(&Field::BirthDate));
        // A mailbox of the initial and the family name says so too.
        let initial = "o.richards82@copeland.com";
        let s = scorer.score(
            &born("oscar", initial, 2012, 7),
            &born("oscar", initial, 2021, 6),
        );
        assert!(scorer.explain(&s).conflicts.is_empty());
        // A record without a given name, whose mailbox is named for the other's: one.
        let s = scorer.score(
            &born("oscar", mailbox, 2012, 7),
            &born("", mailbox, 2021, 6),
        );
        assert!(scorer.explain(&s).conflicts.is_empty());
    }

    #[test]
    fn siblings_with_weakly_alike_names_need_more_than_their_home() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        let at_home = |given: &str, email: &str| {
            let mut r = person(given, "huisman", email);
            r.phones = vec!["+31774168931".into()];
            r.addresses = vec![crate::dedup::record::MatchAddress::new(
                &["Lolaboulevard 21"],
                Some("Drempt"),
                Some("7853IB"),
            )];
            r
        };
        let s = scorer.score(&at_home("jip", ""), &at_home("jet", ""));
        assert_eq!(s.comparison.level(Field::GivenName), Level::Weak);
        assert_eq!(s.decision, Decision::Review);
        // Their own mailbox is evidence of one person, and a name one typo away needs no more.
        let s = scorer.score(
            &at_home("jip", "jip@example.nl"),
            &at_home("jet", "jip@example.nl"),
        );
        assert_eq!(s.decision, Decision::Match);
        let s = scorer.score(&at_home("jip", ""), &at_home("jipp", ""));
        assert_eq!(s.decision, Decision::Match);
        // A brother and sister (or a couple) named as one name's two forms are weakly
        // alike too, however close the letters: their home does not make them one.
        for (x, y) in [
            ("daniel", "daniela"),
            ("mario", "maria"),
            ("michel", "michelle"),
        ] {
            let s = scorer.score(&at_home(x, ""), &at_home(y, ""));
            assert_eq!(s.comparison.level(Field::GivenName), Level::Weak, "{x}");
            assert_eq!(s.decision, Decision::Review, "{x}");
        }
        let mailbox = "daniela.huisman@example.nl";
        let s = scorer.score(&at_home("daniel", mailbox), &at_home("daniela", mailbox));
        assert_eq!(s.decision, Decision::Match);
        // A family's mailbox, named for neither, is shared as their home is.
        for mailbox in ["huisman@example.nl", "d.huisman@example.nl"] {
            let s = scorer.score(&at_home("jip", mailbox), &at_home("jet", mailbox));
            assert_eq!(s.decision, Decision::Review, "{mailbox}");
        }
    }

    #[test]
    fn two_agreements_in_part_corroborate_together() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        const SOUTHEND: Option<&str> = Some("Southend-on-Sea");
        let record = |email: &str, day: u8, town: Option<&str>| {
            let mut r = person("martha", "brown", email);
            r.birth = Some(BirthDate {
                year: Some(2002),
                month: 9,
                day,
            });
            r.addresses = town
                .map(|town| {
                    crate::dedup::record::MatchAddress::new(&[] as &[&str], Some(town), None)
                })
                .into_iter()
                .collect();
            r
        };
        let a = record("watsonthomas@jones-stuart.biz", 5, SOUTHEND);
        // A mailbox name at another provider, a birth date one digit off and the same town:
        // no one of them is evidence enough, together they are.
        let b = record("watsonthomas@outlook.com", 1, SOUTHEND);
        let s = scorer.score(&a, &b);
        assert_eq!(s.comparison.level(Field::Email), Level::SameLocalPart);
        assert_eq!(s.comparison.level(Field::BirthDate), Level::OneDiff);
        assert!(
            s.weights
                .iter()
                .skip(2)
                .all(|&w| w < config.corroboration_bits)
        );
        assert_eq!(s.decision, Decision::Match);
        // A date one part off alone is a match where nothing else disagrees ("1943" typed
        // "1946", a list of names and dates), and left to a person where another email,
        // phone or address does;
        let s = scorer.score(&a, &record("", 1, None));
        assert_eq!(s.comparison.level(Field::BirthDate), Level::OneDiff);
        assert!(s.total >= scorer.match_weight);
        assert_eq!(s.decision, Decision::Match);
        let s = scorer.score(&a, &record("martha@example.org", 1, None));
        assert_eq!(s.comparison.level(Field::Email), Level::Different);
        assert_eq!(s.decision, Decision::Review);
        // one of the others alone leaves the pair to a person too,
        let mut b = record("watsonthomas@outlook.com", 1, None);
        b.birth = None;
        let s = scorer.score(&a, &b);
        assert_eq!(s.comparison.level(Field::Email), Level::SameLocalPart);
        assert_eq!(s.decision, Decision::Review);
        // while two of them make a match without the date,
        let undated = |email: &str| {
            let mut r = record(email, 1, SOUTHEND);
            r.birth = None;
            r
        };
        let s = scorer.score(&a, &undated("watsonthomas@outlook.com"));
        assert_eq!(s.decision, Decision::Match);
        // unless one is a mailbox name made of the person's names, which namesakes share.
        let a = record("martha.brown@jones-stuart.biz", 5, SOUTHEND);
        let s = scorer.score(&a, &undated("martha.brown@outlook.com"));
        assert_eq!(s.comparison.level(Field::Email), Level::SameLocalPart);
        assert_eq!(s.decision, Decision::Review);
        // `0` bits asks for no corroboration at all; a larger figure asks more of both.
        let strict = MatchConfig {
            corroboration_bits: 12.0,
            ..MatchConfig::default()
        };
        let scorer = Scorer::new(&strict, &NoFrequency);
        let a = record("watsonthomas@jones-stuart.biz", 5, SOUTHEND);
        let b = record("watsonthomas@outlook.com", 1, SOUTHEND);
        assert_eq!(scorer.score(&a, &b).decision, Decision::Review);
    }

    #[test]
    fn a_postal_code_alone_corroborates_where_nothing_disagrees() {
        // A list of names and postal codes (a sign-up form, a shop's export without the
        // street): the same postal code is all the evidence a duplicate shows.
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        let at = |postcode: &str, phone: &str| {
            let mut r = person("nicholas", "ferreira", "");
            r.addresses = vec![crate::dedup::record::MatchAddress::new(
                &[] as &[&str],
                None,
                Some(postcode),
            )];
            r.phones = if phone.is_empty() {
                vec![]
            } else {
                vec![phone.into()]
            };
            r
        };
        let s = scorer.score(&at("2615", ""), &at("2615", ""));
        assert_eq!(s.comparison.level(Field::Address), Level::SamePostcode);
        assert!(s.weights[5] < config.corroboration_bits);
        assert_eq!(s.decision, Decision::Match);
        // Another phone number disagrees: a person should look.
        let s = scorer.score(&at("2615", "+61262345678"), &at("2615", "+61298765432"));
        assert_eq!(s.comparison.level(Field::Phone), Level::Different);
        assert_eq!(s.decision, Decision::Review);
        // A larger `corroboration_bits` asks more of it, as of any agreement in part.
        let strict = MatchConfig {
            corroboration_bits: 12.0,
            ..MatchConfig::default()
        };
        let scorer = Scorer::new(&strict, &NoFrequency);
        assert_eq!(
            scorer.score(&at("2615", ""), &at("2615", "")).decision,
            Decision::Review
        );
    }

    #[test]
    fn a_mailbox_name_mistyped_corroborates_unless_it_is_the_names() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        // One letter left out of a mailbox name that is not the person's names: a typing
        // error, evidence of one person as the address itself is.
        let a = person("isabelle", "carter", "caldwellmichelle@green.biz");
        let s = scorer.score(
            &a,
            &person("isabelle", "carter", "caldwellmichell@green.biz"),
        );
        assert_eq!(s.comparison.level(Field::Email), Level::Typo);
        assert_eq!(s.decision, Decision::Match);
        // The names' mailbox one letter off is the names again (namesakes choose alike).
        let a = person("joseph", "thompson", "joseph.thompson@green.biz");
        let s = scorer.score(
            &a,
            &person("joseph", "thompson", "josepf.thompson@green.biz"),
        );
        assert_eq!(s.comparison.level(Field::Email), Level::Typo);
        assert!(s.total >= scorer.match_weight);
        assert_eq!(s.decision, Decision::Review);
    }

    #[test]
    fn names_in_two_scripts_are_matched_on_what_one_person_holds() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        let at_home = |given: &str, family: &str, birth: Option<(i32, u8, u8)>| {
            let mut r = person(given, family, "");
            r.phones = vec!["+8613800138000".into()];
            r.addresses = vec![crate::dedup::record::MatchAddress::new(
                &["Nanjing Rd 100"],
                Some("Shanghai"),
                Some("200001"),
            )];
            r.birth = birth.map(|(year, month, day)| BirthDate {
                year: Some(year),
                month,
                day,
            });
            r
        };
        let born = Some((1988, 6, 27));
        // One birthday and one home: one person, written in two scripts.
        let s = scorer.score(&at_home("志伟", "吴", born), &at_home("zhiwei", "wu", born));
        assert_eq!(s.comparison.level(Field::GivenName), Level::Missing);
        assert_eq!(s.decision, Decision::Match);
        // A home alone is what a family shares: a person should look.
        let s = scorer.score(&at_home("志伟", "吴", None), &at_home("zhiwei", "wu", None));
        assert_eq!(s.decision, Decision::Review);
        // Born apart: a relative.
        let s = scorer.score(
            &at_home("芳", "吴", Some((1960, 1, 3))),
            &at_home("zhiwei", "wu", born),
        );
        assert_ne!(s.decision, Decision::Match);
    }

    #[test]
    fn rules_decide_as_configured() {
        let config = MatchConfig {
            rules: vec!["email=exact".parse().unwrap()],
            rule_mode: RuleMode::RulesOnly,
            ..MatchConfig::default()
        };
        let scorer = Scorer::new(&config, &NoFrequency);
        let s = scorer.score(
            &person("ann", "lee", "x@y.org"),
            &person("bo", "kim", "x@y.org"),
        );
        assert_eq!(s.decision, Decision::Match);
        assert_eq!(scorer.explain(&s).rule.as_deref(), Some("email=exact"));
        let s = scorer.score(
            &person("ann", "lee", "a@y.org"),
            &person("ann", "lee", "b@y.org"),
        );
        assert_ne!(s.decision, Decision::Match);
    }

    struct Shares;
    impl NameFrequency for Shares {
        fn count(&self, value: &str) -> Option<(f64, f64)> {
            Some((if value == "smith" { 20_000.0 } else { 2.0 }, 1_000_000.0))
        }

        fn full_name_count(&self, given: &str, family: &str) -> Option<(f64, f64)> {
            // "wei wang" as common as "wei" or "wang" alone: the names go together.
            let common = [given.min(family), given.max(family)] == ["wang", "wei"];
            Some((if common { 2_000.0 } else { 2.0 }, 1_000_000.0))
        }
    }

    #[test]
    fn a_common_full_name_weighs_less_than_its_names_apart() {
        struct Culture;
        impl NameFrequency for Culture {
            fn count(&self, value: &str) -> Option<(f64, f64)> {
                Some((
                    if value == "wei" || value == "wang" {
                        2_000.0
                    } else {
                        2.0
                    },
                    1_000_000.0,
                ))
            }
            fn full_name_count(&self, given: &str, family: &str) -> Option<(f64, f64)> {
                Shares.full_name_count(given, family)
            }
        }
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &Culture);
        let pair = |g: &str, f: &str| {
            let s = scorer.score(&person(g, f, ""), &person(g, f, ""));
            s.weights[0] + s.weights[1]
        };
        // 2,000 of a million hold "wei wang": 0.8 · 0.83 / 0.002, about 8.4 bits in all,
        // where "wei" and "wang" apart would give about 17.
        let wei_wang = pair("wei", "wang");
        assert!(
            (wei_wang - (0.8f64 * 0.83 / 0.002).log2()).abs() < 0.1,
            "{wei_wang}"
        );
        assert!(pair("wei", "okonkwo") > wei_wang + 8.0);
        // Swapped, the same full name.
        assert!((pair("wang", "wei") - wei_wang).abs() < 1e-6);
        // "wei" with a rare family name: as rare as the names apart say, not capped.
        let s = scorer.score(&person("wei", "okonkwo", ""), &person("wei", "okonkwo", ""));
        let apart = |share: f64, m: f64| (m / ((share * 1e6 + 1e4 * 0.01) / 1.01e6)).log2();
        assert!((s.weights[0] - apart(0.002, 0.8)).abs() < 0.01);
        // Without term frequency, no name is counted and none is capped.
        let plain = MatchConfig {
            term_frequency: false,
            ..MatchConfig::default()
        };
        let s = Scorer::new(&plain, &Culture)
            .score(&person("wei", "wang", ""), &person("wei", "wang", ""));
        assert!((s.weights[0] + s.weights[1]) > wei_wang + 5.0);
    }

    #[test]
    fn a_rare_shared_surname_weighs_more() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &Shares);
        let common = scorer.score(&person("", "smith", ""), &person("", "smith", ""));
        let rare = scorer.score(&person("", "okonkwo", ""), &person("", "okonkwo", ""));
        assert!(rare.weights[1] > common.weights[1] + 4.0);
    }

    #[test]
    fn a_city_is_the_closest_agreement_where_nothing_finer_is_given() {
        let config = MatchConfig::default();
        let scorer = Scorer::new(&config, &NoFrequency);
        let living = |lines: &[&str], city: &str, code: &str| {
            let mut r = person("ada", "lovelace", "");
            r.addresses = vec![crate::dedup::record::MatchAddress::new(
                lines,
                Some(city),
                Some(code),
            )];
            r
        };
        let address = |a: &MatchRecord, b: &MatchRecord| {
            let s = scorer.score(a, b);
            (
                s.comparison.level(Field::Address),
                s.weights[Field::Address.index()],
            )
        };
        let town = living(&[], "Leeds", "");
        let home = living(&["1 Park Row"], "Leeds", "LS1 5AB");
        let (level, city_weight) = address(&town, &town);
        assert_eq!(level, Level::SameCity);
        // The chances of agreeing on the city at any level: the duplicates who would share
        // a street or a postal code, had they given them, share the city here.
        let model = Model::default();
        let agreeing = &model.fields[Field::Address.index()].1[..4];
        let (m, u) = agreeing
            .iter()
            .fold((0.0, 0.0), |(m, u), lp| (m + lp.m, u + lp.u));
        assert!((city_weight - (m / u).log2()).abs() < 1e-9);
        assert!(city_weight > 4.0, "{city_weight}");
        // One side with a full address, the other with the town: the same.
        assert_eq!(address(&town, &home), (Level::SameCity, city_weight));
        // Two full addresses that share only the city: a move within it, or neighbours,
        // weighs as the model's level says.
        let other = living(&["9 Kirkgate"], "Leeds", "LS2 7DJ");
        let (level, weight) = address(&home, &other);
        assert_eq!(level, Level::SameCity);
        assert!((weight - model.weights().weight(Field::Address, 3)).abs() < 1e-9);
        assert!(weight < 1.0);
        // A shared town alone never corroborates the names: a pair with nothing else in
        // common is not a match however rare the names.
        assert_ne!(scorer.score(&town, &town).decision, Decision::Match);
    }
}
