package io.crminventorysync.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.http.ZohoApi;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.crminventorysync.http.ZohoErrors;
import io.crminventorysync.http.ZohoHttp;
import io.crminventorysync.http.ZohoRequest;
import io.crminventorysync.http.ZohoResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What the CRM reader ({@link CrmClient}) and writer ({@link CrmWriter}) share: the base URL (resolved
 * on every call, so it may name {@code ${local.server.port}}), sending, and reading CRM's JSON.
 */
@Component
class CrmCalls {

    static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    final ZohoHttp http;
    final ObjectMapper mapper;
    private final SyncProperties properties;
    private final Environment environment;

    CrmCalls(ZohoHttp http, SyncProperties properties, Environment environment, ObjectMapper mapper) {
        this.http = http;
        this.properties = properties;
        this.environment = environment;
        this.mapper = mapper;
    }

    ZohoRequest.Builder request(String kind, String method, String path) {
        String base = environment.resolveRequiredPlaceholders(properties.getCrm().getApiUrl());
        return ZohoRequest.builder(ZohoApi.CRM, kind, method, base, path);
    }

    ZohoResponse execute(ZohoRequest request) {
        return http.execute(request);
    }

    /** The response when it is a success (2xx or 304); the typed error otherwise. */
    ZohoResponse ok(ZohoRequest request, ZohoResponse response) {
        if (response.isSuccess() || response.status() == 304) {
            return response;
        }
        throw ZohoErrors.decode(ZohoApi.CRM, mapper, request.context(), response.status(), response.body());
    }

    JsonNode read(ZohoRequest request, ZohoResponse response) {
        JsonNode root = readOrNull(response.body());
        if (root == null) {
            throw new ZohoApiException(Kind.TRANSPORT, ZohoApi.CRM, request.context(), response.status(), null,
                    "the answer is not a JSON object", null);
        }
        return root;
    }

    JsonNode readOrNull(String body) {
        try {
            JsonNode n = mapper.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    List<Map<String, Object>> data(JsonNode data) {
        if (data == null || !data.isArray()) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>(data.size());
        for (JsonNode r : data) {
            out.add(mapper.convertValue(r, MAP));
        }
        return out;
    }

    String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("CRM record cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
