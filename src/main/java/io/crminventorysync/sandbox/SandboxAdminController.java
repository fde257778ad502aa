package io.crminventorysync.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@link SandboxAdmin} over HTTP, so a sandbox running as its own process (--sandbox-only) can be
 * driven by benchmarks and multi-node tests. Not counted in the stats. In the service (demo profile)
 * it needs the operator login like /api (it hands out access tokens and rewrites the simulated
 * data); the sandbox-only process listens on localhost unless told otherwise. Counts and knobs that
 * could make it build or wait without bound are bounded.
 */
@RestController
@SandboxEnabled
@RequestMapping("/sandbox/_admin")
public class SandboxAdminController {

    /** Ten years: far enough for any test of expiry, not so far that times overflow. */
    static final long MAX_CLOCK_ADVANCE_SECONDS = 10L * 366 * 24 * 3600;

    private final SandboxAdmin admin;

    public SandboxAdminController(SandboxAdmin admin) {
        this.admin = admin;
    }

    @PostMapping("/reset")
    public Map<String, Object> reset() {
        admin.reset();
        return done("reset");
    }

    @PostMapping("/seed-demo")
    public Map<String, Object> seedDemo() {
        admin.seedDemo();
        Map<String, Object> body = done("demo data loaded");
        body.put("ids", admin.demoIds());
        return body;
    }

    @GetMapping("/demo")
    public Map<String, String> demoIds() {
        return admin.demoIds();
    }

    @PostMapping("/generate")
    public SandboxAdmin.Generated generate(@RequestParam(defaultValue = "0") int accounts,
                                           @RequestParam(defaultValue = "0") int contacts,
                                           @RequestParam(defaultValue = "0") int vendors,
                                           @RequestParam(defaultValue = "0") int products,
                                           @RequestParam(defaultValue = "0") int customers,
                                           @RequestParam(defaultValue = "0") int items) {
        // bounded there: at most SandboxAdmin.MAX_GENERATED records a call
        return admin.generate(accounts, contacts, vendors, products, customers, items);
    }

    @GetMapping("/knobs")
    public Map<String, Object> knobs() {
        return admin.knobs().asMap();
    }

    @PutMapping("/knobs")
    public Map<String, Object> setKnobs(@RequestBody Map<String, Object> changes) {
        // knobs that make the sandbox hold threads or stall callers are bounded over HTTP
        bounded(changes, "latencyMs", 60_000);
        bounded(changes, "retryAfterSeconds", 3_600);
        bounded(changes, "burst429", 1_000_000);
        admin.knobs().apply(changes);
        return admin.knobs().asMap();
    }

    @GetMapping("/stats")
    public Map<String, Long> stats() {
        return admin.stats();
    }

    @PostMapping("/stats/reset")
    public Map<String, Object> resetStats() {
        admin.resetStats();
        return done("stats reset");
    }

    @PostMapping("/expire-tokens")
    public Map<String, Object> expireTokens() {
        admin.expireTokens();
        return done("every access token expired");
    }

    @PostMapping("/token")
    public Map<String, Object> token() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", admin.issueAccessToken());
        body.put("expires_in", admin.knobs().getTokenLifetimeSeconds());
        return body;
    }

    @PostMapping("/clock/advance")
    public Map<String, Object> advanceClock(@RequestParam long seconds) {
        if (seconds < 0 || seconds > MAX_CLOCK_ADVANCE_SECONDS) {
            throw new IllegalArgumentException("seconds must be 0 to " + MAX_CLOCK_ADVANCE_SECONDS + ", was " + seconds);
        }
        admin.advanceClock(Duration.ofSeconds(seconds));
        Map<String, Object> body = done("clock advanced");
        body.put("now", SandboxClock.crmTime(admin.now().toEpochMilli()));
        return body;
    }

    @GetMapping("/counts")
    public Map<String, Integer> counts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String module : CrmModule.ALL.keySet()) {
            m.put("crm." + module, admin.crmCount(module));
        }
        m.put("inventory.contacts", admin.inventoryContactCount());
        m.put("inventory.items", admin.inventoryItemCount());
        return m;
    }

    @PostMapping("/crm/{module}")
    public Map<String, Object> crmCreate(@PathVariable String module, @RequestBody Map<String, Object> fields) {
        return Map.of("id", admin.crmCreate(module, fields));
    }

    @GetMapping("/crm/{module}/{id}")
    public ResponseEntity<Map<String, Object>> crmRecord(@PathVariable String module, @PathVariable String id) {
        return found(admin.crmRecord(module, id));
    }

    @PutMapping("/crm/{module}/{id}")
    public ResponseEntity<Map<String, Object>> crmEdit(@PathVariable String module, @PathVariable String id,
                                                       @RequestBody Map<String, Object> changes) {
        admin.crmEdit(module, id, changes);
        return found(admin.crmRecord(module, id));
    }

    @DeleteMapping("/crm/{module}/{id}")
    public Map<String, Object> crmDelete(@PathVariable String module, @PathVariable String id) {
        return Map.of("deleted", admin.crmDelete(module, id));
    }

    @PostMapping("/crm/{module}/views")
    public Map<String, Object> crmCreateView(@PathVariable String module, @RequestBody Map<String, String> view) {
        return Map.of("id", admin.crmCreateView(module, view.get("name"), view.get("criteria")));
    }

    @GetMapping("/inventory/contacts")
    public List<Map<String, Object>> inventoryContacts(@RequestParam(required = false) String name) {
        if (name != null) {
            return admin.inventoryContactByName(name).map(List::of).orElse(List.of());
        }
        return admin.inventoryContacts();
    }

    @PostMapping("/inventory/contacts")
    public Map<String, Object> inventoryCreateContact(@RequestBody Map<String, Object> body) {
        return Map.of("contact_id", admin.inventoryCreateContact(body));
    }

    @GetMapping("/inventory/contacts/{id}")
    public ResponseEntity<Map<String, Object>> inventoryContact(@PathVariable String id) {
        return found(admin.inventoryContact(id));
    }

    @PutMapping("/inventory/contacts/{id}")
    public ResponseEntity<Map<String, Object>> inventoryEditContact(@PathVariable String id,
                                                                    @RequestBody Map<String, Object> changes) {
        admin.inventoryEditContact(id, changes);
        return found(admin.inventoryContact(id));
    }

    @PostMapping("/inventory/items")
    public Map<String, Object> inventoryCreateItem(@RequestBody Map<String, Object> body) {
        return Map.of("item_id", admin.inventoryCreateItem(body));
    }

    @GetMapping("/inventory/items")
    public List<Map<String, Object>> inventoryItems() {
        return admin.inventoryItems();
    }

    @PutMapping("/inventory/items/{id}")
    public ResponseEntity<Map<String, Object>> inventoryEditItem(@PathVariable String id,
                                                                 @RequestBody Map<String, Object> changes) {
        admin.inventoryEditItem(id, changes);
        return found(admin.inventoryItem(id));
    }

    @PostMapping("/crm/{module}/{id}/merge")
    public ResponseEntity<Map<String, Object>> crmMerge(@PathVariable String module, @PathVariable String id,
                                                        @RequestBody Map<String, Object> merge) {
        Object child = merge.get("child_id");
        Object fields = merge.getOrDefault("fields", List.of());
        if (child == null || !(fields instanceof List<?> list)) {
            throw new IllegalArgumentException("a merge needs child_id and a list of fields to take from the child");
        }
        admin.crmMerge(module, id, child.toString(), list.stream().map(String::valueOf).toList());
        return found(admin.crmRecord(module, id));
    }

    @PostMapping("/crm/{module}/{id}/purge")
    public Map<String, Object> crmPurge(@PathVariable String module, @PathVariable String id) {
        return Map.of("purged", admin.crmPurge(module, id));
    }

    @PostMapping("/crm/{module}/fields")
    public Map<String, Object> crmAddCustomField(@PathVariable String module, @RequestBody Map<String, String> field) {
        String apiName = field.get("api_name") == null
                ? admin.crmAddCustomField(module, field.get("field_label"), field.get("data_type"))
                : admin.crmAddCustomField(module, field.get("api_name"), field.get("field_label"), field.get("data_type"));
        return Map.of("api_name", apiName);
    }

    @GetMapping("/crm/notifications")
    public Map<String, List<String>> crmNotificationChannels() {
        return admin.crmNotificationChannels();
    }

    @DeleteMapping("/inventory/contacts/{id}")
    public Map<String, Object> inventoryDeleteContact(@PathVariable String id) {
        admin.inventoryDeleteContact(id);
        return done("contact deleted");
    }

    @PostMapping("/inventory/contacts/{id}/{status:active|inactive}")
    public ResponseEntity<Map<String, Object>> inventoryMarkContact(@PathVariable String id, @PathVariable String status) {
        admin.inventorySetContactActive(id, "active".equals(status));
        return found(admin.inventoryContact(id));
    }

    @DeleteMapping("/inventory/items/{id}")
    public Map<String, Object> inventoryDeleteItem(@PathVariable String id) {
        admin.inventoryDeleteItem(id);
        return done("item deleted");
    }

    @PostMapping("/inventory/items/{id}/{status:active|inactive}")
    public ResponseEntity<Map<String, Object>> inventoryMarkItem(@PathVariable String id, @PathVariable String status) {
        admin.inventorySetItemActive(id, "active".equals(status));
        return found(admin.inventoryItem(id));
    }

    @PostMapping("/inventory/items/{id}/adjust")
    public ResponseEntity<Map<String, Object>> inventoryAdjustStock(@PathVariable String id,
                                                                    @RequestParam double quantity) {
        admin.inventoryAdjustStock(id, quantity == Math.rint(quantity) ? (Number) (long) quantity : (Number) quantity);
        return found(admin.inventoryItem(id));
    }

    @PostMapping("/inventory/{module}/fields")
    public Map<String, Object> inventoryAddCustomField(@PathVariable String module,
                                                       @RequestBody Map<String, String> field) {
        String apiName = field.get("api_name") == null
                ? admin.inventoryAddCustomField(module, field.get("label"), field.get("data_type"))
                : admin.inventoryAddCustomField(module, field.get("api_name"), field.get("label"), field.get("data_type"));
        return Map.of("api_name", apiName);
    }

    @ExceptionHandler({IllegalArgumentException.class, CrmError.class, InventoryError.class})
    public ResponseEntity<Map<String, Object>> refused(RuntimeException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        return ResponseEntity.badRequest().body(body);
    }

    private static void bounded(Map<String, Object> changes, String knob, long max) {
        Object v = changes.get(knob);
        if (v != null) {
            long n;
            try {
                n = Long.parseLong(String.valueOf(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("knob '" + knob + "' needs a whole number, was " + v);
            }
            if (n < 0 || n > max) {
                throw new IllegalArgumentException("knob '" + knob + "' must be 0 to " + max + ", was " + v);
            }
        }
    }

    private static ResponseEntity<Map<String, Object>> found(Optional<Map<String, Object>> record) {
        return record.map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    private static Map<String, Object> done(String what) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", what);
        return body;
    }
}
