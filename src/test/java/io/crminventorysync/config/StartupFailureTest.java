package io.crminventorysync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.CrmInventorySyncApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * A bad start must say what is wrong in one line naming the setting or the database, not in a wall
 * of stack traces. Each case starts the real application and reads what it printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    private static void start(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.add("--server.port=0");
        if (all.stream().noneMatch(a -> a.startsWith("--spring.datasource.url="))) {
            all.add("--spring.datasource.url=jdbc:h2:mem:startup-" + System.nanoTime() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        }
        SpringApplication app = new SpringApplication(CrmInventorySyncApplication.class);
        assertThatThrownBy(() -> app.run(all.toArray(String[]::new)).close()).isInstanceOf(Exception.class);
    }

    @Test
    void missingClientIdAgainstRealZohoStopsStartupNamingTheSetting(CapturedOutput output) {
        start("--sync.sandbox.enabled=false", "--sync.auth.client-id=");

        assertThat(output).contains("Invalid setting sync.auth.client-id: required")
                .contains("SYNC_AUTH_CLIENTID")
                .doesNotContain("\tat org.springframework");
    }

    @Test
    void missingOperatorPasswordStopsStartupNamingTheSetting(CapturedOutput output) {
        start("--sync.security.password=");

        assertThat(output).contains("Invalid setting sync.security.password: required")
                .contains("SYNC_SECURITY_PASSWORD")
                .doesNotContain("\tat org.springframework");
    }

    @Test
    void invalidDuplicatePolicyStopsStartupNamingTheSettingAndTheAllowedValues(CapturedOutput output) {
        start("--sync.modules.vendors.duplicate-policy=MERGE");

        assertThat(output).contains("Invalid setting sync.modules.vendors.duplicate-policy: must be one of CLONE, OVERWRITE, SKIP, was 'MERGE'")
                .doesNotContain("\tat org.springframework");
    }

    @Test
    void aNoopPasswordOutsideTheDemoStopsStartupInOneLine(CapturedOutput output) {
        start("--sync.security.password={noop}letmein");

        assertThat(output).contains("Invalid setting sync.security.password: {noop} keeps the password in clear text")
                .contains("SYNC_SECURITY_PASSWORD")
                .doesNotContain("letmein")
                .doesNotContain("\tat org.springframework");
    }

    @Test
    void aNoopPasswordIsAcceptedInTheDemoProfileOnly() {
        SyncProperties p = new SyncProperties();
        p.getSandbox().setEnabled(true);
        p.getSecurity().setPassword("{noop}demo");
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("demo");
        p.setEnvironment(env);
        assertThat(p.problems()).isEmpty();

        env.setActiveProfiles("test");
        p.setEnvironment(env);
        assertThat(p.problems()).singleElement().asString().startsWith("sync.security.password: {noop}");
    }

    @Test
    void zohoUrlsMustBeHttpsUnlessTheSandboxRunsOrTheHostIsThisMachine(CapturedOutput output) {
        start("--sync.sandbox.enabled=false", "--sync.auth.client-id=c", "--sync.auth.client-secret=s",
                "--sync.auth.refresh-token=r", "--sync.inventory.organization-id=1",
                "--sync.auth.accounts-url=http://accounts.zoho.eu");

        assertThat(output).contains("Invalid setting sync.auth.accounts-url: must be https (it carries the Zoho "
                + "credentials and tokens), was 'http://accounts.zoho.eu'")
                .doesNotContain("\tat org.springframework");

        SyncProperties p = new SyncProperties();
        p.getSecurity().setPassword("x");
        p.getSandbox().setEnabled(false);
        p.getAuth().setClientId("c");
        p.getAuth().setClientSecret("s");
        p.getAuth().setRefreshToken("r");
        p.getInventory().setOrganizationId("1");
        p.getCrm().setApiUrl("http://127.0.0.1:9090/sandbox/crm/v7");
        p.getInventory().setApiUrl("http://localhost:9090/sandbox/inventory/v1");
        assertThat(p.problems()).as("loopback may be plain http").isEmpty();
        p.getInventory().setApiUrl("http://localhost.evil.example/inventory/v1");
        assertThat(p.problems()).singleElement().asString().startsWith("sync.inventory.api-url: must be https");
        p.getInventory().setApiUrl("http://localhost@evil.example/inventory/v1");
        assertThat(p.problems()).singleElement().asString().startsWith("sync.inventory.api-url: must be https");
    }

    @Test
    void unreachableDatabaseStopsStartupNamingTheDatabaseWithoutItsParameters(CapturedOutput output) {
        start("--spring.datasource.url=jdbc:mysql://127.0.0.1:9/nowhere?password=hunter2",
                "--spring.datasource.hikari.connection-timeout=1500");

        assertThat(output).contains("Cannot connect to the database jdbc:mysql://127.0.0.1:9/nowhere:")
                .doesNotContain("hunter2")
                .doesNotContain("\tat org.springframework");
    }

    @Test
    void databaseUrlParametersAndCredentialsAreCutFromMessages() {
        assertThat(DatabaseFailureAnalyzer.safeUrl("jdbc:mysql://user:pw@db:3306/sync?password=x"))
                .isEqualTo("jdbc:mysql://db:3306/sync");
        assertThat(DatabaseFailureAnalyzer.safeUrl("jdbc:h2:file:./data/x;MODE=MySQL")).isEqualTo("jdbc:h2:file:./data/x");
    }
}
