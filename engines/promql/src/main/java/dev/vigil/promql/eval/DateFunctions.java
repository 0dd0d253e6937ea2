package dev.vigil.promql.eval;

import dev.vigil.model.Labels;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Calendar functions (UTC). With no argument they read the step time; otherwise each sample's value
 * is taken as Unix seconds.
 */
final class DateFunctions {
    private DateFunctions() {
    }

    static void register(Map<String, FunctionImpl> m) {
        date(m, "day_of_month", LocalDateTime::getDayOfMonth);
        date(m, "day_of_week", t -> t.getDayOfWeek().getValue() % 7);
        date(m, "day_of_year", LocalDateTime::getDayOfYear);
        date(m, "days_in_month", t -> t.toLocalDate().lengthOfMonth());
        date(m, "hour", LocalDateTime::getHour);
        date(m, "minute", LocalDateTime::getMinute);
        date(m, "month", LocalDateTime::getMonthValue);
        date(m, "year", LocalDateTime::getYear);
    }

    private static void date(Map<String, FunctionImpl> m, String name, ToIntFunction<LocalDateTime> field) {
        FunctionImpl perSample = FunctionEvaluator.perSample((v, a) -> field.applyAsInt(utc(v)));
        m.put(name, (call, steps, ev) -> {
            if (!call.args().isEmpty()) {
                return perSample.call(call, steps, ev);
            }
            StepCollector out = new StepCollector(steps.count());
            for (int k = 0; k < steps.count(); k++) {
                out.add(Labels.EMPTY, k, field.applyAsInt(utc(steps.at(k) / 1000.0)));
            }
            return out.result();
        });
    }

    private static LocalDateTime utc(double seconds) {
        return LocalDateTime.ofEpochSecond((long) seconds, 0, ZoneOffset.UTC);
    }
}
