package io.crminventorysync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a free local port that takes the sandbox's callbacks (CRM notifications,
 * Inventory webhooks) and keeps them for the test to read, with the thread that sent each.
 */
final class CallbackReceiver implements AutoCloseable {

    /** One received POST: its path and query, headers (lower-case names), JSON body and arrival time. */
    record Received(String pathAndQuery, Map<String, List<String>> headers, JsonNode body, long atMillis) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile int answerStatus = 200;

    CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
            String query = exchange.getRequestURI().getRawQuery();
            received.add(new Received(exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query),
                    headers, JSON.readTree(new String(body, StandardCharsets.UTF_8)), System.currentTimeMillis()));
            exchange.sendResponseHeaders(answerStatus, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL of {@code pathAndQuery} on this receiver. */
    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    /** Answers every later callback with this status. */
    void answerWith(int status) {
        this.answerStatus = status;
    }

    /** Waits until {@code n} callbacks have arrived (in all), failing after {@code timeout}; returns them in order. */
    List<Received> await(int n, Duration timeout) {
        List<Received> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < n) {
            long left = deadline - System.nanoTime();
            Received r;
            try {
                r = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (r == null) {
                throw new AssertionError("expected " + n + " callbacks within " + timeout + ", got " + out.size() + ": " + out);
            }
            out.add(r);
        }
        return out;
    }

    /** Callbacks that arrive within {@code window} (none expected is a valid answer). */
    List<Received> collect(Duration window) {
        List<Received> out = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            try {
                Received r = received.poll(left, TimeUnit.NANOSECONDS);
                if (r != null) {
                    out.add(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
