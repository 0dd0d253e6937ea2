package dev.vigil.logstore.chunk;

import dev.vigil.model.Labels;

/** Labels as a varint pair count followed by name and value strings. */
public final class LabelsCodec {
    private LabelsCodec() {
    }

    public static void write(ByteSink out, Labels labels) {
        out.writeVarInt(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            out.writeString(labels.name(i));
            out.writeString(labels.value(i));
        }
    }

    public static Labels read(ByteSource in) {
        int n = in.readVarInt();
        if (n == 0) {
            return Labels.EMPTY;
        }
        if (n > in.remaining()) {
            throw new CorruptDataException("label count " + n + " exceeds the record");
        }
        String[] kv = new String[2 * n];
        for (int i = 0; i < kv.length; i++) {
            kv[i] = in.readString();
        }
        return Labels.of(kv);
    }
}
