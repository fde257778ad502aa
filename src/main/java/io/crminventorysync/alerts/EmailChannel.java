package io.crminventorysync.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends an alert as a plain-text e-mail through Spring Boot's mail sender ({@code spring.mail.*}):
 * the alert's text as the subject, the run's details in the body.
 */
class EmailChannel implements AlertChannel {

    private static final String[] TIMEOUTS = {"connectiontimeout", "timeout", "writetimeout"};

    private final JavaMailSender sender;
    private final String from;
    private final List<String> to;

    EmailChannel(JavaMailSender sender, String from, List<String> to, Duration timeout) {
        this.sender = sender;
        this.from = from;
        this.to = List.copyOf(to);
        boundTimeouts(sender, timeout);
    }

    /**
     * Jakarta Mail waits forever by default for a server that accepts the connection and never
     * answers, which would hold an alert thread for good. Timeouts the operator set in
     * spring.mail.properties are kept.
     */
    private static void boundTimeouts(JavaMailSender sender, Duration timeout) {
        if (sender instanceof JavaMailSenderImpl impl) {
            Properties props = new Properties();
            props.putAll(impl.getJavaMailProperties());
            for (String protocol : new String[] {"smtp", "smtps"}) {
                for (String name : TIMEOUTS) {
                    props.putIfAbsent("mail." + protocol + "." + name, String.valueOf(timeout.toMillis()));
                }
            }
            // setJavaMailProperties also drops a session made with the old properties
            impl.setJavaMailProperties(props);
        }
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public String destination() {
        return String.join(", ", to);
    }

    @Override
    public void send(Alert alert) throws DeliveryFailure {
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(to.toArray(String[]::new));
        mail.setSubject("[crm-inventory-sync] " + alert.text());
        mail.setText(alert.body());
        try {
            sender.send(mail);
        } catch (MailAuthenticationException | MailParseException | MailPreparationException e) {
            // wrong credentials or a malformed message: the next try would meet the same
            throw new DeliveryFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        } catch (MailException e) {
            throw new DeliveryFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }
}
