package dev.vigil.collector.host.procfs;

import com.google.re2j.Pattern;

import java.io.IOException;

/** node_exporter's vmstat: the /proc/vmstat fields its {@code --collector.vmstat.fields} pattern selects. */
final class VmstatCollector implements NodeCollector {
    /** node_exporter's default field pattern. */
    static final String DEFAULT_FIELDS = "^(oom_kill|pgpg|pswp|pg.*fault).*";

    private final Pattern fields;

    VmstatCollector(String fields) {
        this.fields = Pattern.compile(fields);
    }

    @Override
    public String name() {
        return "vmstat";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        for (String line : fs.procLines("vmstat")) {
            String[] f = Fields.of(line);
            if (f.length == 2 && fields.matcher(f[0]).find()) {
                out.untyped("node_vmstat_" + f[0], "/proc/vmstat information field " + f[0] + ".", Double.parseDouble(f[1]));
            }
        }
    }
}
