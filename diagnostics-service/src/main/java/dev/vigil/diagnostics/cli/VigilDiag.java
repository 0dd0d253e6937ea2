package dev.vigil.diagnostics.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code vigil-diag} command, Vigil's {@code sonobuoy}: {@code run [--wait]} starts a run against
 * the diagnostics service, shows progress, downloads the archive and prints a summary;
 * {@code status <id>}, {@code delete <id>}, {@code retrieve <id>}, {@code results <archive>}; {@code worker} is the plugin
 * sidecar that uploads a plugin's results once it wrote its {@code done} file.
 */
public final class VigilDiag {
    static final String USAGE = """
            usage: vigil-diag run [--url URL] [--wait] [--plugin FILE]... [--node NAME]... [--no-checks] [--no-node-checks] [--out DIR]
                   vigil-diag status ID [--url URL]
                   vigil-diag delete ID [--url URL]
                   vigil-diag retrieve ID [--url URL] [--out DIR]
                   vigil-diag results ARCHIVE [--plugin NAME] [--mode report|dump] [--node NAME]
                   vigil-diag worker --url URL --run ID --plugin NAME --node NAME --results-dir DIR [--timeout SECONDS]
                                     [--progress-port PORT|none]
            """;

    private VigilDiag() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code (0 success, 1 the run failed, 2 usage or connection error). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            Options o = Options.parse(rest);
            return switch (args[0]) {
                case "run" -> new RunCommand(new ServiceClient(o.url()), out).run(o);
                case "status" -> new RunCommand(new ServiceClient(o.url()), out).status(o.positional(0, "run id"));
                case "delete" -> new RunCommand(new ServiceClient(o.url()), out).delete(o.positional(0, "run id"));
                case "retrieve" -> new RunCommand(new ServiceClient(o.url()), out).retrieve(o.positional(0, "run id"),
                        java.nio.file.Path.of(o.one("--out").orElse(".")));
                case "results" -> ResultsSummary.print(java.nio.file.Path.of(o.positional(0, "archive path")),
                        o.one("--plugin"), o.one("--mode").orElse("report"), o.one("--node"), out);
                case "worker" -> new Worker(new ServiceClient(o.url()), out).run(o);
                default -> {
                    err.println("unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("vigil-diag: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (CliException e) {
            err.println("vigil-diag: " + e.getMessage());
            return 2;
        }
    }

    /** A failure the user can act on, printed as one line. */
    static final class CliException extends RuntimeException {
        CliException(String message) {
            super(message);
        }
    }
}
