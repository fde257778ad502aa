package io.crminventorysync.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.sync.RunSummary;
import io.crminventorysync.sync.SyncEnums.RunStatus;
import io.crminventorysync.sync.SyncEnums.Trigger;
import io.crminventorysync.sync.SyncModule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook over real HTTP, answer by answer: which failures are worth another try, and that no
 * failure's words carry the URL's secret path.
 */
class WebhookChannelTest {

    private static final String SECRET = "/services/T0/B0/s3cr3tT0ken";
    private static final AlertReceiver RECEIVER = AlertReceiver.start();

    private static final Alert ALERT = Alert.problem(new RunSummary(42, SyncModule.VENDORS, Trigger.INSTANT, RunStatus.PARTIAL, false, false,
            "node-a", Instant.now(), Instant.now(), new RunSummary.Counts(3, 2, 0, 0, 0, 1, 0), new RunSummary.Counts(0, 0, 0, 0, 0, 0, 0),
            1, 0, 0, "1 pull and 0 push records failed")).orElseThrow();

    private final WebhookChannel channel = new WebhookChannel(URI.create(RECEIVER.url(SECRET)), Duration.ofSeconds(1), new ObjectMapper());

    @AfterEach
    void reset() {
        RECEIVER.reset();
    }

    @Test
    void aTwoHundredIsDeliveredWithTheAlertAsJson() throws Exception {
        channel.send(ALERT);

        assertThat(RECEIVER.alertsOf(42)).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(SECRET);
            assertThat(r.body()).containsEntry("text", "vendors run 42 PARTIAL: 1 pull error").containsEntry("trigger", "INSTANT");
        });
        assertThat(channel.destination()).isEqualTo("127.0.0.1:" + RECEIVER.port());
    }

    @Test
    void serverErrorsAndTooManyRequestsAreWorthAnotherTry() {
        RECEIVER.answerNext(500, 503, 408);
        for (int status : new int[] {500, 503, 408}) {
            AlertChannel.DeliveryFailure failure = catchThrowableOfType(AlertChannel.DeliveryFailure.class, () -> channel.send(ALERT));
            assertThat(failure.retryable()).as("HTTP " + status).isTrue();
            assertThat(failure.getMessage()).isEqualTo("HTTP " + status);
        }
        RECEIVER.answerNextWithRetryAfter(429, 7);
        AlertChannel.DeliveryFailure limited = catchThrowableOfType(AlertChannel.DeliveryFailure.class, () -> channel.send(ALERT));
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aRefusalOrARedirectIsNotTriedAgain() {
        RECEIVER.answerNext(404, 301);

        AlertChannel.DeliveryFailure notFound = catchThrowableOfType(AlertChannel.DeliveryFailure.class, () -> channel.send(ALERT));
        AlertChannel.DeliveryFailure moved = catchThrowableOfType(AlertChannel.DeliveryFailure.class, () -> channel.send(ALERT));

        assertThat(notFound.retryable()).isFalse();
        assertThat(moved.retryable()).isFalse();
        assertThat(moved.getMessage()).isEqualTo("HTTP 301 (a redirect: check sync.alerts.webhook-url)");
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsWorthAnotherTryAndItsFailureNamesNoPath() {
        RECEIVER.holdAnswers();

        AlertChannel.DeliveryFailure failure = catchThrowableOfType(AlertChannel.DeliveryFailure.class, () -> channel.send(ALERT));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("Timeout").doesNotContain("s3cr3tT0ken");
    }

    @Test
    void aReceiverThatIsNotThereIsWorthAnotherTryAndItsFailureNamesNoPath() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookChannel nowhere = new WebhookChannel(URI.create("http://127.0.0.1:" + closedPort + SECRET + "?sig=qu3ryS3cret"),
                Duration.ofSeconds(1), new ObjectMapper());

        assertThatThrownBy(() -> nowhere.send(ALERT)).isInstanceOfSatisfying(AlertChannel.DeliveryFailure.class, failure -> {
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.getMessage()).startsWith("ConnectException").doesNotContain("s3cr3tT0ken").doesNotContain("qu3ryS3cret");
        });
    }
}
