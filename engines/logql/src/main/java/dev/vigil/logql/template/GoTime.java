package dev.vigil.logql.template;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Formats a time with a Go reference layout ({@code 2006-01-02T15:04:05Z07:00}). */
final class GoTime {
    private GoTime() {
    }

    static String format(ZonedDateTime t, String layout) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            String rest = layout.substring(i);
            if (rest.startsWith("2006")) {
                sb.append(String.format("%04d", t.getYear()));
                i += 4;
            } else if (rest.startsWith("January")) {
                sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                i += 7;
            } else if (rest.startsWith("Jan")) {
                sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                i += 3;
            } else if (rest.startsWith("Monday")) {
                sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                i += 6;
            } else if (rest.startsWith("Mon")) {
                sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                i += 3;
            } else if (rest.startsWith("MST")) {
                sb.append(t.getZone().getId().equals("Z") ? "UTC" : t.getZone().getId());
                i += 3;
            } else if (rest.startsWith("Z07:00") || rest.startsWith("-07:00")) {
                sb.append(offset(t, rest.charAt(0) == 'Z', true));
                i += 6;
            } else if (rest.startsWith("Z0700") || rest.startsWith("-0700")) {
                sb.append(offset(t, rest.charAt(0) == 'Z', false));
                i += 5;
            } else if (rest.startsWith("01")) {
                sb.append(String.format("%02d", t.getMonthValue()));
                i += 2;
            } else if (rest.startsWith("02")) {
                sb.append(String.format("%02d", t.getDayOfMonth()));
                i += 2;
            } else if (rest.startsWith("06")) {
                sb.append(String.format("%02d", t.getYear() % 100));
                i += 2;
            } else if (rest.startsWith("15")) {
                sb.append(String.format("%02d", t.getHour()));
                i += 2;
            } else if (rest.startsWith("03")) {
                sb.append(String.format("%02d", hour12(t)));
                i += 2;
            } else if (rest.startsWith("04")) {
                sb.append(String.format("%02d", t.getMinute()));
                i += 2;
            } else if (rest.startsWith("05")) {
                sb.append(String.format("%02d", t.getSecond()));
                i += 2;
            } else if (rest.startsWith("PM")) {
                sb.append(t.getHour() >= 12 ? "PM" : "AM");
                i += 2;
            } else if (rest.startsWith("pm")) {
                sb.append(t.getHour() >= 12 ? "pm" : "am");
                i += 2;
            } else if ((rest.startsWith(".0") || rest.startsWith(".9") || rest.startsWith(",0") || rest.startsWith(",9"))) {
                char d = rest.charAt(1);
                int n = 1;
                while (n < rest.length() - 1 && rest.charAt(n + 1) == d) {
                    n++;
                }
                String frac = String.format("%09d", t.getNano()).substring(0, n);
                if (d == '9') {
                    frac = frac.replaceAll("0+$", "");
                    if (!frac.isEmpty()) {
                        sb.append(rest.charAt(0)).append(frac);
                    }
                } else {
                    sb.append(rest.charAt(0)).append(frac);
                }
                i += n + 1;
            } else if (rest.startsWith("1")) {
                sb.append(t.getMonthValue());
                i += 1;
            } else if (rest.startsWith("2")) {
                sb.append(t.getDayOfMonth());
                i += 1;
            } else if (rest.startsWith("3")) {
                sb.append(hour12(t));
                i += 1;
            } else if (rest.startsWith("4")) {
                sb.append(t.getMinute());
                i += 1;
            } else if (rest.startsWith("5")) {
                sb.append(t.getSecond());
                i += 1;
            } else {
                sb.append(layout.charAt(i));
                i++;
            }
        }
        return sb.toString();
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static String offset(ZonedDateTime t, boolean zForUtc, boolean colon) {
        int secs = t.getOffset().getTotalSeconds();
        if (secs == 0 && zForUtc) {
            return "Z";
        }
        int a = Math.abs(secs) / 60;
        return (secs < 0 ? "-" : "+") + String.format("%02d", a / 60) + (colon ? ":" : "") + String.format("%02d", a % 60);
    }
}
