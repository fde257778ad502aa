package io.crminventorysync.sync.pull;

import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.SyncModule;
import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.RunError;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.CrmSide;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Accounts and their contacts pulled from CRM into Inventory customers with contact persons. */
@Tag("sql")
class AccountsPullTest extends SyncTestSupport {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> persons(Map<String, Object> customer) {
        return (List<Map<String, Object>>) customer.get("contact_persons");
    }

    private Map<String, Object> customer(String name) {
        return sandbox.inventoryContactByName(name).orElseThrow(() -> new AssertionError("no Inventory customer " + name));
    }

    @Test
    void aztecWithFranklineJoseAndNishaBecomesOneCustomerWithThreePersonsOneOfThemPrimary() {
        sandbox.seedDemo();

        RunSummary run = run("accounts");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, Object> aztec = customer("Aztec Technologies");
        assertThat(aztec.get("contact_type")).isEqualTo("customer");
        assertThat(persons(aztec)).extracting(p -> p.get("first_name")).containsExactlyInAnyOrder("Frankline", "Jose", "Nisha");
        // the documented rule: the contact created first, ties broken by the smaller CRM id (all three share a time)
        assertThat(persons(aztec)).filteredOn(p -> Boolean.TRUE.equals(p.get("is_primary_contact")))
                .extracting(p -> p.get("first_name")).containsExactly("Frankline");
        String aztecId = String.valueOf(aztec.get("contact_id"));
        assertThat(binding("accounts", BindingKind.RECORD, demo("crm.account.Aztec Technologies")).inventoryId()).isEqualTo(aztecId);
        assertThat(bindings.personsOf(SyncModule.ACCOUNTS, aztecId)).hasSize(3);
    }

    @Test
    void aContactWithNoAccountIsNotCopied() {
        sandbox.seedDemo();

        run("accounts");

        assertThat(sandbox.inventoryContacts()).noneMatch(c -> String.valueOf(c.get("contact_name")).contains("Oliver"));
        assertThat(sandbox.inventoryContacts()).flatExtracting(AccountsPullTest::persons)
                .noneMatch(p -> "Oliver".equals(p.get("first_name")));
        assertThat(bindings.byCrmId(SyncModule.ACCOUNTS, BindingKind.PERSON, demo("crm.contact.Oliver Grant (no account)"))).isEmpty();
    }

    @Test
    void onlyAccountsOfTheChosenViewAreSynced() {
        sandbox.seedDemo();
        configure("accounts", DuplicatePolicy.SKIP, demo("crm.view.Key accounts"), CrmSide.ACCOUNTS_AND_CONTACTS);

        run("accounts");

        assertThat(sandbox.inventoryContactByName("Aztec Technologies")).isPresent();
        assertThat(sandbox.inventoryContactByName("Blue Yonder Airlines")).isEmpty();
        assertThat(sandbox.inventoryContactByName("Globex Retail")).isEmpty();
    }

    @Test
    void skipLeavesTheExistingCustomerAloneAndSaysSoInTheHistory() {
        sandbox.seedDemo();
        Map<String, Object> before = customer("Zylker Traders");

        RunSummary run = run("accounts");

        assertThat(customer("Zylker Traders")).isEqualTo(before);
        assertThat(sandbox.inventoryContacts()).filteredOn(c -> String.valueOf(c.get("contact_name")).startsWith("Zylker")).hasSize(1);
        assertThat(bindings.byCrmId(SyncModule.ACCOUNTS, BindingKind.RECORD, demo("crm.account.Zylker Traders"))).isEmpty();
        assertThat(pullErrors(run)).filteredOn(e -> e.kind() == EntryKind.DUPLICATE_SKIPPED)
                .extracting(RunError::recordId).containsExactly(demo("crm.account.Zylker Traders"));
        assertThat(run.pullErrorCount()).isZero();
    }

    @Test
    void overwriteUpdatesTheExistingCustomerFromCrmAndBindsIt() {
        sandbox.seedDemo();
        configure("accounts", DuplicatePolicy.OVERWRITE, null, CrmSide.ACCOUNTS_AND_CONTACTS);
        Map<String, Object> crmZylker = sandbox.crmRecord("Accounts", demo("crm.account.Zylker Traders")).orElseThrow();

        run("accounts");

        Map<String, Object> zylker = customer("Zylker Traders");
        assertThat(String.valueOf(zylker.get("contact_id"))).isEqualTo(demo("inventory.customer.Zylker Traders"));
        @SuppressWarnings("unchecked")
        Map<String, Object> billing = (Map<String, Object>) zylker.get("billing_address");
        assertThat(billing.get("phone")).isEqualTo(crmZylker.get("Phone"));
        assertThat(binding("accounts", BindingKind.RECORD, demo("crm.account.Zylker Traders")).inventoryId())
                .isEqualTo(demo("inventory.customer.Zylker Traders"));
        assertThat(sandbox.inventoryContacts()).filteredOn(c -> String.valueOf(c.get("contact_name")).startsWith("Zylker")).hasSize(1);
    }

    @Test
    void overwriteMatchesTheCustomersExistingContactPersonByEmailInsteadOfAddingItAgain() {
        sandbox.seedDemo();
        configure("accounts", DuplicatePolicy.OVERWRITE, null, CrmSide.ACCOUNTS_AND_CONTACTS);

        RunSummary first = run("accounts");
        RunSummary second = run("accounts");

        Map<String, Object> zylker = customer("Zylker Traders");
        assertThat(persons(zylker)).as("Maya Chen was already a person of the Inventory customer")
                .singleElement().satisfies(p -> assertThat(p.get("email")).isEqualTo("maya.chen@zylker.example"));
        assertThat(binding("accounts", BindingKind.PERSON, demo("crm.contact.Maya Chen")).inventoryId())
                .isEqualTo(demo("inventory.contactperson.Maya Chen"));
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void cloneCreatesASecondCustomerUnderTheDocumentedNameAndBindsIt() {
        sandbox.seedDemo();
        configure("accounts", DuplicatePolicy.CLONE, null, CrmSide.ACCOUNTS_AND_CONTACTS);
        String zylkerCrmId = demo("crm.account.Zylker Traders");

        run("accounts");
        run("accounts");

        Map<String, Object> clone = customer("Zylker Traders (" + zylkerCrmId + ")");
        assertThat(binding("accounts", BindingKind.RECORD, zylkerCrmId).inventoryId()).isEqualTo(String.valueOf(clone.get("contact_id")));
        assertThat(sandbox.inventoryContacts()).filteredOn(c -> String.valueOf(c.get("contact_name")).startsWith("Zylker")).hasSize(2);
    }

    @Test
    void aSecondRunWithNothingChangedWritesNothingAndReadsOnlyTheTwoQuietModules() {
        sandbox.seedDemo();
        run("accounts");
        sandbox.resetStats();

        RunSummary second = run("accounts");

        assertThat(inventoryWrites()).isZero();
        assertThat(sandbox.count("inventory.read")).isZero();
        // Contacts and Accounts, each answering 304 Not Modified
        assertThat(sandbox.count("crm.read")).isEqualTo(2);
        assertThat(second.pull().created() + second.pull().updated()).isZero();
    }

    @Test
    void oneChangedAccountCostsExactlyOneWriteAndOneChangedContactOneContactPersonWrite() {
        sandbox.seedDemo();
        run("accounts");
        sandbox.resetStats();

        sandbox.crmEdit("Accounts", demo("crm.account.Aztec Technologies"), Map.of("Website", "https://aztec.example/new"));
        run("accounts");
        assertThat(inventoryWrites()).isEqualTo(1);
        assertThat(customer("Aztec Technologies").get("website")).isEqualTo("https://aztec.example/new");
        assertThat(persons(customer("Aztec Technologies"))).hasSize(3);

        sandbox.resetStats();
        sandbox.crmEdit("Contacts", demo("crm.contact.Jose Alvarez"), Map.of("Title", "Head of Purchasing"));
        run("accounts");
        assertThat(inventoryWrites()).isEqualTo(1);
        assertThat(sandbox.count("inventory.PUT")).isEqualTo(1);
        assertThat(persons(customer("Aztec Technologies"))).filteredOn(p -> "Jose".equals(p.get("first_name")))
                .extracting(p -> p.get("designation")).containsExactly("Head of Purchasing");
    }

    @Test
    void aContactMovedToAnotherAccountMovesItsPerson() {
        sandbox.seedDemo();
        run("accounts");
        String nisha = demo("crm.contact.Nisha Rao");

        sandbox.crmEdit("Contacts", nisha, Map.of("Account_Name", Map.of("id", demo("crm.account.Blue Yonder Airlines"))));
        run("accounts");

        assertThat(persons(customer("Aztec Technologies"))).extracting(p -> p.get("first_name")).containsExactlyInAnyOrder("Frankline", "Jose");
        assertThat(persons(customer("Blue Yonder Airlines"))).extracting(p -> p.get("first_name")).contains("Nisha");
        assertThat(binding("accounts", BindingKind.PERSON, nisha).inventoryParentId())
                .isEqualTo(String.valueOf(customer("Blue Yonder Airlines").get("contact_id")));
    }

    @Test
    void aRejectedCustomerIsAPullErrorNamingItWhileTheOtherAccountsSync() {
        sandbox.seedDemo();
        // a CRM multi-line description may be far longer than the 2,000 characters of Inventory notes
        String acmeAccount = sandbox.crmCreate("Accounts", Map.of("Account_Name", "Longmail Holdings",
                "Description", "Founded in 1999. ".repeat(150)));

        RunSummary run = run("accounts");

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(run.pullErrorCount()).isEqualTo(1);
        RunError error = pullErrors(run).stream().filter(e -> e.kind() == EntryKind.ERROR).findFirst().orElseThrow();
        assertThat(error.recordId()).isEqualTo(acmeAccount);
        assertThat(error.reason()).contains("notes");
        assertThat(error.excerpt()).contains("Longmail Holdings");
        assertThat(sandbox.inventoryContactByName("Longmail Holdings")).isEmpty();
        assertThat(sandbox.inventoryContactByName("Aztec Technologies")).isPresent();
        assertThat(sandbox.inventoryContactByName("Blue Yonder Airlines")).isPresent();
    }

    @Test
    void twoThousandFiveHundredAccountsSyncCompletelyPastTheCrmPageTokenLimit() {
        sandbox.generate(2500, 1, 0, 0, 0, 0);

        RunSummary run = run("accounts");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.inventoryContactCount()).isEqualTo(2500);
        assertThat(bindings.count(SyncModule.ACCOUNTS, BindingKind.RECORD)).isEqualTo(2500);
        assertThat(bindings.count(SyncModule.ACCOUNTS, BindingKind.PERSON)).isEqualTo(2500);
        assertThat(run.pull().created()).isEqualTo(5000);
    }

    @Test
    void aModuleLargerThanOneCrmQueryIsReadInWindowsOfModifiedTime() {
        // Zoho pages at most 100,000 records per query; a window of 400 shows the same with 900 contacts
        sandbox.generate(300, 3, 0, 0, 0, 0);
        int before = properties.getCrm().getMaxRecordsPerQuery();
        properties.getCrm().setMaxRecordsPerQuery(400);
        try {
            RunSummary run = run("accounts");

            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(bindings.count(SyncModule.ACCOUNTS, BindingKind.PERSON)).isEqualTo(900);
            assertThat(run.pull().created()).isEqualTo(1200);
            // the records of a window's last second are read twice, and written once
            assertThat(sandbox.inventoryContacts()).allSatisfy(c -> assertThat(persons(c)).hasSize(3));
        } finally {
            properties.getCrm().setMaxRecordsPerQuery(before);
        }
    }

    @Test
    void accountsOnlyCopiesAccountsAndContactsModeMakesIndividualCustomers() {
        sandbox.seedDemo();
        configure("accounts", DuplicatePolicy.SKIP, null, CrmSide.ACCOUNTS);
        run("accounts");
        assertThat(persons(customer("Aztec Technologies"))).isNullOrEmpty();

        sandbox.reset();
        sandbox.seedDemo();
        io.crminventorysync.support.DatabaseCleaner.clean(jdbc);
        configure("accounts", DuplicatePolicy.SKIP, null, CrmSide.CONTACTS);
        run("accounts");
        Map<String, Object> jose = customer("Jose Alvarez");
        assertThat(jose.get("customer_sub_type")).isEqualTo("individual");
        assertThat(persons(jose)).extracting(p -> p.get("first_name")).containsExactly("Jose");
    }
}
