package io.crminventorysync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The webhook an Inventory workflow rule sends on every change of a contact or an item, as the
 * organization has set it up (Inventory's webhooks post whatever JSON the rule is given): a POST
 * of {@code {"module":"contacts|items","id":"<contact_id or item_id>","operation":"create|update|delete"}}
 * to the {@code inventoryWebhookUrl} knob, with the {@code inventoryWebhookSecret} knob in the
 * {@value #SECRET_HEADER} header. Sent asynchronously with the notify knobs, counted under
 * {@code inventory.webhooks.*}. Contact person changes are changes of their contact.
 */
@Component
@SandboxEnabled
public class SandboxInventoryWebhook {

    /** The header carrying the shared secret the workflow rule is set up with. */
    public static final String SECRET_HEADER = "X-Sync-Webhook-Secret";

    static final String CREATE = "create";
    static final String UPDATE = "update";
    static final String DELETE = "delete";

    private final SandboxKnobs knobs;
    private final SandboxCallbacks callbacks;

    public SandboxInventoryWebhook(SandboxKnobs knobs, SandboxCallbacks callbacks) {
        this.knobs = knobs;
        this.callbacks = callbacks;
    }

    /** Queues the webhook for one changed record; nothing when no URL is set. Never blocks. */
    void changed(String module, long id, String operation) {
        String url = knobs.getInventoryWebhookUrl();
        if (url.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("module", module);
        body.put("id", String.valueOf(id));
        body.put("operation", operation);
        String secret = knobs.getInventoryWebhookSecret();
        callbacks.post("inventory.webhooks", url, secret.isEmpty() ? Map.of() : Map.of(SECRET_HEADER, secret), body);
    }
}
