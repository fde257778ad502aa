package io.crminventorysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Token-shaped text from upstream is cut before it becomes a message; ordinary text stays. */
class RedactionTest {

    private static final String ACCESS = "1000.2deb47f4c0b7d3a1e1b6d0f6c5a4e3f2.9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
    private static final String REFRESH = "1000.8fe1f0d9c8b7a6e5d4c3b2a1f0e9d8c7.6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e";

    @Test
    void zohoTokensHeadersFormsAndJsonKeysAreCut() {
        String upstream = "Invalid header Authorization: Zoho-oauthtoken " + ACCESS + " for request"
                + " refresh_token=" + REFRESH + "&client_secret=s3cr3t-value&grant_type=refresh_token"
                + " {\"access_token\":\"" + ACCESS + "\",\"password\": \"hunter2\"} token " + REFRESH
                + " Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig";

        String cut = Redaction.redact(upstream);

        assertThat(cut).doesNotContain(ACCESS, REFRESH, "s3cr3t-value", "hunter2", "eyJhbGciOiJIUzI1NiJ9")
                .contains("Invalid header", "for request", "grant_type=refresh_token", "[redacted]");
    }

    @Test
    void ordinaryMessagesAndPricesStayReadable() {
        String message = "The customer \"Basic plan 1000.50 Ltd\" already exists. Please specify a different name.";
        assertThat(Redaction.redact(message)).isEqualTo(message);
        assertThat(Redaction.redact(null)).isNull();
    }

    @Test
    void aDecodedErrorThatEchoesOurTokenCarriesItNowhere() {
        ZohoApiException e = ZohoErrors.decode(ZohoApi.CRM, new ObjectMapper(), "GET /Accounts", 401,
                "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token Zoho-oauthtoken " + ACCESS
                        + "\",\"status\":\"error\"}");
        assertThat(e.getMessage()).contains("INVALID_TOKEN", "invalid oauth token").doesNotContain(ACCESS);
        assertThat(e.zohoMessage()).doesNotContain(ACCESS);

        ZohoApiException raw = ZohoErrors.decode(ZohoApi.INVENTORY, new ObjectMapper(), "POST /contacts", 502,
                "<html>bad gateway for client_secret=abc123def456 and " + REFRESH + "</html>");
        assertThat(raw.getMessage()).contains("bad gateway").doesNotContain("abc123def456", REFRESH);
    }
}
