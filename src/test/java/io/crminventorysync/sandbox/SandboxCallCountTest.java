package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call counters stay right for the newer endpoints: metadata reads, deletes, PATCH, status changes. */
class SandboxCallCountTest extends SandboxTestSupport {

    @Test
    void statsCountTheNewEndpointsByApiAndKind() {
        get(CRM + "/settings/fields?module=Accounts");
        call("DELETE", CRM + "/Accounts?ids=4150868000000999999", null);
        call("PATCH", CRM + "/actions/watch", Map.of("watch", List.of(Map.of("channel_id", "1", "events",
                List.of("Accounts.create"), "_delete_events", true))));
        String item = admin.inventoryCreateItem(Map.of("name", "Counted"));
        inv("POST", "/items/" + item + "/inactive", null);

        assertThat(admin.count("crm")).isEqualTo(3);
        assertThat(admin.count("crm.read")).isEqualTo(1);
        assertThat(admin.count("crm.write")).isEqualTo(2);
        assertThat(admin.count("crm.PATCH")).isEqualTo(1);
        assertThat(admin.count("crm.DELETE")).isEqualTo(1);
        assertThat(admin.count("crm.write.records")).as("nothing was deleted").isZero();
        assertThat(admin.count("inventory.write")).isEqualTo(1);
        assertThat(admin.count("inventory.POST")).isEqualTo(1);
    }
}
