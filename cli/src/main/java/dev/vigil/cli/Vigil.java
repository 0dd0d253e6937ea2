package dev.vigil.cli;

import dev.vigil.alert.cli.VigilCheck;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code vigil} command: {@code check} (promtool's check rules, amtool's check-config),
 * {@code query} (promtool's query instant|range) and {@code logs} (logcli's query, instant-query,
 * labels), each with its tool's flags, output and exit codes.
 */
public final class Vigil {
    static final String USAGE = """
            usage: vigil check rules|config FILE...        (as promtool check rules / amtool check-config)
                   vigil query instant|range SERVER EXPR   (as promtool query)
                   vigil logs query|instant-query|labels    (as logcli)
            Each command takes --help.
            """;

    private Vigil() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err, System.getenv()));
    }

    static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "check" -> VigilCheck.execute(args, out, err);
            case "query" -> PromQuery.execute(rest, out, err);
            case "logs" -> LogsQuery.execute(rest, out, err, env);
            case "--help", "-h", "help" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                err.print(USAGE);
                yield 2;
            }
        };
    }
}
