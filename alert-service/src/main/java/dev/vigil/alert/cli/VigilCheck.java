package dev.vigil.alert.cli;

import dev.vigil.alert.config.am.AlertmanagerConfig;
import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.alert.config.am.ConfigException;
import dev.vigil.alert.functions.TemplateFiles;
import dev.vigil.alert.notify.DefaultTemplates;
import dev.vigil.alert.query.RuleQueries;
import dev.vigil.alert.rules.RuleFileException;
import dev.vigil.alert.rules.RuleFileLoader;
import dev.vigil.alert.rules.RuleGroupDefinition;
import dev.vigil.gotemplate.TemplateException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code vigil check rules FILE...} and {@code vigil check config FILE...}: what promtool's
 * {@code check rules} and amtool's {@code check-config} say of a file, in their output shape and
 * exit codes, judged by the loaders the alert service itself uses, so a file that passes here
 * loads there.
 */
public final class VigilCheck {
    static final String USAGE = """
            usage: vigil check rules [--lint=duplicate-rules|all|none] [--lint-fatal] FILE...
                   vigil check config FILE...
            """;

    private VigilCheck() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs one command; returns promtool's and amtool's exit codes (0 valid, 1 invalid, 2 usage, 3 lint with --lint-fatal). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        if (a.size() < 3 || !a.get(0).equals("check") || !List.of("rules", "config").contains(a.get(1))) {
            err.print(USAGE);
            return 2;
        }
        List<String> options = new ArrayList<>();
        List<String> files = new ArrayList<>();
        a.subList(2, a.size()).forEach(s -> (s.startsWith("--") ? options : files).add(s));
        if (files.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        if (a.get(1).equals("config")) {
            if (!options.isEmpty()) {
                err.println("vigil: error: unknown flag " + options.get(0));
                return 2;
            }
            return config(files, out, err);
        }
        boolean lint = true;
        boolean lintFatal = false;
        for (String o : options) {
            switch (o) {
                case "--lint=duplicate-rules", "--lint=all" -> lint = true;
                case "--lint=none" -> lint = false;
                case "--lint-fatal" -> lintFatal = true;
                default -> {
                    err.println("vigil: error: unknown flag " + o);
                    return 2;
                }
            }
        }
        return rules(files, lint, lintFatal, out, err);
    }

    /** As promtool: "Checking F", then "  SUCCESS: N rules found" or "  FAILED:" and each error on stderr. */
    static int rules(List<String> files, boolean lint, boolean lintFatal, PrintStream out, PrintStream err) {
        RuleFileLoader loader = new RuleFileLoader(RuleQueries.PROMQL_OR_LOGQL);
        boolean failed = false;
        boolean lintFailed = false;
        for (String f : files) {
            out.println("Checking " + f);
            try {
                List<RuleGroupDefinition> groups = loader.load(Path.of(f));
                List<String> duplicates = lint ? RuleLint.duplicateRules(groups) : List.of();
                if (duplicates.isEmpty()) {
                    out.println("  SUCCESS: " + groups.stream().mapToInt(g -> g.rules().size()).sum() + " rules found");
                } else {
                    err.println("  FAILED:");
                    err.println(RuleLint.message(duplicates));
                    lintFailed = true;
                }
            } catch (RuleFileException e) {
                err.println("  FAILED:");
                e.errors().forEach(m -> err.println(f + ": " + m));
                failed = true;
            }
            out.println();
        }
        return failed ? 1 : lintFailed && lintFatal ? 3 : 0;
    }

    /** As amtool: "Checking 'F'  SUCCESS" with what was found, or "  FAILED: reason"; the count of failures on stderr. */
    static int config(List<String> files, PrintStream out, PrintStream err) {
        int failed = 0;
        for (String f : files) {
            out.print("Checking '" + f + "'");
            AlertmanagerConfig c;
            try {
                c = AlertmanagerConfigLoader.load(Path.of(f));
            } catch (ConfigException e) {
                out.println("  FAILED: " + e.getMessage());
                out.println();
                failed++;
                continue;
            }
            out.println("  SUCCESS");
            out.println("Found:");
            out.println(" - global config");
            out.println(" - route");
            out.println(" - " + c.inhibitRules().size() + " inhibit rules");
            out.println(" - " + c.receivers().size() + " receivers");
            out.println(" - " + c.templateFiles().size() + " templates");
            if (!c.templateFiles().isEmpty()) {
                try {
                    Path dir = Path.of(f).toAbsolutePath().getParent();
                    TemplateFiles.addAll(DefaultTemplates.newSet(), c.templateFiles(), dir == null ? Path.of(".") : dir);
                    out.println("  SUCCESS");
                } catch (TemplateException e) {
                    out.println("  FAILED: " + e.getMessage());
                    failed++;
                }
            }
            out.println();
        }
        if (failed > 0) {
            err.println("vigil: error: failed to validate " + failed + " file(s)");
            err.println();
            return 1;
        }
        return 0;
    }
}
