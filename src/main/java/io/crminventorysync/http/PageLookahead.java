package io.crminventorysync.http;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A lazy iterator over API pages: a page is fetched when {@link #hasNext()} needs to know whether
 * there is one, never earlier, so a caller holds one page at a time.
 */
public abstract class PageLookahead<T> implements Iterator<T> {

    private boolean finished;
    private T next;

    /** Fetches the next page, or returns null when there is none; calls {@link #finish()} after the last. */
    protected abstract T fetch();

    /** No page after the one being fetched. */
    protected final void finish() {
        finished = true;
    }

    @Override
    public final boolean hasNext() {
        if (next == null && !finished) {
            next = fetch();
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T page = next;
        next = null;
        return page;
    }
}
