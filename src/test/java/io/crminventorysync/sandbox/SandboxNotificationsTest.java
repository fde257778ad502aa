package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CRM notifications (reference section 1.5): channels subscribed, listed, renewed, trimmed and
 * disabled over /actions/watch in Zoho's shapes, and the callbacks each change sends to a real
 * HTTP receiver, asynchronously, until the channel expires; the drop, duplicate and delay knobs.
 */
class SandboxNotificationsTest extends SandboxTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private CallbackReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private Response watch(String method, Map<String, Object> item) {
        return call(method, CRM + "/actions/watch", Map.of("watch", List.of(item)));
    }

    private Map<String, Object> channel(String id, List<String> events) {
        return Map.of("channel_id", id, "events", events, "notify_url", receiver.url("/hooks/crm?source=zoho"),
                "token", "verify-" + id);
    }

    @Test
    void aSubscriptionAnswersInZohosShapeAndIsListedPerModule() {
        Response r = watch("POST", channel("1000000068001",
                List.of("Accounts.create", "Contacts.edit", "Vendors.delete", "Products.all")));

        assertThat(r.status()).isEqualTo(200);
        JsonNode item = r.json().at("/watch/0");
        assertThat(item.get("code").asText()).isEqualTo("SUCCESS");
        assertThat(item.get("message").asText()).isEqualTo("Successfully subscribed for actions-watch of the given module");
        assertThat(item.get("status").asText()).isEqualTo("success");
        JsonNode events = item.at("/details/events");
        assertThat(events.findValuesAsText("resource_name")).containsExactly("Accounts", "Contacts", "Vendors", "Products");
        JsonNode accounts = events.get(0);
        assertThat(accounts.get("channel_expiry").asText()).matches(CRM_TIME);
        assertThat(accounts.get("resource_uri").asText()).isEqualTo("http://localhost:" + port + CRM + "/Accounts");
        assertThat(accounts.get("resource_id").asText()).isEqualTo(CrmModule.ALL.get("Accounts").id);
        assertThat(accounts.get("channel_id").asText()).isEqualTo("1000000068001");

        Response listed = get(CRM + "/actions/watch");
        assertThat(listed.status()).isEqualTo(200);
        JsonNode watch = listed.json().get("watch");
        assertThat(watch).hasSize(4);
        JsonNode products = watch.get(3);
        assertThat(products.get("resource_name").asText()).isEqualTo("Products");
        assertThat(products.get("events").toString()).isEqualTo("[\"Products.edit\",\"Products.create\",\"Products.delete\"]");
        assertThat(products.get("notify_url").asText()).isEqualTo(receiver.url("/hooks/crm?source=zoho"));
        assertThat(products.get("token").asText()).isEqualTo("verify-1000000068001");
        assertThat(products.get("notify_on_related_action").asBoolean()).isTrue();
        assertThat(products.get("return_affected_field_values").asBoolean()).isFalse();
        assertThat(listed.json().at("/info/count").asInt()).isEqualTo(4);
        assertThat(listed.json().at("/info/more_records").asBoolean()).isFalse();
        assertThat(get(CRM + "/actions/watch?module=Contacts").json().get("watch")).hasSize(1);
    }

    @Test
    void insertsUpdatesAndDeletesSendOneCallbackPerCallWithTheIds() {
        watch("POST", channel("2001", List.of("Accounts.all")));

        Response inserted = call("POST", CRM + "/Accounts", Map.of("data", List.of(
                Map.of("Account_Name", "Notified One"), Map.of("Account_Name", "Notified Two"))));
        String one = inserted.json().at("/data/0/details/id").asText();
        String two = inserted.json().at("/data/1/details/id").asText();
        CallbackReceiver.Received insert = receiver.await(1, WAIT).get(0);

        assertThat(insert.pathAndQuery()).isEqualTo("/hooks/crm?source=zoho");
        assertThat(insert.header("Content-Type")).startsWith("application/json");
        JsonNode body = insert.body();
        assertThat(body.get("server_time").isNumber()).isTrue();
        assertThat(body.get("query_params").toString()).isEqualTo("{\"source\":\"zoho\"}");
        assertThat(body.get("module").asText()).isEqualTo("Accounts");
        assertThat(body.get("resource_uri").asText()).isEqualTo("http://localhost:" + port + CRM + "/Accounts");
        assertThat(body.get("ids").toString()).isEqualTo("[\"" + one + "\",\"" + two + "\"]");
        assertThat(body.get("affected_fields")).isEmpty();
        assertThat(body.get("operation").asText()).isEqualTo("insert");
        assertThat(body.get("channel_id").asText()).isEqualTo("2001");
        assertThat(body.get("token").asText()).isEqualTo("verify-2001");

        call("PUT", CRM + "/Accounts/" + one, Map.of("data", List.of(Map.of("Phone", "+91 5555"))));
        JsonNode update = receiver.await(1, WAIT).get(0).body();
        assertThat(update.get("operation").asText()).isEqualTo("update");
        assertThat(update.get("ids").toString()).isEqualTo("[\"" + one + "\"]");

        admin.crmEdit("Accounts", two, Map.of("Website", "https://two.example"));
        assertThat(receiver.await(1, WAIT).get(0).body().get("operation").asText())
                .as("an edit by a user in the CRM notifies too").isEqualTo("update");

        call("DELETE", CRM + "/Accounts?ids=" + one + "," + two, null);
        JsonNode delete = receiver.await(1, WAIT).get(0).body();
        assertThat(delete.get("operation").asText()).isEqualTo("delete");
        assertThat(delete.get("ids")).hasSize(2);
        assertThat(admin.count("crm.notifications.sent")).isEqualTo(4);
    }

    @Test
    void onlyTheWatchedModulesAndOperationsNotifyAndAnAccountsDeleteNotifiesItsContacts() {
        watch("POST", channel("3001", List.of("Contacts.edit", "Contacts.delete")));
        String account = admin.crmCreate("Accounts", Map.of("Account_Name", "Parent Co"));
        String contact = admin.crmCreate("Contacts", Map.of("Last_Name", "Child", "Account_Name", account));
        assertThat(receiver.collect(Duration.ofMillis(500))).as("creates are not watched").isEmpty();

        admin.crmDelete("Accounts", account);

        JsonNode body = receiver.await(1, WAIT).get(0).body();
        assertThat(body.get("module").asText()).isEqualTo("Contacts");
        assertThat(body.get("operation").asText()).isEqualTo("delete");
        assertThat(body.get("ids").toString()).isEqualTo("[\"" + contact + "\"]");
    }

    @Test
    void anUpsertNotifiesItsInsertsAndUpdatesSeparately() {
        String known = admin.crmCreate("Vendors", Map.of("Vendor_Name", "Known Vendor"));
        watch("POST", channel("3501", List.of("Vendors.all")));

        call("POST", CRM + "/Vendors/upsert", Map.of("data", List.of(
                Map.of("Vendor_Name", "Known Vendor", "City", "Pune"), Map.of("Vendor_Name", "New Vendor"))));

        List<CallbackReceiver.Received> got = receiver.await(2, WAIT);
        Map<String, JsonNode> byOperation = Map.of(got.get(0).body().get("operation").asText(), got.get(0).body(),
                got.get(1).body().get("operation").asText(), got.get(1).body());
        assertThat(byOperation.keySet()).containsExactlyInAnyOrder("insert", "update");
        assertThat(byOperation.get("update").get("ids").get(0).asText()).isEqualTo(known);
    }

    @Test
    void aMergeNotifiesTheMastersUpdateAndTheChildsDelete() {
        String master = admin.crmCreate("Accounts", Map.of("Account_Name", "Master Co"));
        String child = admin.crmCreate("Accounts", Map.of("Account_Name", "Master Company"));
        watch("POST", channel("3601", List.of("Accounts.all")));

        admin.crmMerge("Accounts", master, child, List.of());

        List<CallbackReceiver.Received> got = receiver.await(2, WAIT);
        assertThat(got).extracting(g -> g.body().get("operation").asText() + " " + g.body().get("ids").get(0).asText())
                .containsExactlyInAnyOrder("delete " + child, "update " + master);
    }

    @Test
    void aChannelLivesAnHourByDefaultOrAtMostAWeekAndAnExpiredOneSendsNothing() {
        Instant now = admin.now();
        watch("POST", channel("4001", List.of("Accounts.create")));
        Map<String, Object> tooLong = new java.util.HashMap<>(channel("4002", List.of("Accounts.create")));
        tooLong.put("channel_expiry", SandboxClock.crmTime(now.plus(Duration.ofDays(8)).toEpochMilli()));
        watch("POST", tooLong);
        Map<String, Object> twoDays = new java.util.HashMap<>(channel("4003", List.of("Vendors.create")));
        twoDays.put("channel_expiry", SandboxClock.crmTime(now.plus(Duration.ofDays(2)).toEpochMilli()));
        watch("POST", twoDays);

        JsonNode listed = get(CRM + "/actions/watch").json().get("watch");
        assertThat(expiry(listed, "4001")).isBetween(now.plus(Duration.ofMinutes(59)), now.plus(Duration.ofMinutes(61)));
        assertThat(expiry(listed, "4002")).as("more than a week falls back to an hour")
                .isBetween(now.plus(Duration.ofMinutes(59)), now.plus(Duration.ofMinutes(61)));
        assertThat(expiry(listed, "4003")).isBetween(now.plus(Duration.ofDays(2)).minusSeconds(2), now.plus(Duration.ofDays(2)));

        admin.advanceClock(Duration.ofMinutes(61));
        token = admin.issueAccessToken();
        admin.crmCreate("Accounts", Map.of("Account_Name", "Too Late Ltd"));
        admin.crmCreate("Vendors", Map.of("Vendor_Name", "Still Watched"));

        List<CallbackReceiver.Received> got = receiver.await(1, WAIT);
        assertThat(got.get(0).body().get("channel_id").asText()).isEqualTo("4003");
        assertThat(receiver.collect(Duration.ofMillis(500))).isEmpty();
        assertThat(get(CRM + "/actions/watch").json().get("watch").findValuesAsText("channel_id")).containsOnly("4003");
        assertThat(admin.crmNotificationChannels()).containsOnlyKeys("4003");
    }

    private static Instant expiry(JsonNode watch, String channelId) {
        for (JsonNode w : watch) {
            if (w.get("channel_id").asText().equals(channelId)) {
                return Instant.ofEpochMilli(SandboxClock.parse(w.get("channel_expiry").asText()));
            }
        }
        throw new AssertionError("no channel " + channelId + " in " + watch);
    }

    @Test
    void badSubscriptionsAreRefusedPerItemInZohosShape() {
        Response r = call("POST", CRM + "/actions/watch", Map.of("watch", List.of(
                Map.of("channel_id", "5001", "events", List.of("Accounts.create"), "notify_url", receiver.url("/x"),
                        "token", "t".repeat(51)),
                Map.of("channel_id", "5002", "events", List.of("Accounts.create")),
                Map.of("channel_id", "5003", "events", List.of("Leeds.create"), "notify_url", receiver.url("/x")),
                Map.of("channel_id", "5004", "events", List.of("Accounts.create"), "notify_url", receiver.url("/x")))));

        assertThat(r.status()).isEqualTo(207);
        JsonNode watch = r.json().get("watch");
        assertThat(watch.at("/0/code").asText()).isEqualTo("INVALID_DATA");
        assertThat(watch.at("/0/details/api_name").asText()).isEqualTo("token");
        assertThat(watch.at("/0/details/maximum_length").asInt()).isEqualTo(50);
        assertThat(watch.at("/1/code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(watch.at("/1/details/api_name").asText()).isEqualTo("notify_url");
        assertThat(watch.at("/2/code").asText()).isEqualTo("INVALID_DATA");
        assertThat(watch.at("/2/details/json_path").asText()).isEqualTo("$.watch[2].events[0]");
        assertThat(watch.at("/3/status").asText()).isEqualTo("success");

        Response none = call("POST", CRM + "/actions/watch", Map.of("channels", List.of()));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(admin.crmNotificationChannels()).containsOnlyKeys("5004");
    }

    @Test
    void putReplacesAChannelPatchTrimsOrAddsAndDeleteDisablesIt() {
        watch("POST", channel("6001", List.of("Accounts.all", "Contacts.create")));

        Map<String, Object> renewed = new java.util.HashMap<>(channel("6001", List.of("Vendors.edit")));
        renewed.put("channel_expiry", SandboxClock.crmTime(admin.now().plus(Duration.ofDays(3)).toEpochMilli()));
        Response put = watch("PUT", renewed);
        assertThat(put.status()).isEqualTo(200);
        assertThat(admin.crmNotificationChannels().get("6001")).containsExactly("Vendors.edit");

        Response added = watch("PATCH", Map.of("channel_id", "6001", "events", List.of("Products.all")));
        assertThat(added.json().at("/watch/0/message").asText())
                .isEqualTo("Successfully subscribed for actions-watch of the given module");
        Response trimmed = watch("PATCH", Map.of("channel_id", "6001", "events", List.of("Products.delete", "Vendors.edit"),
                "_delete_events", true));
        assertThat(trimmed.status()).isEqualTo(200);
        assertThat(trimmed.json().at("/watch/0/message").asText()).isEqualTo("Successfully removed the subscribe details");
        assertThat(trimmed.json().at("/watch/0/details/events").findValuesAsText("resource_name"))
                .containsExactly("Products", "Vendors");
        assertThat(admin.crmNotificationChannels().get("6001")).containsExactlyInAnyOrder("Products.create", "Products.edit");
        assertThat(expiry(get(CRM + "/actions/watch").json().get("watch"), "6001"))
                .as("a PATCH keeps the renewed expiry").isAfter(admin.now().plus(Duration.ofDays(2)));

        Response disabled = call("DELETE", CRM + "/actions/watch?channel_ids=6001,6999", null);
        assertThat(disabled.status()).isEqualTo(207);
        JsonNode first = disabled.json().at("/watch/0");
        assertThat(first.get("code").asText()).isEqualTo("SUCCESS");
        assertThat(first.get("message").asText()).isEqualTo("Successfully un-subscribed from actions-watch");
        assertThat(first.at("/details/resource_uri").asText()).endsWith("/Products");
        assertThat(first.at("/details/channel_id").asText()).isEqualTo("6001");
        assertThat(disabled.json().at("/watch/1/status").asText()).isEqualTo("error");
        assertThat(get(CRM + "/actions/watch").status()).isEqualTo(204);
        assertThat(call("DELETE", CRM + "/actions/watch", null).json().get("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
        assertThat(watch("PATCH", Map.of("channel_id", "6001", "events", List.of("Accounts.all"))).status())
                .as("a PATCH of a disabled channel").isEqualTo(400);
    }

    @Test
    void callbacksAreSentAsynchronouslyAfterTheDelayKnob() {
        admin.knobs().setNotifyDelayMs(1_500);
        watch("POST", channel("7001", List.of("Accounts.create")));

        long start = System.currentTimeMillis();
        Response r = call("POST", CRM + "/Accounts", Map.of("data", List.of(Map.of("Account_Name", "Delayed Ltd"))));
        long answeredAfter = System.currentTimeMillis() - start;

        assertThat(r.status()).isEqualTo(201);
        assertThat(answeredAfter).as("the caller does not wait for the callback").isLessThan(1_000);
        assertThat(admin.callbacksPending()).isEqualTo(1);
        CallbackReceiver.Received got = receiver.await(1, WAIT).get(0);
        assertThat(got.atMillis() - start).isGreaterThanOrEqualTo(1_500);
    }

    @Test
    void theDropAndDuplicateKnobsLoseOrRepeatCallbacksAndFailuresAreCounted() {
        watch("POST", channel("8001", List.of("Vendors.create")));
        admin.knobs().setNotifyDropRate(1.0);
        admin.crmCreate("Vendors", Map.of("Vendor_Name", "Lost Vendor"));
        assertThat(receiver.collect(Duration.ofMillis(500))).isEmpty();
        assertThat(admin.count("crm.notifications.dropped")).isEqualTo(1);

        admin.knobs().setNotifyDropRate(0);
        admin.knobs().setNotifyDuplicateRate(1.0);
        String id = admin.crmCreate("Vendors", Map.of("Vendor_Name", "Twice Vendor"));
        List<CallbackReceiver.Received> twice = receiver.await(2, WAIT);
        assertThat(twice).allSatisfy(t -> assertThat(t.body().get("ids").get(0).asText()).isEqualTo(id));
        assertThat(twice.get(0).body()).isEqualTo(twice.get(1).body());
        assertThat(admin.count("crm.notifications.duplicated")).isEqualTo(1);
        assertThat(admin.count("crm.notifications.sent")).isEqualTo(2);

        admin.knobs().setNotifyDuplicateRate(0);
        // the receiver notes a callback before it answers: both copies must be answered (200)
        // before it starts refusing, or the second one counts as failed
        long settled = System.currentTimeMillis() + 5_000;
        while (admin.callbacksPending() > 0 && System.currentTimeMillis() < settled) {
            sleep(20);
        }
        assertThat(admin.count("crm.notifications.failed")).isZero();
        receiver.answerWith(500);
        admin.crmCreate("Vendors", Map.of("Vendor_Name", "Refused Vendor"));
        receiver.await(1, WAIT);
        long deadline = System.currentTimeMillis() + 5_000;
        while (admin.count("crm.notifications.failed") == 0 && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
        assertThat(admin.count("crm.notifications.failed")).isEqualTo(1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
