package dev.vigil.tsdb.index;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The ids of the series that carry one label pair, kept sorted. Series ids are handed out in
 * increasing order, so adding is an append; removal (retention) is rare and shifts the tail.
 */
final class Postings {
    private int[] ids = new int[4];
    private int size;

    void add(int id) {
        if (size > 0 && ids[size - 1] >= id) {
            int at = Arrays.binarySearch(ids, 0, size, id);
            if (at >= 0) {
                return;
            }
            insert(-at - 1, id);
            return;
        }
        insert(size, id);
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

    void addTo(BitSet set) {
        for (int i = 0; i < size; i++) {
            set.set(ids[i]);
        }
    }

    private void insert(int at, int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        System.arraycopy(ids, at, ids, at + 1, size - at);
        ids[at] = id;
        size++;
    }
}
