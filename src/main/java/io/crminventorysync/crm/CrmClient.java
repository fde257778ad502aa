package io.crminventorysync.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.crminventorysync.http.PageLookahead;
import io.crminventorysync.http.ZohoApi;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.crminventorysync.http.ZohoErrors;
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
import java.util.function.Consumer;
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
    /** Pages reachable by number; record 2,001 and beyond need page_token. */
    public static final int PAGES_WITHOUT_TOKEN = 10;

    private final CrmCalls calls;

    CrmClient(CrmCalls calls) {
        this.calls = calls;
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
        params.put("ids", query.ids() == null ? null : String.join(",", query.ids()));
        return new PageIterator("/" + query.module(), "read", params, query.modifiedSince(), true);
    }

    /** One record with all its fields (subforms included), or empty when there is no such record. */
    public Optional<Map<String, Object>> getRecord(String module, String id) {
        ZohoRequest request = calls.request("read", "GET", "/" + module + "/" + id).build();
        ZohoResponse response = calls.execute(request);
        if (response.status() == 204 || response.status() == 304) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            ZohoApiException e = ZohoErrors.decode(ZohoApi.CRM, calls.mapper, request.context(), response.status(),
                    response.body());
            if (e.kind() == Kind.NOT_FOUND || (e.kind() == Kind.INVALID_DATA && "id".equals(e.field()))) {
                return Optional.empty();
            }
            throw e;
        }
        List<Map<String, Object>> data = calls.data(calls.read(request, response).get("data"));
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
        ZohoRequest request = calls.request("read", "GET", "/settings/custom_views").param("module", module).build();
        ZohoResponse response = calls.ok(request, calls.execute(request));
        if (response.status() == 204) {
            return List.of();
        }
        List<CrmCustomView> out = new ArrayList<>();
        for (JsonNode v : calls.read(request, response).path("custom_views")) {
            out.add(new CrmCustomView(v.path("id").asText(), CrmCalls.text(v, "name"), CrmCalls.text(v, "display_value"),
                    CrmCalls.text(v, "system_name"), v.path("system_defined").asBoolean(false),
                    v.path("default").asBoolean(false), CrmCalls.text(v, "category")));
        }
        return out;
    }

    /** The fields of a module, custom fields included, from CRM's metadata (to offer in a mapping). */
    public List<CrmField> fields(String module) {
        ZohoRequest request = calls.request("read", "GET", "/settings/fields").param("module", module).build();
        ZohoResponse response = calls.ok(request, calls.execute(request));
        if (response.status() == 204) {
            return List.of();
        }
        List<CrmField> out = new ArrayList<>();
        for (JsonNode f : calls.read(request, response).path("fields")) {
            out.add(new CrmField(f.path("api_name").asText(), CrmCalls.text(f, "field_label"), CrmCalls.text(f, "data_type"),
                    f.path("custom_field").asBoolean(false), f.path("read_only").asBoolean(false)));
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
            ZohoRequest request = calls.request("search", "GET", "/" + module + "/search")
                    .param("criteria", criteria).param("page", page).param("per_page", PAGE_SIZE).build();
            ZohoResponse response = calls.ok(request, calls.execute(request));
            if (response.status() == 204) {
                break;
            }
            JsonNode root = calls.read(request, response);
            out.addAll(calls.data(root.get("data")));
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
    public Iterator<CrmPage> deletedPages(String module, String type, Instant since) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("type", type == null ? "all" : type);
        return new PageIterator("/" + module + "/deleted", "read", params, since, false);
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
            ZohoRequest.Builder b = calls.request(kind, "GET", path);
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
            ZohoResponse response = calls.ok(request, calls.execute(request));
            int number = pageNumber;
            if (response.status() == 204 || response.status() == 304 || !response.hasBody()) {
                finish();
                return null;
            }
            JsonNode root = calls.read(request, response);
            JsonNode info = root.path("info");
            boolean more = info.path("more_records").asBoolean(false);
            String token = CrmCalls.text(info, "next_page_token");
            List<Map<String, Object>> records = calls.data(root.get("data"));
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

    /** Reads a CRM timestamp such as {@code 2023-10-15T10:30:00+05:30}; null for null. */
    public static Instant parseTime(Object value) {
        return ZohoTime.parse(value);
    }
}
