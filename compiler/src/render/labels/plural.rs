//! Cardinal plural categories, from the rules of the Unicode CLDR (version 48,
//! `common/supplemental/plurals.xml`, in JSON `cldr-core/supplemental/plurals.json`;
//! Unicode License v3). One function per rule family; the operands are those of the
//! number as the page writes it (at most two decimals, no trailing zeros).

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// `zero`
    Zero,
    /// `one`
    One,
    /// `two`
    Two,
    /// `few`
    Few,
    /// `many`
    Many,
    /// `other`
    Other,
}

/// The CLDR operands of a written number: `i` (integer digits), `v` (number of visible
/// fraction digits), `f` (visible fraction digits as a number). `t` equals `f` because
/// the page never writes trailing zeros; `e` is always 0; `n` is `i` when `f` is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operands {
    i: u64,
    v: usize,
    f: u64,
}

impl Operands {
    /// The operands of a number written with `.` as the decimal sign (`2.5`, `21`).
    pub fn of(written: &str) -> Operands {
        let digits = written.trim_start_matches('-');
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        Operands {
            i: int.parse().unwrap_or(0),
            v: frac.len(),
            f: frac.parse().unwrap_or(0),
        }
    }

    /// `n` when it is a whole number: CLDR's `n = 3..6` and `n % 10 = 1` hold only for
    /// whole numbers.
    fn whole(self) -> Option<u64> {
        (self.f == 0).then_some(self.i)
    }

    /// `i = 1 and v = 0`
    fn one_integer(self) -> bool {
        self.i == 1 && self.v == 0
    }

    /// `e = 0 and i != 0 and i % 1000000 = 0 and v = 0` (the `many` of French,
    /// Spanish, Italian and Portuguese; `e != 0..5` never holds, `e` being 0).
    fn million(self) -> bool {
        self.i != 0 && self.i.is_multiple_of(1_000_000) && self.v == 0
    }
}

/// A family of languages sharing one CLDR cardinal rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// bg el hu: `one: n = 1`.
    OneIsN1,
    /// de en et fi nl sv: `one: i = 1 and v = 0`.
    OneIsI1,
    /// it pt-PT: `one: i = 1 and v = 0`, `many: e = 0 and i != 0 and i % 1000000 = 0 and
    /// v = 0 or e != 0..5`.
    OneIsI1Million,
    /// es: `one: n = 1`, `many` as for Italian.
    OneIsN1Million,
    /// fr: `one: i = 0,1`, `many` as for Italian.
    French,
    /// da: `one: n = 1 or t != 0 and i = 0,1`.
    Danish,
    /// cs sk: `one: i = 1 and v = 0; few: i = 2..4 and v = 0; many: v != 0`.
    CzechSlovak,
    /// pl: `one: i = 1 and v = 0; few: v = 0 and i % 10 = 2..4 and i % 100 != 12..14;
    /// many: v = 0 and i != 1 and i % 10 = 0..1 or v = 0 and i % 10 = 5..9 or v = 0 and
    /// i % 100 = 12..14`.
    Polish,
    /// lt: `one: n % 10 = 1 and n % 100 != 11..19; few: n % 10 = 2..9 and n % 100 !=
    /// 11..19; many: f != 0`.
    Lithuanian,
    /// lv: `zero: n % 10 = 0 or n % 100 = 11..19 or v = 2 and f % 100 = 11..19; one:
    /// n % 10 = 1 and n % 100 != 11 or v = 2 and f % 10 = 1 and f % 100 != 11 or v != 2
    /// and f % 10 = 1`.
    Latvian,
    /// sl: `one: v = 0 and i % 100 = 1; two: v = 0 and i % 100 = 2; few: v = 0 and
    /// i % 100 = 3..4 or v != 0`.
    Slovenian,
    /// hr: `one: v = 0 and i % 10 = 1 and i % 100 != 11 or f % 10 = 1 and f % 100 != 11;
    /// few: v = 0 and i % 10 = 2..4 and i % 100 != 12..14 or f % 10 = 2..4 and f % 100 !=
    /// 12..14`.
    Croatian,
    /// ga: `one: n = 1; two: n = 2; few: n = 3..6; many: n = 7..10`.
    Irish,
    /// mt: `one: n = 1; two: n = 2; few: n = 0 or n % 100 = 3..10; many: n % 100 =
    /// 11..19`.
    Maltese,
    /// ro: `one: i = 1 and v = 0; few: v != 0 or n = 0 or n != 1 and n % 100 = 1..19`.
    Romanian,
}

impl Rule {
    /// The categories the rule tells apart, in CLDR order; a unit has one word form for
    /// each, in this order.
    pub fn categories(self) -> &'static [Category] {
        use Category::*;
        match self {
            Rule::OneIsN1 | Rule::OneIsI1 | Rule::Danish => &[One, Other],
            Rule::OneIsI1Million | Rule::OneIsN1Million | Rule::French => &[One, Many, Other],
            Rule::CzechSlovak | Rule::Polish | Rule::Lithuanian => &[One, Few, Many, Other],
            Rule::Latvian => &[Zero, One, Other],
            Rule::Slovenian => &[One, Two, Few, Other],
            Rule::Croatian | Rule::Romanian => &[One, Few, Other],
            Rule::Irish | Rule::Maltese => &[One, Two, Few, Many, Other],
        }
    }

    /// The category of a number with these operands.
    #[allow(
        clippy::nonminimal_bool,
        reason = "each condition is written as CLDR writes the rule"
    )]
    pub fn category(self, op: Operands) -> Category {
        use Category::*;
        let n = op.whole();
        let pick = |cases: &[(bool, Category)]| {
            cases
                .iter()
                .find(|(holds, _)| *holds)
                .map_or(Other, |&(_, category)| category)
        };
        match self {
            Rule::OneIsN1 => pick(&[(n == Some(1), One)]),
            Rule::OneIsI1 => pick(&[(op.one_integer(), One)]),
            Rule::OneIsI1Million => pick(&[(op.one_integer(), One), (op.million(), Many)]),
            Rule::OneIsN1Million => pick(&[(n == Some(1), One), (op.million(), Many)]),
            Rule::French => pick(&[(op.i <= 1, One), (op.million(), Many)]),
            Rule::Danish => pick(&[(n == Some(1) || (op.f != 0 && op.i <= 1), One)]),
            Rule::CzechSlovak => pick(&[
                (op.one_integer(), One),
                ((2..=4).contains(&op.i) && op.v == 0, Few),
                (op.v != 0, Many),
            ]),
            Rule::Polish => {
                let (i10, i100) = (op.i % 10, op.i % 100);
                let teen = (12..=14).contains(&i100);
                pick(&[
                    (op.one_integer(), One),
                    (op.v == 0 && (2..=4).contains(&i10) && !teen, Few),
                    (
                        op.v == 0 && ((op.i != 1 && i10 <= 1) || (5..=9).contains(&i10) || teen),
                        Many,
                    ),
                ])
            }
            Rule::Lithuanian => {
                let teen = n.is_some_and(|n| (11..=19).contains(&(n % 100)));
                pick(&[
                    (n.is_some_and(|n| n % 10 == 1) && !teen, One),
                    (n.is_some_and(|n| (2..=9).contains(&(n % 10))) && !teen, Few),
                    (op.f != 0, Many),
                ])
            }
            Rule::Latvian => {
                let (f10, f100) = (op.f % 10, op.f % 100);
                pick(&[
                    (
                        n.is_some_and(|n| n % 10 == 0 || (11..=19).contains(&(n % 100)))
                            || (op.v == 2 && (11..=19).contains(&f100)),
                        Zero,
                    ),
                    (
                        n.is_some_and(|n| n % 10 == 1 && n % 100 != 11)
                            || (op.v == 2 && f10 == 1 && f100 != 11)
                            || (op.v != 2 && f10 == 1),
                        One,
                    ),
                ])
            }
            Rule::Slovenian => {
                let i100 = op.i % 100;
                pick(&[
                    (op.v == 0 && i100 == 1, One),
                    (op.v == 0 && i100 == 2, Two),
                    ((op.v == 0 && (3..=4).contains(&i100)) || op.v != 0, Few),
                ])
            }
            Rule::Croatian => {
                let (i10, i100, f10, f100) = (op.i % 10, op.i % 100, op.f % 10, op.f % 100);
                pick(&[
                    (
                        (op.v == 0 && i10 == 1 && i100 != 11) || (f10 == 1 && f100 != 11),
                        One,
                    ),
                    (
                        (op.v == 0 && (2..=4).contains(&i10) && !(12..=14).contains(&i100))
                            || ((2..=4).contains(&f10) && !(12..=14).contains(&f100)),
                        Few,
                    ),
                ])
            }
            Rule::Irish => pick(&[
                (n == Some(1), One),
                (n == Some(2), Two),
                (n.is_some_and(|n| (3..=6).contains(&n)), Few),
                (n.is_some_and(|n| (7..=10).contains(&n)), Many),
            ]),
            Rule::Maltese => pick(&[
                (n == Some(1), One),
                (n == Some(2), Two),
                (
                    n.is_some_and(|n| n == 0 || (3..=10).contains(&(n % 100))),
                    Few,
                ),
                (n.is_some_and(|n| (11..=19).contains(&(n % 100))), Many),
            ]),
            Rule::Romanian => pick(&[
                (op.one_integer(), One),
                (
                    op.v != 0
                        || n == Some(0)
                        || n.is_some_and(|n| n != 1 && (1..=19).contains(&(n % 100))),
                    Few,
                ),
            ]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(rule: Rule, written: &str) -> Category {
        rule.category(Operands::of(written))
    }

    /// The `@integer` and `@decimal` samples of plurals.xml that the page can write.
    #[test]
    fn agrees_with_the_cldr_samples() {
        use Category::*;
        let samples: &[(Rule, Category, &[&str])] = &[
            (Rule::OneIsI1, One, &["1"]),
            (
                Rule::OneIsI1,
                Other,
                &["0", "2", "16", "100", "0.5", "1.5", "10.1"],
            ),
            (Rule::OneIsN1, One, &["1"]),
            (Rule::OneIsN1, Other, &["0", "2", "0.9", "1.1"]),
            (Rule::French, One, &["0", "1", "0.5", "1.5"]),
            (Rule::French, Many, &["1000000", "2000000"]),
            (Rule::French, Other, &["2", "17", "100", "1000", "2.5"]),
            (Rule::OneIsI1Million, Many, &["1000000", "3000000"]),
            (
                Rule::OneIsI1Million,
                Other,
                &["0", "1.5", "1000", "1000000.5"],
            ),
            (Rule::Danish, One, &["1", "0.1", "1.6"]),
            (Rule::Danish, Other, &["0", "2", "2.5", "10"]),
            (Rule::CzechSlovak, One, &["1"]),
            (Rule::CzechSlovak, Few, &["2", "3", "4"]),
            (Rule::CzechSlovak, Many, &["0.5", "1.5", "10.1"]),
            (Rule::CzechSlovak, Other, &["0", "5", "19", "100"]),
            (Rule::Polish, One, &["1"]),
            (Rule::Polish, Few, &["2", "4", "22", "24", "32", "102"]),
            (Rule::Polish, Many, &["0", "5", "19", "21", "100", "112"]),
            (Rule::Polish, Other, &["0.5", "1.5", "10.1"]),
            (Rule::Lithuanian, One, &["1", "21", "101"]),
            (Rule::Lithuanian, Few, &["2", "9", "22", "102"]),
            (Rule::Lithuanian, Many, &["0.1", "1.7", "10.1"]),
            (Rule::Lithuanian, Other, &["0", "10", "11", "20", "100"]),
            (
                Rule::Latvian,
                Zero,
                &["0", "10", "11", "19", "20", "100", "10.11"],
            ),
            (
                Rule::Latvian,
                One,
                &["1", "21", "101", "0.1", "1.1", "10.1", "2.21"],
            ),
            (
                Rule::Latvian,
                Other,
                &["2", "9", "22", "0.2", "1.9", "10.2"],
            ),
            (Rule::Slovenian, One, &["1", "101", "201"]),
            (Rule::Slovenian, Two, &["2", "102"]),
            (Rule::Slovenian, Few, &["3", "4", "103", "0.5", "1.5"]),
            (Rule::Slovenian, Other, &["0", "5", "19", "100"]),
            (
                Rule::Croatian,
                One,
                &["1", "21", "101", "0.1", "1.1", "10.1"],
            ),
            (Rule::Croatian, Few, &["2", "4", "22", "0.2", "1.4", "5.2"]),
            (
                Rule::Croatian,
                Other,
                &["0", "5", "11", "12", "19", "100", "0.5", "2.5"],
            ),
            (Rule::Irish, One, &["1"]),
            (Rule::Irish, Two, &["2"]),
            (Rule::Irish, Few, &["3", "6"]),
            (Rule::Irish, Many, &["7", "10"]),
            (
                Rule::Irish,
                Other,
                &["0", "11", "25", "100", "0.9", "1.1", "10.1"],
            ),
            (Rule::Maltese, One, &["1"]),
            (Rule::Maltese, Two, &["2"]),
            (Rule::Maltese, Few, &["0", "3", "10", "103"]),
            (Rule::Maltese, Many, &["11", "19", "111"]),
            (
                Rule::Maltese,
                Other,
                &["20", "35", "100", "0.1", "1.7", "10.1"],
            ),
            (Rule::Romanian, One, &["1"]),
            (Rule::Romanian, Few, &["0", "2", "16", "101", "0.5", "1.5"]),
            (Rule::Romanian, Other, &["20", "35", "100"]),
        ];
        for (rule, expected, numbers) in samples {
            for number in *numbers {
                assert_eq!(category(*rule, number), *expected, "{rule:?} {number}");
                assert!(
                    rule.categories().contains(expected),
                    "{rule:?} {expected:?}"
                );
            }
        }
    }

    #[test]
    fn reads_the_operands_of_a_written_number() {
        assert_eq!(Operands::of("2.5"), Operands { i: 2, v: 1, f: 5 });
        assert_eq!(Operands::of("10.25"), Operands { i: 10, v: 2, f: 25 });
        assert_eq!(Operands::of("-3"), Operands { i: 3, v: 0, f: 0 });
    }
}
