package dev.vigil.logstore;

/** Byte-array search used by line filters and block scans. */
public final class Bytes {
    private Bytes() {
    }

    /**
     * First index {@code i} in {@code [from, to - needle.length]} where {@code needle} occurs in
     * {@code haystack}, or -1. An empty needle occurs at {@code from}.
     */
    public static int indexOf(byte[] haystack, int from, int to, byte[] needle) {
        int n = needle.length;
        if (n == 0) {
            return from <= to ? from : -1;
        }
        byte first = needle[0];
        int last = to - n;
        for (int i = from; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            int j = 1;
            while (j < n && haystack[i + j] == needle[j]) {
                j++;
            }
            if (j == n) {
                return i;
            }
        }
        return -1;
    }
}
