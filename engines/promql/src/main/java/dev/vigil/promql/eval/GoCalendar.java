package dev.vigil.promql.eval;

/**
 * Calendar fields of a Unix time in UTC computed as Go's time package does, so that the date
 * functions agree with Prometheus for every input, including NaN, infinities and times billions
 * of years away (Go converts those to int64 as the CPU does and lets the arithmetic wrap).
 */
final class GoCalendar {
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long DAYS_PER_400_YEARS = 365 * 400 + 97;
    private static final long DAYS_PER_100_YEARS = 365 * 100 + 24;
    private static final long DAYS_PER_4_YEARS = 365 * 4 + 1;
    private static final long ABSOLUTE_ZERO_YEAR = -292277022399L;
    private static final long UNIX_TO_ABSOLUTE = 62135596800L + 9223371966579724800L;
    private static final int[] DAYS_BEFORE = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};

    final long year;
    final int month;
    final int day;
    final int yearDay;
    final int hour;
    final int minute;
    final int weekday;

    private GoCalendar(long year, int month, int day, int yearDay, int hour, int minute, int weekday) {
        this.year = year;
        this.month = month;
        this.day = day;
        this.yearDay = yearDay;
        this.hour = hour;
        this.minute = minute;
        this.weekday = weekday;
    }

    /** Go's float64 to int64 conversion on amd64: NaN and out-of-range values become MinInt64. */
    static long toInt64(double v) {
        if (Double.isNaN(v) || v >= 9.223372036854775807E18 || v < -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) v;
    }

    /** The UTC calendar fields of {@code time.Unix(unixSeconds, 0)}. */
    static GoCalendar ofUnixSeconds(long unixSeconds) {
        long abs = unixSeconds + UNIX_TO_ABSOLUTE; // wraps as uint64 in Go
        long secOfDay = Long.remainderUnsigned(abs, SECONDS_PER_DAY);
        int hour = (int) (secOfDay / 3600);
        int minute = (int) (secOfDay % 3600 / 60);
        int weekday = (int) (Long.remainderUnsigned(abs + SECONDS_PER_DAY, 7 * SECONDS_PER_DAY) / SECONDS_PER_DAY);

        long d = Long.divideUnsigned(abs, SECONDS_PER_DAY);
        long n = d / DAYS_PER_400_YEARS;
        long y = 400 * n;
        d -= DAYS_PER_400_YEARS * n;
        n = d / DAYS_PER_100_YEARS;
        n -= n >> 2;
        y += 100 * n;
        d -= DAYS_PER_100_YEARS * n;
        n = d / DAYS_PER_4_YEARS;
        y += 4 * n;
        d -= DAYS_PER_4_YEARS * n;
        n = d / 365;
        n -= n >> 2;
        y += n;
        d -= 365 * n;
        long year = y + ABSOLUTE_ZERO_YEAR;
        int yday = (int) d;
        int day = yday;
        if (isLeap(year)) {
            if (day > 31 + 29 - 1) {
                day--;
            } else if (day == 31 + 29 - 1) {
                return new GoCalendar(year, 2, 29, yday + 1, hour, minute, weekday);
            }
        }
        int month = day / 31;
        int end = DAYS_BEFORE[month + 1];
        int begin;
        if (day >= end) {
            month++;
            begin = end;
        } else {
            begin = DAYS_BEFORE[month];
        }
        return new GoCalendar(year, month + 1, day - begin + 1, yday + 1, hour, minute, weekday);
    }

    static boolean isLeap(long year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    int daysInMonth() {
        if (month == 2) {
            return isLeap(year) ? 29 : 28;
        }
        return DAYS_BEFORE[month] - DAYS_BEFORE[month - 1];
    }
}
