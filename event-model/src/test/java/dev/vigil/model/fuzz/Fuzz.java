package dev.vigil.model.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Seeded fuzzing for the parsers and decoders that take user input: inputs are derived from valid
 * seeds by random edits (deleting, repeating, replacing and inserting characters or bytes,
 * splicing two seeds, cutting short), so most reach deep into the code under test, and each run
 * sees the same inputs. {@link #check} runs the code on each and fails on any exception the code
 * may not throw for bad input, or on an input that takes longer than {@link #PER_INPUT_MILLIS}.
 */
public final class Fuzz {
    /** Inputs per target: setting {@code vigil.fuzz.inputs} (a system property), 10,000 unless set. */
    public static final int INPUTS = Integer.getInteger("vigil.fuzz.inputs", 10_000);
    /** Far above any real input's time: only a hang or a blow-up exceeds it. */
    public static final long PER_INPUT_MILLIS = 5_000;

    private Fuzz() {
    }

    /**
     * What one input does: true when the code accepted it, false when it refused it with its own
     * error (the test catches exactly those types and passes each to {@link #refused}); any other
     * exception is a bug and fails the test.
     */
    @FunctionalInterface
    public interface Check<T> {
        boolean run(T input) throws Exception;
    }

    /** An input refused with the code's own error: the error must say why. */
    public static boolean refused(Exception e) {
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), e + " has no message");
        return false;
    }

    /**
     * {@code count} strings: the seeds themselves, then edits of them using characters of
     * {@code alphabet} and whole {@code tokens} (keywords, operators, pieces of syntax).
     */
    public static List<String> strings(long seed, List<String> seeds, String alphabet, List<String> tokens, int count) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>(seeds);
        while (out.size() < count) {
            String s = seeds.get(rnd.nextInt(seeds.size()));
            int edits = 1 + rnd.nextInt(5);
            for (int k = 0; k < edits; k++) {
                s = edit(rnd, s, alphabet, tokens, seeds);
            }
            out.add(s);
        }
        return out;
    }

    private static String edit(Random rnd, String s, String alphabet, List<String> tokens, List<String> seeds) {
        int at = s.isEmpty() ? 0 : rnd.nextInt(s.length());
        int to = Math.min(s.length(), at + 1 + rnd.nextInt(8));
        return switch (rnd.nextInt(8)) {
            case 0 -> s.substring(0, at) + s.substring(to);                                   // delete a run
            case 1 -> s.substring(0, to) + s.substring(at, to) + s.substring(to);             // repeat a run
            case 2 -> s.substring(0, at) + alphabet.charAt(rnd.nextInt(alphabet.length())) + s.substring(Math.min(s.length(), at + 1));
            case 3 -> s.substring(0, at) + tokens.get(rnd.nextInt(tokens.size())) + s.substring(at);
            case 4 -> s.substring(0, at);                                                     // cut short
            case 5 -> { // splice: the head of this one and the tail of another
                String o = seeds.get(rnd.nextInt(seeds.size()));
                yield s.substring(0, at) + o.substring(o.isEmpty() ? 0 : rnd.nextInt(o.length()));
            }
            case 6 -> s.substring(0, at) + (char) rnd.nextInt(0x3000) + s.substring(at);      // any character
            default -> s.substring(0, at) + alphabet.charAt(rnd.nextInt(alphabet.length())) + s.substring(at);
        };
    }

    /** {@code count} byte arrays: the seeds, then bit flips, byte changes, insertions, cuts and splices of them. */
    public static List<byte[]> bytes(long seed, List<byte[]> seeds, int count) {
        Random rnd = new Random(seed);
        List<byte[]> out = new ArrayList<>(seeds);
        while (out.size() < count) {
            byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
            int edits = 1 + rnd.nextInt(4);
            for (int k = 0; k < edits && b.length > 0; k++) {
                int at = rnd.nextInt(b.length);
                switch (rnd.nextInt(6)) {
                    case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                    case 1 -> b[at] = (byte) rnd.nextInt(256);
                    case 2 -> b = Arrays.copyOf(b, at);
                    case 3 -> { // insert random bytes
                        byte[] ins = new byte[1 + rnd.nextInt(6)];
                        rnd.nextBytes(ins);
                        b = concat(Arrays.copyOf(b, at), ins, Arrays.copyOfRange(b, at, b.length));
                    }
                    case 4 -> b[at] = (byte) (rnd.nextBoolean() ? 0xff : 0x80); // varint continuation, huge lengths
                    default -> {
                        byte[] o = seeds.get(rnd.nextInt(seeds.size()));
                        b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(o, o.length == 0 ? 0 : rnd.nextInt(o.length), o.length));
                    }
                }
            }
            out.add(b);
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /**
     * Runs {@code check} on every input and returns how many it accepted (so a test can assert the
     * inputs reach past the first error). Fails on an exception {@code check} does not turn into
     * a refusal, naming the input, and on an input slower than {@link #PER_INPUT_MILLIS}.
     */
    public static <T> int check(List<T> inputs, Function<T, String> show, Check<T> check) {
        int clean = 0;
        for (T in : inputs) {
            long start = System.nanoTime();
            if (assertDoesNotThrow(() -> check.run(in), () -> "input " + show.apply(in))) {
                clean++;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (ms > PER_INPUT_MILLIS) {
                throw new AssertionError("input " + show.apply(in) + " took " + ms + " ms");
            }
        }
        return clean;
    }

    /** A byte array shown as its first bytes, for failure messages. */
    public static String show(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 200), StandardCharsets.ISO_8859_1);
        return b.length + " bytes: " + s.replaceAll("[^\\x20-\\x7e]", ".");
    }

    /** A string shown as it is, shortened past 300 characters. */
    public static String show(String s) {
        return s.length() <= 300 ? '"' + s + '"' : '"' + s.substring(0, 300) + "…\" (" + s.length() + " chars)";
    }
}
