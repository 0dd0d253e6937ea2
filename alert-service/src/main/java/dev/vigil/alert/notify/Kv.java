package dev.vigil.alert.notify;

import dev.vigil.gotemplate.TemplateObject;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Alertmanager's template {@code KV}: a sorted string map that templates can also call
 * {@code SortedPairs}, {@code Names}, {@code Values} and {@code Remove} on. A missing key reads as "".
 */
public final class Kv extends AbstractMap<String, String> implements TemplateObject {
    private final SortedMap<String, String> map;

    /** One name/value pair, with {@code .Name} and {@code .Value} for templates. */
    public record Pair(String name, String value) implements TemplateObject {
        @Override
        public Optional<Object> member(String field, List<Object> args) {
            return switch (field) {
                case "Name" -> Optional.of(name);
                case "Value" -> Optional.of(value);
                default -> Optional.empty();
            };
        }
    }

    /** A list of pairs with {@code .Names} and {@code .Values}, as Alertmanager's {@code Pairs}. */
    public static final class Pairs extends java.util.AbstractList<Pair> implements TemplateObject {
        private final List<Pair> pairs;

        Pairs(List<Pair> pairs) {
            this.pairs = List.copyOf(pairs);
        }

        @Override
        public Pair get(int i) {
            return pairs.get(i);
        }

        @Override
        public int size() {
            return pairs.size();
        }

        @Override
        public Optional<Object> member(String field, List<Object> args) {
            return switch (field) {
                case "Names" -> Optional.of(pairs.stream().map(Pair::name).toList());
                case "Values" -> Optional.of(pairs.stream().map(Pair::value).toList());
                default -> Optional.empty();
            };
        }
    }

    public Kv(Map<String, String> map) {
        this.map = Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return map.entrySet();
    }

    @Override
    public String get(Object key) {
        return map.get(key);
    }

    public Pairs sortedPairs() {
        List<Pair> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(new Pair(k, v)));
        return new Pairs(out);
    }

    public List<String> names() {
        return List.copyOf(map.keySet());
    }

    @Override
    public Collection<String> values() {
        return List.copyOf(map.values());
    }

    /** A copy without the given names. */
    public Kv remove(Collection<?> names) {
        TreeMap<String, String> m = new TreeMap<>(map);
        names.forEach(m::remove);
        return new Kv(m);
    }

    @Override
    public Optional<Object> member(String name, List<Object> args) {
        return switch (name) {
            case "SortedPairs" -> Optional.of(sortedPairs());
            case "Names" -> Optional.of(names());
            case "Values" -> Optional.of(List.copyOf(map.values()));
            case "Remove" -> {
                if (args.size() != 1 || !(args.get(0) instanceof Collection<?> c)) {
                    throw new IllegalArgumentException("Remove expects a list of label names");
                }
                yield Optional.of(remove(c));
            }
            default -> Optional.of(map.getOrDefault(name, ""));
        };
    }
}
