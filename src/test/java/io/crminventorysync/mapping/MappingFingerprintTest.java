package io.crminventorysync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Equal values give equal fingerprints whatever the map order or number type; any real change differs. */
class MappingFingerprintTest {

    private static Map<String, Object> aztec(Map<String, Object> m) {
        m.put("contact_name", "Aztec Technologies");
        m.put("website", "https://aztec.example");
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Austin");
        address.put("country", "USA");
        m.put("billing_address", address);
        return m;
    }

    @Test
    void mapOrderDoesNotMatterAtAnyDepth() {
        Map<String, Object> inserted = aztec(new LinkedHashMap<>());
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("billing_address", new TreeMap<>(Map.of("country", "USA", "city", "Austin")));
        reversed.put("website", "https://aztec.example");
        reversed.put("contact_name", "Aztec Technologies");
        assertThat(RecordMapping.fingerprint(reversed)).isEqualTo(RecordMapping.fingerprint(inserted));
        assertThat(RecordMapping.fingerprint(inserted)).matches("[0-9a-f]{64}");
    }

    @Test
    void numbersCompareByValueWhateverTheirJavaType() {
        String integer = RecordMapping.fingerprint(Map.of("rate", 10));
        assertThat(RecordMapping.fingerprint(Map.of("rate", 10.0))).isEqualTo(integer);
        assertThat(RecordMapping.fingerprint(Map.of("rate", 10L))).isEqualTo(integer);
        assertThat(RecordMapping.fingerprint(Map.of("rate", new BigDecimal("10.00")))).isEqualTo(integer);
        assertThat(RecordMapping.fingerprint(Map.of("rate", 10.5))).isNotEqualTo(integer);
        assertThat(RecordMapping.canonicalJson(Map.of("rate", 0.1, "zero", -0.0))).isEqualTo("{\"rate\":0.1,\"zero\":0}");
    }

    @Test
    void aNumericStringIsNotANumber() {
        assertThat(RecordMapping.fingerprint(Map.of("sku", "007")))
                .isNotEqualTo(RecordMapping.fingerprint(Map.of("sku", 7)));
        assertThat(RecordMapping.fingerprint(Map.of("rate", "10")))
                .isNotEqualTo(RecordMapping.fingerprint(Map.of("rate", 10)));
    }

    @Test
    void nullEmptyStringAndAbsentAreTheSame() {
        Map<String, Object> crmSide = new HashMap<>(Map.of("contact_name", "Aztec"));
        crmSide.put("email", null);
        Map<String, Object> inventorySide = Map.of("contact_name", "Aztec", "email", "");
        assertThat(RecordMapping.fingerprint(crmSide))
                .isEqualTo(RecordMapping.fingerprint(inventorySide))
                .isEqualTo(RecordMapping.fingerprint(Map.of("contact_name", "Aztec")));
    }

    @Test
    void anyChangedValueChangesTheFingerprint() {
        String before = RecordMapping.fingerprint(aztec(new HashMap<>()));
        Map<String, Object> moved = aztec(new HashMap<>());
        ((Map<String, Object>) moved.get("billing_address")).put("city", "Dallas");
        assertThat(RecordMapping.fingerprint(moved)).isNotEqualTo(before);
        assertThat(RecordMapping.fingerprint(Map.of("active", true)))
                .isNotEqualTo(RecordMapping.fingerprint(Map.of("active", "true")));
    }

    @Test
    void listOrderCountsBecauseThePrimaryContactPersonComesFirst() {
        Map<String, Object> franklineFirst = Map.of("contact_persons",
                List.of(Map.of("first_name", "Frankline"), Map.of("first_name", "Jose")));
        Map<String, Object> joseFirst = Map.of("contact_persons",
                List.of(Map.of("first_name", "Jose"), Map.of("first_name", "Frankline")));
        assertThat(RecordMapping.fingerprint(franklineFirst)).isNotEqualTo(RecordMapping.fingerprint(joseFirst));
    }

    @Test
    void stringsAreEscapedSoThatDifferentValuesNeverCollide() {
        assertThat(RecordMapping.canonicalJson(Map.of("notes", "say \"hi\"\n")))
                .isEqualTo("{\"notes\":\"say \\\"hi\\\"\\n\"}");
        assertThat(RecordMapping.fingerprint(Map.of("a", "x\",\"b\":\"y")))
                .isNotEqualTo(RecordMapping.fingerprint(Map.of("a", "x", "b", "y")));
    }
}
