package io.crminventorysync.web;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A warning at start-up when the service (or its separate management port) serves plain HTTP on an
 * address other machines can reach: the operator's password and session would cross the network
 * in clear unless a TLS proxy sits in front. Loopback (server.address=127.0.0.1) and TLS
 * (server.ssl.*) are quiet.
 */
@Component
public class PlainHttpWarning implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(PlainHttpWarning.class);

    private final Environment environment;

    public PlainHttpWarning(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        boolean management = "management".equals(event.getApplicationContext().getServerNamespace());
        String prefix = management ? "management.server." : "server.";
        String address = environment.getProperty(prefix + "address");
        boolean tls = environment.getProperty(prefix + "ssl.enabled", Boolean.class, true)
                && (environment.containsProperty(prefix + "ssl.key-store") || environment.containsProperty(prefix + "ssl.bundle")
                        || environment.containsProperty(prefix + "ssl.certificate"));
        String warning = warning(tls, address, event.getWebServer().getPort(), management);
        if (warning != null) {
            log.warn(warning);
        }
    }

    /** The warning for this server, or null when there is nothing to warn about. */
    static String warning(boolean tls, String address, int port, boolean management) {
        if (tls || isLoopback(address)) {
            return null;
        }
        String what = management ? "The management port (Hawtio, Jolokia, metrics)" : "The service";
        return what + " serves plain HTTP on " + (address == null ? "every network interface" : address) + ", port "
                + port + ": logins and sessions cross the network in clear unless a TLS proxy is in front (it must "
                + "send X-Forwarded-Proto). Otherwise set " + (management ? "management.server.ssl.*" : "server.ssl.*")
                + ", or bind to this machine only (" + (management ? "management.server.address" : "server.address")
                + "=127.0.0.1). See the README, Security.";
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (Exception unresolvable) {
            return false;
        }
    }
}
