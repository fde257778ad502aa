package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Plain HTTP on an address other machines reach is warned about at start-up; loopback and TLS are not. */
class PlainHttpWarningTest {

    @Test
    void plainHttpOnEveryInterfaceOrAPublicAddressIsWarnedAbout() {
        assertThat(PlainHttpWarning.warning(false, null, 8080, false))
                .contains("serves plain HTTP on every network interface, port 8080", "TLS proxy", "X-Forwarded-Proto",
                        "server.ssl.*", "server.address=127.0.0.1");
        assertThat(PlainHttpWarning.warning(false, "0.0.0.0", 8080, false)).contains("on 0.0.0.0");
        assertThat(PlainHttpWarning.warning(false, "192.0.2.10", 9090, true))
                .startsWith("The management port (Hawtio, Jolokia, metrics) serves plain HTTP on 192.0.2.10, port 9090")
                .contains("management.server.address=127.0.0.1");
    }

    @Test
    void loopbackAndTlsAreQuiet() {
        assertThat(PlainHttpWarning.warning(false, "127.0.0.1", 8080, false)).isNull();
        assertThat(PlainHttpWarning.warning(false, "localhost", 8080, true)).isNull();
        assertThat(PlainHttpWarning.warning(false, "::1", 8080, false)).isNull();
        assertThat(PlainHttpWarning.warning(true, null, 8443, false)).isNull();
    }
}
