package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * node_exporter's netclass: each interface's properties from /sys/class/net/&lt;iface&gt;. An
 * attribute the kernel refuses to read (carrier and speed of a down link answer EINVAL) is left
 * out, as node_exporter leaves it out.
 */
final class NetclassCollector implements NodeCollector {
    /** sysfs attribute, metric suffix, metric type. */
    private static final String[][] PROPERTIES = {
            {"addr_assign_type", "address_assign_type", "gauge"},
            {"carrier", "carrier", "gauge"},
            {"carrier_changes", "carrier_changes_total", "counter"},
            {"carrier_up_count", "carrier_up_changes_total", "counter"},
            {"carrier_down_count", "carrier_down_changes_total", "counter"},
            {"dev_id", "device_id", "gauge"},
            {"dormant", "dormant", "gauge"},
            {"flags", "flags", "gauge"},
            {"ifindex", "iface_id", "gauge"},
            {"iflink", "iface_link", "gauge"},
            {"link_mode", "iface_link_mode", "gauge"},
            {"mtu", "mtu_bytes", "gauge"},
            {"name_assign_type", "name_assign_type", "gauge"},
            {"netdev_group", "net_dev_group", "gauge"},
            {"type", "protocol_type", "gauge"},
            {"tx_queue_len", "transmit_queue_length", "gauge"},
    };

    @Override
    public String name() {
        return "netclass";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        List<Path> interfaces = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(fs.sys("class/net"))) {
            dir.forEach(interfaces::add);
        }
        interfaces.sort(null);
        for (Path iface : interfaces) {
            String device = iface.getFileName().toString();
            if (!Files.isDirectory(iface)) {
                continue;
            }
            String operstate = attribute(iface, "operstate").orElse("unknown");
            out.gauge("node_network_up", "Value is 1 if operstate is 'up', 0 otherwise.", operstate.equals("up") ? 1 : 0,
                    "device", device);
            Optional<Long> flags = attribute(iface, "flags").flatMap(NetclassCollector::parse);
            String adminstate = flags.map(f -> (f & 1) == 1 ? "up" : "down").orElse("unknown");
            out.gauge("node_network_info", "Non-numeric data from /sys/class/net/<iface>, value is always 1.", 1,
                    "address", attribute(iface, "address").orElse(""), "adminstate", adminstate,
                    "broadcast", attribute(iface, "broadcast").orElse(""), "device", device,
                    "duplex", attribute(iface, "duplex").orElse(""), "ifalias", attribute(iface, "ifalias").orElse(""),
                    "operstate", operstate);
            for (String[] p : PROPERTIES) {
                Optional<Long> v = attribute(iface, p[0]).flatMap(NetclassCollector::parse);
                if (v.isPresent()) {
                    out.add("node_network_" + p[1], p[2], "Network device property: " + p[1], v.get(), "device", device);
                }
            }
            // Mbit/s as bytes/s in integers as node_exporter computes it; a virtual link's -1 (unknown)
            // is kept, as node_exporter keeps it unless --collector.netclass.ignore-invalid-speed
            attribute(iface, "speed").flatMap(NetclassCollector::parse).ifPresent(s ->
                    out.gauge("node_network_speed_bytes", "Network device property: speed_bytes", s * 1000 * 1000 / 8, "device", device));
        }
    }

    /** sysfs numbers are decimal except flags, which the kernel prints as 0x… */
    private static Optional<Long> parse(String v) {
        try {
            return Optional.of(v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> attribute(Path iface, String name) {
        try {
            return Optional.of(ProcFs.read(iface.resolve(name)).strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
