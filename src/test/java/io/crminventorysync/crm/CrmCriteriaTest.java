package io.crminventorysync.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.http.ZohoRequest;
import org.junit.jupiter.api.Test;

class CrmCriteriaTest {

    @Test
    void escapesParenthesesAndCommasThenUrlEncodes() {
        String escaped = CrmClient.escapeCriteriaValue("Acme (UK), Ltd");
        assertThat(escaped).isEqualTo("Acme \\(UK\\)\\, Ltd");
        assertThat(ZohoRequest.encode("(Account_Name:equals:" + escaped + ")"))
                .isEqualTo("%28Account_Name%3Aequals%3AAcme%20%5C%28UK%5C%29%5C%2C%20Ltd%29");
    }

    @Test
    void escapesTheBackslashItselfSoATrailingOneCannotEscapeTheClosingParenthesis() {
        assertThat(CrmClient.escapeCriteriaValue("Evil\\")).isEqualTo("Evil\\\\");
        assertThat(CrmClient.escapeCriteriaValue("a\\(b")).isEqualTo("a\\\\\\(b");
    }

    @Test
    void aViewAndASortOrderCannotBeCombined() {
        assertThatThrownBy(() -> CrmQuery.of("Accounts", java.util.List.of("Account_Name"))
                .withView("123").sortedBy("Modified_Time", "asc"))
                .hasMessageContaining("cvid");
    }
}
