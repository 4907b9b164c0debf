//! The one reader of dates and date-times in Laurel: `2025-03-14` and
//! `2025-03-14T09:00:00Z` (xsd:date and xsd:dateTime) checked part by part against the
//! calendar and the clock, and the reading of dates written other ways (`15.03.1990`,
//! `06/20/2025`) for the message that gives their year-month-day form.
//!
//! Source values, learner cells, `--issued`, `--at`, `--sealed-at` and the times in
//! sealed credentials are all read here.

use crate::diag::{codes, Diagnostic};
use crate::source::Span;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day, 1-31.
    pub day: u8,
}

impl Date {
    /// Builds a date when it exists in the calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        calendar(year, month, day).ok()
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date plus whole years (29 February becomes 28 February when needed).
    pub fn plus_years(self, years: u16) -> Date {
        let year = self.year.saturating_add(years);
        Date::new(year, self.month, self.day).unwrap_or(Date {
            year,
            month: self.month,
            day: 28,
        })
    }

    /// In words: `15 March 1990`.
    fn words(self) -> String {
        format!("{} {} {}", self.day, month_name(self.month), self.year)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

/// A moment read from xsd:dateTime text. Fractions of a second are checked and left
/// out: nothing in Laurel needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// The day, where the offset is.
    pub date: Date,
    /// Hour, 0-23.
    pub hour: u8,
    /// Minute, 0-59.
    pub minute: u8,
    /// Second, 0-59.
    pub second: u8,
    /// Minutes ahead of UTC (`+02:00` is 120, `Z` is 0).
    pub offset_minutes: i16,
}

/// Why a text is not a date or a date and time, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// The sentence: "`1999-02-30` is not a day in the calendar: February 1999 has 28 days".
    pub message: String,
    /// A few words for the place: "no such day".
    pub label: String,
    /// What to write instead, when there is more to say than the message.
    pub help: Option<String>,
}

impl DateError {
    /// As the L0011 (invalid value) diagnostic on the value at `span`.
    pub fn diagnostic(self, span: Span) -> Diagnostic {
        let d = Diagnostic::new(&codes::BAD_VALUE, span, self.message).with_label(self.label);
        match self.help {
            Some(help) => d.with_help(help),
            None => d,
        }
    }
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        match &self.help {
            Some(help) => write!(f, "; {help}"),
            None => Ok(()),
        }
    }
}

/// How a date is written, for messages.
const DATE_FORM: &str = "write dates as year-month-day, for example `2025-03-14`";

/// How a date and time is written, for messages.
const DATE_TIME_FORM: &str = "write a date and time as year-month-day, `T`, hours:minutes:seconds and the time zone (`Z` for UTC, or an offset such as `+02:00`), for example `2025-03-14T09:00:00Z`";

/// Reads `YYYY-MM-DD`, a day in the calendar from 0001-01-01 to 9999-12-31.
pub fn read_date(text: &str) -> Result<Date, DateError> {
    let not_a_date = || {
        loose_problem(text).unwrap_or_else(|| DateError {
            message: format!("`{text}` is not a date"),
            label: "not a date".into(),
            help: Some(DATE_FORM.to_string()),
        })
    };
    let (year, month, day) = date_parts(text).ok_or_else(not_a_date)?;
    if text.len() != 10 {
        return Err(not_a_date());
    }
    calendar(year, month, day).map_err(|(reason, label)| DateError {
        message: format!("`{text}` is not a day in the calendar: {reason}"),
        label: label.into(),
        help: None,
    })
}

/// Reads an xsd:dateTime with its time zone (`2025-03-14T09:00:00Z`,
/// `2025-03-14T09:00:00.5+02:00`), every part checked: the day against the calendar,
/// hours 00-23, minutes and seconds 00-59 (no leap second), the offset from -14:00 to
/// +14:00.
pub fn read_date_time(text: &str) -> Result<DateTime, DateError> {
    let fail = |reason: String, label: &str, help: Option<String>| DateError {
        message: format!("`{text}` is not a date and time: {reason}"),
        label: label.into(),
        help,
    };
    let shape = || DateError {
        message: format!("`{text}` is not a date and time"),
        label: "not a date and time".into(),
        help: Some(DATE_TIME_FORM.to_string()),
    };
    let (year, month, day) = date_parts(text).ok_or_else(shape)?;
    if text.get(10..11) != Some("T") {
        return Err(shape());
    }
    let date = calendar(year, month, day).map_err(|(reason, label)| fail(reason, label, None))?;
    let hour = two_digits(text, 11).ok_or_else(shape)?;
    let minute = two_digits(text, 14)
        .filter(|_| text.get(13..14) == Some(":"))
        .ok_or_else(shape)?;
    if text.get(16..17) != Some(":") {
        return Err(fail(
            "the seconds are missing".into(),
            "no seconds",
            Some(format!(
                "write the time with seconds: `{}:00`",
                text.get(11..16).unwrap_or("09:00")
            )),
        ));
    }
    let second = two_digits(text, 17).ok_or_else(shape)?;
    let mut rest = text.get(19..).unwrap_or("");
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.len()
            - fraction
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        if digits == 0 {
            return Err(shape());
        }
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" => None,
        _ => {
            let sign = match rest.get(0..1) {
                Some("+") => 1,
                Some("-") => -1,
                _ => return Err(shape()),
            };
            let (Some(hours), Some(minutes), 6) = (
                two_digits(rest, 1),
                two_digits(rest, 4).filter(|_| rest.get(3..4) == Some(":")),
                rest.len(),
            ) else {
                return Err(shape());
            };
            Some((sign, hours, minutes))
        }
    };
    if hour > 23 {
        return Err(fail(
            format!("hour {hour:02} is not on a clock (00–23)"),
            "no such hour",
            (hour == 24).then(|| "write midnight as `T00:00:00` of the next day".to_string()),
        ));
    }
    if minute > 59 {
        return Err(fail(
            format!("minute {minute:02} is not on a clock (00–59)"),
            "no such minute",
            None,
        ));
    }
    if second == 60 {
        return Err(fail(
            "second 60 is a leap second, which credentials cannot hold (00–59)".into(),
            "leap second",
            Some("write `59` for the last second of the minute".into()),
        ));
    }
    if second > 59 {
        return Err(fail(
            format!("second {second:02} is not on a clock (00–59)"),
            "no such second",
            None,
        ));
    }
    let offset_minutes = match offset {
        None => 0,
        Some((_, hours, minutes)) if hours > 14 || minutes > 59 || (hours == 14 && minutes > 0) => {
            return Err(fail(
                format!("`{rest}` is not a time zone (offsets go from -14:00 to +14:00)"),
                "no such time zone",
                None,
            ))
        }
        Some((sign, hours, minutes)) => sign * (i16::from(hours) * 60 + i16::from(minutes)),
    };
    Ok(DateTime {
        date,
        hour,
        minute,
        second,
        offset_minutes,
    })
}

/// Reads a date and time, or a date alone as midnight UTC: what `--issued`, `--at`,
/// `--sealed-at` and a credential's own times take.
pub fn read_instant(text: &str) -> Result<DateTime, DateError> {
    if has_time(text) {
        read_date_time(text)
    } else {
        read_date(text).map(|date| DateTime {
            date,
            hour: 0,
            minute: 0,
            second: 0,
            offset_minutes: 0,
        })
    }
}

/// The xsd:dateTime of what [`read_instant`] reads: a date and time as written, a date
/// as its midnight UTC (`2025-03-14T00:00:00Z`).
pub fn xsd_instant(text: &str) -> Result<String, DateError> {
    let t = read_instant(text)?;
    Ok(if has_time(text) {
        text.to_string()
    } else {
        format!("{}T00:00:00Z", t.date.iso())
    })
}

/// Whether an instant's text goes on after its date.
fn has_time(text: &str) -> bool {
    text.len() > 10
}

/// What a date written another way than year-month-day stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loose {
    /// One reading: `15.03.1990`, `2025/06/20`, `06/20/2025` (20 cannot be a month).
    Date(Date),
    /// Day and month can be read either way round (`03/04/2025`).
    Either {
        /// Day first, as in most of Europe: 3 April 2025.
        day_first: Date,
        /// Month first, as in the United States: 4 March 2025.
        month_first: Date,
    },
}

impl Loose {
    /// The reading to write when one must be chosen: the only one, or day first.
    pub fn date(self) -> Date {
        match self {
            Loose::Date(date)
            | Loose::Either {
                day_first: date, ..
            } => date,
        }
    }
}

/// The parts of a date written with `.`, `/` or `-` between them in another order or
/// width than `YYYY-MM-DD`: year first (`2025/6/20`) or last (`20.6.2025`, `06/20/2025`),
/// day and month of one or two digits.
struct LooseParts {
    year: u16,
    /// The first of day and month as written.
    first: u8,
    /// The second of day and month as written.
    second: u8,
    /// Written year first (`2025/06/20`): then month, day.
    year_first: bool,
    /// The separator.
    sep: char,
}

impl LooseParts {
    /// The parts of `text`: `None` for anything else, a year-month-day date included.
    fn of(text: &str) -> Option<LooseParts> {
        let sep = text.chars().find(|c| !c.is_ascii_digit())?;
        if !matches!(sep, '.' | '/' | '-') {
            return None;
        }
        let parts: Vec<&str> = text.split(sep).collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !(digits(a) && digits(b) && digits(c)) {
            return None;
        }
        let short = |p: &str| p.len() <= 2;
        let (year, first, second, year_first) = match (a.len(), b.len(), c.len()) {
            (4, 2, 2) if sep == '-' => return None,
            (4, _, _) if short(b) && short(c) => (a, b, c, true),
            (_, _, 4) if short(a) && short(b) => (c, a, b, false),
            _ => return None,
        };
        Some(LooseParts {
            year: year.parse().ok()?,
            first: first.parse().ok()?,
            second: second.parse().ok()?,
            year_first,
            sep,
        })
    }

    /// The reading, or why the day it names is not in the calendar. Year first is
    /// year-month-day; year last is day first, unless the second number cannot be a
    /// month (`06/20/2025`), or with `/` when both can (`03/04/2025`: either).
    fn reading(&self) -> Result<Loose, (String, &'static str)> {
        let LooseParts {
            year,
            first,
            second,
            ..
        } = *self;
        if self.year_first {
            return calendar(year, first, second).map(Loose::Date);
        }
        if first <= 12 && second > 12 {
            return calendar(year, first, second).map(Loose::Date);
        }
        let day_first = calendar(year, second, first)?;
        if self.sep == '/' && first <= 12 && first != second {
            return Ok(Loose::Either {
                day_first,
                month_first: calendar(year, first, second)?,
            });
        }
        Ok(Loose::Date(day_first))
    }
}

/// Reads a date written another way than year-month-day (see [`Loose`]): `None` when
/// it is not one, or names no day in the calendar.
pub fn loose(text: &str) -> Option<Loose> {
    LooseParts::of(text)?.reading().ok()
}

/// The problem with a date written another way than year-month-day (`15.03.1990`),
/// with its year-month-day form as the help; `None` when `text` is not such a date.
fn loose_problem(text: &str) -> Option<DateError> {
    Some(match LooseParts::of(text)?.reading() {
        Ok(reading) => DateError {
            message: format!("`{text}` is not written year-month-day"),
            label: match reading {
                Loose::Date(date) => format!("read as {}", date.words()),
                Loose::Either {
                    day_first,
                    month_first,
                } => format!("{} or {}?", day_first.words(), month_first.words()),
            },
            help: Some(iso_help(text, reading)),
        },
        Err((reason, label)) => DateError {
            message: format!("`{text}` is not a day in the calendar: {reason}"),
            label: label.into(),
            help: Some(DATE_FORM.to_string()),
        },
    })
}

/// "write `1990-03-15` (year-month-day)", or both readings when day and month could be
/// either way round.
fn iso_help(text: &str, reading: Loose) -> String {
    match reading {
        Loose::Date(date) => format!("write `{}` (year-month-day)", date.iso()),
        Loose::Either {
            day_first,
            month_first,
        } => format!(
            "`{text}` can be read day first or month first: write `{}` (year-month-day) for {}, or `{}` for {}",
            day_first.iso(),
            day_first.words(),
            month_first.iso(),
            month_first.words()
        ),
    }
}

/// Year, month and day of text starting `DDDD-DD-DD`.
fn date_parts(text: &str) -> Option<(u16, u8, u8)> {
    let year = text
        .get(0..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    if text.get(4..5) != Some("-") || text.get(7..8) != Some("-") {
        return None;
    }
    Some((
        year.parse().ok()?,
        two_digits(text, 5)?,
        two_digits(text, 8)?,
    ))
}

/// The two digits at `at`.
fn two_digits(text: &str, at: usize) -> Option<u8> {
    text.get(at..at + 2)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()
}

/// The number of days of a month (leap years counted), `None` for no such month.
fn days_in_month(year: u16, month: u8) -> Option<u8> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// The date, or why it is not in the calendar (and a label for the place).
fn calendar(year: u16, month: u8, day: u8) -> Result<Date, (String, &'static str)> {
    if year == 0 || year > 9999 {
        return Err((
            format!("there is no year {year:04} (years go from 0001 to 9999)"),
            "no such year",
        ));
    }
    let Some(days) = days_in_month(year, month) else {
        return Err((
            format!("there is no month {month:02} (months go from 01 to 12)"),
            "no such month",
        ));
    };
    if day == 0 || day > days {
        return Err((
            format!("{} {year} has {days} days", month_name(month)),
            "no such day",
        ));
    }
    Ok(Date { year, month, day })
}

/// The English names of the months, January first.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of a month, 1-12.
fn month_name(month: u8) -> &'static str {
    MONTHS_EN
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert_eq!(
            read_date("2024-02-29"),
            Ok(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        assert!(read_date("2000-02-29").is_ok());
        assert!(read_date("0001-01-01").is_ok());
        assert!(read_date("9999-12-31").is_ok());
        for (text, message) in [
            ("1999-02-30", "`1999-02-30` is not a day in the calendar: February 1999 has 28 days"),
            ("1900-02-29", "`1900-02-29` is not a day in the calendar: February 1900 has 28 days"),
            ("2024-02-30", "`2024-02-30` is not a day in the calendar: February 2024 has 29 days"),
            ("2025-04-31", "`2025-04-31` is not a day in the calendar: April 2025 has 30 days"),
            ("2025-01-00", "`2025-01-00` is not a day in the calendar: January 2025 has 31 days"),
            ("2025-13-01", "`2025-13-01` is not a day in the calendar: there is no month 13 (months go from 01 to 12)"),
            ("0000-01-01", "`0000-01-01` is not a day in the calendar: there is no year 0000 (years go from 0001 to 9999)"),
            ("15.03.1990", "`15.03.1990` is not written year-month-day"),
            ("2025-3-14", "`2025-3-14` is not written year-month-day"),
            ("yesterday", "`yesterday` is not a date"),
            ("2025-03-14T09:00:00Z", "`2025-03-14T09:00:00Z` is not a date"),
            ("", "`` is not a date"),
        ] {
            assert_eq!(read_date(text).map_err(|e| e.message), Err(message.to_string()), "{text}");
        }
        assert_eq!(
            read_date("2025-3-14").unwrap_err().help.as_deref(),
            Some("write `2025-03-14` (year-month-day)")
        );
    }

    #[test]
    fn date_times_are_checked_part_by_part() {
        assert_eq!(
            read_date_time("2025-07-25T23:59:59.125-14:00"),
            Ok(DateTime {
                date: Date {
                    year: 2025,
                    month: 7,
                    day: 25
                },
                hour: 23,
                minute: 59,
                second: 59,
                offset_minutes: -840,
            })
        );
        for good in [
            "2025-07-25T00:00:00Z",
            "2025-07-25T12:30:00+14:00",
            "2025-07-25T12:30:00+05:45",
        ] {
            assert!(read_date_time(good).is_ok(), "{good}");
        }
        let why = |text: &str| read_date_time(text).unwrap_err().message;
        for (text, reason) in [
            ("2025-07-25T99:99:99Z", "hour 99 is not on a clock (00–23)"),
            ("2025-07-25T24:00:00Z", "hour 24 is not on a clock (00–23)"),
            (
                "2025-07-25T23:60:00Z",
                "minute 60 is not on a clock (00–59)",
            ),
            (
                "2025-07-25T23:59:60Z",
                "second 60 is a leap second, which credentials cannot hold (00–59)",
            ),
            (
                "2025-07-25T23:59:61Z",
                "second 61 is not on a clock (00–59)",
            ),
            (
                "2025-07-25T10:00:00+99:99",
                "`+99:99` is not a time zone (offsets go from -14:00 to +14:00)",
            ),
            (
                "2025-07-25T10:00:00+14:30",
                "`+14:30` is not a time zone (offsets go from -14:00 to +14:00)",
            ),
            (
                "2025-07-25T10:00:00-10:60",
                "`-10:60` is not a time zone (offsets go from -14:00 to +14:00)",
            ),
            ("2025-02-30T25:61:00Z", "February 2025 has 28 days"),
            ("2025-07-25T10:00Z", "the seconds are missing"),
        ] {
            assert_eq!(
                why(text),
                format!("`{text}` is not a date and time: {reason}")
            );
        }
        for shape in [
            "2025-07-25",
            "2025-07-25T",
            "2025-07-25 10:00:00Z",
            "2025-07-25T10:00:00",
            "2025-07-25T10:00:00.Z",
            "2025-07-25T10:00:00z",
            "2025-07-25T10:00:00+0200",
            "2025-07-25T10:00:00+02:00:00",
            "2025-07-25T1a:00:00Z",
            "2025-07-25T10:00:00ZZ",
        ] {
            assert_eq!(
                why(shape),
                format!("`{shape}` is not a date and time"),
                "{shape}"
            );
        }
    }

    #[test]
    fn instants_are_dates_at_midnight_utc_or_date_times_as_written() {
        assert_eq!(xsd_instant("2026-01-02"), Ok("2026-01-02T00:00:00Z".into()));
        assert_eq!(
            xsd_instant("2026-01-02T10:00:00.5+01:00"),
            Ok("2026-01-02T10:00:00.5+01:00".into())
        );
        assert!(xsd_instant("2026-01-32").is_err());
        assert!(xsd_instant("2026-01-02T10:00:00+15:00").is_err());
    }

    #[test]
    fn loose_dates_get_their_year_month_day_form() {
        let help = |text: &str| loose_problem(text).and_then(|e| e.help);
        for (text, iso) in [
            ("15.03.1990", "1990-03-15"),
            ("2025/06/20", "2025-06-20"),
            ("31-12-2027", "2027-12-31"),
            ("20.6.2025", "2025-06-20"),
            ("06/20/2025", "2025-06-20"),
            ("2025-6-20", "2025-06-20"),
            ("03.04.2025", "2025-04-03"),
            ("04/04/2025", "2025-04-04"),
        ] {
            assert_eq!(
                help(text),
                Some(format!("write `{iso}` (year-month-day)")),
                "{text}"
            );
            assert_eq!(loose(text).map(|l| l.date().iso()), Some(iso.to_string()));
        }
        assert_eq!(
            help("03/04/2025").as_deref(),
            Some("`03/04/2025` can be read day first or month first: write `2025-04-03` (year-month-day) for 3 April 2025, or `2025-03-04` for 4 March 2025")
        );
        assert_eq!(
            loose("03/04/2025").map(|l| l.date().iso()),
            Some("2025-04-03".into())
        );
        let e = loose_problem("31.02.2025").unwrap();
        assert_eq!(
            e.message,
            "`31.02.2025` is not a day in the calendar: February 2025 has 28 days"
        );
        assert_eq!(loose("31.02.2025"), None);
        assert_eq!(loose("13/13/2025"), None);
        for not_loose in [
            "2025-06-20",
            "7.5",
            "1.2.3",
            "1.2.2025.4",
            "20.06.25",
            "2025.06",
            "v1.2.2025",
            "20/06-2025",
        ] {
            assert_eq!(loose_problem(not_loose), None, "{not_loose}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_reader_never_panics(text in "\\PC{0,40}") {
            let _ = read_instant(&text);
            let _ = loose_problem(&text);
        }

        #[test]
        fn the_reader_never_panics_on_near_dates(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{0,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?é?") {
            let _ = read_instant(&text);
        }
    }
}
