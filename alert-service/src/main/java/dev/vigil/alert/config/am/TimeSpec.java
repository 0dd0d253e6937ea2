package dev.vigil.alert.config.am;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One element of a time interval, evaluated in its {@code location}: every non-empty list must
 * have a range containing the instant. Times are minutes of the day with an exclusive end,
 * weekdays run 0 (Sunday) to 6, days of month may count from the end (-1 is the last day), and
 * months are 1 to 12, as in Alertmanager's {@code timeinterval} package.
 */
public record TimeSpec(
        List<Range> times,
        List<Range> weekdays,
        List<Range> daysOfMonth,
        List<Range> months,
        List<Range> years,
        ZoneId location) {

    /** An inclusive range {@code [begin, end]}; for {@link #times} the end is exclusive. */
    public record Range(int begin, int end) {
    }

    public TimeSpec {
        times = List.copyOf(times);
        weekdays = List.copyOf(weekdays);
        daysOfMonth = List.copyOf(daysOfMonth);
        months = List.copyOf(months);
        years = List.copyOf(years);
    }

    /** Whether the instant, seen in {@link #location}, satisfies every list. */
    public boolean contains(Instant instant) {
        ZonedDateTime t = instant.atZone(location);
        if (!times.isEmpty()) {
            int minute = t.getHour() * 60 + t.getMinute();
            if (times.stream().noneMatch(r -> minute >= r.begin() && minute < r.end())) {
                return false;
            }
        }
        if (!weekdays.isEmpty()) {
            int day = t.getDayOfWeek().getValue() % 7;
            if (weekdays.stream().noneMatch(r -> day >= r.begin() && day <= r.end())) {
                return false;
            }
        }
        if (!daysOfMonth.isEmpty() && !dayOfMonthMatches(t)) {
            return false;
        }
        if (!months.isEmpty()) {
            int month = t.getMonthValue();
            if (months.stream().noneMatch(r -> month >= r.begin() && month <= r.end())) {
                return false;
            }
        }
        if (!years.isEmpty()) {
            int year = t.getYear();
            return years.stream().anyMatch(r -> year >= r.begin() && year <= r.end());
        }
        return true;
    }

    private boolean dayOfMonthMatches(ZonedDateTime t) {
        int daysInMonth = YearMonth.of(t.getYear(), t.getMonth()).lengthOfMonth();
        for (Range r : daysOfMonth) {
            int begin = r.begin() < 0 ? daysInMonth + r.begin() + 1 : r.begin();
            int end = r.end() < 0 ? daysInMonth + r.end() + 1 : r.end();
            // A range that starts after this month's last day (31 in February) does not apply.
            if (begin > daysInMonth) {
                continue;
            }
            end = Math.min(end, daysInMonth);
            if (t.getDayOfMonth() >= begin && t.getDayOfMonth() <= end) {
                return true;
            }
        }
        return false;
    }
}
