package dev.vigil.diagnostics.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How long one query of the cluster took, as Sonobuoy records it in {@code meta/query-time.json}:
 * {@code {"queryobj":"nodes","time":"2.927ms"}}, with {@code namespace} for a query of one
 * namespace and the time in Go's duration notation.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record QueryTime(@JsonProperty("queryobj") String queryObject, String namespace, @JsonIgnore Duration took) {

    @JsonProperty("time")
    public String time() {
        return goDuration(took);
    }

    /** Go's {@code time.Duration.String()}: "1.5s", "2m3.5s", "19.3723ms", "850µs", "0s". */
    static String goDuration(Duration d) {
        long ns = d.toNanos();
        if (ns == 0) {
            return "0s";
        }
        String sign = ns < 0 ? "-" : "";
        ns = Math.abs(ns);
        if (ns < 1_000) {
            return sign + ns + "ns";
        }
        if (ns < 1_000_000) {
            return sign + decimal(ns, 3) + "µs";
        }
        if (ns < 1_000_000_000) {
            return sign + decimal(ns, 6) + "ms";
        }
        long hours = ns / 3_600_000_000_000L;
        long minutes = ns / 60_000_000_000L % 60;
        String seconds = decimal(ns % 60_000_000_000L, 9) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        return sign + (minutes > 0 ? minutes + "m" : "") + seconds;
    }

    private static String decimal(long value, int scale) {
        return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
    }
}
