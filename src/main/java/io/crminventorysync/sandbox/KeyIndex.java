package io.crminventorysync.sandbox;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key to record ids, oldest id first. Values are small sorted arrays replaced on change (writers
 * hold the module's lock), which costs far less memory than a set per key.
 */
final class KeyIndex {

    private static final long[] NONE = new long[0];

    private final ConcurrentHashMap<String, long[]> ids = new ConcurrentHashMap<>();

    void add(String key, long id) {
        if (key == null) {
            return;
        }
        ids.compute(key, (k, old) -> {
            if (old == null) {
                return new long[] {id};
            }
            if (Arrays.binarySearch(old, id) >= 0) {
                return old;
            }
            long[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = id;
            Arrays.sort(grown);
            return grown;
        });
    }

    void remove(String key, long id) {
        if (key == null) {
            return;
        }
        ids.computeIfPresent(key, (k, old) -> {
            int at = Arrays.binarySearch(old, id);
            if (at < 0) {
                return old;
            }
            if (old.length == 1) {
                return null;
            }
            long[] shrunk = new long[old.length - 1];
            System.arraycopy(old, 0, shrunk, 0, at);
            System.arraycopy(old, at + 1, shrunk, at, old.length - at - 1);
            return shrunk;
        });
    }

    long[] get(String key) {
        if (key == null) {
            return NONE;
        }
        long[] found = ids.get(key);
        return found == null ? NONE : found;
    }

    void clear() {
        ids.clear();
    }
}
