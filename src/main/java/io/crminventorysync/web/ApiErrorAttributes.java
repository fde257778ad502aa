package io.crminventorysync.web;

import jakarta.servlet.RequestDispatcher;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors of /api that happen before or outside a controller (no such path 404, wrong method 405,
 * wrong content type 415, a container refusal) reach Spring Boot's /error page; for /api paths it
 * answers in the API's one error shape instead of Spring's own. Other paths keep Spring's answer.
 */
@Component
public class ApiErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI, RequestAttributes.SCOPE_REQUEST);
        if (!(uri instanceof String path) || !(path.equals("/api") || path.startsWith("/api/"))) {
            return super.getErrorAttributes(request, options);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE, RequestAttributes.SCOPE_REQUEST);
        int status = code instanceof Integer i ? i : 500;
        Throwable error = getError(request);
        return switch (status) {
            case 404 -> ApiErrorBody.of("no such endpoint: " + path + " (the endpoints are listed in the README, "
                    + "\"Control plane\", and at /v3/api-docs)", null, ApiErrorBody.NOT_FOUND);
            case 405 -> ApiErrorBody.of(error instanceof HttpRequestMethodNotSupportedException e
                    ? e.getMethod() + " is not allowed on " + path + "; allowed: " + String.join(", ",
                            e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods())
                    : "method not allowed on " + path, null, ApiErrorBody.METHOD_NOT_ALLOWED);
            case 415 -> ApiErrorBody.of(error instanceof HttpMediaTypeNotSupportedException e
                    ? "content type " + e.getContentType() + " is not supported here; send " + e.getSupportedMediaTypes()
                    : "unsupported content type; send application/json", "Content-Type", ApiErrorBody.UNSUPPORTED_MEDIA_TYPE);
            case 406 -> ApiErrorBody.of(error instanceof HttpMediaTypeNotAcceptableException e
                    ? "cannot answer in the accepted types; the API answers " + e.getSupportedMediaTypes()
                    : "cannot answer in the accepted types; the API answers application/json", "Accept", "NOT_ACCEPTABLE");
            case 413 -> ApiErrorBody.of("the request body is too large", null, ApiErrorBody.TOO_LARGE);
            default -> ApiErrorBody.of(status >= 500 ? "internal error; the service log has the details"
                    : HttpStatus.resolve(status) != null ? HttpStatus.resolve(status).getReasonPhrase() : "refused",
                    null, status >= 500 ? "INTERNAL" : "BAD_REQUEST");
        };
    }
}
