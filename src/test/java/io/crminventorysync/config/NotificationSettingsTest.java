package io.crminventorysync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.CrmInventorySyncApplication;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** sync.notifications.*: enabled without a callback URL stops start-up naming the setting; the rest is checked too. */
@ExtendWith(OutputCaptureExtension.class)
class NotificationSettingsTest {

    @Test
    void notificationsEnabledWithoutACallbackUrlStopStartupNamingTheSetting(CapturedOutput output) {
        SpringApplication app = new SpringApplication(CrmInventorySyncApplication.class);
        assertThatThrownBy(() -> app.run("--server.port=0", "--sync.notifications.enabled=true",
                "--spring.datasource.url=jdbc:h2:mem:notify-" + System.nanoTime() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE")
                .close()).isInstanceOf(Exception.class);

        assertThat(output).contains("Invalid setting sync.notifications.callback-url: required when sync.notifications.enabled is true")
                .contains("SYNC_NOTIFICATIONS_CALLBACKURL")
                .doesNotContain("\tat org.springframework");
    }

    @Test
    void theCallbackUrlMustBeAnHttpUrlAndTheTimingsSensible() {
        NotificationSettings n = new NotificationSettings();
        java.util.List<String> out = new java.util.ArrayList<>();
        n.check(out);
        assertThat(out).as("off by default, nothing required").isEmpty();

        n.setEnabled(true);
        n.setCallbackUrl("sync.example.com");
        n.setChannelLifetime(Duration.ofDays(8));
        n.setMaxDelay(Duration.ofSeconds(1));
        n.check(out);
        assertThat(out).anyMatch(p -> p.startsWith("sync.notifications.callback-url: must be an absolute http(s) URL"))
                .anyMatch(p -> p.startsWith("sync.notifications.channel-lifetime: from 10s to 7d"))
                .anyMatch(p -> p.startsWith("sync.notifications.max-delay: must be at least"));

        n.setCallbackUrl("https://sync.example.com/");
        assertThat(n.notifyUrl()).isEqualTo("https://sync.example.com/hooks/zoho/crm");
        assertThat(n.plainHttp()).isFalse();
        n.setCallbackUrl("http://localhost:${local.server.port}");
        n.setChannelLifetime(Duration.ofDays(7));
        n.setMaxDelay(Duration.ofSeconds(30));
        out.clear();
        n.check(out);
        assertThat(out).as("plain http and a port placeholder are accepted (sandbox, tests)").isEmpty();
        assertThat(n.plainHttp()).isTrue();
    }
}
