package io.crminventorysync.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an answer into a string, but never more than {@code sync.http.max-response-size} bytes: a
 * huge or endless body (a misbehaving proxy, a broken page) fails that one call with
 * {@link TooLargeException} instead of filling the heap. A Content-Length above the limit is refused
 * before a byte of the body is read; a body without one is counted as it arrives and dropped the
 * moment it passes the limit.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** The answer was larger than the limit; the connection was abandoned. */
    public static final class TooLargeException extends IOException {
        private final long limit;

        TooLargeException(long limit, String how) {
            super("the answer is larger than " + limit + " bytes (" + how + "), sync.http.max-response-size");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /** A body handler that yields the UTF-8 body, or fails with {@link TooLargeException} past {@code maxBytes}. */
    public static HttpResponse.BodyHandler<String> ofString(long maxBytes) {
        return info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
            if (declared > maxBytes) {
                return failed(new TooLargeException(maxBytes, "Content-Length " + declared));
            }
            return new Capped(maxBytes);
        };
    }

    /** The TooLargeException in a failure's causes, or null. */
    public static TooLargeException tooLarge(Throwable t) {
        for (; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TooLargeException e) {
                return e;
            }
        }
        return null;
    }

    private static BodySubscriber<String> failed(TooLargeException e) {
        return new BodySubscriber<>() {
            private final CompletableFuture<String> result = CompletableFuture.failedFuture(e);

            @Override public CompletionStage<String> getBody() { return result; }
            @Override public void onSubscribe(Flow.Subscription subscription) { subscription.cancel(); }
            @Override public void onNext(List<ByteBuffer> item) { }
            @Override public void onError(Throwable throwable) { }
            @Override public void onComplete() { }
        };
    }

    private static final class Capped implements BodySubscriber<String> {
        private final long maxBytes;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private long received;

        Capped(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
                if (received > maxBytes) {
                    subscription.cancel();
                    buffer.reset();
                    result.completeExceptionally(new TooLargeException(maxBytes, "more than that arrived"));
                    return;
                }
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                buffer.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toString(StandardCharsets.UTF_8));
        }
    }
}
