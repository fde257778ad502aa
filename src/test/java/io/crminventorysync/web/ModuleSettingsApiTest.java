package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.RunProgress;
import io.crminventorysync.sync.SyncExchange;
import io.crminventorysync.sync.SyncRuns;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 12 item 3 and issue 15's stored "Enable module to be synced", over real HTTP: the CRM views
 * to pick from, a view CRM does not have, a settings field the API does not know, a refused Save and
 * Sync that still saved, and a disabled module whose schedule does not fire.
 */
@Tag("sql")
class ModuleSettingsApiTest extends SyncTestSupport {

    @Autowired SyncRuns syncRuns;

    private ResponseEntity<JsonNode> get(String path) {
        return api().getForEntity(path, JsonNode.class);
    }

    private ResponseEntity<JsonNode> put(String path, Object body) {
        return api().exchange(path, HttpMethod.PUT, new HttpEntity<>(body), JsonNode.class);
    }

    @Test
    void viewsAreTheModulesCrmCustomViewsOfAccountsOrOfContactsAndProductsHaveNone() {
        String keyAccounts = sandbox.crmCreateView("Accounts", "Key accounts", "(Annual_Revenue:greater_equal:1000000)");
        String chennai = sandbox.crmCreateView("Contacts", "Chennai contacts", "(Mailing_City:equals:Chennai)");

        JsonNode accounts = get("/api/modules/accounts/views").getBody();
        assertThat(accounts.findValuesAsText("id")).contains(keyAccounts).doesNotContain(chennai);
        assertThat(accounts.findValuesAsText("name")).contains("Key accounts");

        configure("accounts", DuplicatePolicy.SKIP, null, CrmSide.CONTACTS);
        JsonNode contacts = get("/api/modules/accounts/views").getBody();
        assertThat(contacts.findValuesAsText("id")).contains(chennai).doesNotContain(keyAccounts);

        ResponseEntity<JsonNode> products = get("/api/modules/products/views");
        assertThat(products.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(products.getBody().get("field").asText()).isEqualTo("module");
        assertThat(products.getBody().get("reason").asText()).isEqualTo("NOT_FOUND");
        assertThat(products.getBody().get("error").asText()).contains("no CRM view");
    }

    @Test
    void aViewCrmDoesNotHaveForTheModuleIsRefusedNamingCrmViewIdAndNothingIsSaved() {
        String contactsView = sandbox.crmCreateView("Contacts", "Chennai contacts", "(Mailing_City:equals:Chennai)");
        ModuleSettings before = settings.get(SyncModule.ACCOUNTS);

        for (String cvid : new String[] {"4150868000009999999", contactsView}) {
            ResponseEntity<JsonNode> r = put("/api/modules/accounts/settings",
                    Map.of("duplicatePolicy", "OVERWRITE", "crmViewId", cvid));
            assertThat(r.getStatusCode()).as(cvid).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody().get("field").asText()).isEqualTo("crmViewId");
            assertThat(r.getBody().get("reason").asText()).isEqualTo("INVALID_VALUE");
            assertThat(r.getBody().get("error").asText()).contains(cvid).contains("Accounts");
        }
        ModuleSettings after = settings.get(SyncModule.ACCOUNTS);
        assertThat(after.duplicatePolicy()).isEqualTo(before.duplicatePolicy());
        assertThat(after.crmViewId()).isNull();
    }

    @Test
    void aSettingsFieldTheApiDoesNotKnowIsRefusedNamingIt() {
        ResponseEntity<JsonNode> r = put("/api/modules/vendors/settings", Map.of("dirction", "TWO_WAY"));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getBody().get("field").asText()).isEqualTo("dirction");
        assertThat(r.getBody().get("error").asText()).contains("unknown field 'dirction'").contains("direction");
        assertThat(settings.get(SyncModule.VENDORS).direction().name()).isEqualTo("ONE_WAY");
    }

    @Test
    void saveAndSyncRefusedWith409SaysTheSettingsWereSaved() {
        control.pause(SyncModule.VENDORS, "stock count");
        ResponseEntity<JsonNode> r = put("/api/modules/vendors/settings?sync=true", Map.of("duplicatePolicy", "CLONE"));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(r.getBody().get("reason").asText()).isEqualTo("PAUSED");
        assertThat(r.getBody().get("saved").asBoolean()).isTrue();
        assertThat(r.getBody().get("error").asText()).contains("the settings were saved");
        assertThat(r.getBody().at("/settings/duplicatePolicy").asText()).isEqualTo("CLONE");
        assertThat(settings.get(SyncModule.VENDORS).duplicatePolicy()).isEqualTo(DuplicatePolicy.CLONE);
    }

    @Test
    void aDisabledModuleIsStoredClusterWideAndItsScheduleDoesNotFire() {
        try {
            ResponseEntity<JsonNode> off = put("/api/modules/vendors/settings", Map.of("enabled", false));
            assertThat(off.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(off.getBody().at("/settings/enabled").asBoolean()).isFalse();
            assertThat(get("/api/modules/vendors/settings").getBody().get("enabled").asBoolean()).isFalse();
            assertThat(get("/api/modules/vendors").getBody().get("enabled").asBoolean()).isFalse();

            // a scheduled fire of a disabled module opens no run
            Exchange fire = new DefaultExchange(camel);
            control.scheduled(fire, "vendors", Trigger.SCHEDULE.name());
            assertThat(runs.history(SyncModule.VENDORS, 1)).isEmpty();

            put("/api/modules/vendors/settings", Map.of("enabled", true));
            control.scheduled(fire, "vendors", Trigger.SCHEDULE.name());
            RunProgress opened = fire.getProperty(SyncExchange.RUN, RunProgress.class);
            assertThat(opened).as("an enabled module's fire opens its run").isNotNull();
            syncRuns.close(opened);
            assertThat(runs.history(SyncModule.VENDORS, 1)).hasSize(1);
        } finally {
            settings.setEnabled(SyncModule.VENDORS, true);
        }
    }
}
