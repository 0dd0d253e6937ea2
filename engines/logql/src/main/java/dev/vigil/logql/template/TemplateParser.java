package dev.vigil.logql.template;

import java.util.ArrayList;
import java.util.List;

/** Parses template text into {@link Node}s; one instance per template. */
final class TemplateParser {
    private final String src;
    private int pos;
    /** Tokens of the action being parsed. */
    private List<String> toks;
    private int ti;

    TemplateParser(String src) {
        this.src = src;
    }

    List<Node> parseAll() {
        List<Node> nodes = new ArrayList<>();
        String end = parseList(nodes);
        if (end != null) {
            throw new TemplateException("template: unexpected {{" + end + "}}");
        }
        return nodes;
    }

    /** Parses nodes until EOF (returns null) or an {@code else}/{@code end} action (returns its text). */
    private String parseList(List<Node> out) {
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            if (open < 0) {
                out.add(new Node.Text(src.substring(pos)));
                pos = src.length();
                break;
            }
            String text = src.substring(pos, open);
            boolean trimLeft = src.startsWith("{{- ", open) || src.startsWith("{{-\t", open) || src.startsWith("{{-\n", open);
            if (trimLeft) {
                text = text.stripTrailing();
            }
            if (!text.isEmpty()) {
                out.add(new Node.Text(text));
            }
            int close = findClose(open + 2);
            if (close < 0) {
                throw new TemplateException("template: unclosed action");
            }
            String body = src.substring(open + (trimLeft ? 3 : 2), close);
            boolean trimRight = body.endsWith(" -") || body.endsWith("\t-") || body.endsWith("\n-");
            if (trimRight) {
                body = body.substring(0, body.length() - 1);
            }
            pos = close + 2;
            if (trimRight) {
                while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                    pos++;
                }
            }
            body = body.trim();
            if (body.startsWith("/*")) {
                continue;
            }
            toks = tokenize(body);
            ti = 0;
            if (toks.isEmpty()) {
                throw new TemplateException("template: missing value for command");
            }
            String first = toks.get(0);
            if (first.equals("end") || first.equals("else")) {
                return body;
            }
            if (first.equals("if")) {
                out.add(parseIf());
                continue;
            }
            if (first.equals("range") || first.equals("with") || first.equals("define") || first.equals("template")
                    || first.equals("block") || first.startsWith("$")) {
                throw new TemplateException("template: \"" + first + "\" is not supported in LogQL templates");
            }
            Node.Pipe p = parsePipe();
            expectEnd();
            out.add(new Node.Action(p));
        }
        return null;
    }

    private int findClose(int from) {
        int i = from;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '"') {
                i++;
                while (i < src.length() && src.charAt(i) != '"') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '`') {
                i = src.indexOf('`', i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (src.startsWith("}}", i)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private Node parseIf() {
        List<Node.Branch> branches = new ArrayList<>();
        ti = 1;
        Node.Pipe cond = parsePipe();
        expectEnd();
        while (true) {
            List<Node> body = new ArrayList<>();
            String end = parseList(body);
            if (end == null) {
                throw new TemplateException("template: unexpected EOF, missing {{end}}");
            }
            branches.add(new Node.Branch(cond, body));
            if (end.equals("end")) {
                return new Node.If(branches, List.of());
            }
            List<String> et = tokenize(end);
            if (et.size() > 1 && et.get(1).equals("if")) {
                toks = et;
                ti = 2;
                cond = parsePipe();
                expectEnd();
                continue;
            }
            if (et.size() > 1) {
                throw new TemplateException("template: unexpected " + et.get(1) + " after else");
            }
            List<Node> otherwise = new ArrayList<>();
            String last = parseList(otherwise);
            if (!"end".equals(last)) {
                throw new TemplateException("template: expected {{end}}");
            }
            return new Node.If(branches, otherwise);
        }
    }

    private void expectEnd() {
        if (ti < toks.size()) {
            throw new TemplateException("template: unexpected \"" + toks.get(ti) + "\" in command");
        }
    }

    private Node.Pipe parsePipe() {
        List<Node.Command> cmds = new ArrayList<>();
        while (true) {
            List<Node.Arg> args = new ArrayList<>();
            while (ti < toks.size() && !toks.get(ti).equals("|") && !toks.get(ti).equals(")")) {
                args.add(parseArg());
            }
            if (args.isEmpty()) {
                throw new TemplateException("template: missing value for command");
            }
            cmds.add(new Node.Command(args));
            if (ti < toks.size() && toks.get(ti).equals("|")) {
                ti++;
                continue;
            }
            return new Node.Pipe(cmds);
        }
    }

    private Node.Arg parseArg() {
        String t = toks.get(ti++);
        if (t.equals("(")) {
            Node.Pipe p = parsePipe();
            if (ti >= toks.size() || !toks.get(ti).equals(")")) {
                throw new TemplateException("template: unclosed left paren");
            }
            ti++;
            return new Node.Sub(p);
        }
        if (t.startsWith("\"")) {
            return new Node.Constant(unquote(t));
        }
        if (t.startsWith("`")) {
            return new Node.Constant(t.substring(1, t.length() - 1));
        }
        if (t.startsWith(".")) {
            return new Node.Field(t.substring(1));
        }
        if (t.equals("true") || t.equals("false")) {
            return new Node.Constant(Boolean.parseBoolean(t));
        }
        if (t.equals("nil")) {
            return new Node.Constant("");
        }
        char c = t.charAt(0);
        if (Character.isDigit(c) || c == '-' || c == '+') {
            try {
                if (t.contains(".") || t.contains("e") || t.contains("E")) {
                    return new Node.Constant(Double.parseDouble(t));
                }
                return new Node.Constant(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new TemplateException("template: bad number syntax: \"" + t + "\"");
            }
        }
        if (!TemplateFunctions.exists(t)) {
            throw new TemplateException("template: function \"" + t + "\" not defined");
        }
        return new Node.Function(t);
    }

    private static String unquote(String q) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < q.length() - 1; i++) {
            char c = q.charAt(i);
            if (c == '\\' && i + 1 < q.length() - 1) {
                char e = q.charAt(++i);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '|' || c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != '"') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= s.length()) {
                    throw new TemplateException("template: unterminated quoted string");
                }
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else if (c == '`') {
                int j = s.indexOf('`', i + 1);
                if (j < 0) {
                    throw new TemplateException("template: unterminated raw quoted string");
                }
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "|()\"`".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
