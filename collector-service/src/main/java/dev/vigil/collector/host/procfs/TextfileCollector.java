package dev.vigil.collector.host.procfs;

import dev.vigil.collector.scrape.Exposition;
import dev.vigil.collector.scrape.ExpositionFormat;
import dev.vigil.collector.scrape.ExpositionParseException;
import dev.vigil.collector.scrape.ExpositionParser;
import dev.vigil.collector.scrape.MetricMetadata;
import dev.vigil.collector.scrape.ParsedSample;
import dev.vigil.model.Labels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * node_exporter's textfile: every {@code *.prom} file of a directory (what cron jobs and scripts
 * write for the node exporter), published with the host metrics. A file that does not parse is
 * skipped whole and {@code node_textfile_scrape_error} is 1, as node_exporter does.
 */
final class TextfileCollector implements NodeCollector {
    private final Optional<Path> directory;

    /** Without a directory it reads nothing and reports no error, as node_exporter without --collector.textfile.directory. */
    TextfileCollector(Optional<Path> directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return "textfile";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        int error = 0;
        List<Path> files = new ArrayList<>();
        if (directory.isPresent()) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory.get(), "*.prom")) {
                dir.forEach(files::add);
            } catch (IOException e) {
                error = 1;
            }
        }
        files.sort(null);
        for (Path file : files) {
            Exposition e;
            try {
                e = ExpositionParser.parse(Files.readString(file, StandardCharsets.UTF_8), ExpositionFormat.PROMETHEUS_TEXT);
            } catch (IOException | ExpositionParseException ex) {
                error = 1;
                continue;
            }
            for (ParsedSample s : e.samples()) {
                String name = s.labels().get(Labels.METRIC_NAME);
                MetricMetadata meta = e.metadata().get(name);
                String type = meta == null || meta.type().equals("unknown") ? "untyped" : meta.type();
                String help = meta == null || meta.help().isEmpty() ? "Metric read from " + file : meta.help();
                out.add(name, type, help, s.value(), labelPairs(s.labels()));
            }
            out.gauge("node_textfile_mtime_seconds", "Unixtime mtime of textfiles successfully read.",
                    Files.getLastModifiedTime(file).toMillis() / 1000.0, "file", file.toString());
        }
        out.gauge("node_textfile_scrape_error", "1 if there was an error opening or reading a file, 0 otherwise", error);
    }

    private static String[] labelPairs(Labels labels) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (!labels.name(i).equals(Labels.METRIC_NAME)) {
                pairs.add(labels.name(i));
                pairs.add(labels.value(i));
            }
        }
        return pairs.toArray(String[]::new);
    }
}
