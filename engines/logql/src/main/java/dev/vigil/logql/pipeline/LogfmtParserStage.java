package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.Stage;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code | logfmt}: {@code key=value} and {@code key="quoted value"} pairs become labels. Empty
 * values are skipped unless {@code --keep-empty}. A malformed pair is skipped, or with
 * {@code --strict} ends parsing with {@code __error__="LogfmtParserErr"}. With parameters
 * ({@code | logfmt a="key"}) only the named keys are read, into the given labels.
 */
final class LogfmtParserStage implements PipelineStage {
    static final String ERROR = "LogfmtParserErr";

    private final boolean strict;
    private final boolean keepEmpty;
    /** key in the line to label name; empty means every key. */
    private final Map<String, String> wanted = new HashMap<>();

    LogfmtParserStage(Stage.Logfmt l) {
        this.strict = l.strict();
        this.keepEmpty = l.keepEmpty();
        for (Stage.Extraction e : l.params()) {
            wanted.put(e.expression(), e.label());
        }
    }

    @Override
    public boolean process(LogLine entry) {
        String s = entry.line();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && s.charAt(i) <= ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int ks = i;
            while (i < n && s.charAt(i) > ' ' && s.charAt(i) != '=' && s.charAt(i) != '"') {
                i++;
            }
            String key = s.substring(ks, i);
            if (key.isEmpty() || (i < n && s.charAt(i) == '"')) {
                if (fail(entry)) {
                    return true;
                }
                i = skipToSpace(s, i + 1);
                continue;
            }
            String value = "";
            if (i < n && s.charAt(i) == '=') {
                i++;
                if (i < n && s.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char c = s.charAt(i);
                        if (c == '\\' && i + 1 < n) {
                            char e = s.charAt(i + 1);
                            sb.append(switch (e) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'r' -> '\r';
                                default -> e;
                            });
                            i += 2;
                            continue;
                        }
                        if (c == '"') {
                            closed = true;
                            i++;
                            break;
                        }
                        sb.append(c);
                        i++;
                    }
                    if (!closed) {
                        if (fail(entry)) {
                            return true;
                        }
                        break;
                    }
                    value = sb.toString();
                } else {
                    int vs = i;
                    while (i < n && s.charAt(i) > ' ') {
                        char c = s.charAt(i);
                        if (c == '"' || c == '=') {
                            break;
                        }
                        i++;
                    }
                    if (i < n && s.charAt(i) > ' ') {
                        if (fail(entry)) {
                            return true;
                        }
                        i = skipToSpace(s, i);
                        continue;
                    }
                    value = s.substring(vs, i);
                }
            }
            emit(entry.labels(), key, value);
        }
        return true;
    }

    /** Records a malformed pair; true when parsing must stop. */
    private boolean fail(LogLine entry) {
        if (strict) {
            entry.labels().setError(ERROR);
            return true;
        }
        return false;
    }

    private static int skipToSpace(String s, int i) {
        while (i < s.length() && s.charAt(i) > ' ') {
            i++;
        }
        return i;
    }

    private void emit(LabelsBuilder labels, String key, String value) {
        if (value.isEmpty() && !keepEmpty) {
            return;
        }
        if (!wanted.isEmpty()) {
            String label = wanted.get(key);
            if (label != null) {
                labels.setExtracted(label, value);
            }
            return;
        }
        String name = LabelNames.sanitize(key, true);
        if (!name.isEmpty()) {
            labels.setExtracted(name, value);
        }
    }
}
