package io.crminventorysync.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver over real HTTP: the JDK's HttpServer on a random loopback port. It keeps
 * every request it got, answers 200 unless told to answer something else first, and can hold its
 * answers back, as a receiver that hangs does. One per test JVM, since the Spring context that
 * points at it is cached.
 */
final class AlertReceiver {

    /** One request as it arrived, and the status it was answered (or is to be answered) with. */
    record Received(String method, String path, String query, String contentType, Map<String, Object> body, int status) {

        long runId() {
            return ((Number) body.get("runId")).longValue();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "alert-receiver");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** status and Retry-After seconds (negative: no header) of the next answers */
    private final Deque<int[]> nextAnswers = new ArrayDeque<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CountDownLatch hold;

    private AlertReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // handlers that hold their answer must not hold the server's one dispatcher thread
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static AlertReceiver start() {
        try {
            return new AlertReceiver();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the alert receiver", e);
        }
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next requests are answered with these statuses, in order; then 200 again. */
    synchronized void answerNext(int... statuses) {
        for (int s : statuses) {
            nextAnswers.addLast(new int[] {s, -1});
        }
    }

    /** The next request is answered with this status and a Retry-After of so many seconds. */
    synchronized void answerNextWithRetryAfter(int status, int seconds) {
        nextAnswers.addLast(new int[] {status, seconds});
    }

    /** From now on every request waits (at most a minute) before it is answered, until {@link #release}. */
    void holdAnswers() {
        hold = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    /** Requests that arrived and wait for their answer. */
    int waiting() {
        return waiting.get();
    }

    /** Every request whose alert is about this run, in the order they came. */
    List<Received> alertsOf(long runId) {
        return received.stream().filter(r -> r.body().get("runId") != null && r.runId() == runId).toList();
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    synchronized void reset() {
        release();
        nextAnswers.clear();
        received.clear();
    }

    private synchronized int[] nextAnswer() {
        int[] answer = nextAnswers.pollFirst();
        return answer == null ? new int[] {200, -1} : answer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, Object> body = JSON.readValue(in.readAllBytes(), new TypeReference<>() { });
            int[] answer = nextAnswer();
            int status = answer[0];
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            CountDownLatch h = hold;
            if (h != null) {
                waiting.incrementAndGet();
                try {
                    h.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    waiting.decrementAndGet();
                }
            }
            if (answer[1] >= 0) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(answer[1]));
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }
}
