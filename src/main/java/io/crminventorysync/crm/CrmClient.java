package io.crminventorysync.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.http.PageLookahead;
import io.crminventorysync.http.ZohoApi;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.crminventorysync.http.ZohoErrors;
import io.crminventorysync.http.ZohoHttp;
import io.crminventorysync.http.ZohoRequest;
import io.crminventorysync.http.ZohoResponse;
import io.crminventorysync.http.ZohoTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Zoho CRM v7 records: list (paged, never the whole module in memory), single record, related list,
 * custom views, search, insert/update/upsert in batches of 100, deleted records.
 *
 * <p>Records are maps keyed by field API name, because the field set comes from the XML mappings.
 * The base URL ({@code sync.crm.api-url}) is resolved on every call, so it may name
 * {@code ${local.server.port}}.
 *
 * <p>At most 50 fields per list call: a longer list is refused with LIMIT_EXCEEDED rather than split
 * over several calls, because merging pages of separate listings by id is not safe while records
 * change between the calls, and it would multiply the API cost of every run.
 */
@Component("crmClient")
public class CrmClient {

    public static final int MAX_FIELDS = 50;
    public static final int PAGE_SIZE = 200;
    public static final int MAX_WRITE_BATCH = 100;
    /** Pages reachable by number; record 2,001 and beyond need page_token. */
    public static final int PAGES_WITHOUT_TOKEN = 10;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ZohoHttp http;
    private final SyncProperties properties;
    private final Environment environment;
    private final ObjectMapper mapper;

    public CrmClient(ZohoHttp http, SyncProperties properties, Environment environment, ObjectMapper mapper) {
        this.http = http;
        this.properties = properties;
        this.environment = environment;
        this.mapper = mapper;
    }

    // ---------------------------------------------------------------- reading

    /**
     * The pages of a listing, fetched one at a time as the iterator advances: pages 1 to 10 by number,
     * then by {@code info.next_page_token} (sent without {@code page}). No page when CRM answers 204 (no
     * records) or 304 (nothing modified since {@link CrmQuery#modifiedSince()}).
     */
    public Iterator<CrmPage> pages(CrmQuery query) {
        checkFields(query.module(), query.fields());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("fields", String.join(",", query.fields()));
        params.put("cvid", query.cvid());
        params.put("sort_by", query.sortBy());
        params.put("sort_order", query.sortOrder());
        return new PageIterator("/" + query.module(), "read", params, query.modifiedSince(), true);
    }

    /** Hands each page to {@code consumer} as soon as it arrives; only one page is held at a time. */
    public void forEachPage(CrmQuery query, Consumer<CrmPage> consumer) {
        pages(query).forEachRemaining(consumer);
    }

    /** The records of a listing as a lazy stream (pages fetched while the stream is consumed). */
    public Stream<Map<String, Object>> records(CrmQuery query) {
        Iterator<CrmPage> pages = pages(query);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false)
                .flatMap(p -> p.records().stream());
    }

    /** One record with all its fields (subforms included), or empty when there is no such record. */
    public Optional<Map<String, Object>> getRecord(String module, String id) {
        ZohoRequest request = request("read", "GET", "/" + module + "/" + id).build();
        ZohoResponse response = http.execute(request);
        if (response.status() == 204 || response.status() == 304) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            ZohoApiException e = ZohoErrors.decode(ZohoApi.CRM, mapper, request.context(), response.status(),
                    response.body());
            if (e.kind() == Kind.NOT_FOUND || (e.kind() == Kind.INVALID_DATA && "id".equals(e.field()))) {
                return Optional.empty();
            }
            throw e;
        }
        List<Map<String, Object>> data = data(read(request, response).get("data"));
        return data.isEmpty() ? Optional.empty() : Optional.of(data.get(0));
    }

    /**
     * The pages of a related list, e.g. the Contacts of an Account
     * ({@code forEachRelatedPage("Accounts", id, "Contacts", fields, ...)}).
     */
    public void forEachRelatedPage(String module, String recordId, String relatedList, List<String> fields,
                                   Consumer<CrmPage> consumer) {
        checkFields(module + "/" + relatedList, fields);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("fields", String.join(",", fields));
        new PageIterator("/" + module + "/" + recordId + "/" + relatedList, "read", params, null, true)
                .forEachRemaining(consumer);
    }

    /** All records of a related list (an account's contacts are few; use the paged form otherwise). */
    public List<Map<String, Object>> relatedRecords(String module, String recordId, String relatedList,
                                                    List<String> fields) {
        List<Map<String, Object>> out = new ArrayList<>();
        forEachRelatedPage(module, recordId, relatedList, fields, p -> out.addAll(p.records()));
        return out;
    }

    /** The custom views of a module (to choose a cvid); empty when it has none. */
    public List<CrmCustomView> customViews(String module) {
        ZohoRequest request = request("read", "GET", "/settings/custom_views").param("module", module).build();
        ZohoResponse response = ok(request, http.execute(request));
        if (response.status() == 204) {
            return List.of();
        }
        List<CrmCustomView> out = new ArrayList<>();
        for (JsonNode v : read(request, response).path("custom_views")) {
            out.add(new CrmCustomView(v.path("id").asText(), text(v, "name"), text(v, "display_value"),
                    text(v, "system_name"), v.path("system_defined").asBoolean(false),
                    v.path("default").asBoolean(false), text(v, "category")));
        }
        return out;
    }

    /**
     * Records matching a criteria expression such as {@code ((Account_Name:equals:Acme)and(...))}; values in
     * it must already be escaped with {@link #escapeCriteriaValue}. CRM returns at most 2,000 matches;
     * recently written records may be missing while its index catches up.
     */
    public List<Map<String, Object>> search(String module, String criteria) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int page = 1; page <= PAGES_WITHOUT_TOKEN; page++) {
            ZohoRequest request = request("search", "GET", "/" + module + "/search")
                    .param("criteria", criteria).param("page", page).param("per_page", PAGE_SIZE).build();
            ZohoResponse response = ok(request, http.execute(request));
            if (response.status() == 204) {
                break;
            }
            JsonNode root = read(request, response);
            out.addAll(data(root.get("data")));
            if (!root.path("info").path("more_records").asBoolean(false)) {
                break;
            }
        }
        return out;
    }

    /**
     * Records whose {@code field} equals {@code value} exactly. CRM's {@code equals} behaves like
     * "contains" on text, so its answer is filtered here to exact (case-sensitive) matches; for a lookup
     * field the lookup's name is compared.
     */
    public List<Map<String, Object>> searchEquals(String module, String field, String value) {
        String criteria = "(" + field + ":equals:" + escapeCriteriaValue(value) + ")";
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : search(module, criteria)) {
            Object v = r.get(field);
            if (v instanceof Map<?, ?> lookup) {
                v = lookup.get("name");
            }
            if (v != null && value.equals(v.toString())) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Escapes {@code (}, {@code )}, {@code ,} and the backslash itself with a backslash; the URL encoding
     * follows when sent. An unescaped trailing backslash ({@code Evil\}) would escape the closing
     * parenthesis and CRM would refuse the whole query (INVALID_QUERY), failing a push batch.
     */
    public static String escapeCriteriaValue(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if (c == '(' || c == ')' || c == ',' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Deleted records of a module ({@code type} all, recycle or permanent), page by page; entries carry
     * id, display_name, type, deleted_time, deleted_by.
     */
    public void forEachDeletedPage(String module, String type, Instant since, Consumer<CrmPage> consumer) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("type", type == null ? "all" : type);
        new PageIterator("/" + module + "/deleted", "read", params, since, false).forEachRemaining(consumer);
    }

    // ---------------------------------------------------------------- writing

    /** Creates records, 100 a call, without firing workflows; one result per record, in input order. */
    public List<CrmWriteResult> insert(String module, List<Map<String, Object>> records) {
        return write(module, "POST", "/" + module, records, null, false);
    }

    /** Updates records (each must carry "id"), 100 a call, without firing workflows. */
    public List<CrmWriteResult> update(String module, List<Map<String, Object>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).get("id") == null) {
                throw new IllegalArgumentException("CRM update of " + module + ": record " + i + " has no id");
            }
        }
        return write(module, "PUT", "/" + module, records, null, true);
    }

    /**
     * Inserts or updates records matched on {@code duplicateCheckFields} (null or empty: CRM's system key
     * of the module, e.g. Account_Name, Vendor_Name, Product_Name); results carry action insert/update.
     */
    public List<CrmWriteResult> upsert(String module, List<Map<String, Object>> records,
                                       List<String> duplicateCheckFields) {
        return write(module, "POST", "/" + module + "/upsert", records,
                duplicateCheckFields == null || duplicateCheckFields.isEmpty() ? null : duplicateCheckFields,
                true);
    }

    private List<CrmWriteResult> write(String module, String method, String path, List<Map<String, Object>> records,
                                       List<String> duplicateCheckFields, boolean idempotent) {
        List<CrmWriteResult> results = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += MAX_WRITE_BATCH) {
            List<Map<String, Object>> batch = records.subList(from, Math.min(from + MAX_WRITE_BATCH, records.size()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", batch);
            // An empty trigger list keeps CRM workflows, approvals and blueprints from firing on our writes.
            body.put("trigger", List.of());
            if (duplicateCheckFields != null) {
                body.put("duplicate_check_fields", duplicateCheckFields);
            }
            ZohoRequest request = request("write", method, path).json(json(body)).idempotent(idempotent).build();
            ZohoResponse response = http.execute(request);
            JsonNode root = response.hasBody() ? readOrNull(response.body()) : null;
            JsonNode data = root == null ? null : root.get("data");
            boolean perRecord = data != null && data.isArray() && data.size() == batch.size()
                    && (response.isSuccess() || response.status() == 400);
            if (!perRecord) {
                throw ZohoErrors.decode(ZohoApi.CRM, mapper, request.context(), response.status(), response.body());
            }
            for (int i = 0; i < batch.size(); i++) {
                results.add(result(from + i, data.get(i)));
            }
        }
        return results;
    }

    private CrmWriteResult result(int index, JsonNode item) {
        String rawCode = text(item, "code");
        boolean success = "success".equalsIgnoreCase(text(item, "status")) || "SUCCESS".equals(rawCode);
        JsonNode details = item.path("details");
        String field = text(details, "api_name");
        if (field == null) {
            field = text(item, "duplicate_field");
        }
        String duplicateOf = text(details.path("duplicate_record"), "id");
        Map<String, Object> detailMap = details.isObject() ? mapper.convertValue(details, MAP) : Map.of();
        return new CrmWriteResult(index, success ? CrmResultCode.SUCCESS : CrmResultCode.of(rawCode), rawCode,
                text(details, "id"), text(item, "action"), field, text(item, "message"), duplicateOf, detailMap);
    }

    // ---------------------------------------------------------------- plumbing

    private final class PageIterator extends PageLookahead<CrmPage> {
        private final String path;
        private final String kind;
        private final Map<String, Object> params;
        private final Instant modifiedSince;
        private final boolean tokenPaging;
        private int pageNumber = 1;
        private String pageToken;

        PageIterator(String path, String kind, Map<String, Object> params, Instant modifiedSince,
                     boolean tokenPaging) {
            this.path = path;
            this.kind = kind;
            this.params = params;
            this.modifiedSince = modifiedSince;
            this.tokenPaging = tokenPaging;
        }

        @Override
        protected CrmPage fetch() {
            ZohoRequest.Builder b = request(kind, "GET", path);
            params.forEach(b::param);
            if (pageToken != null) {
                // page_token replaces page: CRM answers AMBIGUITY_DURING_PROCESSING when both are sent.
                b.param("page_token", pageToken);
            } else {
                b.param("page", pageNumber);
            }
            b.param("per_page", PAGE_SIZE);
            if (modifiedSince != null) {
                b.header("If-Modified-Since", ZohoTime.formatCrm(modifiedSince, ZoneOffset.UTC));
            }
            ZohoRequest request = b.build();
            ZohoResponse response = ok(request, http.execute(request));
            int number = pageNumber;
            if (response.status() == 204 || response.status() == 304 || !response.hasBody()) {
                finish();
                return null;
            }
            JsonNode root = read(request, response);
            JsonNode info = root.path("info");
            boolean more = info.path("more_records").asBoolean(false);
            String token = text(info, "next_page_token");
            List<Map<String, Object>> records = data(root.get("data"));
            if (!more) {
                finish();
            } else if (tokenPaging && (pageToken != null || pageNumber >= PAGES_WITHOUT_TOKEN)) {
                if (token == null || token.isBlank()) {
                    throw new ZohoApiException(Kind.LIMIT_EXCEEDED, ZohoApi.CRM, request.context(),
                            response.status(), null, "more than " + pageNumber * PAGE_SIZE
                            + " records but no next_page_token to read on", null);
                }
                pageToken = token;
            }
            pageNumber++;
            return new CrmPage(number, records, more, token);
        }
    }

    private ZohoRequest.Builder request(String kind, String method, String path) {
        String base = environment.resolveRequiredPlaceholders(properties.getCrm().getApiUrl());
        return ZohoRequest.builder(ZohoApi.CRM, kind, method, base, path);
    }

    /** The response when it is a success (2xx or 304); the typed error otherwise. */
    private ZohoResponse ok(ZohoRequest request, ZohoResponse response) {
        if (response.isSuccess() || response.status() == 304) {
            return response;
        }
        throw ZohoErrors.decode(ZohoApi.CRM, mapper, request.context(), response.status(), response.body());
    }

    private JsonNode read(ZohoRequest request, ZohoResponse response) {
        JsonNode root = readOrNull(response.body());
        if (root == null) {
            throw new ZohoApiException(Kind.TRANSPORT, ZohoApi.CRM, request.context(), response.status(), null,
                    "the answer is not a JSON object", null);
        }
        return root;
    }

    private JsonNode readOrNull(String body) {
        try {
            JsonNode n = mapper.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private List<Map<String, Object>> data(JsonNode data) {
        if (data == null || !data.isArray()) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>(data.size());
        for (JsonNode r : data) {
            out.add(mapper.convertValue(r, MAP));
        }
        return out;
    }

    private String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("CRM record cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void checkFields(String what, List<String> fields) {
        Objects.requireNonNull(fields, "fields");
        if (fields.isEmpty()) {
            throw new ZohoApiException(Kind.MANDATORY_MISSING, ZohoApi.CRM, "GET /" + what, 0, null,
                    "a CRM listing needs at least one field name (fields is mandatory from v3 on)", "fields");
        }
        if (fields.size() > MAX_FIELDS) {
            throw new ZohoApiException(Kind.LIMIT_EXCEEDED, ZohoApi.CRM, "GET /" + what, 0, null,
                    "CRM lists at most " + MAX_FIELDS + " fields per call and " + fields.size()
                            + " were asked for; map fewer CRM fields for this module", "fields");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Reads a CRM timestamp such as {@code 2023-10-15T10:30:00+05:30}; null for null. */
    public static Instant parseTime(Object value) {
        return ZohoTime.parse(value);
    }
}
