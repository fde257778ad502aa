package io.crminventorysync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.RawHttp;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, end to end over real HTTP: a change in the sandbox's CRM notifies the service's hook,
 * is queued, debounced and synced by a notification run through the same pull, with no scheduled or
 * instant run; a wrong token stores nothing; duplicates and replays write once; a dropped
 * notification is repaired by the next scheduled run; the channel is renewed before it lapses.
 */
class NotificationsTest extends NotificationTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    NotificationChannel channel;

    @Test
    @Tag("sql") // the queue, the drain's claim through the module lock, the history fold
    void aVendorCreatedAndEditedInCrmReachesInventoryWithoutAnyScheduledOrInstantRun() {
        String vendor = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Notified Supplies", "Website", "https://one.example"));

        Awaitility.await().atMost(WAIT).until(() -> sandbox.inventoryContactByName("Notified Supplies").isPresent());
        awaitDrained();
        String inventoryId = binding("vendors", BindingKind.RECORD, vendor).inventoryId();

        sandbox.crmEdit("Vendors", vendor, Map.of("Website", "https://two.example"));

        Awaitility.await().atMost(WAIT).until(() ->
                "https://two.example".equals(sandbox.inventoryContact(inventoryId).orElseThrow().get("website")));
        awaitDrained();
        List<RunSummary> history = runs.history(SyncModule.VENDORS, 50);
        assertThat(history).isNotEmpty().allSatisfy(r -> {
            assertThat(r.trigger()).isEqualTo(Trigger.NOTIFICATION);
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        });
        assertThat(history).as("small runs within the history window are one entry").hasSize(1);
        assertThat(history.get(0).pull().created()).isEqualTo(1);
        assertThat(history.get(0).pull().updated()).isEqualTo(1);
    }

    @Test
    void aContactsChangeReplansItsAccountsGroupAndReachesItsContactPerson() {
        String account = sandbox.crmCreate("Accounts", Map.of("Account_Name", "Realtime Retail"));
        String contact = sandbox.crmCreate("Contacts", Map.of("Last_Name", "Quick", "First_Name", "Quinn",
                "Email", "quinn@realtime.example", "Account_Name", Map.of("id", account, "name", "Realtime Retail")));

        Awaitility.await().atMost(WAIT).until(() -> bindings.byCrmId(SyncModule.ACCOUNTS, BindingKind.PERSON, contact).isPresent());
        awaitDrained();
        long writes = inventoryWrites();

        sandbox.crmEdit("Contacts", contact, Map.of("First_Name", "Quincy"));

        Awaitility.await().atMost(WAIT).until(() -> persons("Realtime Retail").stream()
                .anyMatch(p -> "Quincy".equals(p.get("first_name"))));
        awaitDrained();
        assertThat(inventoryWrites() - writes).as("one write: the changed person; the unchanged account costs none").isEqualTo(1);
        assertThat(runs.history(SyncModule.ACCOUNTS, 50)).extracting(RunSummary::trigger).containsOnly(Trigger.NOTIFICATION);
    }

    @Test
    void aWrongOrMissingTokenIsRefusedWith401AndStoresNothing() {
        RawHttp raw = new RawHttp(port);
        String body = "{\"module\":\"Vendors\",\"ids\":[\"123456789\"],\"operation\":\"update\",\"channel_id\":\""
                + channelId() + "\",\"token\":\"%s\"}";

        HttpResponse<String> wrong = raw.send("POST", "/hooks/zoho/crm", body.formatted("not-the-token"), "Content-Type", "application/json");
        HttpResponse<String> missing = raw.send("POST", "/hooks/zoho/crm", "{\"module\":\"Vendors\",\"ids\":[\"123456789\"]}",
                "Content-Type", "application/json");
        HttpResponse<String> notJson = raw.send("POST", "/hooks/zoho/crm", "token=" + token(), "Content-Type", "text/plain");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(notJson.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(token());
        assertThat(queue.all()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT received_at FROM sync_notification_channel", Long.class)).isNull();

        HttpResponse<String> right = raw.send("POST", "/hooks/zoho/crm", body.formatted(token()), "Content-Type", "application/json");
        assertThat(right.statusCode()).as("no login, no CSRF token: the channel's token is the credential").isEqualTo(200);
        assertThat(right.body()).contains("\"queued\":1").doesNotContain(token());
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
        String big = "{\"token\":\"x\",\"ids\":[" + "\"1\",".repeat(70_000) + "\"1\"]}";
        HttpResponse<String> r = new RawHttp(port).send("POST", "/hooks/zoho/crm", big, "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(queue.all()).isEmpty();
    }

    @Test
    @Tag("sql") // the queue, the drain's claim through the module lock, the history fold
    void duplicatedAndReplayedNotificationsWriteOnce() {
        sandbox.knobs().setNotifyDuplicateRate(1.0);
        String vendor = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Twice Told Ltd"));
        Awaitility.await().atMost(WAIT).until(() -> sandbox.inventoryContactByName("Twice Told Ltd").isPresent());
        awaitDrained();
        assertThat(sandbox.count("crm.notifications.duplicated")).isPositive();
        assertThat(sandbox.inventoryContacts()).filteredOn(c -> "Twice Told Ltd".equals(c.get("contact_name"))).hasSize(1);
        long writes = inventoryWrites();

        // a replay of an old notification: the record is read again, its fingerprint is unchanged
        RawHttp raw = new RawHttp(port);
        String replay = "{\"module\":\"Vendors\",\"ids\":[\"" + vendor + "\"],\"operation\":\"update\",\"token\":\"" + token() + "\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(raw.send("POST", "/hooks/zoho/crm", replay, "Content-Type", "application/json").statusCode()).isEqualTo(200);
        }
        awaitDrained();

        assertThat(inventoryWrites()).as("no write for a record that did not change").isEqualTo(writes);
    }

    @Test
    void aBurstOfEditsToOneRecordIsOneWrite() {
        String vendor = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Busy Bee Supplies"));
        Awaitility.await().atMost(WAIT).until(() -> bindings.byCrmId(SyncModule.VENDORS, BindingKind.RECORD, vendor).isPresent());
        awaitDrained();
        long writes = inventoryWrites();

        for (int i = 1; i <= 5; i++) {
            sandbox.crmEdit("Vendors", vendor, Map.of("Website", "https://edit" + i + ".example"));
        }

        Awaitility.await().atMost(WAIT).until(() -> "https://edit5.example".equals(
                sandbox.inventoryContactByName("Busy Bee Supplies").orElseThrow().get("website")));
        awaitDrained();
        assertThat(inventoryWrites() - writes).isEqualTo(1);
    }

    @Test
    void droppedNotificationsAreRepairedByTheNextScheduledRun() {
        sandbox.knobs().setNotifyDropRate(1.0);
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Lost Letter Co"));
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Missed Mail Co"));
        assertThat(sandbox.count("crm.notifications.dropped")).isEqualTo(2);
        awaitDrained();
        assertThat(sandbox.inventoryContactByName("Lost Letter Co")).isEmpty();

        RunSummary scheduled = run("vendors");

        assertThat(scheduled.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(scheduled.pull().created()).isEqualTo(2);
        assertThat(sandbox.inventoryContactByName("Lost Letter Co")).isPresent();
        assertThat(sandbox.inventoryContactByName("Missed Mail Co")).isPresent();
    }

    @Test
    void aChangeWaitsInTheQueueWhileItsModuleIsPausedAndIsSyncedOnResume() {
        control.pause(SyncModule.VENDORS, "test");
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Patient Parts"));

        Awaitility.await().atMost(WAIT).until(() -> !queue.all().isEmpty() && sandbox.callbacksPending() == 0);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> queue.all().size() == 1);
        assertThat(sandbox.inventoryContactByName("Patient Parts")).isEmpty();
        assertThat(runs.history(SyncModule.VENDORS, 50)).isEmpty();

        control.resume(SyncModule.VENDORS, "test");

        Awaitility.await().atMost(WAIT).until(() -> sandbox.inventoryContactByName("Patient Parts").isPresent());
        awaitDrained();
    }

    @Test
    void whenCrmCannotBeReadTheChangesStayQueuedAndAreSyncedOnceItAnswersAgain() {
        String vendor = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Stubborn Steel"));
        // every CRM call answers 500 from now on (the notification is already on its way)
        sandbox.knobs().setFaultApi("crm");
        sandbox.knobs().setErrorRate(1.0);
        try {
            Awaitility.await().atMost(WAIT).until(() -> runs.history(SyncModule.VENDORS, 5).stream()
                    .anyMatch(r -> r.trigger() == Trigger.NOTIFICATION && r.status() != RunStatus.SUCCEEDED));
            Awaitility.await().atMost(WAIT).until(() -> queue.all().stream().anyMatch(e -> e.recordId().equals(vendor)
                    && e.attempts() >= 1));
            assertThat(sandbox.inventoryContactByName("Stubborn Steel")).isEmpty();
        } finally {
            sandbox.knobs().setErrorRate(0);
        }

        // after the back-off (5 s) the same change is synced
        Awaitility.await().atMost(WAIT).until(() -> sandbox.inventoryContactByName("Stubborn Steel").isPresent());
        awaitDrained();
    }

    @Test
    void aDeletionInCrmFollowsTheDeletePolicy() {
        configureDeletePolicy("vendors", "PROPAGATE");
        String vendor = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Gone Tomorrow Ltd"));
        Awaitility.await().atMost(WAIT).until(() -> bindings.byCrmId(SyncModule.VENDORS, BindingKind.RECORD, vendor).isPresent());
        awaitDrained();
        String inventoryId = binding("vendors", BindingKind.RECORD, vendor).inventoryId();

        sandbox.crmDelete("Vendors", vendor);

        Awaitility.await().atMost(WAIT).until(() -> "inactive".equals(sandbox.inventoryContact(inventoryId).orElseThrow().get("status")));
        awaitDrained();
        assertThat(bindings.byCrmId(SyncModule.VENDORS, BindingKind.RECORD, vendor)).isEmpty();
    }

    @Test
    void theChannelIsRenewedAtHalfItsLifeAndSubscribedAgainWhenCrmDropsIt() {
        Long firstExpiry = jdbc.queryForObject("SELECT expires_at FROM sync_notification_channel", Long.class);
        assertThat(firstExpiry).isBetween(System.currentTimeMillis() + 5_000, System.currentTimeMillis() + 17_000);

        Long renewedBefore = jdbc.queryForObject("SELECT renewed_at FROM sync_notification_channel", Long.class);

        // lifetime 16 s: renewed after about 8 s, long before it lapses
        Awaitility.await().atMost(WAIT).until(() -> {
            Long renewed = jdbc.queryForObject("SELECT renewed_at FROM sync_notification_channel", Long.class);
            return renewed != null && !renewed.equals(renewedBefore);
        });
        Long renewedExpiry = jdbc.queryForObject("SELECT expires_at FROM sync_notification_channel", Long.class);
        assertThat(renewedExpiry).isGreaterThan(firstExpiry);
        assertThat(sandbox.crmNotificationChannels()).containsOnlyKeys(channelId());

        // Zoho forgets the channel (here: a sandbox reset); the next verification subscribes it again
        sandbox.reset();
        Awaitility.await().atMost(WAIT).until(() -> sandbox.crmNotificationChannels().containsKey(channelId()));
        String vendor = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "After The Gap"));
        Awaitility.await().atMost(WAIT).until(() -> bindings.byCrmId(SyncModule.VENDORS, BindingKind.RECORD, vendor).isPresent());
    }

    @Test
    void theApiAndHealthShowTheChannelButNeverItsToken() {
        var answer = api().getForEntity("/api/notifications", String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).contains("\"state\":\"ACTIVE\"", "\"channelId\":\"" + channelId() + "\"",
                "/hooks/zoho/crm", "\"queue\"").doesNotContain(token());

        var health = api().getForEntity("/actuator/health", String.class);
        assertThat(health.getBody()).contains("\"notifications\"").doesNotContain(token());

        // lapsed, and held by a node that is gone for a while, so no check subscribes it again meanwhile
        jdbc.update("UPDATE sync_notification_channel SET expires_at = ?, busy_by = 'elsewhere', busy_until = ?",
                System.currentTimeMillis() - 1_000, System.currentTimeMillis() + 60_000);
        var lapsed = api().getForEntity("/actuator/health", String.class);
        assertThat(lapsed.getStatusCode().value()).as("a lapsed channel is a warning, not DOWN").isEqualTo(200);
        assertThat(lapsed.getBody()).contains("\"channel\":\"LAPSED\"", "warning");
    }

    @Test
    @Tag("sql") // the queue, the drain's claim through the module lock, the history fold
    void aChangeWaitsWhileARunOfItsModuleGoesOnElsewhereAndIsSyncedAfterIt() {
        // another node's run of vendors holds the module, alive (fresh heartbeat)
        jdbc.update("UPDATE sync_module_lock SET run_id = 999999, node = 'other-node', acquired_at = ?, heartbeat_at = ?"
                + " WHERE module = 'vendors'", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC),
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Waiting Wares"));

        Awaitility.await().atMost(WAIT).until(() -> !queue.all().isEmpty() && sandbox.callbacksPending() == 0);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> queue.all().size() == 1);
        assertThat(sandbox.inventoryContactByName("Waiting Wares")).isEmpty();

        jdbc.update("UPDATE sync_module_lock SET run_id = NULL, node = NULL, acquired_at = NULL, heartbeat_at = NULL"
                + " WHERE module = 'vendors'");

        Awaitility.await().atMost(WAIT).until(() -> sandbox.inventoryContactByName("Waiting Wares").isPresent());
        awaitDrained();
    }

    @Test
    void theLastNodeStoppingCleanlyDisablesTheChannelOnlyWhenConfigured() {
        // no channel check of this node meanwhile: the row is held elsewhere for a minute
        jdbc.update("UPDATE sync_notification_channel SET busy_by = 'elsewhere', busy_until = ?", System.currentTimeMillis() + 60_000);
        String id = channelId();

        channel.stopping();
        assertThat(sandbox.crmNotificationChannels()).as("not configured: the channel stays").containsOnlyKeys(id);

        properties.getNotifications().setDisableOnShutdown(true);
        try {
            channel.stopping();
        } finally {
            properties.getNotifications().setDisableOnShutdown(false);
        }
        assertThat(sandbox.crmNotificationChannels()).as("the only node of its cluster stopped: disabled in CRM").isEmpty();
        assertThat(jdbc.queryForObject("SELECT state FROM sync_notification_channel", String.class)).isEqualTo("DISABLED");
    }

    private void configureDeletePolicy(String module, String policy) {
        jdbc.update("UPDATE module_settings SET delete_policy = ? WHERE module = ?", policy, module);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> persons(String customer) {
        return (List<Map<String, Object>>) sandbox.inventoryContactByName(customer).orElseThrow().get("contact_persons");
    }
}
