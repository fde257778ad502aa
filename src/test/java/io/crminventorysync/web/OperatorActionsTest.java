package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The operator's actions over real HTTP against the sandbox: the worklist (retry one error, retry
 * all, resolve), a preview that writes nothing, and unlinking a pair.
 */
@Tag("sql")
class OperatorActionsTest extends SyncTestSupport {

    private ResponseEntity<JsonNode> get(String path) {
        return api().getForEntity(path, JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return api().postForEntity(path, body, JsonNode.class);
    }

    /** Starts a run over HTTP (202 {"runId": n}) and waits for its end. */
    private RunSummary accepted(SyncModule module, String path) {
        return countsAddUp(startAndWait(module, () -> {
            ResponseEntity<JsonNode> r = post(path, null);
            assertThat(r.getStatusCode()).as(path + " " + r.getBody()).isEqualTo(HttpStatus.ACCEPTED);
            return r.getBody().get("runId").asLong();
        }));
    }

    /** A CRM vendor whose e-mail CRM kept from before the field validated it: Inventory refuses it. */
    private String vendorWithBadEmail(String name) {
        String id = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", name, "Email", "orders@" + name.toLowerCase().replace(' ', '-') + ".com"));
        sandbox.crmEditUnvalidated("Vendors", id, Map.of("Email", "orders at " + name));
        return id;
    }

    @Test
    void aVendorRefusedForABadEmailIsFixedInCrmAndRetriedAloneWithOneInventoryWrite() {
        String bad = vendorWithBadEmail("Harbor Freight Parts");
        RunSummary first = run("vendors");
        assertThat(first.status()).isEqualTo(RunStatus.PARTIAL);

        // the run's errors carry a stable id and a state
        JsonNode errors = get("/api/runs/" + first.id() + "/errors").getBody();
        JsonNode error = null;
        for (JsonNode e : errors) {
            if (bad.equals(e.get("recordId").asText()) && "ERROR".equals(e.get("kind").asText())) {
                error = e;
            }
        }
        assertThat(error).as("the refused vendor's error in " + errors).isNotNull();
        assertThat(error.get("state").asText()).isEqualTo("OPEN");
        assertThat(error.get("recordName").asText()).isEqualTo("Harbor Freight Parts");
        long errorId = error.get("id").asLong();

        // the module's worklist finds it by name, by CRM id, and by state
        assertThat(get("/api/modules/vendors/errors?state=OPEN&q=harbor").getBody().get("errors"))
                .extracting(e -> e.get("id").asLong()).containsExactly(errorId);
        assertThat(get("/api/modules/vendors/errors?q=" + bad).getBody().get("total").asInt()).isEqualTo(1);
        assertThat(get("/api/modules/vendors/errors?state=RESOLVED").getBody().get("total").asInt()).isZero();
        assertThat(get("/api/modules/vendors/errors?state=LOST").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // fixed in CRM, then retried alone: one read of that vendor, one Inventory write
        sandbox.crmEdit("Vendors", bad, Map.of("Email", "orders@harbor-freight.com"));
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Untouched Supplies"));
        long writes = inventoryWrites();
        RunSummary retry = accepted(SyncModule.VENDORS, "/api/errors/" + errorId + "/retry");
        assertThat(retry.trigger()).isEqualTo(Trigger.RETRY);
        assertThat(retry.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(retry.pull().read()).isEqualTo(1);
        assertThat(retry.pull().created()).isEqualTo(1);
        assertThat(inventoryWrites() - writes).isEqualTo(1);
        assertThat(sandbox.inventoryContactByName("Harbor Freight Parts")).isPresent();
        assertThat(sandbox.inventoryContactByName("Untouched Supplies")).as("a retry writes only its record").isEmpty();

        assertThat(get("/api/modules/vendors/errors?state=OPEN").getBody().get("total").asInt()).isZero();
        assertThat(get("/api/modules/vendors/errors?state=RETRIED&q=harbor").getBody().at("/errors/0/id").asLong())
                .isEqualTo(errorId);
        ResponseEntity<JsonNode> again = post("/api/errors/" + errorId + "/retry", null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("reason").asText()).isEqualTo("NOT_OPEN");
        assertThat(post("/api/errors/999999/retry", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // the next scheduled run picks up the vendor the retry left alone, and not the retried one again
        RunSummary next = run("vendors");
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.inventoryContactByName("Untouched Supplies")).isPresent();
    }

    @Test
    void aResolvedErrorLeavesTheWorklistWithWhoWhenAndTheNote() {
        vendorWithBadEmail("Quay Fittings");
        vendorWithBadEmail("Reef Hardware");
        RunSummary first = run("vendors");
        JsonNode open = get("/api/modules/vendors/errors?state=OPEN").getBody();
        assertThat(open.get("total").asInt()).isEqualTo(2);
        long quay = -1;
        for (JsonNode e : open.get("errors")) {
            if ("Quay Fittings".equals(e.get("recordName").asText())) {
                quay = e.get("id").asLong();
            }
        }
        ResponseEntity<JsonNode> resolved = post("/api/errors/" + quay + "/resolve", Map.of("note", "supplier closed"));
        assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(resolved.getBody().get("state").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.getBody().get("resolvedBy").asText()).isEqualTo(properties.getSecurity().getUsername());
        assertThat(resolved.getBody().get("resolutionNote").asText()).isEqualTo("supplier closed");
        assertThat(resolved.getBody().get("resolvedAt").isNull()).isFalse();
        assertThat(get("/api/modules/vendors/errors?state=OPEN").getBody().get("total").asInt()).isEqualTo(1);
        assertThat(post("/api/errors/" + quay + "/resolve", null).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // retry all: one run for every OPEN error (Reef's), which fails again as a new OPEN error of that run
        RunSummary retry = accepted(SyncModule.VENDORS, "/api/modules/vendors/errors/retry");
        assertThat(retry.trigger()).isEqualTo(Trigger.RETRY);
        assertThat(retry.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(retry.pull().read()).isEqualTo(1);
        JsonNode now = get("/api/modules/vendors/errors?state=OPEN").getBody();
        assertThat(now.get("total").asInt()).isEqualTo(1);
        assertThat(now.at("/errors/0/runId").asLong()).isEqualTo(retry.id());
        assertThat(now.at("/errors/0/recordName").asText()).isEqualTo("Reef Hardware");
        assertThat(get("/api/runs/" + first.id()).getBody().get("status").asText()).isEqualTo("PARTIAL");
        JsonNode audit = get("/api/audit?size=5").getBody().get("entries");
        List<String> actions = new ArrayList<>();
        audit.forEach(a -> actions.add(a.get("action").asText()));
        assertThat(actions).contains("ERROR_RESOLVED", "ERROR_RETRIED");
    }

    @Test
    void aPreviewOfAccountsListsTheCreatesAndTheDuplicateAndWritesNothingAnywhere() {
        sandbox.seedDemo();
        sandbox.resetStats();
        RunSummary preview = accepted(SyncModule.ACCOUNTS, "/api/modules/accounts/preview");
        assertThat(preview.trigger()).isEqualTo(Trigger.PREVIEW);
        assertThat(preview.dryRun()).isTrue();
        assertThat(preview.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.count("inventory.write")).isZero();
        assertThat(sandbox.count("crm.write")).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_binding", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_cursor", Integer.class)).isZero();

        JsonNode plan = get("/api/runs/" + preview.id() + "/plan?size=500").getBody();
        Map<String, String> actionByName = new java.util.HashMap<>();
        plan.get("entries").forEach(e -> actionByName.put(e.get("name").asText(), e.get("action").asText()));
        assertThat(actionByName).containsEntry("Aztec Technologies", "CREATE").containsEntry("Zylker Traders", "DUPLICATE_SKIP");
        assertThat(plan.get("total").asInt()).isEqualTo(plan.get("entries").size());
        JsonNode zylker = null;
        for (JsonNode e : plan.get("entries")) {
            if ("Zylker Traders".equals(e.get("name").asText())) {
                zylker = e;
            }
        }
        assertThat(zylker.get("crmId").asText()).isEqualTo(demo("crm.account.Zylker Traders"));
        assertThat(zylker.get("inventoryId").asText()).isEqualTo(demo("inventory.customer.Zylker Traders"));

        // the same data under OVERWRITE: the duplicate would be taken over, field by field
        api().exchange("/api/modules/accounts/settings", HttpMethod.PUT, new HttpEntity<>(Map.of("duplicatePolicy", "OVERWRITE")),
                JsonNode.class);
        RunSummary overwrite = accepted(SyncModule.ACCOUNTS, "/api/modules/accounts/preview");
        JsonNode taken = null;
        for (JsonNode e : get("/api/runs/" + overwrite.id() + "/plan").getBody().get("entries")) {
            if ("Zylker Traders".equals(e.get("name").asText())) {
                taken = e;
            }
        }
        assertThat(taken.get("action").asText()).isEqualTo("DUPLICATE_OVERWRITE");
        assertThat(taken.get("changes")).isNotEmpty();
        assertThat(taken.at("/changes/0/field").asText()).isNotBlank();
        assertThat(sandbox.count("inventory.write")).isZero();

        // the real sync does what the preview said
        RunSummary sync = run("accounts");
        assertThat(sync.pull().created()).isEqualTo(preview.pull().created());
        assertThat(sandbox.count("inventory.write")).isPositive();
        assertThat(get("/api/runs/" + sync.id() + "/plan").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void anUnlinkedPairIsTreatedAsNewByTheNextSyncWhichUnderCloneMakesTheClone() {
        sandbox.seedDemo();
        run("vendors");
        String acme = demo("crm.vendor.Acme Components");
        String inventoryId = binding("vendors", BindingKind.RECORD, acme).inventoryId();

        ResponseEntity<JsonNode> unlinked = api().exchange("/api/modules/vendors/bindings/" + acme, HttpMethod.DELETE, null,
                JsonNode.class);
        assertThat(unlinked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(unlinked.getBody().get("inventoryId").asText()).isEqualTo(inventoryId);
        assertThat(bindings.byCrmId(SyncModule.VENDORS, BindingKind.RECORD, acme)).isEmpty();
        long unlinkRun = unlinked.getBody().get("runId").asLong();
        JsonNode entry = get("/api/runs/" + unlinkRun + "/errors").getBody().get(0);
        assertThat(entry.get("kind").asText()).isEqualTo("UNLINKED");
        assertThat(entry.get("reason").asText()).contains(properties.getSecurity().getUsername()).contains(inventoryId);
        assertThat(api().exchange("/api/modules/vendors/bindings/" + acme, HttpMethod.DELETE, null, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        configure("vendors", DuplicatePolicy.CLONE, null, null);
        RunSummary next = accepted(SyncModule.VENDORS, "/api/modules/vendors/sync");
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(next.pull().created()).as("the unlinked vendor, read again although unchanged, is created anew").isEqualTo(1);
        String clone = binding("vendors", BindingKind.RECORD, acme).inventoryId();
        assertThat(clone).isNotEqualTo(inventoryId);
        assertThat(sandbox.inventoryContact(clone).orElseThrow().get("contact_name").toString()).startsWith("Acme Components")
                .isNotEqualTo("Acme Components");
        assertThat(sandbox.inventoryContact(inventoryId)).as("the old Inventory vendor stays").isPresent();

        // and once read, it is not read again
        assertThat(run("vendors").pull().read()).isZero();
    }
}
