package io.crminventorysync.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.config.NotificationSettings;
import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.BindingStore;
import io.crminventorysync.sync.ModuleSettingsStore;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The receivers Zoho calls, outside the operator login (web/SecurityConfig: no session, no CSRF,
 * body size limited by sync.notifications.max-body-size):
 * <ul>
 * <li>{@code POST /hooks/zoho/crm}: a CRM notification. The token it echoes is checked in constant
 * time first: a wrong or missing one is answered 401 and nothing is stored. Then the ids are queued
 * (one transaction) and the answer is 200 at once: syncing happens later, so a slow sync never makes
 * Zoho time out. A replayed or duplicated notification only debounces the queued record again.</li>
 * <li>{@code POST /hooks/zoho/inventory}: the Inventory workflow webhook, with the shared secret
 * (sync.notifications.inventory-secret) in the {@value #SECRET_HEADER} header or the
 * {@code secret} query parameter; queues the Inventory id for the push of two-way modules.</li>
 * </ul>
 * Neither secret is ever logged or answered.
 */
@RestController
public class HookController {

    public static final String SECRET_HEADER = "X-Sync-Webhook-Secret";

    private static final Logger log = LoggerFactory.getLogger(HookController.class);
    /** Zoho record ids are long numbers; anything else is not a record of ours. */
    private static final Pattern ID = Pattern.compile("[0-9]{1,40}");
    private static final Map<String, SyncModule> CRM_MODULES = Map.of("Accounts", SyncModule.ACCOUNTS,
            "Contacts", SyncModule.ACCOUNTS, "Vendors", SyncModule.VENDORS, "Products", SyncModule.PRODUCTS);

    private final NotificationQueue queue;
    private final NotificationChannel channel;
    private final NotificationSettings settings;
    private final SyncProperties properties;
    private final ModuleSettingsStore moduleSettings;
    private final BindingStore bindings;
    private final ObjectMapper json;

    public HookController(NotificationQueue queue, NotificationChannel channel, SyncProperties properties,
            ModuleSettingsStore moduleSettings, BindingStore bindings, ObjectMapper json) {
        this.queue = queue;
        this.channel = channel;
        this.settings = properties.getNotifications();
        this.properties = properties;
        this.moduleSettings = moduleSettings;
        this.bindings = bindings;
        this.json = json;
    }

    @PostMapping("/hooks/zoho/crm")
    public ResponseEntity<Map<String, Object>> crm(@RequestBody(required = false) String body) {
        if (!settings.isEnabled()) {
            return answer(404, "notifications are not enabled (sync.notifications.enabled)");
        }
        JsonNode n = parse(body);
        JsonNode token = n == null ? null : n.get("token");
        if (token == null || !token.isTextual() || !channel.tokenMatches(token.asText())) {
            log.warn("CRM notification refused: its token is not the channel's");
            return answer(401, "the token is not the channel's");
        }
        String source = n.path("module").asText("");
        SyncModule module = CRM_MODULES.get(source);
        List<String> ids = ids(n.path("ids"));
        long now = System.currentTimeMillis();
        channel.received(now);
        if (module == null || !properties.module(module.id()).isEnabled() || ids.isEmpty()) {
            return answer(200, "nothing to sync", 0);
        }
        boolean deleted = "delete".equalsIgnoreCase(n.path("operation").asText(""));
        queue.add(module, Flow.PULL, source, ids, deleted, now);
        log.debug("CRM notification: {} {} record(s) of {} queued", ids.size(), deleted ? "deleted" : "changed", source);
        return answer(200, "queued", ids.size());
    }

    @PostMapping("/hooks/zoho/inventory")
    public ResponseEntity<Map<String, Object>> inventory(@RequestBody(required = false) String body,
            @RequestHeader(name = SECRET_HEADER, required = false) String headerSecret,
            @RequestParam(name = "secret", required = false) String querySecret) {
        if (!settings.isEnabled()) {
            return answer(404, "notifications are not enabled (sync.notifications.enabled)");
        }
        String given = headerSecret != null ? headerSecret : querySecret;
        if (!NotificationChannel.sameSecret(settings.getInventorySecret(), given)) {
            log.warn("Inventory webhook refused: no or a wrong shared secret");
            return answer(401, "the shared secret is missing or wrong");
        }
        JsonNode n = parse(body);
        if (n == null) {
            return answer(400, "the body is not a JSON object");
        }
        // Inventory's own names are plural (contacts, items); a rule written with the singular works too
        String source = n.path("module").asText("").toLowerCase(Locale.ROOT);
        source = "contact".equals(source) ? "contacts" : "item".equals(source) ? "items" : source;
        List<String> ids = new ArrayList<>(ids(n.path("ids")));
        if (n.path("id").isValueNode() && ID.matcher(n.path("id").asText()).matches()) {
            ids.add(n.path("id").asText());
        }
        boolean deleted = "delete".equalsIgnoreCase(n.path("operation").asText(""));
        long now = System.currentTimeMillis();
        int queued = 0;
        for (String id : ids) {
            for (SyncModule module : modulesOf(source, id)) {
                queue.add(module, Flow.PUSH, source, List.of(id), deleted, now);
                queued++;
            }
        }
        return answer(200, queued == 0 ? "nothing to sync (no two-way module takes it)" : "queued", queued);
    }

    /**
     * The two-way modules an Inventory record can belong to: an item is a product; a contact is the
     * customer or vendor its binding says, or, unbound, either (the push reads it and keeps its type's).
     */
    private List<SyncModule> modulesOf(String source, String id) {
        List<SyncModule> candidates = switch (source) {
            case "items" -> List.of(SyncModule.PRODUCTS);
            case "contacts" -> {
                for (SyncModule m : List.of(SyncModule.ACCOUNTS, SyncModule.VENDORS)) {
                    if (bindings.byInventoryId(m, BindingKind.RECORD, id).isPresent()) {
                        yield List.of(m);
                    }
                }
                yield List.of(SyncModule.ACCOUNTS, SyncModule.VENDORS);
            }
            default -> List.of();
        };
        return candidates.stream().filter(m -> properties.module(m.id()).isEnabled() && moduleSettings.get(m).twoWay()).toList();
    }

    private JsonNode parse(String body) {
        try {
            JsonNode n = body == null || body.isBlank() ? null : json.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (java.io.IOException notJson) {
            return null;
        }
    }

    private static List<String> ids(JsonNode ids) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (ids.isArray()) {
            for (JsonNode id : ids) {
                if (id.isValueNode() && ID.matcher(id.asText()).matches()) {
                    out.add(id.asText());
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static ResponseEntity<Map<String, Object>> answer(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        return ResponseEntity.status(status).body(body);
    }

    private static ResponseEntity<Map<String, Object>> answer(int status, String message, int queued) {
        ResponseEntity<Map<String, Object>> r = answer(status, message);
        r.getBody().put("queued", queued);
        return r;
    }
}
