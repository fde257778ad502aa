package io.crminventorysync.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.http.ClientContractSupport;
import io.crminventorysync.http.CrmConcurrencyLimiter;
import io.crminventorysync.http.ZohoApiException;
import io.crminventorysync.http.ZohoApiException.Kind;
import io.crminventorysync.http.ZohoMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CrmClientContractTest extends ClientContractSupport {

    private static final List<String> ACCOUNT_FIELDS = List.of("Account_Name", "Phone", "Billing_City", "Modified_Time");

    @Autowired
    CrmConcurrencyLimiter crmLimiter;

    @Test
    void pagesPast2000RecordsWithThePageToken() {
        sandbox.generate(2300, 0, 0, 0, 0, 0);
        Set<String> ids = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        crm.pages(CrmQuery.of("Accounts", ACCOUNT_FIELDS)).forEachRemaining(page -> {
            pageSizes.add(page.records().size());
            page.records().forEach(r -> ids.add((String) r.get("id")));
        });
        assertThat(ids).hasSize(2300);
        assertThat(pageSizes).hasSize(12).startsWith(200, 200).endsWith(100);
        assertThat(sandbox.count("crm.read")).isEqualTo(12);
    }

    @Test
    void aQuietModuleCostsOneReadAndAnsweredNothing() {
        sandbox.generate(5, 0, 0, 0, 0, 0);
        sandbox.advanceClock(Duration.ofMinutes(1));
        Instant afterLastChange = sandbox.now();
        sandbox.resetStats();

        CrmQuery since = CrmQuery.of("Accounts", ACCOUNT_FIELDS).modifiedSince(afterLastChange);
        assertThat(crm.pages(since).hasNext()).isFalse();
        assertThat(sandbox.count("crm.read")).isEqualTo(1);

        sandbox.advanceClock(Duration.ofMinutes(1));
        String id = (String) sandbox.crmRecords("Accounts").get(2).get("id");
        sandbox.crmEdit("Accounts", id, Map.of("Phone", "+91 80 1111 2222"));
        List<Map<String, Object>> changed = records(since).toList();
        assertThat(changed).extracting(r -> r.get("id")).containsExactly(id);
        Instant modified = CrmClient.parseTime(changed.get(0).get("Modified_Time"));
        assertThat(modified).isAfter(afterLastChange);
    }

    @Test
    void anEmptyModuleHasNoPages() {
        assertThat(records(CrmQuery.of("Vendors", List.of("Vendor_Name"))).count()).isZero();
    }

    @Test
    void aTokenExpiringBetweenPagesCostsOneRefreshAndNoRecord() {
        sandbox.generate(650, 0, 0, 0, 0, 0);
        tokens.accessToken();
        long refreshesBefore = sandbox.count("oauth.refresh");
        Set<String> ids = new HashSet<>();
        Iterator<CrmPage> pages = crm.pages(CrmQuery.of("Accounts", ACCOUNT_FIELDS));
        pages.next().records().forEach(r -> ids.add((String) r.get("id")));
        sandbox.expireTokens();
        pages.forEachRemaining(p -> p.records().forEach(r -> ids.add((String) r.get("id"))));
        assertThat(ids).hasSize(650);
        assertThat(sandbox.count("oauth.refresh") - refreshesBefore).isEqualTo(1);
        assertThat(sandbox.count("crm.401")).isEqualTo(1);
    }

    @Test
    void a429BurstEndsWithEveryRecordDelivered() {
        sandbox.generate(1000, 0, 0, 0, 0, 0);
        tokens.accessToken();
        double rateLimitedBefore = counter(ZohoMetrics.RATE_LIMITED, "api", "crm");
        sandbox.knobs().setBurst429(7);
        long count = records(CrmQuery.of("Accounts", ACCOUNT_FIELDS)).map(r -> r.get("id")).distinct().count();
        assertThat(count).isEqualTo(1000);
        assertThat(sandbox.count("crm.429")).isEqualTo(7);
        assertThat(counter(ZohoMetrics.RATE_LIMITED, "api", "crm") - rateLimitedBefore).isEqualTo(7);
    }

    @Test
    void concurrentCallersStayWithinTheConcurrencyLimit() throws Exception {
        sandbox.generate(20, 0, 0, 0, 0, 0);
        sandbox.knobs().setLatencyMs(40);
        ExecutorService pool = Executors.newFixedThreadPool(3 * crmLimiter.limit());
        List<Future<Long>> reads = new ArrayList<>();
        for (int i = 0; i < 3 * crmLimiter.limit(); i++) {
            reads.add(pool.submit(() -> records(CrmQuery.of("Accounts", ACCOUNT_FIELDS)).count()));
        }
        for (Future<Long> r : reads) {
            assertThat(r.get()).isEqualTo(20);
        }
        pool.shutdown();
        assertThat(sandbox.count("crm.429")).as("the sandbox refuses calls beyond the edition's concurrency").isZero();
    }

    @Test
    void aBatchWithSomeBadRecordsGivesOneResultPerRecordInOrder() {
        sandbox.crmCreate("Accounts", Map.of("Account_Name", "Existing Ltd"));
        List<Map<String, Object>> records = List.of(
                Map.of("Account_Name", "Zylker Traders", "Phone", "+91 44 2222 3333"),
                Map.of("Phone", "+91 44 0000 0000"),
                Map.of("Account_Name", "Existing Ltd"),
                Map.of("Account_Name", "Acme (UK), Ltd"));
        List<CrmWriteResult> results = crmWriter.insert("Accounts", records);

        assertThat(results).extracting(CrmWriteResult::index).containsExactly(0, 1, 2, 3);
        assertThat(results).extracting(CrmWriteResult::code).containsExactly(CrmResultCode.SUCCESS,
                CrmResultCode.MANDATORY_NOT_FOUND, CrmResultCode.DUPLICATE_DATA, CrmResultCode.SUCCESS);
        assertThat(results.get(0).id()).matches("\\d{15,19}");
        assertThat(results.get(1).field()).isEqualTo("Account_Name");
        assertThat(results.get(2).field()).isEqualTo("Account_Name");
        assertThat(results.get(2).duplicateOfId()).isNotBlank();
        assertThat(crm.getRecord("Accounts", results.get(0).id())).get()
                .satisfies(r -> assertThat(r.get("Account_Name")).isEqualTo("Zylker Traders"));
    }

    @Test
    void aBatchWhereEveryRecordFailsStillReportsPerRecord() {
        List<CrmWriteResult> results = crmWriter.insert("Accounts", List.of(Map.of("Phone", "1"), Map.of("Phone", "2")));
        assertThat(results).extracting(CrmWriteResult::code)
                .containsExactly(CrmResultCode.MANDATORY_NOT_FOUND, CrmResultCode.MANDATORY_NOT_FOUND);
    }

    @Test
    void moreThan100RecordsAreSplitIntoBatchesOf100() {
        List<Map<String, Object>> records = IntStream.rangeClosed(1, 250)
                .mapToObj(i -> Map.<String, Object>of("Account_Name", "Batch Account " + i)).toList();
        sandbox.resetStats();
        List<CrmWriteResult> results = crmWriter.insert("Accounts", records);
        assertThat(results).hasSize(250).allMatch(CrmWriteResult::isSuccess);
        assertThat(sandbox.count("crm.write")).isEqualTo(3);
        String id249 = results.get(249).id();
        assertThat(sandbox.crmRecord("Accounts", id249)).get()
                .satisfies(r -> assertThat(r.get("Account_Name")).isEqualTo("Batch Account 250"));
    }

    @Test
    void updateAndUpsertReportWhatTheyDid() {
        String acme = sandbox.crmCreate("Accounts", Map.of("Account_Name", "Acme"));
        List<CrmWriteResult> updated = crmWriter.update("Accounts", List.of(Map.of("id", acme, "Phone", "+1 555 0100")));
        assertThat(updated.get(0).isSuccess()).isTrue();
        assertThat(sandbox.crmRecord("Accounts", acme).orElseThrow().get("Phone")).isEqualTo("+1 555 0100");

        List<CrmWriteResult> upserted = crmWriter.upsert("Accounts", List.of(
                Map.of("Account_Name", "Acme", "Industry", "Retail"),
                Map.of("Account_Name", "Brand New Co")), List.of("Account_Name"));
        assertThat(upserted).extracting(CrmWriteResult::action).containsExactly("update", "insert");
        assertThat(upserted.get(0).id()).isEqualTo(acme);
        assertThat(sandbox.crmCount("Accounts")).isEqualTo(2);
    }

    @Test
    void relatedContactsOfAnAccount() {
        sandbox.generate(2, 3, 0, 0, 0, 0);
        String accountId = (String) sandbox.crmRecords("Accounts").get(1).get("id");
        List<Map<String, Object>> contacts = crm.relatedRecords("Accounts", accountId, "Contacts",
                List.of("Last_Name", "Email", "Account_Name"));
        assertThat(contacts).hasSize(3).allSatisfy(c ->
                assertThat(((Map<?, ?>) c.get("Account_Name")).get("id")).isEqualTo(accountId));
    }

    @Test
    void customViewsAndListingThroughOne() {
        sandbox.crmCreate("Accounts", Map.of("Account_Name", "Chennai One", "Billing_City", "Chennai"));
        sandbox.crmCreate("Accounts", Map.of("Account_Name", "Leeds One", "Billing_City", "Leeds"));
        String cvid = sandbox.crmCreateView("Accounts", "Chennai accounts", "(Billing_City:equals:Chennai)");

        List<CrmCustomView> views = crm.customViews("Accounts");
        assertThat(views).extracting(CrmCustomView::id).contains(cvid);
        List<Map<String, Object>> inView = records(CrmQuery.of("Accounts", ACCOUNT_FIELDS).withView(cvid)).toList();
        assertThat(inView).extracting(r -> r.get("Account_Name")).containsExactly("Chennai One");
    }

    @Test
    void searchEscapesAndMatchesExactly() {
        String id = sandbox.crmCreate("Accounts", Map.of("Account_Name", "Acme (UK), Ltd"));
        sandbox.crmCreate("Accounts", Map.of("Account_Name", "Acme (UK), Ltd Holdings"));
        assertThat(crm.searchEquals("Accounts", "Account_Name", "Acme (UK), Ltd"))
                .extracting(r -> r.get("id")).containsExactly(id);
        assertThat(crm.searchEquals("Accounts", "Account_Name", "Nobody")).isEmpty();
    }

    @Test
    void aNameEndingInABackslashIsFoundNotAnInvalidQuery() {
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Evil\\"));
        sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Evil"));
        assertThat(crm.searchEquals("Vendors", "Vendor_Name", "Evil\\"))
                .extracting(r -> r.get("Vendor_Name")).containsExactly("Evil\\");
        assertThat(crm.searchEquals("Vendors", "Vendor_Name", "Ev\\il")).isEmpty();
    }

    @Test
    void deletedRecordsAreListed() {
        String id = sandbox.crmCreate("Vendors", Map.of("Vendor_Name", "Gone Supplies"));
        sandbox.crmDelete("Vendors", id);
        List<Map<String, Object>> deleted = new ArrayList<>();
        crm.deletedPages("Vendors", "all", null).forEachRemaining(p -> deleted.addAll(p.records()));
        assertThat(deleted).extracting(r -> r.get("id")).contains(id);
        assertThat(crm.getRecord("Vendors", id)).isEmpty();
    }

    @Test
    void tooManyFieldsAreRefusedBeforeAnyCall() {
        List<String> fields = IntStream.rangeClosed(1, 51).mapToObj(i -> "Field_" + i).collect(Collectors.toList());
        assertThatThrownBy(() -> crm.pages(CrmQuery.of("Accounts", fields)))
                .isInstanceOfSatisfying(ZohoApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
                    assertThat(e.field()).isEqualTo("fields");
                });
        assertThat(sandbox.count("crm")).isZero();
    }

    @Test
    void anUnknownModuleIsATypedError() {
        assertThatThrownBy(() -> records(CrmQuery.of("Widgets", List.of("Name"))).count())
                .isInstanceOf(ZohoApiException.class)
                .satisfies(e -> assertThat(((ZohoApiException) e).httpStatus()).isBetween(400, 404));
    }

    @Test
    void lookupsAndTimesComeBackAsCrmWritesThem() {
        Map<String, Object> vendor = new LinkedHashMap<>(Map.of("Vendor_Name", "Parts Unlimited"));
        String vendorId = sandbox.crmCreate("Vendors", vendor);
        String productId = sandbox.crmCreate("Products", Map.of("Product_Name", "Widget", "Vendor_Name", vendorId));
        Map<String, Object> product = crm.getRecord("Products", productId).orElseThrow();
        assertThat(((Map<?, ?>) product.get("Vendor_Name")).get("id")).isEqualTo(vendorId);
        assertThat((String) product.get("Modified_Time")).matches(".*[+-]\\d{2}:\\d{2}");
        assertThat(CrmClient.parseTime(product.get("Modified_Time")))
                .isBetween(sandbox.now().minusSeconds(60), sandbox.now().plusSeconds(1));
    }
}
