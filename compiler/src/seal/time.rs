//! UTC date-times as seconds since 1970, both ways, without a calendar library: what
//! `sigT`, `--at` and a credential's validity dates need.

use crate::syntax::date::DateTime;

/// Seconds since 1970 of a date-time (`2025-03-14T09:00:00Z`, an offset, or fractions
/// of a second, left out), or of a date (midnight UTC), as
/// [`read_instant`](crate::syntax::date::read_instant) reads it: `None` when it is not one.
pub fn unix_seconds(text: &str) -> Option<i64> {
    crate::syntax::date::read_instant(text).ok().map(seconds_of)
}

/// Seconds since 1970 of a date-time as read.
pub fn seconds_of(t: DateTime) -> i64 {
    let days = days_from_civil(t.date.year.into(), t.date.month.into(), t.date.day.into());
    days * 86_400 + i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second)
        - i64::from(t.offset_minutes) * 60
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970: the form of `sigT`.
pub fn format_utc(seconds: i64) -> String {
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    )
}

/// Now, in seconds since 1970.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Days from 1970-01-01 to a date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_become_seconds() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("2000-03-01"), Some(951_868_800));
        assert_eq!(
            unix_seconds("2023-09-27T14:07:01+02:00"),
            unix_seconds("2023-09-27T12:07:01Z")
        );
        assert_eq!(
            unix_seconds("2030-12-31T00:00:00.000Z"),
            Some(1_924_905_600)
        );
        assert_eq!(unix_seconds("1969-12-31T23:59:59Z"), Some(-1));
        for bad in [
            "",
            "2025-13-01",
            "2025-01-01X",
            "2025-01-01T10:00",
            "yesterday",
            "9999-12-31T25:61:00Z",
            "2025-02-29T00:00:00Z",
            "2025-01-01T23:59:60Z",
            "2025-01-01T10:00:00+15:00",
        ] {
            assert_eq!(unix_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn seconds_become_the_sig_t_form_and_back() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_utc(951_868_800), "2000-03-01T00:00:00Z");
        assert_eq!(format_utc(1_709_164_800), "2024-02-29T00:00:00Z");
        for seconds in (-62_000_000_000..250_000_000_000).step_by(987_654_321) {
            assert_eq!(unix_seconds(&format_utc(seconds)), Some(seconds));
        }
    }

    proptest::proptest! {
        /// Every date-time the reader accepts in UTC comes back the same from its seconds.
        #[test]
        fn accepted_utc_date_times_round_trip(
            text in "[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9]Z"
        ) {
            if crate::syntax::date::read_date_time(&text).is_ok() {
                let seconds = unix_seconds(&text);
                proptest::prop_assert!(seconds.is_some());
                proptest::prop_assert_eq!(seconds.map(format_utc), Some(text));
            }
        }
    }
}
