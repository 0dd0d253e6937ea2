package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * node_exporter's time: the node's clock and time zone offset, and its clocksources from
 * /sys/devices/system/clocksource (a node on the {@code hpet} or {@code acpi_pm} fallback shows it here).
 */
final class TimeCollector implements NodeCollector {
    private final Clock clock;

    TimeCollector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "time";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(clock);
        out.gauge("node_time_seconds", "System time in seconds since epoch (1970).", clock.millis() / 1000.0);
        out.gauge("node_time_zone_offset_seconds", "System time zone offset in seconds.", now.getOffset().getTotalSeconds(),
                "time_zone", now.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT));
        Path dir = fs.sys("devices/system/clocksource");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> sources = Files.newDirectoryStream(dir, "clocksource[0-9]*")) {
            for (Path source : sources) {
                String device = source.getFileName().toString().substring("clocksource".length());
                Path available = source.resolve("available_clocksource");
                if (Files.exists(available)) {
                    for (String name : Fields.of(ProcFs.read(available))) {
                        out.gauge("node_time_clocksource_available_info",
                                "Available clocksources read from '/sys/devices/system/clocksource'.", 1,
                                "clocksource", name, "device", device);
                    }
                }
                Path current = source.resolve("current_clocksource");
                if (Files.exists(current)) {
                    out.gauge("node_time_clocksource_current_info", "Current clocksource read from '/sys/devices/system/clocksource'.", 1,
                            "clocksource", ProcFs.read(current).strip(), "device", device);
                }
            }
        }
    }
}
