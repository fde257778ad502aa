package io.crminventorysync.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crminventorysync.sync.RunStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** The alert channels the settings ask for (sync.alerts.*), and the listener that uses them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
public class AlertsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertsConfiguration.class);

    @Bean
    RunAlerts runAlerts(AlertProperties settings, RunStore runs, ObjectMapper json, ObjectProvider<JavaMailSender> mail,
            MeterRegistry meters) {
        List<AlertChannel> channels = new ArrayList<>();
        if (settings.webhook() != null) {
            channels.add(new WebhookChannel(settings.webhook(), settings.getTimeout(), json));
        }
        if (!settings.getEmailTo().isEmpty()) {
            JavaMailSender sender = mail.getIfAvailable();
            if (sender == null) {
                throw new IllegalStateException("Invalid setting sync.alerts.email-to: set, but no mail server is;"
                        + " set spring.mail.host (SPRING_MAIL_HOST), with spring.mail.port, username and password as needed");
            }
            channels.add(new EmailChannel(sender, settings.getEmailFrom(), settings.getEmailTo(), settings.getTimeout()));
        }
        if (channels.isEmpty()) {
            log.info("Alerts off (set sync.alerts.webhook-url or sync.alerts.email-to to be told of failed runs)");
        } else {
            for (AlertChannel channel : channels) {
                log.info("Alerts on failed and recovered runs go by {} to {}", channel.name(), channel.destination());
            }
        }
        return new RunAlerts(channels, runs, settings, meters);
    }
}
