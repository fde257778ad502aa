package io.crminventorysync.mapping;

import java.util.List;

/**
 * A module's mapping as a table, as the console edits it: per record mapping its fields (CRM field,
 * Inventory field, direction, which side is custom, only on create, transforms as their XML). The
 * keys and the parent link of each record are kept as written ({@code fixed}); the XML file stays
 * the format ({@link MappingXml}).
 */
public record MappingTable(String module, List<Record> records) {

    /** One {@code <record>}: its identity, its fixed elements (key, secondaryKey, parent) and its fields. */
    public record Record(String name, String crmModule, String inventory, List<String> fixed, List<Row> fields) {
    }

    /**
     * One {@code <field>}; {@code custom} is empty, crm, inventory or both; {@code transforms} the
     * child elements as XML, e.g. {@code <trim/><truncate length="200"/>}.
     */
    public record Row(String crm, String inventory, String direction, String custom, boolean onlyOnCreate,
            String transforms) {
    }

    /** Where a row is: the record's and the field's index. */
    public record At(int record, int row) {
    }
}
