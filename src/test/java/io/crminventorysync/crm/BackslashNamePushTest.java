package io.crminventorysync.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.RawHttp;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An Inventory vendor named {@code Evil\} pushed to CRM: the push looks the name up in CRM before it
 * creates, and an unescaped trailing backslash used to turn that search into INVALID_QUERY and fail
 * the push batch. Now the vendor lands like any other, next to a well-behaved one.
 */
class BackslashNamePushTest extends SyncTestSupport {

    @LocalServerPort int port;

    @Test
    void anInventoryVendorWhoseNameEndsInABackslashReachesCrm() {
        RawHttp operator = new RawHttp(port);
        String login = RawHttp.basic(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
        assertThat(operator.send("PUT", "/api/modules/vendors/settings", "{\"direction\":\"TWO_WAY\"}",
                "Authorization", login, "Content-Type", "application/json").statusCode()).isEqualTo(200);
        sandbox.inventoryCreateContact(Map.of("contact_name", "Evil\\", "contact_type", "vendor"));
        sandbox.inventoryCreateContact(Map.of("contact_name", "Plain Supplies", "contact_type", "vendor"));

        RunSummary run = run("vendors");

        HttpResponse<String> errors = operator.send("GET", "/api/runs/" + run.id() + "/errors", null,
                "Authorization", login);
        assertThat(errors.body()).as("no pull or push error, no INVALID_QUERY").isEqualTo("[]");
        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.push().created()).isEqualTo(2);
        assertThat(sandbox.crmFind("Vendors", "Vendor_Name", "Evil\\")).isPresent();
        assertThat(sandbox.crmFind("Vendors", "Vendor_Name", "Plain Supplies")).isPresent();
    }
}
