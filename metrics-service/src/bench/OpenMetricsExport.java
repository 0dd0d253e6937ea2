import dev.vigil.model.Label;
import dev.vigil.tsdb.bench.NodeExporterData;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes engines/tsdb's NodeExporterData (the data NodeExporterSizeReport stores) as OpenMetrics
 * text, for Prometheus's {@code promtool tsdb create-blocks-from openmetrics}, so both stores'
 * bytes per sample are measured on identical samples. Values are generated in the same order
 * (scrape by scrape, series by series, same seed) and written family by family.
 * Run with the source launcher; arguments: OUT_FILE [series=1000] [hours=2].
 */
public final class OpenMetricsExport {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int series = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        double hours = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        int scrapes = (int) Math.round(hours * 3_600_000 / NodeExporterData.INTERVAL_MS);
        long start = 1_700_000_000_000L; // as NodeExporterSizeReport
        NodeExporterData data = new NodeExporterData(series, 1);
        long[][] t = new long[series][scrapes];
        double[][] v = new double[series][scrapes];
        for (int n = 0; n < scrapes; n++) {
            for (int i = 0; i < series; i++) {
                t[i][n] = data.timestamp(i, n, start);
                v[i][n] = data.next(i);
            }
        }
        Map<String, List<Integer>> families = new TreeMap<>();
        for (int i = 0; i < series; i++) {
            families.computeIfAbsent(data.labels(i).metricName(), k -> new ArrayList<>()).add(i);
        }
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (Map.Entry<String, List<Integer>> f : families.entrySet()) {
                w.write("# TYPE " + f.getKey() + " gauge\n");
                for (int i : f.getValue()) {
                    StringBuilder labels = new StringBuilder();
                    for (Label l : data.labels(i)) {
                        if (!l.name().equals("__name__")) {
                            labels.append(labels.length() == 0 ? "" : ",").append(l.name()).append("=\"").append(l.value()).append('"');
                        }
                    }
                    String prefix = f.getKey() + "{" + labels + "} ";
                    for (int n = 0; n < scrapes; n++) {
                        w.write(prefix + v[i][n] + " " + t[i][n] / 1000 + "." + String.format("%03d", t[i][n] % 1000) + "\n");
                    }
                }
            }
            w.write("# EOF\n");
        }
        System.out.printf("%d series x %d scrapes = %d samples -> %s%n", series, scrapes, (long) series * scrapes, out);
    }
}
