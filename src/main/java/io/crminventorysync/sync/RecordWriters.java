package io.crminventorysync.sync;

import io.crminventorysync.http.InventoryPace;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads that write a run's records to Inventory in parallel: records are independent (an
 * account travels with its persons, a product waits for its vendor), and at Zoho's pace one write at
 * a time leaves a third of the budget unused. As many at once as {@link InventoryPace#writers()}
 * says (the budget times the measured answer time); a task offered beyond that waits for a place,
 * which holds back whoever offers it (the run reading its pages, the aggregator completing groups).
 * {@link #awaitIdle()} waits until every task given is done: a run closes only after its writes.
 */
public final class RecordWriters extends AbstractExecutorService {

    private final ExecutorService pool;
    private final InventoryPace pace;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int running;

    public RecordWriters(ExecutorService pool, InventoryPace pace) {
        this.pool = pool;
        this.pace = pace;
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            while (running >= pace.writers()) {
                changed.awaitUninterruptibly();
            }
            running++;
        } finally {
            lock.unlock();
        }
        try {
            pool.execute(() -> {
                try {
                    task.run();
                } finally {
                    done();
                }
            });
        } catch (RuntimeException e) {
            done();
            throw e;
        }
    }

    private void done() {
        lock.lock();
        try {
            running--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns once every task given so far has ended. */
    public void awaitIdle() {
        lock.lock();
        try {
            while (running > 0) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
