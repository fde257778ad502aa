package io.crminventorysync.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code sync.security.max-request-size} of request body on /api and the sandbox's admin
 * API: a declared Content-Length above it is answered 413 before a byte is read; a body without one
 * (chunked) fails with {@link TooLargeException} the moment it passes the limit, which the API's
 * error handling answers 413 as well.
 */
final class ApiBodyLimit extends OncePerRequestFilter {

    /** The body grew past the limit while it was being read. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes (sync.security.max-request-size)");
        }
    }

    private final long maxBytes;
    private final String setting;

    ApiBodyLimit(long maxBytes) {
        this(maxBytes, "sync.security.max-request-size");
    }

    /** A limit named by another setting (the hooks' sync.notifications.max-body-size). */
    ApiBodyLimit(long maxBytes, String setting) {
        this.maxBytes = maxBytes;
        this.setting = setting;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            ApiErrorBody.write(response, 413, "the request body is larger than " + maxBytes
                    + " bytes (" + setting + ")", null, ApiErrorBody.TOO_LARGE);
            return;
        }
        chain.doFilter(new Limited(request, maxBytes), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), maxBytes);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        Counting(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        private int count(int n) throws IOException {
            if (n > 0) {
                read += n;
                if (read > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return count(in.read(b, off, len));
        }

        @Override public boolean isFinished() { return in.isFinished(); }
        @Override public boolean isReady() { return in.isReady(); }
        @Override public void setReadListener(ReadListener listener) { in.setReadListener(listener); }
    }
}
