//! Logical milliseconds to the incident's wall clock (PDT) and to human durations.

/// The PDT wall-clock time `ms` after midnight of 19 October 2025, as "23:48:05", with
/// " (20 Oct)" appended once it is past midnight.
pub fn format_pdt(ms: u64) -> String {
    let day = ms / 86_400_000;
    let s = (ms % 86_400_000) / 1000;
    let hms = format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    if day == 0 {
        hms
    } else {
        format!("{hms} ({} Oct)", 19 + day)
    }
}

/// A duration for narration: "850 ms", "12.5 s", "14 min 3 s", "2 h 37 min".
pub fn format_duration(ms: u64) -> String {
    let s = ms / 1000;
    match ms {
        0..1_000 => format!("{ms} ms"),
        1_000..60_000 if ms.is_multiple_of(1000) => format!("{s} s"),
        // Tenths, truncated: 59 950 ms is "59.9 s", never "60.0 s".
        1_000..60_000 => format!("{s}.{} s", ms % 1000 / 100),
        60_000..3_600_000 if s.is_multiple_of(60) => format!("{} min", s / 60),
        60_000..3_600_000 => format!("{} min {} s", s / 60, s % 60),
        _ if (s / 60).is_multiple_of(60) => format!("{} h", s / 3600),
        _ => format!("{} h {} min", s / 3600, s / 60 % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_rolls_into_the_next_day() {
        assert_eq!(format_pdt(23 * 3_600_000 + 48 * 60_000 + 5_000), "23:48:05");
        assert_eq!(format_pdt(26 * 3_600_000 + 25 * 60_000), "02:25:00 (20 Oct)");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(850), "850 ms");
        assert_eq!(format_duration(12_500), "12.5 s");
        assert_eq!(format_duration(59_950), "59.9 s");
        assert_eq!(format_duration(30_000), "30 s");
        assert_eq!(format_duration(14 * 60_000 + 3_000), "14 min 3 s");
        assert_eq!(format_duration(157 * 60_000), "2 h 37 min");
        assert_eq!(format_duration(7_200_000), "2 h");
    }
}
