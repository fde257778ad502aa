package io.crminventorysync.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The alert settings as an operator gives them (environment variables in Spring's relaxed form, as
 * the README's table names them) and the one-line problems a bad value stops start-up with.
 */
class AlertPropertiesTest {

    private static AlertProperties fromEnvironment(Map<String, Object> variables, String mailHost) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        AlertProperties settings = new AlertProperties();
        MockEnvironment environment = new MockEnvironment();
        if (mailHost != null) {
            environment.setProperty("spring.mail.host", mailHost);
        }
        settings.setEnvironment(environment);
        new Binder(ConfigurationPropertySources.from(sources)).bind("sync.alerts", Bindable.ofInstance(settings));
        return settings;
    }

    @Test
    void offByDefaultWithBoundedRetries() {
        AlertProperties settings = fromEnvironment(Map.of(), null);

        assertThat(settings.anyChannel()).isFalse();
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.getMaxAttempts()).isEqualTo(4);
        assertThat(settings.getBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.getTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.getQueueCapacity()).isEqualTo(100);
    }

    @Test
    void everySettingBindsFromItsEnvironmentVariable() {
        AlertProperties settings = fromEnvironment(Map.of(
                "SYNC_ALERTS_WEBHOOKURL", "https://hooks.slack.com/services/T000/B000/XXXX",
                "SYNC_ALERTS_EMAILTO", "ops@example.test,oncall@example.test",
                "SYNC_ALERTS_EMAILFROM", "sync@example.test",
                "SYNC_ALERTS_MAXATTEMPTS", "6",
                "SYNC_ALERTS_BACKOFF", "500ms",
                "SYNC_ALERTS_TIMEOUT", "3s",
                "SYNC_ALERTS_QUEUECAPACITY", "20"), "smtp.example.test");

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.anyChannel()).isTrue();
        assertThat(settings.webhook()).isEqualTo(URI.create("https://hooks.slack.com/services/T000/B000/XXXX"));
        assertThat(settings.getEmailTo()).containsExactly("ops@example.test", "oncall@example.test");
        assertThat(settings.getEmailFrom()).isEqualTo("sync@example.test");
        assertThat(settings.getMaxAttempts()).isEqualTo(6);
        assertThat(settings.getBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.getTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.getQueueCapacity()).isEqualTo(20);
    }

    @Test
    void aWebhookUrlThatIsNotHttpIsRefusedWithoutRepeatingIt() {
        AlertProperties settings = fromEnvironment(Map.of("SYNC_ALERTS_WEBHOOKURL", "hooks.slack.com/services/T000/B000/s3cret"), null);

        assertThat(settings.problems()).singleElement().asString()
                .startsWith("sync.alerts.webhook-url: must be an http(s) URL with a host")
                .doesNotContain("s3cret");
    }

    @Test
    void aWebhookUrlThatIsNoUrlAtAllIsRefusedWithoutRepeatingIt() {
        AlertProperties settings = fromEnvironment(Map.of("SYNC_ALERTS_WEBHOOKURL", "https://hooks.example.test/a b/s3cret"), null);

        assertThat(settings.webhook()).isNull();
        assertThat(settings.problems()).singleElement().asString()
                .startsWith("sync.alerts.webhook-url: must be an http(s) URL with a host")
                .doesNotContain("s3cret");
    }

    @Test
    void anEmptyWebhookUrlMeansNoWebhook() {
        AlertProperties settings = fromEnvironment(Map.of("SYNC_ALERTS_WEBHOOKURL", ""), null);

        assertThat(settings.webhook()).isNull();
        assertThat(settings.anyChannel()).isFalse();
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void emailNeedsASenderAMailServerAndRealAddresses() {
        assertThat(fromEnvironment(Map.of("SYNC_ALERTS_EMAILTO", "ops@example.test"), null).problems())
                .anyMatch(p -> p.startsWith("sync.alerts.email-to: set, but no mail server is; set spring.mail.host (SPRING_MAIL_HOST)"))
                .anyMatch(p -> p.startsWith("sync.alerts.email-from: required"));
        assertThat(fromEnvironment(Map.of("SYNC_ALERTS_EMAILTO", "ops at example", "SYNC_ALERTS_EMAILFROM", "sync@example.test"),
                "smtp.example.test").problems())
                .singleElement().asString().startsWith("sync.alerts.email-to: 'ops at example' is not an e-mail address");
    }

    @Test
    void retriesAndTheQueueStayBounded() {
        assertThat(fromEnvironment(Map.of("SYNC_ALERTS_MAXATTEMPTS", "0", "SYNC_ALERTS_QUEUECAPACITY", "0",
                "SYNC_ALERTS_TIMEOUT", "0s"), null).problems())
                .containsExactlyInAnyOrder("sync.alerts.max-attempts: must be between 1 and 10, was 0",
                        "sync.alerts.timeout: must be a positive duration, was PT0S",
                        "sync.alerts.queue-capacity: must be greater than 0, was 0");
    }
}
