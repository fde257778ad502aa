package io.crminventorysync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulated Zoho accounts server and the 401s of both APIs. */
class SandboxOAuthTest extends SandboxTestSupport {

    private static final String TOKEN_URL = "/sandbox/accounts/oauth/v2/token";
    private static final String APP_CREDENTIALS =
            "refresh_token=test-refresh-token&client_id=test-client&client_secret=test-secret&grant_type=refresh_token";

    @Test
    void refreshWithTheAppsCredentialsGivesABearerTokenThatOpensCrmAndInventory() {
        Response refreshed = form(TOKEN_URL, APP_CREDENTIALS);

        assertThat(refreshed.status()).isEqualTo(200);
        JsonNode body = refreshed.json();
        assertThat(body.get("access_token").asText()).startsWith("1000.");
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.get("api_domain").asText()).isEqualTo("http://localhost:" + port + "/sandbox");
        assertThat(body.has("refresh_token")).isFalse();

        token = body.get("access_token").asText();
        assertThat(get(CRM + "/Accounts?fields=Account_Name").status()).isEqualTo(204);
        assertThat(inv("GET", "/contacts", null).status()).isEqualTo(200);
    }

    @Test
    void refreshParametersInTheQueryStringWorkToo() {
        Response refreshed = raw("POST", TOKEN_URL + "?" + APP_CREDENTIALS, null);

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("access_token").asText()).startsWith("1000.");
    }

    @Test
    void aRevokedRefreshTokenAnswersInvalidCodeWithHttp200() {
        Response refused = form(TOKEN_URL, APP_CREDENTIALS.replace("test-refresh-token", "revoked-token"));

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_code");
        assertThat(refused.json().has("access_token")).isFalse();
    }

    @Test
    void aForeignClientAnswersInvalidClientWithHttp200() {
        Response refused = form(TOKEN_URL, APP_CREDENTIALS.replace("client_secret=test-secret", "client_secret=guess"));

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void refreshingOnEveryCallIsThrottledAfterTenAMinuteUntilTheMinutePasses() {
        for (int i = 0; i < 10; i++) {
            assertThat(form(TOKEN_URL, APP_CREDENTIALS).status()).as("refresh %d", i + 1).isEqualTo(200);
        }

        Response throttled = form(TOKEN_URL, APP_CREDENTIALS);
        assertThat(throttled.status()).isEqualTo(400);
        assertThat(throttled.json().get("error").asText()).isEqualTo("Access Denied");
        assertThat(throttled.json().get("status").asText()).isEqualTo("failure");
        assertThat(throttled.json().get("error_description").asText())
                .isEqualTo("You have made too many requests continuously. Please try again after some time.");
        assertThat(admin.count("oauth.throttled")).isEqualTo(1);

        admin.advanceClock(Duration.ofSeconds(61));
        assertThat(form(TOKEN_URL, APP_CREDENTIALS).status()).isEqualTo(200);
    }

    @Test
    void anHourOldTokenGets401InvalidTokenFromCrmAndCode57FromInventory() {
        admin.advanceClock(Duration.ofSeconds(3601));

        Response crm = get(CRM + "/Accounts?fields=Account_Name");
        assertThat(crm.status()).isEqualTo(401);
        assertThat(crm.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(crm.json().get("status").asText()).isEqualTo("error");
        assertThat(crm.json().get("details").isObject()).isTrue();

        Response inventory = inv("GET", "/contacts", null);
        assertThat(inventory.status()).isEqualTo(401);
        assertThat(inventory.json().get("code").asInt()).isEqualTo(57);
        assertThat(inventory.json().get("message").asText()).isEqualTo("You are not authorized to perform this operation");
    }

    @Test
    void theTokenLifetimeKnobShortensExpiresInAndTheTokensLife() {
        admin.knobs().setTokenLifetimeSeconds(60);
        Response refreshed = form(TOKEN_URL, APP_CREDENTIALS);
        assertThat(refreshed.json().get("expires_in").asInt()).isEqualTo(60);
        token = refreshed.json().get("access_token").asText();
        assertThat(get(CRM + "/Accounts?fields=Account_Name").status()).isEqualTo(204);

        admin.advanceClock(Duration.ofSeconds(61));

        assertThat(get(CRM + "/Accounts?fields=Account_Name").status()).isEqualTo(401);
    }

    @Test
    void expireTokensInvalidatesEveryIssuedToken() {
        admin.expireTokens();

        assertThat(get(CRM + "/Accounts?fields=Account_Name").json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(inv("GET", "/items", null).json().get("code").asInt()).isEqualTo(57);
    }

    @Test
    void aCallWithoutAuthorizationHeaderIsRefusedByBothApis() {
        Response crm = raw("GET", CRM + "/Accounts?fields=Account_Name", null);
        assertThat(crm.status()).isEqualTo(401);
        assertThat(crm.json().get("code").asText()).isEqualTo("INVALID_TOKEN");

        Response inventory = raw("GET", INV + "/contacts?organization_id=" + ORG, null);
        assertThat(inventory.status()).isEqualTo(401);
        assertThat(inventory.json().get("code").asInt()).isEqualTo(14);
        assertThat(admin.count("crm.401") + admin.count("inventory.401")).isEqualTo(2);
    }
}
