package io.crminventorysync.sync;

import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run in progress on this node: its settings snapshot, where it reads from, and its counters.
 * Routes carry it in the exchange property {@link SyncExchange#RUN}.
 */
public final class RunProgress {

    /**
     * Per flow, every record read ends in exactly one of the others:
     * read = created + updated + unchanged + skipped + failed + notCopied.
     */
    public enum Count { READ, CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED, NOT_COPIED }

    private final long runId;
    private final SyncModule module;
    private final Trigger trigger;
    private final ModuleSettings settings;
    private final Instant startedAt;
    private final Instant pullSince;
    private final Instant pushSince;
    private final RunRequest request;
    private final Map<Flow, Map<Count, AtomicInteger>> counts = new EnumMap<>(Flow.class);
    private volatile Throwable failure;
    /** A preview's entries so far (the plan keeps at most sync.preview.max-entries; the counts stay exact). */
    private final AtomicInteger planned = new AtomicInteger();
    private final Map<String, Object> scoped = new java.util.concurrent.ConcurrentHashMap<>();
    /** A preview's records it would create first (a product's vendor): module:crmId to a placeholder id. */
    private final Map<String, String> plannedBindings = new ConcurrentHashMap<>();
    /** CRM records whose pair this run unlinked (delete policy UNLINK): not created again by the same run. */
    private final Set<String> unlinked = ConcurrentHashMap.newKeySet();

    RunProgress(long runId, SyncModule module, RunRequest request, ModuleSettings settings, Instant startedAt,
            Instant pullSince, Instant pushSince) {
        this.request = request;
        Trigger trigger = request.trigger();
        this.runId = runId;
        this.module = module;
        this.trigger = trigger;
        this.settings = settings;
        this.startedAt = startedAt;
        this.pullSince = pullSince;
        this.pushSince = pushSince;
        for (Flow d : Flow.values()) {
            Map<Count, AtomicInteger> m = new EnumMap<>(Count.class);
            for (Count c : Count.values()) {
                m.put(c, new AtomicInteger());
            }
            counts.put(d, m);
        }
    }

    public long runId() { return runId; }
    public SyncModule module() { return module; }
    public Trigger trigger() { return trigger; }
    public ModuleSettings settings() { return settings; }
    public Instant startedAt() { return startedAt; }

    /** If-Modified-Since of this run's CRM reads; null means a full read. */
    public Instant pullSince() { return pullSince; }

    /** Where this run's Inventory reads stop (last_modified_time, newest first); null means a full read. */
    public Instant pushSince() { return pushSince; }

    public void add(Flow flow, Count count) {
        add(flow, count, 1);
    }

    public void add(Flow flow, Count count, int n) {
        counts.get(flow).get(count).addAndGet(n);
    }

    public int get(Flow flow, Count count) {
        return counts.get(flow).get(count).get();
    }

    public RunSummary.Counts counts(Flow d) {
        return new RunSummary.Counts(get(d, Count.READ), get(d, Count.CREATED), get(d, Count.UPDATED),
                get(d, Count.UNCHANGED), get(d, Count.SKIPPED), get(d, Count.FAILED), get(d, Count.NOT_COPIED));
    }

    /** A full pass (reconciliation): everything read on both sides, vanished and drifted records repaired. */
    public boolean full() {
        return request.full();
    }

    /** A preview: reads, maps and plans as a sync would, and writes nothing on either side. */
    public boolean dryRun() {
        return request.dryRun();
    }

    /** Counts one more plan entry of a preview; false once the plan is full. */
    public boolean plan(int maxEntries) {
        return planned.incrementAndGet() <= maxEntries;
    }

    /** In a preview: the records it would create first, so what looks them up maps as it would. */
    public Map<String, String> plannedBindings() {
        return plannedBindings;
    }

    /** The CRM records a retry is limited to (null: not limited). */
    public Set<String> crmScope() {
        return request.crmIds();
    }

    /** The Inventory records a retry is limited to (null: not limited). */
    public Set<String> inventoryScope() {
        return request.inventoryIds();
    }

    /** The CRM records a notification run was told were deleted (empty for every other run). */
    public Set<String> crmDeleted() {
        return request.crmDeleted();
    }

    /** A run that moves the cursors when it succeeds: not a preview, not a retry of named records. */
    public boolean movesCursors() {
        return !request.dryRun() && !request.scoped();
    }

    /** Notes a pair this run unlinked: its CRM record is not created again in this run. */
    public void unlinked(String crmId) {
        unlinked.add(crmId);
    }

    public boolean wasUnlinked(String crmId) {
        return unlinked.contains(crmId);
    }

    /**
     * What a step keeps for the length of the run (e.g. the listing of Inventory's items the key
     * checks of new products use), made once by the first step that needs it; gone with the run.
     */
    @SuppressWarnings("unchecked")
    public <T> T scoped(String key, java.util.function.Supplier<T> make) {
        return (T) scoped.computeIfAbsent(key, k -> make.get());
    }

    /** The failure that stopped the whole run (not a failed record), if any. */
    public Throwable failure() {
        return failure;
    }

    void fail(Throwable t) {
        this.failure = t;
    }

    /** Records read in a flow that no count has taken yet (a run that stopped part way). */
    public int unaccounted(Flow flow) {
        int handled = 0;
        for (Count c : Count.values()) {
            if (c != Count.READ) {
                handled += get(flow, c);
            }
        }
        return Math.max(0, get(flow, Count.READ) - handled);
    }

    public boolean anyFailed() {
        return get(Flow.PULL, Count.FAILED) > 0 || get(Flow.PUSH, Count.FAILED) > 0;
    }

    @Override
    public String toString() {
        return "run " + runId + " of " + module + " (" + trigger + ")";
    }
}
