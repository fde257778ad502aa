package io.crminventorysync.alerts;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Alerts on runs that end PARTIAL or FAILED, and on the clean run after them (README, "Alerts").
 * Both channels are off by default; either or both can be on.
 *
 * <p>Validates itself like the other settings: a bad value stops start-up naming the property. The
 * messages never repeat the webhook URL, whose path may hold a token. E-mail needs a mail server,
 * which is Spring Boot's setting; the environment (given before binding) tells whether there is one.
 */
@ConfigurationProperties(prefix = "sync.alerts")
public class AlertProperties implements Validator, EnvironmentAware {

    private Environment environment;

    /**
     * URL that receives one JSON alert (POST) per run that ends PARTIAL or FAILED, and one when a
     * module's next run is clean again; e.g. a Slack or Teams incoming webhook. Empty: no webhook.
     * Its path and query may hold a token: only its host is ever logged.
     */
    // a String, not a URI: a value Spring could not convert would be printed whole in the start-up report
    private String webhookUrl;

    /**
     * Recipients of the alert e-mails, comma-separated. Empty: no e-mail. The mail server is
     * spring.mail.host (with spring.mail.port, username, password).
     */
    private List<String> emailTo = new ArrayList<>();

    /** Sender (From) of the alert e-mails; required when email-to is set. */
    private String emailFrom;

    /** Tries of one alert on one channel, the first included, before it is given up (logged). */
    private int maxAttempts = 4;

    /** Wait before the second try of a failed alert, doubled before each further try. */
    private Duration backoff = Duration.ofSeconds(2);

    /**
     * Longest wait for a webhook answer, and for each step of the SMTP conversation unless
     * spring.mail.properties sets mail.smtp timeouts.
     */
    private Duration timeout = Duration.ofSeconds(10);

    /**
     * Alerts of at most this many runs wait to be sent or between tries; the alert of a further run
     * is dropped (logged and counted in sync.alerts).
     */
    private int queueCapacity = 100;

    /** True when at least one channel is set. */
    public boolean anyChannel() {
        return webhook() != null || !emailTo.isEmpty();
    }

    /** The webhook URL, or null when none is set; {@link #problems()} says whether it is a usable one. */
    public URI webhook() {
        if (webhookUrl == null || webhookUrl.isBlank()) {
            return null;
        }
        try {
            return new URI(webhookUrl.trim());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Override
    public boolean supports(Class<?> clazz) {
        return AlertProperties.class.isAssignableFrom(clazz);
    }

    @Override
    public void validate(Object target, Errors errors) {
        for (String problem : problems()) {
            errors.reject("sync.alerts.setting", problem);
        }
    }

    /** Every problem with the alert settings, one line each, starting with the property name. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (webhookUrl != null && !webhookUrl.isBlank()) {
            URI url = webhook();
            String scheme = url == null ? null : url.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || url.getHost() == null) {
                out.add("sync.alerts.webhook-url: must be an http(s) URL with a host (the value is not repeated: it may hold a token)");
            }
        }
        for (String to : emailTo) {
            address(out, "sync.alerts.email-to", to);
        }
        if (!emailTo.isEmpty()) {
            if (environment != null && !StringUtils.hasText(environment.getProperty("spring.mail.host"))
                    && !StringUtils.hasText(environment.getProperty("spring.mail.jndi-name"))) {
                out.add("sync.alerts.email-to: set, but no mail server is; set spring.mail.host (SPRING_MAIL_HOST),"
                        + " with spring.mail.port, username and password as your server needs");
            }
            if (emailFrom == null || emailFrom.isBlank()) {
                out.add("sync.alerts.email-from: required when sync.alerts.email-to is set; set SYNC_ALERTS_EMAILFROM");
            } else {
                address(out, "sync.alerts.email-from", emailFrom);
            }
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            out.add("sync.alerts.max-attempts: must be between 1 and 10, was " + maxAttempts);
        }
        positive(out, "sync.alerts.backoff", backoff);
        positive(out, "sync.alerts.timeout", timeout);
        if (queueCapacity < 1) {
            out.add("sync.alerts.queue-capacity: must be greater than 0, was " + queueCapacity);
        }
        return out;
    }

    private static void address(List<String> out, String name, String value) {
        try {
            new InternetAddress(value, true);
        } catch (AddressException e) {
            out.add(name + ": '" + value + "' is not an e-mail address (" + e.getMessage() + ")");
        }
    }

    private static void positive(List<String> out, String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            out.add(name + ": must be a positive duration, was " + value);
        }
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    public String getWebhookUrl() { return webhookUrl; }
    public void setWebhookUrl(String webhookUrl) { this.webhookUrl = webhookUrl; }
    public List<String> getEmailTo() { return emailTo; }
    public void setEmailTo(List<String> emailTo) { this.emailTo = emailTo == null ? new ArrayList<>() : emailTo; }
    public String getEmailFrom() { return emailFrom; }
    public void setEmailFrom(String emailFrom) { this.emailFrom = emailFrom; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getBackoff() { return backoff; }
    public void setBackoff(Duration backoff) { this.backoff = backoff; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
    public int getQueueCapacity() { return queueCapacity; }
    public void setQueueCapacity(int queueCapacity) { this.queueCapacity = queueCapacity; }
}
