package io.crminventorysync.web;

import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.SyncModule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.ModuleLock;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Flow;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The control plane's HTTP API over real HTTP: each endpoint's success and refusal. */
@Tag("sql")
class ControlApiTest extends SyncTestSupport {

    @Autowired ModuleLock lock;
    @Autowired Scheduler quartz;

    private ResponseEntity<JsonNode> get(String path) {
        return api().getForEntity(path, JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path) {
        return api().postForEntity(path, null, JsonNode.class);
    }

    private ResponseEntity<JsonNode> put(String path, Object body) {
        return api().exchange(path, HttpMethod.PUT, new HttpEntity<>(body), JsonNode.class);
    }

    @Test
    void modulesListSettingsPauseStateRunningRunLastRunAndNextFire() {
        RunSummary last = run("vendors");
        ResponseEntity<JsonNode> r = get("/api/modules");
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody()).hasSize(3);
        JsonNode vendors = r.getBody().get(1);
        assertThat(vendors.get("module").asText()).isEqualTo("vendors");
        assertThat(vendors.at("/settings/duplicatePolicy").asText()).isEqualTo("SKIP");
        assertThat(vendors.get("paused").asBoolean()).isFalse();
        assertThat(vendors.get("runningRunId").isNull()).isTrue();
        assertThat(vendors.at("/lastRun/id").asLong()).isEqualTo(last.id());
        // the test cron fires on 1 January 2099
        assertThat(vendors.get("nextRunAt").asText()).startsWith("2099-01-01");
    }

    @Test
    void settingsAreReadAndSavedAndABadValueIsA400NamingTheField() {
        assertThat(get("/api/modules/vendors/settings").getBody().get("direction").asText()).isEqualTo("ONE_WAY");

        String cvid = sandbox.crmCreateView("Vendors", "Pune vendors", "(City:equals:Pune)");
        ResponseEntity<JsonNode> saved = put("/api/modules/vendors/settings",
                Map.of("duplicatePolicy", "OVERWRITE", "crmViewId", cvid));
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(saved.getBody().at("/settings/duplicatePolicy").asText()).isEqualTo("OVERWRITE");
        assertThat(settings.get(SyncModule.VENDORS).crmViewId()).isEqualTo(cvid);

        ResponseEntity<JsonNode> badEnum = put("/api/modules/vendors/settings", Map.of("duplicatePolicy", "MERGE"));
        assertThat(badEnum.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badEnum.getBody().get("field").asText()).isEqualTo("duplicatePolicy");
        assertThat(badEnum.getBody().get("error").asText()).contains("MERGE");

        ResponseEntity<JsonNode> badCron = put("/api/modules/vendors/settings", Map.of("cron", "every two hours"));
        assertThat(badCron.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badCron.getBody().get("field").asText()).isEqualTo("cron");

        ResponseEntity<JsonNode> viewForProducts = put("/api/modules/products/settings", Map.of("crmViewId", "123"));
        assertThat(viewForProducts.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(viewForProducts.getBody().get("field").asText()).isEqualTo("crmViewId");

        assertThat(settings.get(SyncModule.VENDORS).duplicatePolicy().name()).isEqualTo("OVERWRITE");
        assertThat(get("/api/modules/nowhere/settings").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void saveAndSyncSavesThenStartsARunOnTheNewSettings() {
        RunSummary run = startAndWait(SyncModule.VENDORS, () -> {
            ResponseEntity<JsonNode> r = api().exchange("/api/modules/vendors/settings?sync=true", HttpMethod.PUT,
                    new HttpEntity<>(Map.of("duplicatePolicy", "CLONE")), JsonNode.class);
            assertThat(r.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            return r.getBody().get("runId").asLong();
        });
        assertThat(run.trigger()).isEqualTo(Trigger.SAVE);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(settings.get(SyncModule.VENDORS).duplicatePolicy().name()).isEqualTo("CLONE");
    }

    @Test
    void instantSyncAnswers202WithTheRunAndTheRunCanBeRead() {
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Northwind Supplies"));
        long runId = startAndWait(SyncModule.VENDORS, () -> {
            ResponseEntity<JsonNode> r = post("/api/modules/vendors/sync");
            assertThat(r.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            return r.getBody().get("runId").asLong();
        }).id();

        JsonNode run = get("/api/runs/" + runId).getBody();
        assertThat(run.get("trigger").asText()).isEqualTo("INSTANT");
        assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.at("/pull/created").asInt()).isEqualTo(1);
        assertThat(run.get("startedAt").asText()).isNotEmpty();
        assertThat(run.get("endedAt").asText()).isNotEmpty();
        assertThat(get("/api/runs/999999999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void instantSyncWhileARunIsInProgressAnswers409WithThatRun() {
        long holder = runs.open(SyncModule.VENDORS, Trigger.SCHEDULE, "other-node", Instant.now());
        assertThat(lock.tryClaim(SyncModule.VENDORS, holder, "other-node", dead -> { })).isEmpty();

        ResponseEntity<JsonNode> r = post("/api/modules/vendors/sync");
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(r.getBody().get("runId").asLong()).isEqualTo(holder);
        assertThat(r.getBody().get("reason").asText()).isEqualTo("IN_PROGRESS");
        assertThat(get("/api/modules/vendors").getBody().get("runningRunId").asLong()).isEqualTo(holder);
    }

    @Test
    void historyKeepsTheLast50RunsNewestFirstWithErrorCountsByFlow() {
        RunSummary first = run("vendors");
        for (int i = 0; i < 52; i++) {
            run("vendors");
        }
        RunSummary newest = run("vendors");
        runs.addError(newest.id(), Flow.PULL, EntryKind.ERROR, "4150868000000001", "Vendor_Name", "rejected", "{...}");
        runs.addError(newest.id(), Flow.PUSH, EntryKind.ERROR, "2000000001", "contact_name", "rejected too", "{...}");
        runs.addError(newest.id(), Flow.PUSH, EntryKind.ERROR, "2000000002", "contact_name", "rejected again", "{...}");

        JsonNode history = get("/api/modules/vendors/history").getBody();
        assertThat(history).hasSize(50);
        assertThat(history.get(0).get("id").asLong()).isEqualTo(newest.id());
        assertThat(history.get(0).get("pullErrorCount").asInt()).isEqualTo(1);
        assertThat(history.get(0).get("pushErrorCount").asInt()).isEqualTo(2);
        assertThat(history.get(1).get("id").asLong()).isLessThan(newest.id());
        assertThat(get("/api/runs/" + first.id()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        JsonNode push = get("/api/runs/" + newest.id() + "/errors?flow=push").getBody();
        assertThat(push).hasSize(2);
        assertThat(push.get(0).get("recordId").asText()).isEqualTo("2000000001");
        assertThat(push.get(0).get("reason").asText()).isEqualTo("rejected too");
        assertThat(push.get(0).get("excerpt").asText()).isEqualTo("{...}");
        assertThat(get("/api/runs/" + newest.id() + "/errors?flow=pull").getBody()).hasSize(1);
        ResponseEntity<JsonNode> bad = get("/api/runs/" + newest.id() + "/errors?flow=sideways");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("field").asText()).isEqualTo("flow");
    }

    @Test
    void pauseOverHttpRefusesInstantSyncAndSkipsScheduledFiresUntilResumed() throws Exception {
        ResponseEntity<JsonNode> paused = post("/api/modules/vendors/pause");
        assertThat(paused.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(paused.getBody().get("paused").asBoolean()).isTrue();
        assertThat(paused.getBody().get("pausedReason").asText()).contains("test-operator");

        ResponseEntity<JsonNode> refused = post("/api/modules/vendors/sync");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("reason").asText()).isEqualTo("PAUSED");
        assertThat(refused.getBody().get("error").asText()).contains("paused");

        ScheduleProbe.fire(quartz, "vendors");
        assertThat(runs.history(SyncModule.VENDORS, 50)).isEmpty();

        assertThat(post("/api/modules/vendors/resume").getBody().get("paused").asBoolean()).isFalse();
        // the node brings its route back in line with the flag, then the schedule runs again
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ScheduleProbe.fire(quartz, "vendors");
            return runs.history(SyncModule.VENDORS, 50).stream().anyMatch(r -> r.trigger() == Trigger.SCHEDULE);
        });
    }

    @Test
    void accountsCannotBePausedAndNothingWhileTransactionModulesAreOn() {
        ResponseEntity<JsonNode> accounts = post("/api/modules/accounts/pause");
        assertThat(accounts.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(accounts.getBody().get("error").asText()).contains("only [vendors, products]");

        assertThat(get("/api/settings/transactions").getBody().get("enabled").asBoolean()).isFalse();
        ResponseEntity<JsonNode> on = put("/api/settings/transactions", Map.of("enabled", true));
        assertThat(on.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(on.getBody().get("enabled").asBoolean()).isTrue();
        assertThat(on.getBody().get("modules").toString()).contains("invoices", "estimates", "salesorders", "purchaseorders");

        ResponseEntity<JsonNode> vendors = post("/api/modules/vendors/pause");
        assertThat(vendors.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(vendors.getBody().get("error").asText()).contains("transaction modules");
        assertThat(settings.get(SyncModule.VENDORS).paused()).isFalse();

        assertThat(put("/api/settings/transactions", Map.of("enabled", false)).getBody().get("enabled").asBoolean()).isFalse();
        assertThat(post("/api/modules/vendors/pause").getStatusCode()).isEqualTo(HttpStatus.OK);
        // and the other way round: no switching them on under a paused module
        assertThat(put("/api/settings/transactions", Map.of("enabled", true)).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(put("/api/settings/transactions", Map.of()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void salesOrdersAndInvoicesOfABoundAccountComeFromInventory() {
        String crmId = sandbox.crmCreate("Accounts", Map.of("Account_Name", "Aztec Technologies"));
        assertThat(run("accounts").status()).isEqualTo(RunStatus.SUCCEEDED);
        Optional<Binding> b = bindings.byCrmId(SyncModule.ACCOUNTS, BindingKind.RECORD, crmId);
        String customerId = b.orElseThrow().inventoryId();
        sandbox.inventoryCreateSalesOrder(customerId, Map.of("salesorder_number", "SO-00001", "total", 120.5));
        sandbox.inventoryCreateInvoice(customerId, Map.of("invoice_number", "INV-00001", "total", 99));
        sandbox.inventoryCreateInvoice(customerId, Map.of("invoice_number", "INV-00002", "total", 21.5));

        JsonNode orders = get("/api/accounts/" + crmId + "/salesorders").getBody();
        assertThat(orders.get("customerId").asText()).isEqualTo(customerId);
        assertThat(orders.get("salesorders")).hasSize(1);
        assertThat(orders.at("/salesorders/0/salesorder_number").asText()).isEqualTo("SO-00001");
        JsonNode invoices = get("/api/accounts/" + crmId + "/invoices").getBody();
        assertThat(invoices.get("invoices")).hasSize(2);

        ResponseEntity<JsonNode> unbound = get("/api/accounts/4150868000009999999/salesorders");
        assertThat(unbound.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unbound.getBody().get("field").asText()).isEqualTo("crmAccountId");
        assertThat(get("/api/accounts/4150868000009999999/invoices").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
