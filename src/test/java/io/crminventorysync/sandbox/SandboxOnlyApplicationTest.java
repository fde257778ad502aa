package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The same jar started with --sandbox-only: the sandbox alone, without database, Quartz or Camel. */
class SandboxOnlyApplicationTest {

    @Test
    void sandboxOnlyStartsTheSimulatorWithDemoDataAndNothingElse() throws Exception {
        // An own profile, so the surefire "test" profile does not swap in the test credentials.
        try (ConfigurableApplicationContext context = SandboxApplication.start(SandboxApplication.SANDBOX_ONLY,
                "--server.port=0", "--spring.profiles.active=sandbox-only", "--spring.jmx.enabled=false")) {
            assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
            assertThat(context.getBeanNamesForType(org.apache.camel.CamelContext.class)).isEmpty();
            assertThat(context.getBeanNamesForType(org.quartz.Scheduler.class)).isEmpty();
            assertThat(context.getBean(SandboxAdmin.class).crmCount("Accounts")).isEqualTo(4);

            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/sandbox/accounts/oauth/v2/token"
                                    + "?grant_type=refresh_token&refresh_token=demo-refresh-token"
                                    + "&client_id=demo-client&client_secret=demo-secret"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);
            assertThat(token.body()).contains("\"access_token\":\"1000.");
        }
    }
}
