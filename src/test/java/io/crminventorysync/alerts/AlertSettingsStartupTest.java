package io.crminventorysync.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crminventorysync.CrmInventorySyncApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad alert setting stops start-up naming the setting, and never prints a webhook URL's secret. */
@ExtendWith(OutputCaptureExtension.class)
class AlertSettingsStartupTest {

    private static void start(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server.port=0");
        all.add("--spring.datasource.url=jdbc:h2:mem:alerts-startup-" + System.nanoTime() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        SpringApplication app = new SpringApplication(CrmInventorySyncApplication.class);
        assertThatThrownBy(() -> app.run(all.toArray(String[]::new)).close()).isInstanceOf(Exception.class);
    }

    @Test
    void aWebhookUrlThatIsNotHttpStopsStartupWithoutPrintingIt(CapturedOutput output) {
        start("--sync.alerts.webhook-url=hooks.slack.com/services/T0/B0/s3cr3tT0ken");

        assertThat(output).contains("sync.alerts.webhook-url: must be an http(s) URL with a host")
                .doesNotContain("s3cr3tT0ken")
                .doesNotContain("\tat org.springframework");
    }

    @Test
    void alertMailWithoutAMailServerStopsStartupNamingBothSettings(CapturedOutput output) {
        start("--sync.alerts.email-to=ops@example.test", "--sync.alerts.email-from=sync@example.test");

        assertThat(output).contains("sync.alerts.email-to: set, but no mail server is; set spring.mail.host (SPRING_MAIL_HOST)")
                .doesNotContain("\tat org.springframework");
    }
}
