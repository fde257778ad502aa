package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Mappings edited at run time over real HTTP: read as JSON and as the XML file, a row naming a field
 * nobody knows refused at that row with nothing stored, a CRM custom field mapped to an Inventory
 * custom field saved as version 1 and used by the very next run, the versions with their
 * differences, and a broken XML refused at its line.
 */
@Tag("sql")
class MappingApiTest extends SyncTestSupport {

    private ResponseEntity<JsonNode> get(String path) {
        return api().getForEntity(path, JsonNode.class);
    }

    private ResponseEntity<JsonNode> put(String path, Object body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return api().exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** The vendor record's fields as the API gives them, plus one row. */
    private ObjectNode vendorFieldsWith(Map<String, Object> row) {
        JsonNode mapping = get("/api/modules/vendors/mapping").getBody();
        ArrayNode fields = ((ArrayNode) mapping.at("/records/0/fields")).deepCopy();
        fields.add(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(row));
        ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        ObjectNode record = body.putArray("records").addObject();
        record.put("name", "vendor");
        record.set("fields", fields);
        return body;
    }

    @Test
    void aRowNamingAFieldNobodyKnowsIsRefusedAtThatRowAndNothingIsStored() {
        JsonNode before = get("/api/modules/vendors/mapping").getBody();
        assertThat(before.get("version").asInt()).isZero();
        int rows = before.at("/records/0/fields").size();
        assertThat(before.at("/records/0/fields/0/crm").asText()).isEqualTo("Vendor_Name");

        ResponseEntity<JsonNode> refused = put("/api/modules/vendors/mapping",
                vendorFieldsWith(Map.of("crm", "Vendor_Nmae", "inventory", "notes", "direction", "pull")), MediaType.APPLICATION_JSON);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("field").asText()).isEqualTo("records[0].fields[" + rows + "]");
        assertThat(refused.getBody().get("error").asText()).contains("unknown CRM field 'Vendor_Nmae'");

        ResponseEntity<JsonNode> lacking = put("/api/modules/vendors/mapping",
                vendorFieldsWith(Map.of("crm", "Rating__c", "inventory", "cf_rating", "direction", "pull", "custom", "both")),
                MediaType.APPLICATION_JSON);
        assertThat(lacking.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(lacking.getBody().get("error").asText()).contains("CRM has no field 'Rating__c' in Vendors");

        assertThat(get("/api/modules/vendors/mapping/versions").getBody()).hasSize(1);
        assertThat(get("/api/modules/vendors/mapping").getBody().get("version").asInt()).isZero();
    }

    @Test
    void aCrmCustomFieldMappedToAnInventoryCustomFieldIsVersionOneAndTheNextRunUsesIt() {
        String crmField = sandbox.crmAddCustomField("Vendors", "Supplier_Rating", "Supplier Rating", "text");
        String inventoryField = sandbox.inventoryAddCustomField("contacts", "cf_supplier_rating", "Supplier Rating", "string");
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Cobalt Castings", crmField, "A"));

        ResponseEntity<JsonNode> saved = put("/api/modules/vendors/mapping", vendorFieldsWith(Map.of("crm", crmField,
                "inventory", inventoryField, "direction", "pull", "custom", "both")), MediaType.APPLICATION_JSON);
        assertThat(saved.getStatusCode()).as(String.valueOf(saved.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(saved.getBody().get("version").asInt()).isEqualTo(1);
        assertThat(saved.getBody().get("createdBy").asText()).isEqualTo("test-operator");
        assertThat(saved.getBody().get("changes").toString()).contains("+ vendor: Supplier_Rating -> cf_supplier_rating");

        RunSummary next = run("vendors");
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, Object> contact = sandbox.inventoryContactByName("Cobalt Castings").orElseThrow();
        assertThat(String.valueOf(contact.get("custom_fields"))).contains("cf_supplier_rating").contains("A");

        JsonNode versions = get("/api/modules/vendors/mapping/versions").getBody();
        assertThat(versions.findValuesAsText("version")).containsExactly("1", "0");
        String xml = api().exchange("/api/modules/vendors/mapping", HttpMethod.GET,
                new HttpEntity<>(headers(MediaType.APPLICATION_XML)), String.class).getBody();
        assertThat(xml).contains("crm=\"Supplier_Rating\" inventory=\"cf_supplier_rating\"").startsWith("<?xml");
    }

    @Test
    void aBrokenXmlIsRefusedAtItsLine() {
        String xml = api().exchange("/api/modules/products/mapping", HttpMethod.GET,
                new HttpEntity<>(headers(MediaType.APPLICATION_XML)), String.class).getBody();
        String broken = xml.replaceFirst("direction=\"both\"", "direction=\"sideways\"");
        ResponseEntity<JsonNode> refused = put("/api/modules/products/mapping", broken, MediaType.APPLICATION_XML);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("field").asText()).startsWith("line ");
        assertThat(refused.getBody().get("error").asText()).contains("sideways");
        assertThat(refused.getBody().get("problems")).hasSize(1);

        ResponseEntity<JsonNode> same = put("/api/modules/products/mapping", xml, MediaType.APPLICATION_XML);
        assertThat(same.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(same.getBody().get("version").asInt()).isEqualTo(1);
        assertThat(same.getBody().get("changes")).isEmpty();
        assertThat(get("/api/modules/products/mapping/versions").getBody().findValuesAsText("note"))
                .contains("uploaded as XML");

        ResponseEntity<JsonNode> restored = api().postForEntity("/api/modules/products/mapping/versions/0/restore", null, JsonNode.class);
        assertThat(restored.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(restored.getBody().get("version").asInt()).isEqualTo(2);
        assertThat(restored.getBody().get("note").asText()).isEqualTo("restored from version 0");
        ResponseEntity<JsonNode> none = api().postForEntity("/api/modules/products/mapping/versions/7/restore", null, JsonNode.class);
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(none.getBody().get("field").asText()).isEqualTo("version");
    }

    private static HttpHeaders headers(MediaType accept) {
        HttpHeaders h = new HttpHeaders();
        h.setAccept(List.of(accept));
        return h;
    }
}
