package io.crminventorysync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * CRM notifications (reference/zoho-api.md section 1.5): channels subscribed with
 * {@code POST /actions/watch}, listed with GET, replaced with PUT, changed or trimmed with PATCH
 * ({@code _delete_events}), disabled with DELETE; and the callbacks each CRM change sends to the
 * channels watching its module and operation, until a channel expires by the sandbox's clock.
 *
 * <p>Where Zoho's documents leave it open the sandbox decides, and says so here: POST on a channel
 * that exists adds its events; PUT on an unknown channel creates it; PATCH without
 * {@code _delete_events} adds events and changes what it names; {@code notification_condition}
 * is kept and listed but not applied (every change notifies); {@code affected_fields} is always
 * empty; the operations are {@code insert}, {@code update} and {@code delete}.
 */
@Component
@SandboxEnabled
public class SandboxWatch {

    static final long DEFAULT_EXPIRY_MS = 3_600_000L;
    static final long MAX_EXPIRY_MS = 7L * 24 * 3_600_000L;
    static final int MAX_TOKEN = 50;
    static final int MAX_PER_PAGE = 200;
    /** Operations as events name them; "all" stands for the three. */
    private static final List<String> EVENT_OPS = List.of("edit", "create", "delete");

    /** One subscribed channel; immutable, replaced on change. Module to the operations watched. */
    record Channel(String id, Map<String, Set<String>> events, String notifyUrl, String token, long expiresAt,
                   boolean returnAffectedFieldValues, boolean notifyOnRelatedAction, Object notificationCondition,
                   String apiBase) {
    }

    private final SandboxClock clock;
    private final SandboxCallbacks callbacks;
    private final ObjectMapper json;
    private final Map<String, Channel> channels = new TreeMap<>();

    public SandboxWatch(SandboxClock clock, SandboxCallbacks callbacks, ObjectMapper json) {
        this.clock = clock;
        this.callbacks = callbacks;
        this.json = json;
    }

    synchronized void clear() {
        channels.clear();
    }

    // ------------------------------------------------------------------ the API

    /** POST /actions/watch: subscribe, adding to a channel that exists. */
    ResponseEntity<Object> enable(String body, String apiBase) {
        return write(body, apiBase, false);
    }

    /** PUT /actions/watch: the channel becomes exactly what is given (renewal included). */
    ResponseEntity<Object> replace(String body, String apiBase) {
        return write(body, apiBase, true);
    }

    private synchronized ResponseEntity<Object> write(String body, String apiBase, boolean replace) {
        List<Map<String, Object>> items = watchItems(body);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> in = items.get(i);
            String path = "$.watch[" + i + "].";
            Map<String, Object> problem = validate(in, path, List.of("channel_id", "events", "notify_url"));
            if (problem != null) {
                results.add(problem);
                continue;
            }
            Channel given = channelOf(in, apiBase);
            Channel old = channels.get(given.id());
            // A subscription (re)sets the expiry: one hour when none is given, as in Zoho.
            Channel next = replace || old == null || isExpired(old) ? given : withExpiry(merge(old, given, in), given.expiresAt());
            channels.put(next.id(), next);
            results.add(subscribed(next, given.events().keySet(), "Successfully subscribed for actions-watch of the given module"));
        }
        return answer(results);
    }

    /** PATCH /actions/watch: with {@code "_delete_events": true} removes events, else adds and changes. */
    synchronized ResponseEntity<Object> patch(String body, String apiBase) {
        List<Map<String, Object>> items = watchItems(body);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> in = items.get(i);
            String path = "$.watch[" + i + "].";
            boolean delete = Boolean.TRUE.equals(in.get("_delete_events"));
            Map<String, Object> problem = validate(in, path, List.of("channel_id", "events"));
            if (problem != null) {
                results.add(problem);
                continue;
            }
            String id = channelId(in.get("channel_id"));
            Channel old = channels.get(id);
            if (old == null || isExpired(old)) {
                results.add(error("INVALID_DATA", "the given channel_id does not exist", "api_name", "channel_id",
                        "json_path", path + "channel_id"));
                continue;
            }
            if (!delete) {
                Channel next = merge(old, channelOf(in, apiBase), in);
                channels.put(id, next);
                results.add(subscribed(next, events(in.get("events")).keySet(),
                        "Successfully subscribed for actions-watch of the given module"));
                continue;
            }
            Map<String, Set<String>> removed = events(in.get("events"));
            Map<String, Set<String>> left = copy(old.events());
            removed.forEach((module, ops) -> {
                Set<String> kept = left.get(module);
                if (kept != null) {
                    kept.removeAll(ops);
                    if (kept.isEmpty()) {
                        left.remove(module);
                    }
                }
            });
            if (left.isEmpty()) {
                channels.remove(id);
            } else {
                channels.put(id, withEvents(old, left));
            }
            List<Map<String, Object>> events = new ArrayList<>();
            for (String module : removed.keySet()) {
                Map<String, Object> e = resource(old, module);
                e.put("resource_name", module);
                e.put("channel_id", id);
                events.add(e);
            }
            results.add(success(Map.of("events", events), "Successfully removed the subscribe details"));
        }
        return answer(results);
    }

    /** GET /actions/watch: one entry per channel and module, live channels only; 204 when none. */
    synchronized ResponseEntity<Object> list(Map<String, String> params) {
        pruneExpired();
        int perPage = positive(params, "per_page", MAX_PER_PAGE);
        if (perPage > MAX_PER_PAGE) {
            throw CrmError.of(400, "LIMIT_EXCEEDED", "the limit exceeds", "limit", MAX_PER_PAGE, "param_name", "per_page");
        }
        int page = positive(params, "page", 1);
        String channelFilter = params.get("channel_id");
        String moduleFilter = params.get("module");
        List<Map<String, Object>> all = new ArrayList<>();
        for (Channel c : channels.values()) {
            if (channelFilter != null && !channelFilter.trim().equals(c.id())) {
                continue;
            }
            for (var e : c.events().entrySet()) {
                if (moduleFilter == null || moduleFilter.equals(e.getKey())) {
                    all.add(render(c, e.getKey(), e.getValue()));
                }
            }
        }
        int from = (int) Math.min((long) (page - 1) * perPage, all.size());
        int to = Math.min(all.size(), from + perPage);
        if (from >= to) {
            return ResponseEntity.noContent().build();
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        info.put("count", to - from);
        info.put("page", page);
        info.put("more_records", to < all.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("watch", new ArrayList<>(all.subList(from, to)));
        out.put("info", info);
        return SandboxGate.json(200, out);
    }

    /** DELETE /actions/watch?channel_ids=a,b: each channel stops, one entry per module it watched. */
    synchronized ResponseEntity<Object> disable(String channelIds) {
        if (channelIds == null || channelIds.isBlank()) {
            throw CrmError.of(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    "param_name", "channel_ids");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (String raw : channelIds.split(",")) {
            String id = raw.trim();
            Channel c = channels.remove(id);
            if (c == null) {
                results.add(error("INVALID_DATA", "the given channel_id does not exist", "channel_id", id));
                continue;
            }
            for (String module : c.events().keySet()) {
                Map<String, Object> details = resource(c, module);
                details.put("channel_id", c.id());
                results.add(success(details, "Successfully un-subscribed from actions-watch"));
            }
        }
        return answer(results);
    }

    // ------------------------------------------------------------------ callbacks

    /** Sends, asynchronously, one callback per live channel watching each module and operation changed. */
    void publish(CrmChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<Channel> live;
        synchronized (this) {
            pruneExpired();
            if (channels.isEmpty()) {
                return;
            }
            live = new ArrayList<>(channels.values());
        }
        changes.byModule().forEach((module, byOperation) -> byOperation.forEach((operation, ids) -> {
            String event = switch (operation) {
                case CrmChanges.INSERT -> "create";
                case CrmChanges.UPDATE -> "edit";
                default -> "delete";
            };
            for (Channel c : live) {
                Set<String> ops = c.events().get(module);
                if (ops != null && ops.contains(event)) {
                    callbacks.post("crm.notifications", c.notifyUrl(), Map.of(), callback(c, module, operation, ids));
                }
            }
        }));
    }

    private Map<String, Object> callback(Channel c, String module, String operation, List<Long> ids) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server_time", clock.millis());
        m.put("query_params", queryParams(c.notifyUrl()));
        m.put("module", module);
        m.put("resource_uri", c.apiBase() + "/" + module);
        m.put("ids", ids.stream().map(String::valueOf).toList());
        m.put("affected_fields", List.of());
        m.put("operation", operation);
        m.put("channel_id", c.id());
        m.put("token", c.token());
        return m;
    }

    /** The notify URL's own query parameters, which Zoho echoes as query_params. */
    static Map<String, Object> queryParams(String url) {
        Map<String, Object> out = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    // ------------------------------------------------------------------ validation and shapes

    private List<Map<String, Object>> watchItems(String body) {
        Object parsed;
        try {
            parsed = body == null || body.isBlank() ? null : json.readValue(body, Object.class);
        } catch (java.io.IOException e) {
            throw CrmError.of(400, "INVALID_DATA", "the input json is not well formed", "expected_data_type", "jsonobject");
        }
        Object watch = parsed instanceof Map<?, ?> m ? m.get("watch") : null;
        if (watch == null) {
            throw CrmError.of(400, "MANDATORY_NOT_FOUND", "required field not found", "api_name", "watch");
        }
        if (!(watch instanceof List<?> list) || list.isEmpty()) {
            throw CrmError.of(400, "INVALID_DATA", "invalid data", "api_name", "watch", "expected_data_type", "jsonarray");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                throw CrmError.of(400, "INVALID_DATA", "invalid data", "json_path", "$.watch[" + i + "]",
                        "expected_data_type", "jsonobject");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) item;
            out.add(typed);
        }
        return out;
    }

    /** The per-item error for a bad watch item, or null when it is good. */
    private Map<String, Object> validate(Map<String, Object> in, String path, List<String> mandatory) {
        for (String key : mandatory) {
            if (in.get(key) == null || in.get(key).toString().isBlank()) {
                return error("MANDATORY_NOT_FOUND", "required field not found", "api_name", key, "json_path", path + key);
            }
        }
        if (channelId(in.get("channel_id")) == null) {
            return error("INVALID_DATA", "invalid data", "api_name", "channel_id", "json_path", path + "channel_id",
                    "expected_data_type", "long");
        }
        if (!(in.get("events") instanceof List<?> events) || events.isEmpty()) {
            return error("INVALID_DATA", "invalid data", "api_name", "events", "json_path", path + "events",
                    "expected_data_type", "jsonarray");
        }
        for (int j = 0; j < events.size(); j++) {
            if (!(events.get(j) instanceof String e) || event(e) == null) {
                return error("INVALID_DATA", "invalid data", "api_name", "events", "json_path", path + "events[" + j + "]");
            }
        }
        Object url = in.get("notify_url");
        if (url != null && !(url instanceof String s && isHttpUrl(s))) {
            return error("INVALID_DATA", "invalid data", "api_name", "notify_url", "json_path", path + "notify_url");
        }
        Object token = in.get("token");
        if (token != null && !(token instanceof String)) {
            return error("INVALID_DATA", "invalid data", "api_name", "token", "json_path", path + "token",
                    "expected_data_type", "string");
        }
        if (token instanceof String t && t.length() > MAX_TOKEN) {
            return error("INVALID_DATA", "invalid data", "api_name", "token", "json_path", path + "token",
                    "maximum_length", MAX_TOKEN);
        }
        Object expiry = in.get("channel_expiry");
        if (expiry != null) {
            Long at = expiry instanceof String s ? SandboxClock.parse(s) : null;
            if (at == null) {
                return error("INVALID_DATA", "invalid data", "api_name", "channel_expiry", "json_path",
                        path + "channel_expiry", "expected_data_type", "datetime");
            }
            if (at <= clock.millis()) {
                return error("INVALID_DATA", "the channel_expiry given is in the past", "api_name", "channel_expiry",
                        "json_path", path + "channel_expiry");
            }
        }
        for (String flag : List.of("return_affected_field_values", "notify_on_related_action", "_delete_events")) {
            if (in.get(flag) != null && !(in.get(flag) instanceof Boolean)) {
                return error("INVALID_DATA", "invalid data", "api_name", flag, "json_path", path + flag,
                        "expected_data_type", "boolean");
            }
        }
        return null;
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s.trim());
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A channel id as Zoho takes it: a long, as a number or digits; null when it is not one. */
    private static String channelId(Object v) {
        if (v instanceof Number n && !(v instanceof Double || v instanceof Float) && n.longValue() > 0) {
            return String.valueOf(n.longValue());
        }
        return v instanceof String s && s.trim().matches("\\d{1,19}") ? s.trim() : null;
    }

    /** "Accounts.create" to (module, ops); null for an unknown module or operation. */
    private static Map.Entry<String, Set<String>> event(String e) {
        int dot = e.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String module = e.substring(0, dot);
        String op = e.substring(dot + 1);
        if (!CrmModule.ALL.containsKey(module)) {
            return null;
        }
        if ("all".equals(op)) {
            return Map.entry(module, new LinkedHashSet<>(EVENT_OPS));
        }
        return EVENT_OPS.contains(op) ? Map.entry(module, new LinkedHashSet<>(List.of(op))) : null;
    }

    private static Map<String, Set<String>> events(Object list) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Object o : (List<?>) list) {
            var e = event((String) o);
            out.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).addAll(e.getValue());
        }
        return out;
    }

    private Channel channelOf(Map<String, Object> in, String apiBase) {
        long now = clock.millis();
        Long at = in.get("channel_expiry") == null ? null : SandboxClock.parse((String) in.get("channel_expiry"));
        // Zoho: not given, or more than a week ahead, and the channel lives one hour.
        long expiresAt = at == null || at > now + MAX_EXPIRY_MS ? now + DEFAULT_EXPIRY_MS : at;
        Object url = in.get("notify_url");
        return new Channel(channelId(in.get("channel_id")), events(in.get("events")),
                url == null ? null : url.toString().trim(), (String) in.get("token"), expiresAt,
                Boolean.TRUE.equals(in.get("return_affected_field_values")),
                !Boolean.FALSE.equals(in.get("notify_on_related_action")), in.get("notification_condition"), apiBase);
    }

    /** The old channel with the given events added and the given settings changed. */
    private static Channel merge(Channel old, Channel given, Map<String, Object> in) {
        Map<String, Set<String>> events = copy(old.events());
        given.events().forEach((m, ops) -> events.computeIfAbsent(m, k -> new LinkedHashSet<>()).addAll(ops));
        return new Channel(old.id(), events,
                in.get("notify_url") != null ? given.notifyUrl() : old.notifyUrl(),
                in.get("token") != null ? given.token() : old.token(),
                in.get("channel_expiry") != null ? given.expiresAt() : old.expiresAt(),
                in.get("return_affected_field_values") != null ? given.returnAffectedFieldValues()
                        : old.returnAffectedFieldValues(),
                in.get("notify_on_related_action") != null ? given.notifyOnRelatedAction() : old.notifyOnRelatedAction(),
                in.get("notification_condition") != null ? given.notificationCondition() : old.notificationCondition(),
                given.apiBase());
    }

    private static Channel withEvents(Channel c, Map<String, Set<String>> events) {
        return new Channel(c.id(), events, c.notifyUrl(), c.token(), c.expiresAt(), c.returnAffectedFieldValues(),
                c.notifyOnRelatedAction(), c.notificationCondition(), c.apiBase());
    }

    private static Channel withExpiry(Channel c, long expiresAt) {
        return new Channel(c.id(), c.events(), c.notifyUrl(), c.token(), expiresAt, c.returnAffectedFieldValues(),
                c.notifyOnRelatedAction(), c.notificationCondition(), c.apiBase());
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> events) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        events.forEach((m, ops) -> out.put(m, new LinkedHashSet<>(ops)));
        return out;
    }

    private boolean isExpired(Channel c) {
        return c.expiresAt() <= clock.millis();
    }

    private void pruneExpired() {
        channels.values().removeIf(this::isExpired);
    }

    private Map<String, Object> subscribed(Channel c, Set<String> modules, String message) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String module : modules) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("channel_expiry", SandboxClock.crmTime(c.expiresAt()));
            e.putAll(resource(c, module));
            e.put("resource_name", module);
            e.put("channel_id", c.id());
            events.add(e);
        }
        return success(Map.of("events", events), message);
    }

    private Map<String, Object> render(Channel c, String module, Set<String> ops) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notify_on_related_action", c.notifyOnRelatedAction());
        m.put("channel_expiry", SandboxClock.crmTime(c.expiresAt()));
        m.put("return_affected_field_values", c.returnAffectedFieldValues());
        m.putAll(resource(c, module));
        m.put("notify_url", c.notifyUrl());
        m.put("resource_name", module);
        m.put("fields", null);
        m.put("notification_condition", c.notificationCondition());
        m.put("channel_id", c.id());
        List<String> events = new ArrayList<>();
        for (String op : EVENT_OPS) {
            if (ops.contains(op)) {
                events.add(module + "." + op);
            }
        }
        m.put("events", events);
        m.put("token", c.token());
        return m;
    }

    private static Map<String, Object> resource(Channel c, String module) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource_uri", c.apiBase() + "/" + module);
        m.put("resource_id", CrmModule.ALL.get(module).id);
        return m;
    }

    private static ResponseEntity<Object> answer(List<Map<String, Object>> results) {
        long ok = results.stream().filter(r -> "success".equals(r.get("status"))).count();
        int status = ok == results.size() ? 200 : ok == 0 ? 400 : 207;
        return SandboxGate.json(status, Map.of("watch", results));
    }

    private static Map<String, Object> success(Map<String, Object> details, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", "SUCCESS");
        m.put("details", details);
        m.put("message", message);
        m.put("status", "success");
        return m;
    }

    private static Map<String, Object> error(String code, String message, Object... detailPairs) {
        return CrmError.of(400, code, message, detailPairs).body();
    }

    private static int positive(Map<String, String> params, String name, int dflt) {
        String v = params.get(name);
        if (v == null) {
            return dflt;
        }
        if (v.trim().matches("\\d{1,9}") && Integer.parseInt(v.trim()) >= 1) {
            return Integer.parseInt(v.trim());
        }
        throw CrmError.of(400, "INVALID_DATA", "invalid data", "param_name", name);
    }

    /** Live channels, for tests: id to the events as "Module.op". */
    synchronized Map<String, List<String>> channels() {
        pruneExpired();
        Map<String, List<String>> out = new TreeMap<>();
        channels.forEach((id, c) -> {
            List<String> events = new ArrayList<>();
            c.events().forEach((m, ops) -> ops.forEach(op -> events.add(m + "." + op)));
            out.put(id, Collections.unmodifiableList(events));
        });
        return out;
    }
}
