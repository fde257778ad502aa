package io.crminventorysync.sync.record;

import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records are written by several writers at once; what two records of the same key must not do at
 * the same time (check that a name is free, then take it) is done under the key's lock. Striped: a
 * fixed set of locks, the key's hash choosing one, so memory stays flat however many keys a run sees.
 */
public final class KeyLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public KeyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs {@code work} holding the lock of {@code key} (case and surrounding blanks ignored; null: no lock). */
    public void run(String key, Runnable work) {
        if (key == null) {
            work.run();
            return;
        }
        ReentrantLock lock = locks[Math.floorMod(key.trim().toLowerCase(Locale.ROOT).hashCode(), STRIPES)];
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
