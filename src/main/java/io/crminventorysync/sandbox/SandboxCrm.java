package io.crminventorysync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The simulated Zoho CRM v7 records API: Accounts, Contacts, Vendors and Products with lists,
 * single records, related lists, custom views, search, deleted records and writes, refusing what
 * Zoho refuses with Zoho's codes and shapes (reference/zoho-api.md section 1).
 *
 * <p>Every insert, update and delete made through the API or the admin bean is published to
 * {@link SandboxWatch} once its table lock is released, one notification per module and
 * operation; the bulk loads (demo data, generate) are not, as a data import would not be.
 */
@Component
@SandboxEnabled
public class SandboxCrm {

    static final int MAX_FIELDS = 50;
    static final int MAX_PER_PAGE = 200;
    static final int DISCRETE_LIMIT = 2_000;
    static final int DISCRETE_PAGES = 10;
    static final int TOKEN_LIMIT = 100_000;
    static final int MAX_WRITE = 100;
    static final int SEARCH_LIMIT = 2_000;
    static final long TOKEN_VALIDITY_MS = 24L * 3600 * 1000;
    static final List<String> SORT_FIELDS = List.of("id", "Created_Time", "Modified_Time");

    /** First id handed to records created through the API or the admin bean; demo records sit below it. */
    static final long FIRST_ID = 4150868000001000001L;

    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^[0-9+()\\-. x#*/]*[0-9][0-9+()\\-. x#*/]*$");
    private static final Pattern API_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");
    /** Recycle-bin entries can be fetched for 60 days, permanently deleted ones for 120 (Zoho). */
    static final long RECYCLE_DAYS_MS = 60L * 24 * 3_600_000L;
    static final long PERMANENT_DAYS_MS = 120L * 24 * 3_600_000L;

    /** One page-token's state: where the next page starts and what query it belongs to. */
    record PageCursor(String binding, long sortValue, long id, int page, int delivered, long expiresAt) {
    }

    private final SandboxClock clock;
    private final SandboxStats stats;
    private final ObjectMapper json;
    private final SandboxWatch watch;
    private final Map<String, CrmTable> tables = new LinkedHashMap<>();
    private final ConcurrentSkipListMap<Long, CustomView> views = new ConcurrentSkipListMap<>();
    private final Map<String, PageCursor> pageTokens = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(FIRST_ID);

    public SandboxCrm(SandboxClock clock, SandboxStats stats, ObjectMapper json, SandboxWatch watch) {
        this.clock = clock;
        this.stats = stats;
        this.json = json;
        this.watch = watch;
        for (CrmModule m : CrmModule.ALL.values()) {
            tables.put(m.name, new CrmTable(m));
        }
        addSystemViews();
    }

    // ------------------------------------------------------------------ state

    /** Empties every module, the views (back to the system ones) and the page tokens. Ids keep counting. */
    void clear() {
        tables.values().forEach(CrmTable::clear);
        views.clear();
        pageTokens.clear();
        addSystemViews();
    }

    private void addSystemViews() {
        long base = 4150868000000087501L;
        for (String module : tables.keySet()) {
            addView(new CustomView(base, module, "All " + module, "ALLVIEWS", true, true, "public_views", null, null,
                    clock.millis()));
            base += 6;
        }
    }

    void addView(CustomView view) {
        views.put(view.id(), view);
    }

    long newId() {
        return nextId.getAndIncrement();
    }

    CrmTable table(String module) {
        CrmTable t = tables.get(module);
        if (t == null) {
            throw CrmError.of(400, "INVALID_MODULE", "the module name given seems to be invalid", "resource_path_index", 0);
        }
        return t;
    }

    Collection<CrmTable> tables() {
        return tables.values();
    }

    Collection<CustomView> views() {
        return views.values();
    }

    // ------------------------------------------------------------------ reads

    ResponseEntity<Object> list(String module, Map<String, String> params, String ifModifiedSince) {
        CrmTable t = table(module);
        return page(t, params, ifModifiedSince, null, module, true);
    }

    ResponseEntity<Object> related(String module, String id, String relatedList, Map<String, String> params,
                                   String ifModifiedSince) {
        CrmTable parent = table(module);
        Related rel = relation(module, relatedList);
        long parentId = parseId(id);
        if (parent.byId.get(parentId) == null) {
            throw CrmError.of(400, "INVALID_DATA", "the related id given seems to be invalid", "id", id);
        }
        CrmTable child = table(rel.childModule);
        long[] ids = child.byLookup.get(rel.lookupField).get(String.valueOf(parentId));
        List<Long> subset = new ArrayList<>(ids.length);
        for (long l : ids) {
            subset.add(l);
        }
        return page(child, params, ifModifiedSince, subset, module + "/" + id + "/" + relatedList, false);
    }

    private record Related(String childModule, String lookupField) {
    }

    private static Related relation(String module, String relatedList) {
        if (CrmModule.ACCOUNTS.equals(module) && CrmModule.CONTACTS.equals(relatedList)) {
            return new Related(CrmModule.CONTACTS, "Account_Name");
        }
        if (CrmModule.VENDORS.equals(module) && CrmModule.PRODUCTS.equals(relatedList)) {
            return new Related(CrmModule.PRODUCTS, "Vendor_Name");
        }
        if (CrmModule.VENDORS.equals(module) && CrmModule.CONTACTS.equals(relatedList)) {
            return new Related(CrmModule.CONTACTS, "Vendor_Name");
        }
        throw CrmError.of(400, "INVALID_DATA", "the related list given seems to be invalid",
                "api_name", relatedList);
    }

    ResponseEntity<Object> getOne(String module, String id, Map<String, String> params) {
        CrmTable t = table(module);
        CrmRecord r = t.byId.get(parseId(id));
        if (r == null) {
            return ResponseEntity.noContent().build();
        }
        List<String> fields = params.containsKey("fields") ? splitFields(params.get("fields")) : null;
        return SandboxGate.json(200, Map.of("data", List.of(render(t, r, fields))));
    }

    private ResponseEntity<Object> page(CrmTable t, Map<String, String> params, String ifModifiedSince,
                                        List<Long> subset, String scope, boolean viewsAllowed) {
        String fieldsParam = params.get("fields");
        if (fieldsParam == null || fieldsParam.isBlank()) {
            throw CrmError.of(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    "param_name", "fields");
        }
        List<String> fields = splitFields(fieldsParam);
        if (fields.size() > MAX_FIELDS) {
            throw CrmError.of(400, "LIMIT_EXCEEDED", "the limit exceeds", "limit", MAX_FIELDS, "param_name", "fields");
        }
        String token = params.get("page_token");
        if (token != null && params.containsKey("page")) {
            throw CrmError.of(400, "AMBIGUITY_DURING_PROCESSING", "ambiguity while processing the request",
                    "ambiguity_due_to", List.of("page", "page_token"));
        }
        if (params.containsKey("cvid") && params.containsKey("sort_by")) {
            throw CrmError.of(400, "AMBIGUITY_DURING_PROCESSING", "ambiguity while processing the request",
                    "ambiguity_due_to", List.of("cvid", "sort_by"));
        }
        int perPage = intParam(params, "per_page", MAX_PER_PAGE);
        if (perPage > MAX_PER_PAGE) {
            throw CrmError.of(400, "LIMIT_EXCEEDED", "the limit exceeds", "limit", MAX_PER_PAGE, "param_name", "per_page");
        }
        int page = intParam(params, "page", 1);
        String sortBy = params.getOrDefault("sort_by", "id");
        if (!SORT_FIELDS.contains(sortBy)) {
            throw CrmError.of(400, "INVALID_DATA", "invalid data", "param_name", "sort_by",
                    "supported_values", SORT_FIELDS);
        }
        String sortOrder = params.getOrDefault("sort_order", "desc");
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            throw CrmError.of(400, "INVALID_DATA", "invalid data", "param_name", "sort_order",
                    "supported_values", List.of("asc", "desc"));
        }
        boolean asc = sortOrder.equals("asc");
        CustomView view = null;
        if (params.containsKey("cvid")) {
            view = viewsAllowed ? viewOf(t.module.name, params.get("cvid")) : null;
            if (view == null) {
                throw CrmError.of(400, "INVALID_DATA", "invalid data", "param_name", "cvid");
            }
        }
        Set<Long> ids = null;
        if (params.containsKey("ids")) {
            ids = new HashSet<>();
            for (String s : params.get("ids").split(",")) {
                if (!s.trim().matches("\\d{1,19}")) {
                    throw CrmError.of(400, "INVALID_DATA", "invalid data", "param_name", "ids");
                }
                ids.add(Long.parseLong(s.trim()));
            }
        }
        Long since = null;
        if (ifModifiedSince != null) {
            since = SandboxClock.parse(ifModifiedSince);
            if (since == null) {
                throw CrmError.of(400, "INVALID_DATA", "invalid data", "header_name", "If-Modified-Since");
            }
        }
        String binding = binding(scope, params);
        PageCursor after = null;
        int offset;
        int cap;
        if (token != null) {
            after = pageTokens.get(token);
            if (after == null) {
                throw CrmError.of(400, "INVALID_DATA", "invalid data", "param_name", "page_token");
            }
            if (after.expiresAt <= clock.millis()) {
                pageTokens.remove(token);
                throw CrmError.of(400, "EXPIRED_VALUE", "the given page_token has expired", "param_name", "page_token");
            }
            if (!after.binding.equals(binding)) {
                throw CrmError.of(400, "TOKEN_BOUND_DATA_MISMATCH",
                        "the page_token is bound to other parameters than the ones given", "param_name", "page_token");
            }
            if (after.delivered >= TOKEN_LIMIT) {
                throw CrmError.of(400, "PAGINATION_LIMIT_EXCEEDED", "pagination limit exceeded", "limit", TOKEN_LIMIT);
            }
            page = after.page;
            offset = 0;
            cap = Math.min(perPage, TOKEN_LIMIT - after.delivered);
        } else {
            offset = (page - 1) * perPage;
            // Zoho states both rules: pages 1-10 only, and nothing past record 2,000.
            if (page > DISCRETE_PAGES || offset >= DISCRETE_LIMIT) {
                throw CrmError.of(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                        "the maximum number of records that can be fetched with page is " + DISCRETE_LIMIT
                                + "; use page_token", "limit", DISCRETE_LIMIT);
            }
            cap = Math.min(perPage, DISCRETE_LIMIT - offset);
        }

        Long sinceSecond = since == null ? null : Math.floorDiv(since, 1000);
        Set<Long> idFilter = ids;
        CustomView viewFilter = view;
        Iterator<CrmRecord> it = ordered(t, sortBy, asc, after, sinceSecond, subset);
        List<CrmRecord> out = new ArrayList<>(Math.min(cap, 256));
        boolean more = false;
        int skipped = 0;
        while (it.hasNext()) {
            CrmRecord r = it.next();
            if (sinceSecond != null && Math.floorDiv(r.modifiedAt, 1000) <= sinceSecond) {
                if ("Modified_Time".equals(sortBy) && !asc && subset == null) {
                    break;
                }
                continue;
            }
            if (idFilter != null && !idFilter.contains(r.id)) {
                continue;
            }
            if (viewFilter != null && !viewFilter.contains(valueGetter(t, r))) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            if (out.size() == cap) {
                more = true;
                break;
            }
            out.add(r);
        }
        if (out.isEmpty()) {
            return ResponseEntity.status(since != null ? 304 : 204).build();
        }
        List<Map<String, Object>> data = new ArrayList<>(out.size());
        for (CrmRecord r : out) {
            data.add(render(t, r, fields));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("call", false);
        info.put("per_page", perPage);
        String next = null;
        long expiry = clock.millis() + TOKEN_VALIDITY_MS;
        if (more) {
            CrmRecord last = out.get(out.size() - 1);
            int delivered = (after == null ? offset : after.delivered) + out.size();
            next = issueToken(new PageCursor(binding, sortValue(last, sortBy), last.id, page + 1, delivered, expiry));
        }
        info.put("next_page_token", next);
        info.put("count", out.size());
        info.put("sort_by", sortBy);
        info.put("page", page);
        info.put("previous_page_token", null);
        info.put("page_token_expiry", next == null ? null : SandboxClock.crmTime(expiry));
        info.put("sort_order", sortOrder);
        info.put("email", false);
        info.put("more_records", more);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("info", info);
        return SandboxGate.json(200, body);
    }

    private String issueToken(PageCursor cursor) {
        if (pageTokens.size() > 10_000) {
            long now = clock.millis();
            pageTokens.values().removeIf(c -> c.expiresAt <= now);
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        pageTokens.put(token, cursor);
        return token;
    }

    /** What a page token is bound to: the module (or related list) and every other query parameter. */
    private static String binding(String scope, Map<String, String> params) {
        Map<String, String> sorted = new TreeMap<>(params);
        sorted.remove("page_token");
        sorted.remove("page");
        return scope + "?" + sorted;
    }

    private static long sortValue(CrmRecord r, String sortBy) {
        return switch (sortBy) {
            case "Modified_Time" -> r.modifiedAt;
            case "Created_Time" -> r.createdAt;
            default -> r.id;
        };
    }

    /** Records in the requested order, starting after the cursor; uses the indexes where they serve. */
    private Iterator<CrmRecord> ordered(CrmTable t, String sortBy, boolean asc, PageCursor after, Long sinceSecond,
                                        List<Long> subset) {
        Comparator<CrmRecord> order = Comparator.<CrmRecord>comparingLong(r -> sortValue(r, sortBy))
                .thenComparingLong(r -> r.id);
        if (!asc) {
            order = order.reversed();
        }
        if (subset != null || "Created_Time".equals(sortBy)) {
            List<CrmRecord> all = new ArrayList<>();
            if (subset != null) {
                for (Long id : subset) {
                    CrmRecord r = t.byId.get(id);
                    if (r != null) {
                        all.add(r);
                    }
                }
            } else {
                all.addAll(t.byId.values());
            }
            all.sort(order);
            if (after != null) {
                all.removeIf(r -> {
                    int c = Long.compare(sortValue(r, sortBy), after.sortValue);
                    if (c == 0) {
                        c = Long.compare(r.id, after.id);
                    }
                    return asc ? c <= 0 : c >= 0;
                });
            }
            return all.iterator();
        }
        if ("id".equals(sortBy)) {
            var map = after == null ? t.byId : asc ? t.byId.tailMap(after.id, false) : t.byId.headMap(after.id, false);
            return (asc ? map.values() : map.descendingMap().values()).iterator();
        }
        var set = t.byModified;
        java.util.NavigableSet<CrmTable.TimeKey> view;
        if (after != null) {
            CrmTable.TimeKey k = new CrmTable.TimeKey(after.sortValue, after.id);
            view = asc ? set.tailSet(k, false) : set.headSet(k, false).descendingSet();
        } else if (asc && sinceSecond != null) {
            view = set.tailSet(new CrmTable.TimeKey((sinceSecond + 1) * 1000 - 1, Long.MAX_VALUE), false);
        } else {
            view = asc ? set : set.descendingSet();
        }
        Iterator<CrmTable.TimeKey> keys = view.iterator();
        return new Iterator<>() {
            CrmRecord next = advance();

            private CrmRecord advance() {
                while (keys.hasNext()) {
                    CrmTable.TimeKey k = keys.next();
                    CrmRecord r = t.byId.get(k.id());
                    if (r != null && r.modifiedAt == k.time()) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public CrmRecord next() {
                CrmRecord r = next;
                next = advance();
                return r;
            }
        };
    }

    ResponseEntity<Object> deleted(String module, Map<String, String> params, String ifModifiedSince) {
        CrmTable t = table(module);
        String type = params.getOrDefault("type", "all");
        if (!List.of("all", "recycle", "permanent").contains(type)) {
            throw CrmError.of(400, "PATTERN_NOT_MATCHED", "Please check whether the input values are correct",
                    "param_name", "type", "supported_values", List.of("all", "recycle", "permanent"));
        }
        int perPage = intParam(params, "per_page", MAX_PER_PAGE);
        if (perPage > MAX_PER_PAGE) {
            throw CrmError.of(400, "LIMIT_EXCEEDED", "the limit exceeds", "limit", MAX_PER_PAGE, "param_name", "per_page");
        }
        int page = intParam(params, "page", 1);
        Long since = ifModifiedSince == null ? null : SandboxClock.parse(ifModifiedSince);
        if (ifModifiedSince != null && since == null) {
            throw CrmError.of(400, "INVALID_DATA", "invalid data", "header_name", "If-Modified-Since");
        }
        List<CrmTable.Deleted> all = new ArrayList<>();
        long now = clock.millis();
        for (CrmTable.Deleted d : t.deleted.values()) {
            if (now - d.deletedAt() > PERMANENT_DAYS_MS) {
                t.deleted.remove(d.id(), d);
                continue;
            }
            boolean permanent = isPermanent(d, now);
            if ((type.equals("recycle") && permanent) || (type.equals("permanent") && !permanent)) {
                continue;
            }
            if (since == null || d.deletedAt() / 1000 > since / 1000) {
                all.add(d);
            }
        }
        all.sort(Comparator.comparingLong(CrmTable.Deleted::deletedAt).thenComparingLong(CrmTable.Deleted::id).reversed());
        int from = (page - 1) * perPage;
        if (from >= all.size()) {
            return ResponseEntity.status(since != null ? 304 : 204).build();
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (CrmTable.Deleted d : all.subList(from, Math.min(all.size(), from + perPage))) {
            boolean permanent = isPermanent(d, now);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deleted_by", permanent ? null : d.deletedBy().ref());
            m.put("id", String.valueOf(d.id()));
            m.put("display_name", permanent ? null : d.displayName());
            m.put("type", permanent ? "permanent" : "recycle");
            m.put("created_by", permanent || d.createdBy() == null ? null : d.createdBy().ref());
            m.put("deleted_time", SandboxClock.crmTime(d.deletedAt()));
            data.add(m);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        info.put("count", data.size());
        info.put("page", page);
        info.put("more_records", from + perPage < all.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("info", info);
        return SandboxGate.json(200, body);
    }

    /** Purged, or left in the recycle bin for more than 60 days (Zoho empties it then). */
    private static boolean isPermanent(CrmTable.Deleted d, long now) {
        return d.permanent() || now - d.deletedAt() > RECYCLE_DAYS_MS;
    }

    ResponseEntity<Object> search(String module, Map<String, String> params) {
        CrmTable t = table(module);
        int perPage = intParam(params, "per_page", MAX_PER_PAGE);
        if (perPage > MAX_PER_PAGE) {
            throw CrmError.of(400, "LIMIT_EXCEEDED", "the limit exceeds", "limit", MAX_PER_PAGE, "param_name", "per_page");
        }
        int page = intParam(params, "page", 1);
        int offset = (page - 1) * perPage;
        if (offset >= SEARCH_LIMIT) {
            throw CrmError.of(400, "LIMIT_REACHED", "search results are limited to " + SEARCH_LIMIT + " records",
                    "limit", SEARCH_LIMIT);
        }
        java.util.function.Predicate<CrmRecord> match = searchPredicate(t, params);
        List<String> fields = params.containsKey("fields") ? splitFields(params.get("fields")) : null;
        if (fields != null && fields.size() > MAX_FIELDS) {
            throw CrmError.of(400, "LIMIT_EXCEEDED", "the limit exceeds", "limit", MAX_FIELDS, "param_name", "fields");
        }
        int cap = Math.min(perPage, SEARCH_LIMIT - offset);
        List<CrmRecord> out = new ArrayList<>();
        boolean more = false;
        int skipped = 0;
        for (CrmRecord r : t.byId.descendingMap().values()) {
            if (!match.test(r)) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            if (out.size() == cap) {
                more = offset + out.size() < SEARCH_LIMIT;
                break;
            }
            out.add(r);
        }
        if (out.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (CrmRecord r : out) {
            data.add(render(t, r, fields));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        info.put("count", data.size());
        info.put("page", page);
        info.put("more_records", more);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("info", info);
        return SandboxGate.json(200, body);
    }

    private java.util.function.Predicate<CrmRecord> searchPredicate(CrmTable t, Map<String, String> params) {
        if (params.containsKey("criteria")) {
            Criteria.Node node;
            try {
                node = Criteria.parseSearch(params.get("criteria"));
            } catch (Criteria.TooManyConditions e) {
                throw CrmError.of(400, "LIMIT_EXCEEDED", "the limit exceeds", "limit", Criteria.MAX_CONDITIONS,
                        "param_name", "criteria");
            } catch (Criteria.Invalid e) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("reason", e.getMessage());
                if (e.field != null) {
                    details.put("api_name", e.field);
                }
                if (e.operator != null) {
                    details.put("operator", e.operator);
                }
                throw new CrmError(400, "INVALID_QUERY", "invalid query formed", details);
            }
            return r -> node.test(valueGetter(t, r));
        }
        if (params.containsKey("email")) {
            String email = params.get("email").trim().toLowerCase(Locale.ROOT);
            List<String> emailFields = fieldsOfType(t, CrmModule.Type.EMAIL);
            return r -> emailFields.stream().anyMatch(f -> {
                Object v = r.get(f);
                return v != null && v.toString().toLowerCase(Locale.ROOT).equals(email);
            });
        }
        if (params.containsKey("phone")) {
            String phone = params.get("phone").trim();
            if (phone.length() < 3) {
                throw CrmError.of(400, "INVALID_DATA", "the phone should contain at least 3 characters",
                        "param_name", "phone");
            }
            List<String> phoneFields = fieldsOfType(t, CrmModule.Type.PHONE);
            return r -> phoneFields.stream().anyMatch(f -> {
                Object v = r.get(f);
                return v != null && v.toString().contains(phone);
            });
        }
        if (params.containsKey("word")) {
            String word = params.get("word").trim().toLowerCase(Locale.ROOT);
            if (word.length() < 2) {
                throw CrmError.of(400, "INVALID_DATA", "the word should contain at least 2 characters",
                        "param_name", "word");
            }
            return r -> r.fields().values().stream()
                    .anyMatch(v -> v instanceof String s && s.toLowerCase(Locale.ROOT).contains(word));
        }
        throw CrmError.of(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                "param_name", "criteria");
    }

    private static List<String> fieldsOfType(CrmTable t, CrmModule.Type type) {
        List<String> out = new ArrayList<>();
        t.module.fields.values().stream().filter(f -> f.type() == type).forEach(f -> out.add(f.name()));
        t.customFields.values().stream().filter(c -> c.field().type() == type).forEach(c -> out.add(c.field().name()));
        return out;
    }

    /**
     * Field values as criteria compare them: lookups by name ({@code Field.id} for the id), times as
     * instants, id as a number.
     */
    Function<String, Object> valueGetter(CrmTable t, CrmRecord r) {
        return field -> {
            switch (field) {
                case "id":
                    return r.id;
                case "Created_Time":
                    return Instant.ofEpochMilli(r.createdAt);
                case "Modified_Time":
                    return Instant.ofEpochMilli(r.modifiedAt);
                case "Owner":
                case "Owner.id":
                    return r.createdBy.id();
                case "Full_Name":
                    return t.module.displayName(r);
                default:
                    break;
            }
            String base = field.endsWith(".id") ? field.substring(0, field.length() - 3) : field;
            CrmModule.Field spec = t.field(base);
            Object v = r.get(base);
            if (spec != null && spec.type() == CrmModule.Type.LOOKUP && v != null) {
                if (field.endsWith(".id")) {
                    return v.toString();
                }
                CrmTable target = tables.get(spec.lookupModule());
                CrmRecord tr = target.byId.get((Long) v);
                return tr == null ? null : target.module.displayName(tr);
            }
            return v;
        };
    }

    ResponseEntity<Object> customViews(Map<String, String> params) {
        String module = params.get("module");
        if (module == null || module.isBlank()) {
            throw CrmError.of(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    "param_name", "module");
        }
        table(module);
        List<Map<String, Object>> out = new ArrayList<>();
        String defaultId = null;
        for (CustomView v : views.values()) {
            if (v.module().equals(module)) {
                out.add(renderView(v, false));
                if (v.isDefault()) {
                    defaultId = String.valueOf(v.id());
                }
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", 200);
        info.put("default", defaultId);
        info.put("count", out.size());
        info.put("page", 1);
        info.put("more_records", false);
        info.put("translation", Map.of("public_views", "Public Views", "other_users_views", "Other Users' Views",
                "shared_with_me", "Views shared with me", "created_by_me", "Created by me"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("custom_views", out);
        body.put("info", info);
        return SandboxGate.json(200, body);
    }

    ResponseEntity<Object> customView(String id, Map<String, String> params) {
        String module = params.get("module");
        if (module == null || module.isBlank()) {
            throw CrmError.of(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    "param_name", "module");
        }
        table(module);
        CustomView v = viewOf(module, id);
        if (v == null) {
            throw CrmError.of(400, "INVALID_DATA", "the id given seems to be invalid", "id", id);
        }
        return SandboxGate.json(200, Map.of("custom_views", List.of(renderView(v, true))));
    }

    private CustomView viewOf(String module, String id) {
        if (id == null || !id.trim().matches("\\d{1,19}")) {
            return null;
        }
        CustomView v = views.get(Long.parseLong(id.trim()));
        return v != null && v.module().equals(module) ? v : null;
    }

    private static Map<String, Object> renderView(CustomView v, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(v.id()));
        m.put("name", v.name());
        m.put("display_value", v.name());
        m.put("system_name", v.systemName());
        m.put("system_defined", v.systemDefined());
        m.put("default", v.isDefault());
        m.put("category", v.category());
        m.put("locked", false);
        m.put("favorite", null);
        m.put("created_by", SandboxUser.UI_USER.ref());
        m.put("modified_by", SandboxUser.UI_USER.ref());
        m.put("created_time", SandboxClock.crmTime(v.createdAt()));
        m.put("modified_time", SandboxClock.crmTime(v.createdAt()));
        m.put("last_accessed_time", null);
        if (full) {
            m.put("criteria", v.criteria() == null ? null : Map.of("expression", v.criteria()));
            m.put("sort_by", null);
            m.put("sort_order", null);
        }
        return m;
    }

    // ------------------------------------------------------------------ rendering

    Map<String, Object> render(CrmTable t, CrmRecord r, List<String> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", String.valueOf(r.id));
        if (fields == null) {
            out.put("Owner", r.createdBy.owner());
            for (String f : t.module.fields.keySet()) {
                out.put(f, renderField(t, r, f));
            }
            for (CrmTable.CustomField c : t.customFields.values()) {
                out.put(c.field().name(), renderField(t, r, c.field().name()));
            }
            for (String f : r.fields().keySet()) {
                out.putIfAbsent(f, renderField(t, r, f));
            }
            if (CrmModule.CONTACTS.equals(t.module.name)) {
                out.put("Full_Name", t.module.displayName(r));
            }
            for (String f : List.of("Created_Time", "Modified_Time", "Created_By", "Modified_By")) {
                out.put(f, renderField(t, r, f));
            }
            return out;
        }
        for (String f : fields) {
            if (!f.equals("id")) {
                out.put(f, renderField(t, r, f));
            }
        }
        return out;
    }

    private Object renderField(CrmTable t, CrmRecord r, String f) {
        switch (f) {
            case "Owner":
                return r.createdBy.owner();
            case "Created_Time":
                return SandboxClock.crmTime(r.createdAt);
            case "Modified_Time":
                return SandboxClock.crmTime(r.modifiedAt);
            case "Created_By":
                return r.createdBy.ref();
            case "Modified_By":
                return r.modifiedBy.ref();
            case "Full_Name":
                return CrmModule.CONTACTS.equals(t.module.name) ? t.module.displayName(r) : r.get(f);
            default:
                break;
        }
        Object v = r.get(f);
        CrmModule.Field spec = t.field(f);
        if (v != null && spec != null && spec.type() == CrmModule.Type.LOOKUP) {
            CrmTable target = tables.get(spec.lookupModule());
            CrmRecord tr = target.byId.get((Long) v);
            if (tr == null) {
                return null;
            }
            Map<String, Object> lookup = new LinkedHashMap<>();
            lookup.put("name", target.module.displayName(tr));
            lookup.put("id", String.valueOf(tr.id));
            return lookup;
        }
        return v;
    }

    // ------------------------------------------------------------------ writes

    /** A parsed write body, or the reason it could not be parsed; parsed before the gate to size the call. */
    record WriteBody(Map<String, Object> body, CrmError problem) {
        int size() {
            Object data = body == null ? null : body.get("data");
            return data instanceof List<?> l ? l.size() : 0;
        }
    }

    WriteBody parseBody(String text) {
        if (text == null || text.isBlank()) {
            return new WriteBody(null, CrmError.of(400, "MANDATORY_NOT_FOUND", "required field not found",
                    "api_name", "data"));
        }
        try {
            Object parsed = json.readValue(text, Object.class);
            if (!(parsed instanceof Map<?, ?>)) {
                return new WriteBody(null, CrmError.of(400, "INVALID_DATA", "invalid data",
                        "expected_data_type", "jsonobject"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) parsed;
            return new WriteBody(map, null);
        } catch (java.io.IOException e) {
            return new WriteBody(null, CrmError.of(400, "INVALID_DATA", "the input json is not well formed",
                    "expected_data_type", "jsonobject"));
        }
    }

    enum Mode { INSERT, UPDATE, UPSERT }

    ResponseEntity<Object> write(String module, Mode mode, WriteBody wb, String pathId, SandboxUser user) {
        CrmTable t = table(module);
        if (wb.problem != null) {
            throw wb.problem;
        }
        Object dataValue = wb.body.get("data");
        if (dataValue == null) {
            throw CrmError.of(400, "MANDATORY_NOT_FOUND", "required field not found", "api_name", "data");
        }
        if (!(dataValue instanceof List<?> data) || data.isEmpty()) {
            throw CrmError.of(400, "INVALID_DATA", "invalid data", "api_name", "data", "expected_data_type", "jsonarray");
        }
        if (data.size() > MAX_WRITE) {
            throw CrmError.of(400, "LIMIT_EXCEEDED", "the number of records exceeds the limit of " + MAX_WRITE,
                    "api_name", "data", "limit", MAX_WRITE);
        }
        if (pathId != null && data.size() > 1) {
            throw CrmError.of(400, "LIMIT_EXCEEDED", "only one record can be updated by id", "api_name", "data",
                    "limit", 1);
        }
        Object trigger = wb.body.get("trigger");
        if (trigger != null && !(trigger instanceof List<?>)) {
            throw CrmError.of(400, "INVALID_DATA", "invalid data", "api_name", "trigger", "expected_data_type", "jsonarray");
        }
        List<String> checkFields = List.of(t.module.duplicateKey);
        if (mode == Mode.UPSERT && wb.body.get("duplicate_check_fields") != null) {
            checkFields = duplicateCheckFields(t, wb.body.get("duplicate_check_fields"));
        }
        Long fixedId = pathId == null ? null : parseId(pathId);

        List<Map<String, Object>> results = new ArrayList<>(data.size());
        int ok = 0;
        int inserted = 0;
        CrmChanges changes = new CrmChanges();
        t.lock.lock();
        try {
            for (int i = 0; i < data.size(); i++) {
                Object element = data.get(i);
                if (!(element instanceof Map<?, ?>)) {
                    results.add(recordError("INVALID_DATA", "invalid data", "json_path", "$.data[" + i + "]",
                            "expected_data_type", "jsonobject"));
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> in = (Map<String, Object>) element;
                Map<String, Object> result = switch (mode) {
                    case INSERT -> insertOne(t, in, i, user, null, null);
                    case UPDATE -> updateOne(t, in, i, user, fixedId);
                    case UPSERT -> upsertOne(t, in, i, user, checkFields);
                };
                results.add(result);
                if ("success".equals(result.get("status"))) {
                    ok++;
                    boolean added = "record added".equals(result.get("message"));
                    if (added) {
                        inserted++;
                    }
                    changes.add(t.module.name, added ? CrmChanges.INSERT : CrmChanges.UPDATE, idOf(result));
                }
            }
        } finally {
            t.lock.unlock();
        }
        watch.publish(changes);
        stats.add("crm.write.records", ok);
        int status;
        if (ok == 0) {
            status = 400;
        } else if (ok < data.size()) {
            status = 207;
        } else if (inserted == data.size() && mode != Mode.UPDATE) {
            status = 201;
        } else {
            status = 200;
        }
        return SandboxGate.json(status, Map.of("data", results));
    }

    private List<String> duplicateCheckFields(CrmTable t, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw CrmError.of(400, "INVALID_DATA", "invalid data", "api_name", "duplicate_check_fields",
                    "expected_data_type", "jsonarray");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object f = list.get(i);
            CrmModule.Field spec = f instanceof String s ? t.field(s) : null;
            if (spec == null || spec.type() == CrmModule.Type.LOOKUP) {
                throw CrmError.of(400, "INVALID_DATA", "the field api name given seems to be invalid",
                        "api_name", String.valueOf(f), "json_path", "$.duplicate_check_fields[" + i + "]");
            }
            out.add((String) f);
        }
        return out;
    }

    private Map<String, Object> upsertOne(CrmTable t, Map<String, Object> in, int index, SandboxUser user,
                                          List<String> checkFields) {
        for (String field : checkFields) {
            Object value = in.get(field);
            if (value == null || value.toString().isBlank()) {
                continue;
            }
            Long match = findDuplicate(t, field, value, -1);
            if (match != null) {
                Map<String, Object> result = updateOne(t, in, index, user, match);
                if ("success".equals(result.get("status"))) {
                    result.put("action", "update");
                    result.put("duplicate_field", field);
                }
                return result;
            }
        }
        Map<String, Object> result = insertOne(t, in, index, user, null, null);
        if ("success".equals(result.get("status"))) {
            result.put("action", "insert");
            result.put("duplicate_field", null);
        }
        return result;
    }

    /** The oldest other record whose {@code field} equals {@code value} (case-insensitively), or null. */
    private Long findDuplicate(CrmTable t, String field, Object value, long self) {
        String key = CrmTable.duplicateKey(value);
        if (field.equals(t.module.duplicateKey)) {
            for (long id : t.byDuplicateKey.get(key)) {
                if (id != self) {
                    return id;
                }
            }
            return null;
        }
        for (CrmRecord r : t.byId.values()) {
            if (r.id != self && key.equals(CrmTable.duplicateKey(r.get(field)))) {
                return r.id;
            }
        }
        return null;
    }

    /**
     * Inserts one record; caller holds the table's lock. {@code times} (created, modified) and
     * {@code fixedId} let the admin bean backdate records and give demo records stable ids.
     */
    Map<String, Object> insertOne(CrmTable t, Map<String, Object> in, int index, SandboxUser user, long[] times,
                                  Long fixedId) {
        Object checked = validate(t, in, index, true, -1);
        if (checked instanceof Map<?, ?> m && "error".equals(m.get("status"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) m;
            return error;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = (Map<String, Object>) ((Object[]) checked)[0];
        changes.values().removeIf(v -> v == null);
        long now = clock.millis();
        long created = times == null ? now : times[0];
        long modified = times == null ? now : times[1];
        CrmRecord r = new CrmRecord(fixedId != null ? fixedId : newId(), created, modified, user, user,
                CrmRecord.pack(changes));
        t.put(r);
        return success(r, "record added");
    }

    /** Updates one record; caller holds the table's lock. */
    Map<String, Object> updateOne(CrmTable t, Map<String, Object> in, int index, SandboxUser user, Long fixedId) {
        long id;
        if (fixedId != null) {
            id = fixedId;
        } else {
            Object given = in.get("id");
            if (given == null || given.toString().isBlank()) {
                return recordError("MANDATORY_NOT_FOUND", "required field not found", "api_name", "id",
                        "json_path", "$.data[" + index + "].id");
            }
            if (!given.toString().trim().matches("\\d{1,19}")) {
                return recordError("INVALID_DATA", "the id given seems to be invalid", "api_name", "id",
                        "json_path", "$.data[" + index + "].id");
            }
            id = Long.parseLong(given.toString().trim());
        }
        CrmRecord existing = t.byId.get(id);
        if (existing == null) {
            return recordError("INVALID_DATA", "the id given seems to be invalid", "api_name", "id",
                    "json_path", "$.data[" + index + "].id");
        }
        Object checked = validate(t, in, index, false, id);
        if (checked instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) m;
            return error;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = (Map<String, Object>) ((Object[]) checked)[0];
        CrmRecord updated = existing.with(changes, Math.max(clock.millis(), existing.modifiedAt), user);
        t.put(updated);
        return success(updated, "record updated");
    }

    /**
     * Checks one record of a write body. Returns the per-record error map, or a one-element array
     * holding the normalized changes (lookups as ids; null clears a field).
     */
    private Object validate(CrmTable t, Map<String, Object> in, int index, boolean insert, long self) {
        CrmModule m = t.module;
        String path = "$.data[" + index + "].";
        Object mandatoryValue = in.get(m.mandatory);
        boolean blank = mandatoryValue == null || mandatoryValue.toString().isBlank();
        if (blank && (insert || in.containsKey(m.mandatory))) {
            return recordError("MANDATORY_NOT_FOUND", "required field not found", "api_name", m.mandatory,
                    "json_path", path + m.mandatory);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (var e : in.entrySet()) {
            String name = e.getKey();
            Object value = e.getValue();
            if (CrmModule.SYSTEM_FIELDS.contains(name) || name.startsWith("$")) {
                continue;
            }
            CrmModule.Field spec = t.field(name);
            if (spec == null) {
                if (!API_NAME.matcher(name).matches()) {
                    return recordError("INVALID_DATA", "the field api name given seems to be invalid",
                            "api_name", name, "json_path", path + name);
                }
                if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    return recordError("INVALID_DATA", "invalid data", "api_name", name, "json_path", path + name,
                            "expected_data_type", "text");
                }
                if (value instanceof String s && s.length() > 255) {
                    return recordError("INVALID_DATA", "invalid data", "api_name", name, "json_path", path + name,
                            "maximum_length", 255);
                }
                changes.put(name, value);
                continue;
            }
            if (value == null) {
                changes.put(name, null);
                continue;
            }
            Object normalized = normalize(spec, value);
            if (normalized instanceof Map<?, ?> problem) {
                Map<String, Object> error = recordError("INVALID_DATA", "invalid data", "api_name", name,
                        "json_path", path + name);
                @SuppressWarnings("unchecked")
                Map<String, Object> details = (Map<String, Object>) error.get("details");
                problem.forEach((k, v) -> details.put((String) k, v));
                return error;
            }
            changes.put(name, normalized);
        }
        if (m.duplicateKeyUnique && changes.get(m.duplicateKey) != null) {
            Long dup = findDuplicate(t, m.duplicateKey, changes.get(m.duplicateKey), self);
            if (dup != null) {
                Map<String, Object> dupRecord = new LinkedHashMap<>();
                dupRecord.put("id", String.valueOf(dup));
                CrmRecord other = t.byId.get(dup);
                Map<String, Object> owner = new LinkedHashMap<>();
                owner.put("name", other.createdBy.name());
                owner.put("id", other.createdBy.id());
                owner.put("zuid", "6" + other.createdBy.id().substring(10));
                dupRecord.put("Owner", owner);
                dupRecord.put("module", Map.of("api_name", m.name, "id", m.id));
                return recordError("DUPLICATE_DATA", "duplicate data", "api_name", m.duplicateKey,
                        "json_path", path + m.duplicateKey, "duplicate_record", dupRecord, "more_records", false);
            }
        }
        return new Object[] {changes};
    }

    /** The stored form of a value, or a map of error details when the type or length is wrong. */
    private Object normalize(CrmModule.Field spec, Object value) {
        switch (spec.type()) {
            case TEXT, TEXTAREA, WEBSITE -> {
                if (!(value instanceof String s)) {
                    return Map.of("expected_data_type", "text");
                }
                if (s.length() > spec.maxLength()) {
                    return Map.of("maximum_length", spec.maxLength());
                }
                return s;
            }
            case EMAIL -> {
                if (!(value instanceof String s) || (!s.isEmpty() && !EMAIL.matcher(s).matches())) {
                    return Map.of("expected_data_type", "email");
                }
                if (s.length() > 100) {
                    return Map.of("maximum_length", 100);
                }
                return s.isEmpty() ? null : s;
            }
            case PHONE -> {
                if (!(value instanceof String s)) {
                    return Map.of("expected_data_type", "phone");
                }
                if (s.length() > spec.maxLength()) {
                    return Map.of("maximum_length", spec.maxLength());
                }
                if (!s.isEmpty() && !PHONE.matcher(s).matches()) {
                    return Map.of("expected_data_type", "phone");
                }
                return s.isEmpty() ? null : s;
            }
            case LOOKUP -> {
                Object id = value instanceof Map<?, ?> map ? map.get("id") : null;
                if (id == null || !id.toString().trim().matches("\\d{1,19}")) {
                    return Map.of("expected_data_type", "lookup");
                }
                long target = Long.parseLong(id.toString().trim());
                if (tables.get(spec.lookupModule()).byId.get(target) == null) {
                    return Map.of("expected_data_type", "lookup", "id", id.toString());
                }
                return target;
            }
            case CURRENCY, DOUBLE -> {
                if (!(value instanceof Number n)) {
                    return Map.of("expected_data_type", "double");
                }
                BigDecimal d = new BigDecimal(n.toString());
                if (d.precision() - d.scale() > 16) {
                    return Map.of("maximum_length", 16);
                }
                return n;
            }
            case INTEGER -> {
                if (!(value instanceof Number n) || new BigDecimal(n.toString()).stripTrailingZeros().scale() > 0
                        || Math.abs(n.longValue()) > 999_999_999L) {
                    return Map.of("expected_data_type", "integer");
                }
                return n.longValue();
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    return Map.of("expected_data_type", "boolean");
                }
                return value;
            }
            case DATE -> {
                if (!(value instanceof String s)) {
                    return Map.of("expected_data_type", "date");
                }
                try {
                    LocalDate.parse(s);
                    return s;
                } catch (DateTimeParseException e) {
                    return Map.of("expected_data_type", "date");
                }
            }
            default -> {
                return value;
            }
        }
    }

    @SuppressWarnings("unchecked")
    static long idOf(Map<String, Object> success) {
        return Long.parseLong((String) ((Map<String, Object>) success.get("details")).get("id"));
    }

    private static Map<String, Object> success(CrmRecord r, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("Modified_Time", SandboxClock.crmTime(r.modifiedAt));
        details.put("Modified_By", r.modifiedBy.ref());
        details.put("Created_Time", SandboxClock.crmTime(r.createdAt));
        details.put("id", String.valueOf(r.id));
        details.put("Created_By", r.createdBy.ref());
        details.put("$approval_state", "approved");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", "SUCCESS");
        m.put("details", details);
        m.put("message", message);
        m.put("status", "success");
        return m;
    }

    private static Map<String, Object> recordError(String code, String message, Object... detailPairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < detailPairs.length; i += 2) {
            details.put((String) detailPairs[i], detailPairs[i + 1]);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("details", details);
        m.put("message", message);
        m.put("status", "error");
        return m;
    }

    // ------------------------------------------------------------------ deletes

    ResponseEntity<Object> delete(String module, String idsParam, SandboxUser user) {
        CrmTable t = table(module);
        if (idsParam == null || idsParam.isBlank()) {
            throw CrmError.of(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    "param_name", "ids");
        }
        List<String> ids = Arrays.stream(idsParam.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (ids.size() > MAX_WRITE) {
            throw CrmError.of(400, "LIMIT_EXCEEDED", "the number of records exceeds the limit of " + MAX_WRITE,
                    "param_name", "ids", "limit", MAX_WRITE);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int ok = 0;
        CrmChanges changes = new CrmChanges();
        for (String s : ids) {
            boolean wellFormed = s.matches("\\d{1,19}");
            CrmRecord removed = wellFormed ? deleteRecord(t, Long.parseLong(s), user, changes) : null;
            if (removed == null) {
                // Zoho: deleting a record that is already deleted answers "record not deleted".
                boolean alreadyDeleted = wellFormed && t.deleted.containsKey(Long.parseLong(s));
                results.add(recordError("INVALID_DATA", alreadyDeleted ? "record not deleted" : "the id given seems to be invalid",
                        "id", s));
            } else {
                ok++;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", "SUCCESS");
                m.put("details", Map.of("id", s));
                m.put("message", "record deleted");
                m.put("status", "success");
                results.add(m);
            }
        }
        watch.publish(changes);
        stats.add("crm.write.records", ok);
        int status = ok == 0 ? 400 : ok < ids.size() ? 207 : 200;
        return SandboxGate.json(status, Map.of("data", results));
    }

    /** Publishes the notifications of one change made outside {@link #write} (the admin bean's edits). */
    void publish(String module, String operation, long id) {
        CrmChanges changes = new CrmChanges();
        changes.add(module, operation, id);
        watch.publish(changes);
    }

    /** Deletes one record as {@code user} (see {@link #deleteRecord}) and publishes the notifications. */
    CrmRecord delete(CrmTable t, long id, SandboxUser user) {
        CrmChanges changes = new CrmChanges();
        CrmRecord removed = deleteRecord(t, id, user, changes);
        watch.publish(changes);
        return removed;
    }

    /**
     * Moves a record to the recycle bin. As in Zoho, deleting an account deletes its contacts too;
     * records that pointed at a deleted vendor (or parent account) lose the lookup. What was deleted
     * is added to {@code changes}.
     */
    CrmRecord deleteRecord(CrmTable t, long id, SandboxUser user, CrmChanges changes) {
        CrmRecord removed;
        t.lock.lock();
        try {
            removed = t.remove(id);
            if (removed == null) {
                return null;
            }
            t.deleted.put(id, new CrmTable.Deleted(id, t.module.displayName(removed), clock.millis(), user,
                    removed.createdBy, false));
        } finally {
            t.lock.unlock();
        }
        changes.add(t.module.name, CrmChanges.DELETE, id);
        for (CrmTable other : tables.values()) {
            for (CrmModule.Field lookup : other.module.lookups()) {
                if (!lookup.lookupModule().equals(t.module.name)) {
                    continue;
                }
                long[] pointing = other.byLookup.get(lookup.name()).get(String.valueOf(id));
                for (long childId : pointing) {
                    if (CrmModule.ACCOUNTS.equals(t.module.name) && CrmModule.CONTACTS.equals(other.module.name)
                            && "Account_Name".equals(lookup.name())) {
                        deleteRecord(other, childId, user, changes);
                    } else {
                        setLookup(other, childId, lookup.name(), null);
                    }
                }
            }
        }
        return removed;
    }

    /** Points a record's lookup elsewhere (null clears it) without touching its Modified_Time. */
    private static void setLookup(CrmTable t, long id, String field, Long target) {
        t.lock.lock();
        try {
            CrmRecord r = t.byId.get(id);
            if (r != null) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put(field, target);
                t.put(r.with(change, r.modifiedAt, r.modifiedBy));
            }
        } finally {
            t.lock.unlock();
        }
    }

    /**
     * Deletes a record permanently, as emptying it from the recycle bin does: it then shows in
     * {@code deleted?type=permanent} without name or users. A live record is deleted first.
     *
     * @return false when the module never had the record
     */
    boolean purge(CrmTable t, long id, SandboxUser user) {
        if (t.byId.containsKey(id)) {
            delete(t, id, user);
        }
        t.lock.lock();
        try {
            CrmTable.Deleted d = t.deleted.get(id);
            if (d == null) {
                return false;
            }
            t.deleted.put(id, new CrmTable.Deleted(id, d.displayName(), clock.millis(), d.deletedBy(), d.createdBy(),
                    true));
            return true;
        } finally {
            t.lock.unlock();
        }
    }

    /**
     * Zoho's merge of duplicates (Find and Merge, or POST /{module}/{master}/actions/merge): the
     * master keeps its values except {@code fieldsFromChild}, which it takes from the child; the
     * records that pointed at the child (an account's contacts, a vendor's products) now point at
     * the master; the child is deleted into the recycle bin. Notifications: the master's update, the
     * child's delete.
     */
    void merge(CrmTable t, long masterId, long childId, java.util.Collection<String> fieldsFromChild, SandboxUser user) {
        if (CrmModule.PRODUCTS.equals(t.module.name)) {
            throw new IllegalArgumentException("Zoho merges Leads, Contacts, Accounts, Vendors and custom modules, not Products");
        }
        if (masterId == childId) {
            throw new IllegalArgumentException("a record cannot be merged into itself");
        }
        CrmRecord child = t.byId.get(childId);
        if (t.byId.get(masterId) == null || child == null) {
            throw new IllegalArgumentException("both records must exist in " + t.module.name + ": " + masterId + ", " + childId);
        }
        Map<String, Object> taken = new LinkedHashMap<>();
        for (String f : fieldsFromChild) {
            if (CrmModule.SYSTEM_FIELDS.contains(f) || (t.field(f) == null && child.get(f) == null)) {
                throw new IllegalArgumentException("'" + f + "' is not a field the child can give in " + t.module.name);
            }
            taken.put(f, child.get(f));
        }
        for (CrmTable other : tables.values()) {
            for (CrmModule.Field lookup : other.module.lookups()) {
                if (lookup.lookupModule().equals(t.module.name)) {
                    for (long pointing : other.byLookup.get(lookup.name()).get(String.valueOf(childId))) {
                        setLookup(other, pointing, lookup.name(), pointing == masterId ? null : masterId);
                    }
                }
            }
        }
        CrmChanges changes = new CrmChanges();
        deleteRecord(t, childId, user, changes);
        t.lock.lock();
        try {
            CrmRecord master = t.byId.get(masterId);
            t.put(master.with(taken, Math.max(clock.millis(), master.modifiedAt), user));
        } finally {
            t.lock.unlock();
        }
        changes.add(t.module.name, CrmChanges.UPDATE, masterId);
        watch.publish(changes);
    }

    // ------------------------------------------------------------------ helpers

    static List<String> splitFields(String param) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : param.split(",")) {
            if (!f.isBlank()) {
                out.add(f.trim());
            }
        }
        return new ArrayList<>(out);
    }

    private static int intParam(Map<String, String> params, String name, int dflt) {
        String v = params.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the refusal below
        }
        throw CrmError.of(400, "INVALID_DATA", "invalid data", "param_name", name);
    }

    static long parseId(String id) {
        if (id == null || !id.trim().matches("\\d{1,19}")) {
            throw CrmError.of(400, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
        }
        return Long.parseLong(id.trim());
    }
}
