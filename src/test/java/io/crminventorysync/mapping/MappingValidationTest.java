package io.crminventorysync.mapping;

import static io.crminventorysync.mapping.MappingTestFiles.copyOfRealMappings;
import static io.crminventorysync.mapping.MappingTestFiles.mappingFile;
import static io.crminventorysync.mapping.MappingTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a mapping file can be wrong stops loading with the file, the line and the reason. */
class MappingValidationTest {

    @TempDir
    Path dir;

    @BeforeEach
    void realMappings() {
        copyOfRealMappings(dir);
    }

    /** The vendors file with one field line replaced; the field is on line 8. */
    private static String vendorsWithField(String field) {
        return mappingFile("vendors", """
                  <record name="vendor" crmModule="Vendors" inventory="contact">
                    <key crm="Vendor_Name" inventory="contact_name"/>
                    <field crm="Vendor_Name" inventory="contact_name" direction="both"/>
                    <field inventory="contact_type" direction="pull" onlyOnCreate="true"><default value="vendor"/></field>
                """ + "\n    " + field + "\n" + """
                  </record>
                """);
    }

    private MappingException loadFails() {
        MappingException e = catchThrowableOfType(MappingException.class, () -> new MappingRegistry(dir));
        assertThat(e).as("loading should have failed").isNotNull();
        return e;
    }

    private void assertNames(MappingException e, String file, int line, String reason) {
        assertThat(e.file()).isEqualTo(dir.resolve(file));
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage())
                .startsWith("Mapping " + dir.resolve(file) + " line " + line + ": ")
                .contains(reason);
    }

    @Test
    void misspeltCrmFieldIsNamedWithItsModule() {
        write(dir, "vendors.xml", vendorsWithField(
                "<field crm=\"Vendor_Nmae\" inventory=\"company_name\" direction=\"pull\"/>"));
        assertNames(loadFails(), "vendors.xml", 8, "unknown CRM field 'Vendor_Nmae' in module Vendors");
    }

    @Test
    void misspeltInventoryFieldIsNamedWithItsEntity() {
        write(dir, "vendors.xml", vendorsWithField(
                "<field crm=\"City\" inventory=\"billing_address.town\" direction=\"pull\"/>"));
        assertNames(loadFails(), "vendors.xml", 8, "unknown Inventory field 'billing_address.town' of contact");
    }

    @Test
    void customFieldsAreAcceptedWhenDeclaredCustomOnTheirSide() {
        write(dir, "vendors.xml", vendorsWithField(
                "<field crm=\"Preferred_Carrier\" inventory=\"cf_carrier\" custom=\"both\" direction=\"both\"/>"));
        assertThat(new MappingRegistry(dir).module("vendors").record("vendor").crmFields())
                .contains("Preferred_Carrier");
        write(dir, "vendors.xml", vendorsWithField(
                "<field crm=\"Preferred_Carrier\" inventory=\"cf_carier\" custom=\"crm\" direction=\"both\"/>"));
        assertNames(loadFails(), "vendors.xml", 8, "unknown Inventory field 'cf_carier'");
    }

    @Test
    void lookupThroughAnUnknownModuleIsRefused() {
        write(dir, "vendors.xml", vendorsWithField(
                "<field crm=\"Category\" inventory=\"notes\" direction=\"pull\"><lookup module=\"suppliers\"/></field>"));
        assertNames(loadFails(), "vendors.xml", 8, "unknown module 'suppliers', expected one of [accounts, vendors, products]");
    }

    @Test
    void schemaViolationCarriesTheLineOfTheOffendingElement() {
        write(dir, "vendors.xml", vendorsWithField(
                "<field crm=\"City\" inventory=\"billing_address.city\" direction=\"sideways\"/>"));
        assertNames(loadFails(), "vendors.xml", 8, "does not match mapping.xsd: cvc-");
    }

    @Test
    void transformsOutOfOrderAreASchemaViolation() {
        write(dir, "vendors.xml", vendorsWithField(
                "<field crm=\"City\" inventory=\"billing_address.city\" direction=\"pull\"><truncate length=\"5\"/><trim/></field>"));
        assertNames(loadFails(), "vendors.xml", 8, "does not match mapping.xsd");
    }

    @Test
    void doctypeIsRefusedSoNoExternalEntityIsEverRead() {
        write(dir, "accounts.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE mapping [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
                <mapping xmlns="urn:crm-inventory-sync:mapping:1" module="accounts">
                  <record name="account" crmModule="Accounts" inventory="contact">
                    <key crm="Account_Name" inventory="contact_name"/>
                    <field inventory="notes" direction="pull"><default value="&secret;"/></field>
                  </record>
                </mapping>
                """);
        MappingException e = loadFails();
        assertNames(e, "accounts.xml", 2, "DOCTYPE declarations are not allowed");
        assertThat(e.getMessage()).doesNotContain("root:");
    }

    @Test
    void brokenXmlIsReportedWithItsLine() {
        write(dir, "vendors.xml", vendorsWithField("<field crm=\"City\" inventory=\"billing_address.city\" direction=\"pull\">"));
        MappingException e = loadFails();
        assertThat(e.getMessage()).contains("vendors.xml line ").contains("is not well-formed XML");
        assertThat(e.line()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void moduleFileWithoutARequiredRecordNamesTheMissingRecord() {
        write(dir, "accounts.xml", mappingFile("accounts", """
                  <record name="account" crmModule="Accounts" inventory="contact">
                    <key crm="Account_Name" inventory="contact_name"/>
                    <field crm="Account_Name" inventory="contact_name" direction="both"/>
                  </record>
                """));
        assertNames(loadFails(), "accounts.xml", 2,
                "module accounts needs a record named 'person' (CRM Contacts -> Inventory contact_person)");
    }

    @Test
    void requiredRecordMappingTheWrongCrmModuleIsRefused() {
        write(dir, "vendors.xml", mappingFile("vendors", """
                  <record name="vendor" crmModule="Accounts" inventory="contact">
                    <key crm="Account_Name" inventory="contact_name"/>
                    <field crm="Account_Name" inventory="contact_name" direction="both"/>
                  </record>
                """));
        assertNames(loadFails(), "vendors.xml", 3, "record 'vendor' must map CRM Vendors to Inventory contact");
    }

    @Test
    void fileOfAnotherModuleIsRefused() {
        write(dir, "vendors.xml", readReal("products.xml"));
        assertNames(loadFails(), "vendors.xml", 9, "module=\"products\" but this is the file of module vendors");
    }

    @Test
    void rootElementOutsideTheMappingNamespaceGetsAHint() {
        write(dir, "vendors.xml", vendorsWithField("<field crm=\"City\" inventory=\"billing_address.city\" direction=\"pull\"/>")
                .replace("urn:crm-inventory-sync:mapping:1", "urn:crm-inventory-sync:mapping:0"));
        assertNames(loadFails(), "vendors.xml", 2,
                "the root element must be <mapping xmlns=\"urn:crm-inventory-sync:mapping:1\" module=\"...\">");
    }

    @Test
    void concatCannotBePushed() {
        write(dir, "vendors.xml", vendorsWithField("<field inventory=\"notes\" direction=\"both\">"
                + "<concat><part crm=\"City\"/><part crm=\"State\"/></concat></field>"));
        assertNames(loadFails(), "vendors.xml", 8, "concat works only with direction=\"pull\"");
    }

    @Test
    void constantWithoutDefaultIsRefused() {
        write(dir, "vendors.xml", vendorsWithField("<field inventory=\"notes\" direction=\"pull\"/>"));
        assertNames(loadFails(), "vendors.xml", 8, "a field without crm writes a constant to Inventory");
    }

    @Test
    void twoFieldsWritingOneTargetAreRefused() {
        write(dir, "vendors.xml", vendorsWithField("<field crm=\"Description\" inventory=\"contact_name\" direction=\"pull\"/>"));
        assertNames(loadFails(), "vendors.xml", 8,
                "Inventory field 'contact_name' is already written by the field on line 5");
    }

    @Test
    void missingMappingFileIsNamed() throws Exception {
        Files.delete(dir.resolve("products.xml"));
        MappingException e = loadFails();
        assertThat(e.getMessage()).isEqualTo("Mapping " + dir.resolve("products.xml")
                + ": missing; every module needs its mapping file (products.xml in sync.mappings-dir)");
    }

    @Test
    void missingSchemaIsNamed() throws Exception {
        Files.delete(dir.resolve("mapping.xsd"));
        assertThat(loadFails().getMessage()).contains("mapping.xsd: the mapping schema is missing");
    }

    private static String readReal(String name) {
        try {
            return Files.readString(MappingTestFiles.REAL_DIR.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
