package io.crminventorysync.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.crminventorysync.auth.ZohoTokenProvider;
import io.crminventorysync.support.SyncTestSupport;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Alerts of whole runs of the real service against its sandbox: the webhook goes over real HTTP to
 * a receiver this test runs, the e-mail over SMTP to a real GreenMail server. Both channels are on
 * at once, as an operator may have them; every test here shares one Spring context.
 */
@Tag("sql")
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
    "sync.alerts.email-to=ops@example.test,oncall@example.test",
    "sync.alerts.email-from=crm-inventory-sync@example.test",
    "sync.alerts.max-attempts=3",
    "sync.alerts.backoff=100ms",
    "spring.mail.host=127.0.0.1"
})
class RunAlertsTest extends SyncTestSupport {

    /** Where a Slack-style webhook URL keeps its secret: it must never reach a log line. */
    private static final String TOKEN = "xoxb" + UUID.randomUUID().toString().replace("-", "");
    private static final String QUERY_SECRET = "sig" + UUID.randomUUID().toString().replace("-", "");

    private static final AlertReceiver RECEIVER = AlertReceiver.start();
    private static final GreenMail MAIL = startMail();

    @DynamicPropertySource
    static void alertServers(DynamicPropertyRegistry registry) {
        registry.add("sync.alerts.webhook-url", () -> RECEIVER.url("/services/T0ALERTS/B0SYNC/" + TOKEN + "?sig=" + QUERY_SECRET));
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    @Autowired ZohoTokenProvider tokens;
    @Autowired MeterRegistry meters;

    @BeforeEach
    void quietReceivers() throws Exception {
        awaitAlertsSettled();
        RECEIVER.reset();
        MAIL.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void letHeldAnswersGo() {
        RECEIVER.release();
        tokens.reset();
    }

    @Test
    void aPartialRunPostsExactlyOneAlertWithTheRunsFacts() {
        sandbox.seedDemo();
        productWhoseVendorCannotBeSynced();

        RunSummary run = run("products");
        awaitAlertsSettled();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(run.pullErrorCount()).isPositive();
        List<AlertReceiver.Received> alerts = RECEIVER.alertsOf(run.id());
        assertThat(alerts).hasSize(1);
        AlertReceiver.Received alert = alerts.get(0);
        assertThat(alert.method()).isEqualTo("POST");
        assertThat(alert.path()).isEqualTo("/services/T0ALERTS/B0SYNC/" + TOKEN);
        assertThat(alert.contentType()).startsWith("application/json");
        String errors = run.pullErrorCount() + " pull error" + (run.pullErrorCount() == 1 ? "" : "s");
        assertThat(alert.body())
                .containsEntry("kind", "PROBLEM")
                .containsEntry("module", "products")
                .containsEntry("runId", (int) run.id())
                .containsEntry("status", "PARTIAL")
                .containsEntry("trigger", "SCHEDULE")
                .containsEntry("pullErrorCount", run.pullErrorCount())
                .containsEntry("pushErrorCount", 0)
                .containsEntry("message", run.message())
                .containsEntry("text", "products run " + run.id() + " PARTIAL: " + errors)
                .doesNotContainKey("previousRunId");
        assertThat(RECEIVER.all()).as("nothing else was posted").hasSize(1);
    }

    @Test
    void aCleanRunPostsNothing() {
        sandbox.seedDemo();

        RunSummary run = run("vendors");
        awaitAlertsSettled();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(RECEIVER.all()).isEmpty();
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aFailedRunPostsOneAlertWithTheReason() {
        RunSummary run = failedVendorsRun();
        awaitAlertsSettled();

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        List<AlertReceiver.Received> alerts = RECEIVER.alertsOf(run.id());
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).body())
                .containsEntry("kind", "PROBLEM")
                .containsEntry("module", "vendors")
                .containsEntry("status", "FAILED")
                .containsEntry("pullErrorCount", 0)
                .containsEntry("message", run.message());
        assertThat((String) alerts.get(0).body().get("text"))
                .startsWith("vendors run " + run.id() + " FAILED: ")
                .contains("invalid_code");
    }

    @Test
    void aCleanRunAfterAFailedOnePostsOneRecoveryAlertAndTheRunAfterThatNothing() {
        RunSummary failed = failedVendorsRun();
        sandbox.knobs().setRefreshTokenRevoked(false);
        tokens.reset();

        RunSummary clean = run("vendors");
        RunSummary quiet = run("vendors");
        awaitAlertsSettled();

        assertThat(clean.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(quiet.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(RECEIVER.alertsOf(failed.id())).hasSize(1);
        List<AlertReceiver.Received> recovery = RECEIVER.alertsOf(clean.id());
        assertThat(recovery).hasSize(1);
        assertThat(recovery.get(0).body())
                .containsEntry("kind", "RECOVERY")
                .containsEntry("status", "SUCCEEDED")
                .containsEntry("previousRunId", (int) failed.id())
                .containsEntry("previousStatus", "FAILED")
                .containsEntry("text", "vendors run " + clean.id() + " SUCCEEDED: back to normal after run " + failed.id() + " FAILED");
        assertThat(RECEIVER.alertsOf(quiet.id())).as("one recovery, not one per clean run").isEmpty();
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheAlertOnTheThirdTryAndTheLogNeverShowsTheUrlsSecret(CapturedOutput output) {
        sandbox.seedDemo();
        productWhoseVendorCannotBeSynced();
        RECEIVER.answerNext(500, 503);

        RunSummary run = run("products");
        awaitAlertsSettled();

        List<AlertReceiver.Received> tries = RECEIVER.alertsOf(run.id());
        assertThat(tries).extracting(AlertReceiver.Received::status).containsExactly(500, 503, 200);
        assertThat(tries).extracting(AlertReceiver.Received::body).as("the same alert each time").containsOnly(tries.get(0).body());
        assertThat(output).contains("failed (try 1 of 3): HTTP 500", "failed (try 2 of 3): HTTP 503",
                "sent by webhook to 127.0.0.1:" + RECEIVER.port() + " (try 3)");
        assertThat(output).doesNotContain(TOKEN).doesNotContain(QUERY_SECRET);
    }

    @Test
    void aReceiverThatDoesNotAnswerNeverHoldsTheRun() {
        sandbox.seedDemo();
        productWhoseVendorCannotBeSynced();
        RECEIVER.holdAnswers();

        long started = System.nanoTime();
        RunSummary run = run("products");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // the run is over and stored while its alert still waits for the receiver's answer
        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(runs.get(run.id()).orElseThrow().endedAt()).isNotNull();
        await("the alert reached the receiver, which holds its answer", () -> RECEIVER.waiting() == 1);
        assertThat(runs.get(run.id()).orElseThrow().status()).isEqualTo(RunStatus.PARTIAL);
        // a run that waited for one try alone would have taken the whole sync.alerts.timeout (10 s)
        assertThat(took).isLessThan(Duration.ofSeconds(10));

        RECEIVER.release();
        awaitAlertsSettled();
        assertThat(RECEIVER.alertsOf(run.id())).extracting(AlertReceiver.Received::status).containsExactly(200);
    }

    @Test
    void aPartialRunSendsOneMailToEachRecipientWithTheTextInSubjectAndBody() throws Exception {
        sandbox.seedDemo();
        productWhoseVendorCannotBeSynced();

        RunSummary run = run("products");
        awaitAlertsSettled();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        String text = (String) RECEIVER.alertsOf(run.id()).get(0).body().get("text");
        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).as("one message, one copy per recipient").hasSize(2);
        for (MimeMessage mail : mails) {
            assertThat(mail.getMessageID()).as("the same message").isEqualTo(mails[0].getMessageID());
            assertThat(mail.getSubject()).isEqualTo("[crm-inventory-sync] " + text);
            assertThat(mail.getFrom()[0].toString()).isEqualTo("crm-inventory-sync@example.test");
            assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                    .containsExactlyInAnyOrder("ops@example.test", "oncall@example.test");
            String body = ((String) mail.getContent()).replace("\r\n", "\n");
            assertThat(body).startsWith(text + "\n")
                    .contains("Status:   PARTIAL", "GET /api/runs/" + run.id() + "/errors", run.message());
        }
        assertThat(MAIL.findReceivedMessages(u -> u.getEmail().equals("ops@example.test"), m -> true)).hasSize(1);
        assertThat(MAIL.findReceivedMessages(u -> u.getEmail().equals("oncall@example.test"), m -> true)).hasSize(1);
    }

    /** A vendors run whose credentials are refused: it stops at once and ends FAILED. */
    private RunSummary failedVendorsRun() {
        sandbox.seedDemo();
        sandbox.knobs().setRefreshesPerMinute(1000);
        sandbox.knobs().setRefreshTokenRevoked(true);
        tokens.reset();
        sandbox.expireTokens();
        RunSummary run = run("vendors");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        return run;
    }

    /** Every alert of the runs so far decided, sent or given up (the sync.alerts.pending gauge at 0). */
    private void awaitAlertsSettled() {
        await("alerts settled", () -> meters.get("sync.alerts.pending").gauge().value() == 0);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /**
     * A product whose vendor cannot be synced first: Inventory already has a customer of the vendor's
     * name (contact names are unique across types), so that product fails and the run is PARTIAL.
     */
    private void productWhoseVendorCannotBeSynced() {
        String vendorId = sandbox.crmCreate("Vendors", java.util.Map.of("Vendor_Name", "Zylker Traders"));
        sandbox.crmCreate("Products", java.util.Map.of("Product_Name", "Orphan Widget", "Vendor_Name",
                java.util.Map.of("id", vendorId, "name", "Zylker Traders")));
    }
}
