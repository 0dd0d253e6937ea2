package dev.vigil.collector.host.procfs;

import java.io.IOException;

/**
 * node_exporter's timex: the kernel's NTP clock discipline (is the clock synchronised, its offset
 * and error bounds), in node_exporter's units: offsets and jitter in nanoseconds when the status
 * has STA_NANO, else microseconds; frequencies in the kernel's scaled ppm (2^-16 ppm).
 */
final class TimexCollector implements NodeCollector {
    interface Source {
        Timex read() throws IOException;
    }

    private static final int STA_NANO = 0x2000;
    private static final double MICRO = 1_000_000;
    private static final double NANO = 1_000_000_000;
    private static final double PPM16FRAC = 1000000.0 * 65536.0;

    private final Source source;

    TimexCollector(Source source) {
        this.source = source;
    }

    @Override
    public String name() {
        return "timex";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        Timex t = source.read();
        double divisor = (t.status() & STA_NANO) != 0 ? NANO : MICRO;
        out.gauge("node_timex_sync_status", "Is clock synchronized to a reliable server (1 = yes, 0 = no).",
                t.state() == Timex.TIME_ERROR ? 0 : 1);
        out.gauge("node_timex_offset_seconds", "Time offset in between local system and reference clock.", t.offset() / divisor);
        out.gauge("node_timex_frequency_adjustment_ratio", "Local clock frequency adjustment.", 1 + t.freq() / PPM16FRAC);
        out.gauge("node_timex_maxerror_seconds", "Maximum error in seconds.", t.maxerror() / MICRO);
        out.gauge("node_timex_estimated_error_seconds", "Estimated error in seconds.", t.esterror() / MICRO);
        out.gauge("node_timex_status", "Value of the status array bits.", t.status());
        out.gauge("node_timex_loop_time_constant", "Phase-locked loop time constant.", t.constant());
        out.gauge("node_timex_tick_seconds", "Seconds between clock ticks.", t.tick() / MICRO);
        out.gauge("node_timex_pps_frequency_hertz", "Pulse per second frequency.", t.ppsfreq() / PPM16FRAC);
        out.gauge("node_timex_pps_jitter_seconds", "Pulse per second jitter.", t.jitter() / divisor);
        out.gauge("node_timex_pps_shift_seconds", "Pulse per second interval duration.", t.shift());
        out.gauge("node_timex_pps_stability_hertz", "Pulse per second stability, average of recent frequency changes.",
                t.stabil() / PPM16FRAC);
        out.counter("node_timex_pps_jitter_total", "Pulse per second count of jitter limit exceeded events.", t.jitcnt());
        out.counter("node_timex_pps_calibration_total", "Pulse per second count of calibration intervals.", t.calcnt());
        out.counter("node_timex_pps_error_total", "Pulse per second count of calibration errors.", t.errcnt());
        out.counter("node_timex_pps_stability_exceeded_total", "Pulse per second count of stability limit exceeded events.", t.stbcnt());
        out.gauge("node_timex_tai_offset_seconds", "International Atomic Time (TAI) offset.", t.tai());
    }
}
