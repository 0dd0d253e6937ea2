package dev.vigil.logstore.index;

import java.util.Arrays;

/** A growable int array for collecting ids. */
final class IntBuffer {
    private int[] a = new int[16];
    private int size;

    void addAll(int[] src, int n) {
        if (size + n > a.length) {
            a = Arrays.copyOf(a, Math.max(a.length * 2, size + n));
        }
        System.arraycopy(src, 0, a, size, n);
        size += n;
    }

    /** Sorted, without duplicates. */
    int[] toSortedSet() {
        int[] out = Arrays.copyOf(a, size);
        Arrays.sort(out);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (n == 0 || out[n - 1] != out[i]) {
                out[n++] = out[i];
            }
        }
        return Arrays.copyOf(out, n);
    }
}
