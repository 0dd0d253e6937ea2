package dev.vigil.promql.eval;

import dev.vigil.model.Labels;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Calendar functions (UTC). With no argument they read the step time; otherwise each sample's value
 * is taken as Unix seconds.
 */
final class DateFunctions {
    private DateFunctions() {
    }

    static void register(Map<String, FunctionImpl> m) {
        date(m, "day_of_month", t -> t.day);
        date(m, "day_of_week", t -> t.weekday);
        date(m, "day_of_year", t -> t.yearDay);
        date(m, "days_in_month", GoCalendar::daysInMonth);
        date(m, "hour", t -> t.hour);
        date(m, "minute", t -> t.minute);
        date(m, "month", t -> t.month);
        date(m, "year", t -> t.year);
    }

    private static void date(Map<String, FunctionImpl> m, String name, ToDoubleFunction<GoCalendar> field) {
        FunctionImpl perSample = FunctionEvaluator.perSample((v, a) -> field.applyAsDouble(utc(v)));
        m.put(name, (call, steps, ev) -> {
            if (!call.args().isEmpty()) {
                return perSample.call(call, steps, ev);
            }
            StepCollector out = new StepCollector(steps.count());
            for (int k = 0; k < steps.count(); k++) {
                out.add(Labels.EMPTY, k, field.applyAsDouble(utc(steps.at(k) / 1000.0)));
            }
            return out.result();
        });
    }

    private static GoCalendar utc(double seconds) {
        return GoCalendar.ofUnixSeconds(GoCalendar.toInt64(seconds));
    }
}
