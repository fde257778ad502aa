package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook Inventory's workflow rules send on every change of a contact or an item, with the
 * shared secret in X-Sync-Webhook-Secret, asynchronously, under the notify knobs.
 */
class SandboxInventoryWebhookTest extends SandboxTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private CallbackReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new CallbackReceiver();
        admin.knobs().setInventoryWebhookUrl(receiver.url("/hooks/inventory"));
        admin.knobs().setInventoryWebhookSecret("s3cret-shared");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private JsonNode next() {
        return receiver.await(1, WAIT).get(0).body();
    }

    private static String shape(JsonNode body) {
        return body.get("module").asText() + " " + body.get("operation").asText() + " " + body.get("id").asText();
    }

    @Test
    void everyContactChangeThroughTheApiPostsItsModuleIdAndOperationWithTheSecret() {
        Response created = inv("POST", "/contacts", Map.of("contact_name", "Hooked Ltd"));
        String id = created.json().at("/contact/contact_id").asText();

        CallbackReceiver.Received first = receiver.await(1, WAIT).get(0);
        assertThat(first.pathAndQuery()).isEqualTo("/hooks/inventory");
        assertThat(first.header(SandboxInventoryWebhook.SECRET_HEADER)).isEqualTo("s3cret-shared");
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertThat(first.body().toString()).isEqualTo("{\"module\":\"contacts\",\"id\":\"" + id + "\",\"operation\":\"create\"}");

        inv("PUT", "/contacts/" + id, Map.of("website", "https://hooked.example"));
        assertThat(shape(next())).isEqualTo("contacts update " + id);
        inv("POST", "/contacts/" + id + "/inactive", null);
        assertThat(shape(next())).isEqualTo("contacts update " + id);
        Response person = inv("POST", "/contacts/contactpersons", Map.of("contact_id", id, "first_name", "Hook"));
        assertThat(shape(next())).as("a new contact person changes its contact").isEqualTo("contacts update " + id);
        inv("DELETE", "/contacts/contactpersons/" + person.json().at("/contact_person/contact_person_id").asText(), null);
        assertThat(shape(next())).isEqualTo("contacts update " + id);
        inv("DELETE", "/contacts/" + id, null);
        assertThat(shape(next())).isEqualTo("contacts delete " + id);
        assertThat(admin.count("inventory.webhooks.sent")).isEqualTo(6);
    }

    @Test
    void everyItemChangeThroughTheApiOrTheUiPostsToo() {
        String id = inv("POST", "/items", Map.of("name", "Hooked Item", "initial_stock", 3)).json().at("/item/item_id").asText();
        assertThat(shape(next())).isEqualTo("items create " + id);

        inv("PUT", "/items/" + id, Map.of("rate", 9.5));
        assertThat(shape(next())).isEqualTo("items update " + id);
        admin.inventoryAdjustStock(id, 4);
        assertThat(shape(next())).as("a stock adjustment").isEqualTo("items update " + id);
        admin.inventorySetItemActive(id, false);
        assertThat(shape(next())).isEqualTo("items update " + id);
        String other = admin.inventoryCreateItem(Map.of("name", "UI Item"));
        assertThat(shape(next())).isEqualTo("items create " + other);
        inv("DELETE", "/items?item_ids=" + id + "," + other, null);
        assertThat(receiver.await(2, WAIT)).extracting(r -> shape(r.body()))
                .containsExactlyInAnyOrder("items delete " + id, "items delete " + other);
        String contact = admin.inventoryCreateContact(Map.of("contact_name", "UI Contact"));
        assertThat(shape(next())).isEqualTo("contacts create " + contact);
        admin.inventoryDeleteContact(contact);
        assertThat(shape(next())).isEqualTo("contacts delete " + contact);
    }

    @Test
    void noUrlNoWebhookAndARefusedWriteSendsNothing() {
        inv("POST", "/contacts", Map.of("contact_name", "Unique Ltd"));
        next();

        Response duplicate = inv("POST", "/contacts", Map.of("contact_name", "Unique Ltd"));
        assertThat(duplicate.status()).isEqualTo(400);
        admin.knobs().setInventoryWebhookUrl("");
        inv("POST", "/items", Map.of("name", "Quiet Item"));

        assertThat(receiver.collect(Duration.ofMillis(600))).isEmpty();
        assertThat(admin.count("inventory.webhooks.sent")).isEqualTo(1);
    }

    @Test
    void theBulkLoadsDoNotRunWorkflowRules() {
        admin.seedDemo();
        admin.generate(0, 0, 0, 0, 3, 3);

        assertThat(receiver.collect(Duration.ofMillis(600))).isEmpty();
    }

    @Test
    void theWebhookHonoursTheDropDuplicateAndDelayKnobs() {
        admin.knobs().setNotifyDropRate(1.0);
        admin.inventoryCreateItem(Map.of("name", "Dropped Item"));
        assertThat(receiver.collect(Duration.ofMillis(500))).isEmpty();
        assertThat(admin.count("inventory.webhooks.dropped")).isEqualTo(1);

        admin.knobs().setNotifyDropRate(0);
        admin.knobs().setNotifyDuplicateRate(1.0);
        admin.knobs().setNotifyDelayMs(800);
        long start = System.currentTimeMillis();
        String id = admin.inventoryCreateItem(Map.of("name", "Twice Item"));
        List<CallbackReceiver.Received> twice = receiver.await(2, WAIT);
        assertThat(twice).extracting(r -> shape(r.body())).containsExactly("items create " + id, "items create " + id);
        assertThat(twice.get(0).atMillis() - start).isGreaterThanOrEqualTo(800);
    }

    @Test
    void theWebhookKnobsAreSetOverTheAdminApiAndABadUrlIsRefused() {
        Response ok = admin("PUT", "/knobs", Map.of("inventoryWebhookUrl", receiver.url("/other"),
                "inventoryWebhookSecret", "another"));
        assertThat(ok.json().get("inventoryWebhookUrl").asText()).isEqualTo(receiver.url("/other"));

        admin.inventoryCreateContact(Map.of("contact_name", "Elsewhere Ltd"));
        CallbackReceiver.Received got = receiver.await(1, WAIT).get(0);
        assertThat(got.pathAndQuery()).isEqualTo("/other");
        assertThat(got.header(SandboxInventoryWebhook.SECRET_HEADER)).isEqualTo("another");

        assertThat(admin("PUT", "/knobs", Map.of("inventoryWebhookUrl", "ftp://nowhere")).status()).isEqualTo(400);
    }
}
