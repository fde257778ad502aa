package io.crminventorysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.http.ZohoApiException.Kind;
import org.junit.jupiter.api.Test;

class ZohoErrorsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void inventoryDuplicateContactNameIsDuplicate() {
        ZohoApiException e = ZohoErrors.decode(ZohoApi.INVENTORY, mapper, "POST /contacts", 400,
                "{\"code\":3062,\"message\":\"The customer \\\"Acme\\\" already exists. Please specify a different name.\"}");
        assertThat(e.kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(e.zohoCode()).isEqualTo("3062");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("POST /contacts", "3062", "already exists");
    }

    @Test
    void inventoryDoesNotExistIsNotFound() {
        ZohoApiException e = ZohoErrors.decode(ZohoApi.INVENTORY, mapper, "GET /items/1", 404,
                "{\"code\":1002,\"message\":\"Item does not exist.\"}");
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void crmErrorNamesTheField() {
        ZohoApiException e = ZohoErrors.decode(ZohoApi.CRM, mapper, "GET /Accounts", 400,
                "{\"code\":\"LIMIT_EXCEEDED\",\"details\":{\"limit\":50,\"param_name\":\"fields\"},"
                        + "\"message\":\"fields limit exceeded\",\"status\":\"error\"}");
        assertThat(e.kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
        assertThat(e.field()).isEqualTo("fields");
    }

    @Test
    void crmAllRecordsFailedReportsTheFirstItem() {
        ZohoApiException e = ZohoErrors.decode(ZohoApi.CRM, mapper, "POST /Contacts", 400,
                "{\"data\":[{\"code\":\"MANDATORY_NOT_FOUND\",\"details\":{\"api_name\":\"Last_Name\","
                        + "\"json_path\":\"$.data[0].Last_Name\"},\"message\":\"required field not found\","
                        + "\"status\":\"error\"}]}");
        assertThat(e.kind()).isEqualTo(Kind.MANDATORY_MISSING);
        assertThat(e.field()).isEqualTo("Last_Name");
    }

    @Test
    void deadTokensAreRecognisedPerApi() {
        assertThat(ZohoErrors.isExpiredToken(ZohoApi.CRM, 401, "INVALID_TOKEN")).isTrue();
        assertThat(ZohoErrors.isExpiredToken(ZohoApi.CRM, 401, "AUTHENTICATION_FAILURE")).isTrue();
        assertThat(ZohoErrors.isExpiredToken(ZohoApi.CRM, 401, "OAUTH_SCOPE_MISMATCH")).isFalse();
        assertThat(ZohoErrors.isExpiredToken(ZohoApi.INVENTORY, 401, "57")).isTrue();
        assertThat(ZohoErrors.isExpiredToken(ZohoApi.INVENTORY, 401, "14")).isTrue();
        assertThat(ZohoErrors.isExpiredToken(ZohoApi.INVENTORY, 400, "57")).isFalse();
    }

    @Test
    void unreadableBodiesFallBackToTheStatus() {
        assertThat(ZohoErrors.decode(ZohoApi.CRM, mapper, "GET /x", 502, "<html>bad gateway</html>").kind())
                .isEqualTo(Kind.SERVER);
        assertThat(ZohoErrors.decode(ZohoApi.INVENTORY, mapper, "GET /x", 404, "").kind()).isEqualTo(Kind.NOT_FOUND);
    }
}
