package io.crminventorysync.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operator console in a real Chromium against the running service and its sandbox: log in,
 * change settings and Save and Sync with the progress bar to its end and the run in the history,
 * a record the sandbox refuses fixed and retried from the run's page, the refusal of pausing
 * accounts next to its button, and the transactions switch's rule. One browser for the class, one
 * Spring context shared with the other sync tests.
 */
class ConsoleBrowserTest extends SyncTestSupport {

    private static Browser browser;

    @LocalServerPort int port;

    @BeforeEach
    void browserLoggedIn() {
        if (browser == null) {
            browser = new Browser(port);
        }
        browser.logIn(properties.getSecurity().getUsername(), properties.getSecurity().getPassword());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void theLoginLandsOnTheOverviewOfTheThreeModules() {
        browser.open("/");
        List<WebElement> cards = browser.driver.findElements(By.cssSelector("section.card h2"));
        assertThat(cards).extracting(WebElement::getText).containsExactly("Accounts & Contacts", "Vendors", "Products");
        assertThat(browser.find("#vendors").getText()).contains("Syncing").contains("SKIP").contains("none yet");

        // "Enable module to be synced" off: stored for every node, and the card says so
        browser.open("/modules/products");
        browser.find("#enabled").click();
        browser.find("#save").click();
        assertThat(browser.find("#notice-save").getText()).isEqualTo("Saved.");
        assertThat(settings.get(SyncModule.PRODUCTS).enabled()).isFalse();
        browser.open("/");
        assertThat(browser.find("#products").getText()).contains("Not enabled: its schedule does not fire");

        // at a phone's width the cards stack and nothing needs sideways scrolling
        browser.width(390);
        browser.open("/");
        assertThat(browser.fitsWidth()).as("overview at 390 px").isTrue();
        browser.open("/modules/accounts");
        assertThat(browser.fitsWidth()).as("settings at 390 px").isTrue();
        browser.screenshot("console-settings-phone", 390);

        // keyboard: the first Tab reaches the skip link, which leads to the page's content
        browser.open("/");
        browser.find("body").sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
    }

    @Test
    void settingsSavedWithSyncShowTheProgressToTheEndAndTheRunInTheHistory() {
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Aster Metals"));
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Birch Timber"));
        sandbox.inventoryCreateContact(Map.of("contact_name", "Birch Timber", "contact_type", "vendor"));

        browser.open("/modules/vendors");
        assertThat(browser.find("h1").getText()).isEqualTo("Vendors settings");
        browser.find("input[name=duplicatePolicy][value=OVERWRITE]").click();
        browser.screenshot("console-settings");
        browser.find("#save-sync").click();

        // back on the overview, the vendors card follows the run until its end
        WebElement done = browser.until(d -> d.findElements(By.cssSelector("#vendors .progress[data-state=done]"))
                .stream().findFirst().orElse(null));
        assertThat(done.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
        assertThat(done.getText()).contains("SUCCEEDED").contains("2 read");
        assertThat(browser.find("#notice-sync-vendors").getText()).contains("Settings saved; run");
        assertThat(settings.get(SyncModule.VENDORS).duplicatePolicy()).isEqualTo(DuplicatePolicy.OVERWRITE);
        assertThat(sandbox.inventoryContactByName("Aster Metals")).isPresent();

        RunSummary run = runs.history(SyncModule.VENDORS, 1).get(0);
        assertThat(run.trigger()).isEqualTo(Trigger.SAVE);
        browser.open("/");
        browser.screenshot("console-overview");
        browser.open("/modules/vendors/history");
        WebElement row = browser.find("#run-" + run.id());
        assertThat(row.getText()).contains("SUCCEEDED").contains("SAVE").contains("2 / 1 / 1 / 0 / 0");
        assertThat(browser.has("svg.chart rect")).isTrue();
        browser.screenshot("console-history");
    }

    @Test
    void aRecordTheSandboxRefusesIsShownOnItsRunFixedAndRetriedUntilItArrives() {
        String bad = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Harbor Freight Parts", "Email", "orders@harbor.com"));
        sandbox.crmEditUnvalidated("Vendors", bad, Map.of("Email", "orders at harbor"));
        RunSummary first = run("vendors");
        assertThat(first.status()).isEqualTo(RunStatus.PARTIAL);

        browser.open("/runs/" + first.id());
        WebElement row = browser.driver.findElements(By.cssSelector("#errors tbody tr")).stream()
                .filter(r -> r.getText().contains("Harbor Freight Parts")).findFirst().orElseThrow();
        assertThat(row.getText()).contains(bad).contains("OPEN").contains("PULL ERROR");
        browser.screenshot("console-run");

        // the search finds it by name; another name finds nothing
        browser.open("/runs/" + first.id() + "?q=harbor&state=OPEN&flow=pull");
        assertThat(browser.driver.findElements(By.cssSelector("#errors tbody tr"))).hasSize(1);
        browser.open("/runs/" + first.id() + "?q=nobody");
        assertThat(browser.has("#no-errors")).isTrue();
        browser.open("/runs/999999");
        assertThat(browser.find("#error-message").getText()).isEqualTo("no run 999999 in the sync history");
        browser.open("/modules/customers/history");
        assertThat(browser.find("#error-message").getText()).contains("customers");

        sandbox.crmEdit("Vendors", bad, Map.of("Email", "orders@harbor.com"));
        browser.open("/runs/" + first.id());
        String errorRowId = browser.driver.findElement(By.xpath("//tr[contains(., 'Harbor Freight Parts')]")).getAttribute("id");
        browser.find("#retry-" + errorRowId.substring("error-".length())).click();

        // the retry's own page, followed until its end
        browser.until(d -> d.getCurrentUrl().matches(".*/runs/\\d+$") && !d.getCurrentUrl().endsWith("/runs/" + first.id()));
        long retryRun = Long.parseLong(browser.driver.getCurrentUrl().replaceAll(".*/runs/", ""));
        browser.until(d -> runs.get(retryRun).orElseThrow().status() != RunStatus.RUNNING);
        browser.open("/runs/" + retryRun);
        assertThat(browser.find("#run-status").getText()).isEqualTo("SUCCEEDED");
        assertThat(runs.get(retryRun).orElseThrow().trigger()).isEqualTo(Trigger.RETRY);
        assertThat(sandbox.inventoryContactByName("Harbor Freight Parts")).isPresent();
        browser.open("/runs/" + first.id() + "?state=RETRIED");
        assertThat(browser.find("#errors").getText()).contains("Harbor Freight Parts").contains("RETRIED");
    }

    @Test
    void pausingAccountsShowsTheRulesRefusalNextToTheButton() {
        browser.open("/");
        browser.find("#pause-accounts").click();
        WebElement refusal = browser.until(d -> d.findElements(By.id("refusal-pause-accounts")).stream().findFirst().orElse(null));
        assertThat(refusal.getText()).isEqualTo("module accounts cannot be paused: only [vendors, products] can be paused");
        assertThat(settings.get(SyncModule.ACCOUNTS).paused()).isFalse();

        // vendors can be paused; then the transaction modules cannot be enabled, and Instant Sync is refused
        browser.find("#pause-vendors").click();
        assertThat(browser.find("#vendors").getText()).contains("Paused: paused in the console by test-operator");
        browser.find("#sync-vendors").click();
        assertThat(browser.find("#refusal-sync-vendors").getText()).startsWith("module vendors is paused");
        browser.open("/modules/vendors");
        browser.find("input[name=duplicatePolicy][value=CLONE]").click();
        browser.find("#save-sync").click();
        assertThat(browser.find("#refusal-save-sync").getText())
                .isEqualTo("module vendors is paused: paused in the console by test-operator; the settings were saved");
        assertThat(settings.get(SyncModule.VENDORS).duplicatePolicy()).isEqualTo(DuplicatePolicy.CLONE);
        // a value the API refuses is refused at its field, and nothing is saved
        WebElement cron = browser.find("#cron");
        cron.clear();
        cron.sendKeys("every two hours");
        browser.find("input[name=duplicatePolicy][value=SKIP]").click();
        browser.find("#save").click();
        assertThat(browser.find("#error-cron").getText()).contains("cron");
        assertThat(browser.find("#cron").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(settings.get(SyncModule.VENDORS).duplicatePolicy()).isEqualTo(DuplicatePolicy.CLONE);
        browser.open("/transactions");
        browser.find("#transactions-switch").click();
        assertThat(browser.find("#refusal-transactions").getText())
                .isEqualTo("the transaction modules cannot be enabled while [vendors] paused; resume first");
        browser.screenshot("console-transactions");
        browser.open("/");
        browser.find("#resume-vendors").click();
        assertThat(settings.get(SyncModule.VENDORS).paused()).isFalse();
    }

    @Test
    void aMappingRowWithAnUnknownFieldShowsItsErrorAtTheRowAndAValidEditIsUsedByTheNextRun() {
        String crmField = sandbox.crmAddCustomField("Vendors", "Supplier_Rating", "Supplier Rating", "text");
        String inventoryField = sandbox.inventoryAddCustomField("contacts", "cf_supplier_rating", "Supplier Rating", "string");
        browser.open("/modules/vendors");
        browser.find("#map-fields").click();
        assertThat(browser.find("h1").getText()).isEqualTo("Vendors: map fields");
        int blank = browser.driver.findElements(By.cssSelector("#fields-vendor tbody tr")).size() - 1;

        // a standard-looking name CRM does not have: refused at its row, nothing saved
        browser.find("input[name='f.0." + blank + ".crm']").sendKeys("Vendor_Nmae");
        browser.find("input[name='f.0." + blank + ".inventory']").sendKeys("notes");
        browser.find("#save-mapping").click();
        WebElement error = browser.find("#error-0-" + blank);
        assertThat(error.getText()).contains("unknown CRM field 'Vendor_Nmae' in module Vendors");
        assertThat(browser.find("#row-0-" + blank + " input[name='f.0." + blank + ".crm']").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#in-force").getText()).isEqualTo("0");

        // the CRM custom field to the Inventory custom field: version 1, used by the next run
        WebElement crm = browser.find("input[name='f.0." + blank + ".crm']");
        crm.clear();
        crm.sendKeys(crmField);
        WebElement inventory = browser.find("input[name='f.0." + blank + ".inventory']");
        inventory.clear();
        inventory.sendKeys(inventoryField);
        new org.openqa.selenium.support.ui.Select(browser.find("select[name='f.0." + blank + ".custom']")).selectByValue("both");
        browser.find("#save-mapping").click();
        assertThat(browser.find("#notice-mapping").getText()).startsWith("Saved as version 1");
        assertThat(browser.find("#version-1").getText()).contains("test-operator").contains("+ vendor: Supplier_Rating -> cf_supplier_rating");
        browser.screenshot("console-mapping");

        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Cobalt Castings", crmField, "A"));
        assertThat(run("vendors").status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(String.valueOf(sandbox.inventoryContactByName("Cobalt Castings").orElseThrow().get("custom_fields")))
                .contains("cf_supplier_rating").contains("A");

        // version 0 (the file) restored as version 2
        browser.find("#restore-0").click();
        assertThat(browser.find("#notice-mapping").getText()).isEqualTo("Version 0 restored as version 2.");
        assertThat(browser.find("#in-force").getText()).isEqualTo("2");
    }

    @Test
    void aPreviewShowsItsPlanOnItsRunsPageAndAnAccountShowsItsSalesOrdersAndInvoices() {
        String crmId = sandbox.crmCreate("Accounts", Map.of("Account_Name", "Aztec Technologies"));
        browser.open("/");
        browser.find("#preview-accounts").click();
        browser.until(d -> d.getCurrentUrl().matches(".*/runs/\\d+$"));
        long preview = Long.parseLong(browser.driver.getCurrentUrl().replaceAll(".*/runs/", ""));
        browser.until(d -> runs.get(preview).orElseThrow().status() != RunStatus.RUNNING);
        browser.open("/runs/" + preview);
        assertThat(browser.find("#plan").getText()).contains("CREATE").contains("Aztec Technologies");
        assertThat(sandbox.inventoryContactByName("Aztec Technologies")).as("a preview writes nothing").isEmpty();

        assertThat(run("accounts").status()).isEqualTo(RunStatus.SUCCEEDED);
        String customerId = bindings.byCrmId(SyncModule.ACCOUNTS, io.crminventorysync.sync.BindingKind.RECORD, crmId)
                .orElseThrow().inventoryId();
        sandbox.inventoryCreateSalesOrder(customerId, Map.of("salesorder_number", "SO-00001", "total", 120.5));
        sandbox.inventoryCreateInvoice(customerId, Map.of("invoice_number", "INV-00001", "total", 99));
        browser.open("/transactions");
        browser.find("#account").sendKeys(crmId);
        browser.find("#account").submit();
        assertThat(browser.find("#customer-id").getText()).isEqualTo(customerId);
        assertThat(browser.find("#salesorders").getText()).contains("SO-00001");
        assertThat(browser.find("#invoices").getText()).contains("INV-00001");
        browser.open("/transactions?account=123");
        assertThat(browser.find("#lookup-error").getText()).isEqualTo("CRM account 123 is not bound to an Inventory customer");
    }
}
