package dev.vigil.logstore.index;

import java.util.Arrays;

/** A sorted set of stream ids. Ids are handed out in increasing order, so adds append. */
final class Postings {
    private int[] ids = new int[4];
    private int size;

    void add(int id) {
        if (size > 0 && ids[size - 1] >= id) {
            int at = Arrays.binarySearch(ids, 0, size, id);
            if (at >= 0) {
                return;
            }
            insertAt(-at - 1, id);
            return;
        }
        insertAt(size, id);
    }

    private void insertAt(int at, int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        System.arraycopy(ids, at, ids, at + 1, size - at);
        ids[at] = id;
        size++;
    }

    void remove(int id) {
        int at = Arrays.binarySearch(ids, 0, size, id);
        if (at >= 0) {
            System.arraycopy(ids, at + 1, ids, at, size - at - 1);
            size--;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(ids, size);
    }

    void copyInto(IntBuffer out) {
        out.addAll(ids, size);
    }
}
