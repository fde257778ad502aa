package io.crminventorysync.sync.pull;

import io.crminventorysync.sync.SyncEnums.EntryKind;
import io.crminventorysync.sync.BindingKind;
import io.crminventorysync.sync.SyncModule;
import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.Binding;
import io.crminventorysync.sync.RunError;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.DuplicatePolicy;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Vendors to vendor contacts and products to items, with lookups and duplicates. */
@Tag("sql")
class VendorsAndProductsPullTest extends SyncTestSupport {

    @Autowired
    io.crminventorysync.auth.ZohoTokenProvider tokens;

    @Test
    void vendorsBecomeVendorContactsAndProductsItemsWithTheirVendor() {
        sandbox.seedDemo();

        RunSummary vendors = run("vendors");
        RunSummary products = run("products");

        assertThat(vendors.status()).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, Object> acme = sandbox.inventoryContactByName("Acme Components").orElseThrow();
        assertThat(acme.get("contact_type")).isEqualTo("vendor");
        Map<String, Object> printer = sandbox.inventoryItems().stream()
                .filter(i -> "Thermal Label Printer".equals(i.get("name"))).findFirst().orElseThrow();
        Map<String, Object> crmPrinter = sandbox.crmRecord("Products", demo("crm.product.Thermal Label Printer")).orElseThrow();
        assertThat(printer.get("sku")).isEqualTo(crmPrinter.get("Product_Code"));
        @SuppressWarnings("unchecked")
        String vendorCrmId = String.valueOf(((Map<String, Object>) crmPrinter.get("Vendor_Name")).get("id"));
        assertThat(String.valueOf(printer.get("vendor_id")))
                .isEqualTo(binding("vendors", BindingKind.RECORD, vendorCrmId).inventoryId());
        assertThat(products.pull().created()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void productsSyncedBeforeTheirVendorsHaveTheVendorsCreatedFirstInTheSameRun() {
        sandbox.seedDemo();

        RunSummary products = run("products");

        assertThat(products.status()).isEqualTo(RunStatus.SUCCEEDED);
        Map<String, Object> crmPrinter = sandbox.crmRecord("Products", demo("crm.product.Thermal Label Printer")).orElseThrow();
        @SuppressWarnings("unchecked")
        String vendorCrmId = String.valueOf(((Map<String, Object>) crmPrinter.get("Vendor_Name")).get("id"));
        String vendorInventoryId = binding("vendors", BindingKind.RECORD, vendorCrmId).inventoryId();
        assertThat(sandbox.inventoryItems()).filteredOn(i -> "Thermal Label Printer".equals(i.get("name")))
                .singleElement().satisfies(i -> assertThat(String.valueOf(i.get("vendor_id"))).isEqualTo(vendorInventoryId));
        assertThat(pullErrors(products)).filteredOn(e -> e.kind() == EntryKind.DEPENDENCY).isNotEmpty()
                .allSatisfy(e -> assertThat(e.reason()).contains("first"));

        sandbox.resetStats();
        RunSummary vendors = run("vendors");
        assertThat(vendors.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sandbox.inventoryContacts()).filteredOn(c -> "vendor".equals(c.get("contact_type")))
                .as("each vendor once").hasSize(sandbox.crmCount("Vendors"));
    }

    @Test
    void aProductFailsOnlyWithItsVendorAndNamesTheVendorsOwnReason() {
        sandbox.seedDemo();
        // Inventory already has a customer of that name, and contact names are unique across types
        String vendorId = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Zylker Traders"));
        sandbox.crmCreate("Products", Map.of("Product_Name", "Orphan Widget", "Vendor_Name",
                Map.of("id", vendorId, "name", "Zylker Traders")));
        sandbox.crmCreate("Products", Map.of("Product_Name", "Plain Widget"));

        RunSummary products = run("products");

        assertThat(products.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(pullErrors(products)).filteredOn(e -> e.kind() == EntryKind.ERROR).singleElement().satisfies(e -> {
            assertThat(e.field()).contains("Vendor_Name");
            assertThat(e.reason()).contains("Zylker Traders", "customer");
        });
        assertThat(sandbox.inventoryItems()).extracting(i -> i.get("name")).contains("Plain Widget", "Thermal Label Printer")
                .doesNotContain("Orphan Widget");
    }

    @Test
    void aProductMatchingAnItemBySkuOrNameFollowsTheDuplicatePolicy() {
        sandbox.seedDemo();
        run("vendors");
        configure("products", DuplicatePolicy.OVERWRITE, null, null);

        run("products");

        String scannerItem = demo("inventory.item.Wireless Barcode Scanner");
        assertThat(binding("products", BindingKind.RECORD, demo("crm.product.Wireless Barcode Scanner")).inventoryId())
                .isEqualTo(scannerItem);
        assertThat(sandbox.inventoryItems()).filteredOn(i -> "Wireless Barcode Scanner".equals(i.get("name"))).hasSize(1);
    }

    @Test
    void newProductsAreCheckedAgainstOneListingOfInventorysItemsNotTwoReadsEach() {
        sandbox.generate(0, 0, 5, 450, 0, 0);
        String sku = sandbox.crmRecords("Products").stream().filter(p -> p.get("Product_Name").toString().endsWith(" Product 7"))
                .findFirst().orElseThrow().get("Product_Code").toString();
        String taken = sandbox.inventoryCreateItem(Map.of("name", "Already There", "sku", sku));
        run("vendors");
        sandbox.resetStats();

        RunSummary products = run("products");

        // 450 new products and one item already in Inventory: the listing's pages (200 items each),
        // then one write per product, less the one whose SKU the listed item holds (SKIP)
        assertThat(products.pull().read()).isEqualTo(450);
        assertThat(products.pull().created()).isEqualTo(449);
        assertThat(products.pull().skipped()).isEqualTo(1);
        assertThat(sandbox.count("inventory.read")).as("one listing of one page").isEqualTo(1);
        assertThat(sandbox.count("inventory.write")).isEqualTo(449);
        assertThat(runs.errors(products.id(), io.crminventorysync.sync.SyncEnums.Flow.PULL))
                .filteredOn(e -> e.kind() == io.crminventorysync.sync.SyncEnums.EntryKind.DUPLICATE_SKIPPED)
                .singleElement().satisfies(e -> assertThat(e.reason()).contains(taken));

        // a run with no new product takes no listing
        sandbox.resetStats();
        assertThat(run("products").pull().created()).isZero();
        assertThat(sandbox.count("inventory.read")).isZero();
    }

    @Test
    void refusedCredentialsStopTheRunAtOnceInsteadOfFailingEveryRecord() {
        sandbox.seedDemo();
        sandbox.generate(0, 0, 600, 0, 0, 0);
        sandbox.knobs().setRefreshesPerMinute(1000);
        sandbox.knobs().setRefreshTokenRevoked(true);
        tokens.reset();
        sandbox.expireTokens();
        try {
            RunSummary run = run("vendors");

            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.message()).contains("invalid_code");
            assertThat(run.pull().read()).as("no page after the first").isLessThanOrEqualTo(200);
            assertThat(sandbox.count("inventory.write")).isZero();
            assertThat(pullErrors(run)).isEmpty();
        } finally {
            tokens.reset();
        }
    }
}
