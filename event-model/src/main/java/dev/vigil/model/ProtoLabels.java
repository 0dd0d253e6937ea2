package dev.vigil.model;

import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Conversion between {@link Labels} and repeated protobuf {@code Label}s. */
final class ProtoLabels {
    private ProtoLabels() {
    }

    static void write(Labels labels, Supplier<dev.vigil.model.proto.Label.Builder> add) {
        for (int i = 0; i < labels.size(); i++) {
            add.get().setName(labels.name(i)).setValue(labels.value(i));
        }
    }

    static Labels read(List<dev.vigil.model.proto.Label> labels) {
        if (labels.isEmpty()) {
            return Labels.EMPTY;
        }
        TreeMap<String, String> m = new TreeMap<>();
        for (dev.vigil.model.proto.Label l : labels) {
            if (l.getName().isEmpty()) {
                throw new DecodeException("a label has an empty name", null);
            }
            m.put(l.getName(), l.getValue());
        }
        return Labels.from(m);
    }
}
