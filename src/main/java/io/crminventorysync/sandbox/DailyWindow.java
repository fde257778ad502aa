package io.crminventorysync.sandbox;

import java.util.Arrays;

/**
 * A rolling 24-hour count (Inventory's daily call cap, CRM's API credits) in one bucket per minute,
 * so its memory stays the same however many calls are made. A unit leaves the window 24 hours
 * after the minute it was taken in, which is as close as a per-minute bucket gets to Zoho's
 * rolling window.
 */
final class DailyWindow {

    private static final int MINUTES = 24 * 60;

    private final long[] minuteOf = new long[MINUTES];
    private final long[] units = new long[MINUTES];

    DailyWindow() {
        Arrays.fill(minuteOf, Long.MIN_VALUE);
    }

    /** Takes {@code n} units if the window then holds no more than {@code cap}; false (nothing taken) otherwise. */
    synchronized boolean tryTake(long nowMillis, long n, long cap) {
        long used = used(nowMillis);
        if (used + n > cap) {
            return false;
        }
        long minute = Math.floorDiv(nowMillis, 60_000L);
        int slot = (int) Math.floorMod(minute, (long) MINUTES);
        if (minuteOf[slot] != minute) {
            minuteOf[slot] = minute;
            units[slot] = 0;
        }
        units[slot] += n;
        return true;
    }

    /** Gives back units taken this minute (a call refused by a later check). */
    synchronized void giveBack(long nowMillis, long n) {
        long minute = Math.floorDiv(nowMillis, 60_000L);
        int slot = (int) Math.floorMod(minute, (long) MINUTES);
        if (minuteOf[slot] == minute) {
            units[slot] = Math.max(0, units[slot] - n);
        }
    }

    /** Units taken in the 24 hours up to now. */
    synchronized long used(long nowMillis) {
        long minute = Math.floorDiv(nowMillis, 60_000L);
        long total = 0;
        for (int i = 0; i < MINUTES; i++) {
            long m = minuteOf[i];
            if (m <= minute && m > minute - MINUTES) {
                total += units[i];
            }
        }
        return total;
    }

    synchronized void clear() {
        Arrays.fill(minuteOf, Long.MIN_VALUE);
        Arrays.fill(units, 0);
    }
}
