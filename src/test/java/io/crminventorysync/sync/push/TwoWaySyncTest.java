package io.crminventorysync.sync.push;

import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.SyncModule;
import io.crminventorysync.sync.SyncEnums.EntryKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.inventory.InventoryClient;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.ModuleSettings;
import io.crminventorysync.sync.RunError;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.ConflictPolicy;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.Direction;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Flow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Two-way runs: Inventory changes pushed to CRM, without echoes, loops or lost edits. */
@Tag("sql")
class TwoWaySyncTest extends SyncTestSupport {

    /** Edits a contact person as an Inventory user would: the sandbox admin has no person edit. */
    @Autowired
    InventoryClient inventoryApi;

    private void twoWay(String module, ConflictPolicy policy) {
        ModuleSettings s = settings.get(SyncModule.of(module));
        settings.save(new ModuleSettings(s.module(), Direction.TWO_WAY, s.duplicatePolicy(), policy, io.crminventorysync.sync.SyncEnums.DeletePolicy.RECREATE, s.crmViewId(),
                s.crmSide(), s.cron(), s.reconcileCron(), false, null, null));
    }

    private long crmWrites() {
        return sandbox.count("crm.write");
    }

    /**
     * Inventory keeps modified times to the second; the tests step the sandbox's clock so that an
     * edit never shares a second with the write before it.
     */
    private void later() {
        sandbox.advanceClock(Duration.ofSeconds(2));
    }

    private List<RunError> history(RunSummary run, String kind) {
        return runs.errors(run.id(), null).stream().filter(e -> e.kind().name().equals(kind)).toList();
    }

    @SuppressWarnings("unchecked")
    private static String lookupId(Map<String, Object> record, String field) {
        Object v = record.get(field);
        return v instanceof Map<?, ?> m ? String.valueOf(((Map<String, Object>) m).get("id")) : null;
    }

    private String contosoInCrm() {
        return sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Contoso Parts", "Website", "https://contoso.example"));
    }

    private String inventoryIdOf(String module, String crmId) {
        return binding(module, BindingKind.RECORD, crmId).inventoryId();
    }

    @Test
    void aNewInventoryCustomerWithTwoContactPersonsBecomesACrmAccountWithTwoLinkedContactsAllBound() {
        twoWay("accounts", ConflictPolicy.CRM_WINS);
        String customerId = sandbox.inventoryCreateContact(Map.of("contact_name", "Northwind Outfitters",
                "contact_type", "customer", "customer_sub_type", "business", "website", "https://northwind.example",
                "contact_persons", List.of(
                        Map.of("first_name", "Ada", "last_name", "Lovelace", "email", "ada@northwind.example"),
                        Map.of("first_name", "Alan", "last_name", "Turing", "email", "alan@northwind.example"))));

        RunSummary run = run("accounts");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.push().created()).isEqualTo(3);
        Map<String, Object> account = sandbox.crmFind("Accounts", "Account_Name", "Northwind Outfitters").orElseThrow();
        String accountId = String.valueOf(account.get("id"));
        assertThat(account.get("Website")).isEqualTo("https://northwind.example");
        assertThat(bindings.byInventoryId(SyncModule.ACCOUNTS, BindingKind.RECORD, customerId).orElseThrow().crmId()).isEqualTo(accountId);
        List<Map<String, Object>> contacts = sandbox.crmRecords("Contacts").stream()
                .filter(c -> accountId.equals(lookupId(c, "Account_Name"))).toList();
        assertThat(contacts).extracting(c -> c.get("Last_Name")).containsExactlyInAnyOrder("Lovelace", "Turing");
        assertThat(bindings.personsOf(SyncModule.ACCOUNTS, customerId)).extracting(Binding::crmId)
                .containsExactlyInAnyOrderElementsOf(contacts.stream().map(c -> String.valueOf(c.get("id"))).toList());

        sandbox.resetStats();
        RunSummary next = run("accounts");

        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(crmWrites()).as("CRM writes of the run after").isZero();
        assertThat(inventoryWrites()).as("Inventory writes of the run after: our CRM records are not pulled back").isZero();
        assertThat(sandbox.crmCount("Accounts")).isEqualTo(1);
        assertThat(sandbox.inventoryContactCount()).isEqualTo(1);
    }

    @Test
    void aStockChangeOnAnItemReachesQtyInStockWithOneWriteAndTheNextRunWritesNothing() {
        twoWay("products", ConflictPolicy.CRM_WINS);
        String productId = sandbox.crmCreate("Products", Map.of("Product_Name", "Label Roll 100m",
                "Product_Code", "SKU-LBL-100", "Unit_Price", 12.5));
        RunSummary first = run("products");
        assertThat(first.pull().created()).isEqualTo(1);
        assertThat(first.push().created() + first.push().updated()).as("the pulled item is not echoed").isZero();
        String itemId = inventoryIdOf("products", productId);

        later();
        sandbox.inventoryEditItem(itemId, Map.of("stock_on_hand", 42));
        sandbox.resetStats();
        RunSummary stock = run("products");

        assertThat(stock.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(((Number) sandbox.crmRecord("Products", productId).orElseThrow().get("Qty_in_Stock")).doubleValue())
                .isEqualTo(42.0);
        assertThat(crmWrites()).isEqualTo(1);
        assertThat(inventoryWrites()).isZero();
        assertThat(stock.push().updated()).isEqualTo(1);

        sandbox.resetStats();
        RunSummary quiet = run("products");

        assertThat(quiet.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(crmWrites()).isZero();
        assertThat(inventoryWrites()).isZero();
    }

    @Test
    void aCrmChangeCostsOneInventoryWriteAndTheNextRunWritesNothingAnywhere() {
        twoWay("vendors", ConflictPolicy.CRM_WINS);
        String vendorId = contosoInCrm();
        run("vendors");

        later();
        sandbox.crmEdit("Vendors", vendorId, Map.of("Website", "https://parts.contoso.example"));
        sandbox.resetStats();
        RunSummary changed = run("vendors");

        assertThat(inventoryWrites()).isEqualTo(1);
        assertThat(crmWrites()).as("our Inventory write is not echoed to CRM").isZero();
        assertThat(changed.push().updated()).isZero();
        assertThat(sandbox.inventoryContact(inventoryIdOf("vendors", vendorId)).orElseThrow().get("website"))
                .isEqualTo("https://parts.contoso.example");

        sandbox.resetStats();
        run("vendors");

        assertThat(inventoryWrites()).isZero();
        assertThat(crmWrites()).isZero();
    }

    @Test
    void aBoundRecordIsNeverCreatedAgainInCrmOnlyItsChangeAfterBindingIsWritten() {
        String vendorId = contosoInCrm();
        run("vendors");
        twoWay("vendors", ConflictPolicy.CRM_WINS);
        later();
        sandbox.inventoryEditContact(inventoryIdOf("vendors", vendorId), Map.of("website", "https://shop.contoso.example"));
        sandbox.resetStats();

        RunSummary run = run("vendors");

        assertThat(run.push().created()).isZero();
        assertThat(run.push().updated()).isEqualTo(1);
        assertThat(sandbox.crmCount("Vendors")).isEqualTo(1);
        assertThat(sandbox.crmRecord("Vendors", vendorId).orElseThrow().get("Website")).isEqualTo("https://shop.contoso.example");
        assertThat(crmWrites()).isEqualTo(1);
        assertThat(inventoryWrites()).isZero();

        sandbox.resetStats();
        run("vendors");

        assertThat(crmWrites()).isZero();
        assertThat(inventoryWrites()).isZero();
        assertThat(sandbox.crmCount("Vendors")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(ConflictPolicy.class)
    void aRecordChangedOnBothSidesFollowsThePolicyAndTheConflictIsInTheHistoryWithBothValues(ConflictPolicy policy) {
        twoWay("vendors", policy);
        String vendorId = contosoInCrm();
        run("vendors");
        String contactId = inventoryIdOf("vendors", vendorId);

        later();
        sandbox.crmEdit("Vendors", vendorId, Map.of("Website", "https://crm.contoso.example"));
        later();
        // the Inventory edit is the later one: LATEST_WINS keeps it
        sandbox.inventoryEditContact(contactId, Map.of("website", "https://inventory.contoso.example"));

        RunSummary run = run("vendors");

        String expected = policy == ConflictPolicy.CRM_WINS ? "https://crm.contoso.example" : "https://inventory.contoso.example";
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.crmRecord("Vendors", vendorId).orElseThrow().get("Website")).isEqualTo(expected);
        assertThat(sandbox.inventoryContact(contactId).orElseThrow().get("website")).isEqualTo(expected);
        assertThat(history(run, "CONFLICT")).singleElement().satisfies(conflict -> {
            assertThat(conflict.field()).isEqualTo("Website");
            assertThat(conflict.reason()).contains("https://crm.contoso.example", "https://inventory.contoso.example",
                    policy.name());
        });
        assertThat(run.pullErrorCount() + run.pushErrorCount()).as("a conflict is not an error").isZero();

        sandbox.resetStats();
        run("vendors");

        assertThat(crmWrites()).isZero();
        assertThat(inventoryWrites()).isZero();
    }

    @Test
    void aContactPersonChangedOnBothSidesFollowsThePolicyToo() {
        twoWay("accounts", ConflictPolicy.INVENTORY_WINS);
        String customerId = sandbox.inventoryCreateContact(Map.of("contact_name", "Litware Labs",
                "contact_type", "customer", "customer_sub_type", "business",
                "contact_persons", List.of(Map.of("first_name", "Linus", "last_name", "Torvalds",
                        "email", "linus@litware.example", "designation", "Engineer"))));
        run("accounts");
        Map<String, Object> crmContact = sandbox.crmFind("Contacts", "Email", "linus@litware.example").orElseThrow();
        String contactId = String.valueOf(crmContact.get("id"));
        String personId = sandbox.inventoryContact(customerId).map(c -> personId(c, "Linus")).orElseThrow();

        later();
        sandbox.crmEdit("Contacts", contactId, Map.of("Title", "Chief Engineer"));
        later();
        inventoryApi.updateContactPerson(customerId, personId, Map.of("designation", "Fellow"));
        RunSummary run = run("accounts");

        assertThat(sandbox.crmRecord("Contacts", contactId).orElseThrow().get("Title")).isEqualTo("Fellow");
        assertThat(sandbox.inventoryContact(customerId).map(c -> designationOf(c, personId)).orElseThrow()).isEqualTo("Fellow");
        assertThat(history(run, "CONFLICT")).singleElement().satisfies(conflict -> {
            assertThat(conflict.field()).isEqualTo("Title");
            assertThat(conflict.reason()).contains("Chief Engineer", "Fellow");
        });

        sandbox.resetStats();
        run("accounts");

        assertThat(crmWrites()).isZero();
        assertThat(inventoryWrites()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Object designationOf(Map<String, Object> contact, String personId) {
        return ((List<Map<String, Object>>) contact.get("contact_persons")).stream()
                .filter(p -> personId.equals(String.valueOf(p.get("contact_person_id"))))
                .map(p -> p.get("designation")).findFirst().orElse(null);
    }

    @Test
    void aCrmRejectionIsOnePushErrorWhileTheRestOfTheBatchLands() {
        twoWay("accounts", ConflictPolicy.CRM_WINS);
        String customerId = sandbox.inventoryCreateContact(Map.of("contact_name", "Fabrikam Foods",
                "contact_type", "customer", "customer_sub_type", "business",
                "contact_persons", List.of(
                        Map.of("first_name", "Grace", "last_name", "Hopper", "email", "grace@fabrikam.example"),
                        // CRM Contacts require Last_Name; Inventory persons do not
                        Map.of("first_name", "Cher", "email", "cher@fabrikam.example"))));

        RunSummary run = run("accounts");

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(run.pushErrorCount()).isEqualTo(1);
        RunError error = runs.errors(run.id(), Flow.PUSH).get(0);
        assertThat(error.field()).isEqualTo("Last_Name");
        assertThat(error.reason()).contains("MANDATORY_NOT_FOUND");
        String cherId = sandbox.inventoryContact(customerId).map(c -> personId(c, "Cher")).orElseThrow();
        assertThat(error.recordId()).isEqualTo(cherId);
        assertThat(sandbox.crmFind("Contacts", "Email", "grace@fabrikam.example")).isPresent();
        assertThat(sandbox.crmFind("Accounts", "Account_Name", "Fabrikam Foods")).isPresent();
        assertThat(run.push().created()).isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private static String personId(Map<String, Object> contact, String firstName) {
        return ((List<Map<String, Object>>) contact.get("contact_persons")).stream()
                .filter(p -> firstName.equals(p.get("first_name"))).map(p -> String.valueOf(p.get("contact_person_id")))
                .findFirst().orElseThrow();
    }

    @Test
    void inContactsModeAnInventoryIndividualBecomesACrmContact() {
        configure("accounts", settings.get(SyncModule.ACCOUNTS).duplicatePolicy(), null, CrmSide.CONTACTS);
        twoWay("accounts", ConflictPolicy.CRM_WINS);
        String customerId = sandbox.inventoryCreateContact(Map.of("contact_name", "Marie Curie",
                "contact_type", "customer", "customer_sub_type", "individual",
                "contact_persons", List.of(Map.of("first_name", "Marie", "last_name", "Curie", "email", "marie@curie.example"))));

        RunSummary run = run("accounts");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, Object> contact = sandbox.crmFind("Contacts", "Email", "marie@curie.example").orElseThrow();
        assertThat(contact.get("Last_Name")).isEqualTo("Curie");
        assertThat(bindings.byInventoryId(SyncModule.ACCOUNTS, BindingKind.RECORD, customerId).orElseThrow().crmId())
                .isEqualTo(String.valueOf(contact.get("id")));
        assertThat(sandbox.crmCount("Accounts")).isZero();
    }

    @Test
    void anUnboundInventoryVendorWhoseNameCrmHasIsSkippedUnderSkipAndSaysSoInThePushHistory() {
        twoWay("vendors", ConflictPolicy.CRM_WINS);
        contosoInCrm();
        sandbox.inventoryCreateContact(Map.of("contact_name", "Contoso Parts", "contact_type", "vendor"));
        sandbox.resetStats();

        RunSummary run = run("vendors");

        assertThat(crmWrites()).isZero();
        assertThat(sandbox.crmCount("Vendors")).isEqualTo(1);
        assertThat(runs.errors(run.id(), Flow.PUSH)).singleElement().satisfies(skipped -> {
            assertThat(skipped.kind()).isEqualTo(EntryKind.DUPLICATE_SKIPPED);
            assertThat(skipped.reason()).contains("Contoso Parts", "SKIP");
        });
        assertThat(run.pushErrorCount()).isZero();
    }

    @Test
    void oneWayNeverWritesToCrm() {
        String vendorId = contosoInCrm();
        run("vendors");
        later();
        sandbox.inventoryEditContact(inventoryIdOf("vendors", vendorId), Map.of("website", "https://shop.contoso.example"));
        sandbox.inventoryCreateContact(Map.of("contact_name", "Tailspin Toys", "contact_type", "customer",
                "customer_sub_type", "business"));
        sandbox.inventoryCreateItem(Map.of("name", "Gift Wrap", "rate", 2.0));
        sandbox.resetStats();

        for (String module : List.of("vendors", "accounts", "products")) {
            RunSummary run = run(module);
            assertThat(run.push().read()).as(module + " push reads").isZero();
        }

        assertThat(crmWrites()).isZero();
        assertThat(sandbox.crmRecord("Vendors", vendorId).orElseThrow().get("Website")).isEqualTo("https://contoso.example");
    }
}
