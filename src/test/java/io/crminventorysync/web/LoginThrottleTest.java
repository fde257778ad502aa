package io.crminventorysync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.crminventorysync.config.SyncProperties;
import io.crminventorysync.support.RawHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Login floods over real HTTP, through HTTP Basic and the login form alike: after a failure the
 * next attempt waits (429 without a look at the password), and a few failures lock the user name
 * and the client address out, which is logged. Client addresses are the ones a TLS proxy on this
 * machine reports in X-Forwarded-For. Its own context with the throttle on (the shared test
 * contexts log in from 127.0.0.1 all day); the operator's own lockout comes last. The exact delays
 * are LoginThrottleUnitTest's.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sync.security.max-failed-logins=5",
    "sync.security.login-delay=100ms",
    "sync.security.failed-login-window=10m",
    "sync.security.lockout=60s"
})
class LoginThrottleTest {

    @LocalServerPort int port;
    @Autowired SyncProperties properties;

    private String user;
    private String password;
    private RawHttp tool;

    @BeforeEach
    void start() {
        user = properties.getSecurity().getUsername();
        password = properties.getSecurity().getPassword();
        tool = new RawHttp(port);
    }

    private HttpResponse<String> basic(String name, String pass, String address) {
        return tool.send("GET", "/api/modules", null, "Authorization", RawHttp.basic(name, pass), "X-Forwarded-For", address);
    }

    /** Waits out the growing delay after failure number {@code n} (100 ms, doubled each time). */
    private static void waitDelay(int n) throws InterruptedException {
        Thread.sleep(100L << (n - 1));
    }

    @Test
    @Order(1)
    void failuresOnTheLoginFormAlsoLockBasicOutByUserNameAndByAddress(CapturedOutput output) throws Exception {
        RawHttp browser = new RawHttp(port);
        for (int n = 1; n <= 5; n++) {
            HttpResponse<String> attempt = browser.loginWithForm("mallory", "guess-" + n, "X-Forwarded-For", "198.51.100.30");
            assertThat(attempt.headers().firstValue("Location").orElse("")).contains("/login?error");
            waitDelay(n);
        }
        assertThat(basic("mallory", "anything", "198.51.100.31").statusCode()).as("the user name is locked").isEqualTo(429);
        assertThat(basic(user, password, "198.51.100.30").statusCode()).as("the address is locked").isEqualTo(429);
        HttpResponse<String> form = new RawHttp(port).loginWithForm(user, password, "X-Forwarded-For", "198.51.100.30");
        assertThat(form.statusCode()).as("the form is refused from there too").isEqualTo(429);
        assertThat(basic(user, password, "198.51.100.32").statusCode()).as("the operator elsewhere is not").isEqualTo(200);
        assertThat(output).contains("Login locked out: an unknown user name after 5 failed logins")
                .contains("Login locked out: client address 198.51.100.30").doesNotContain("mallory", "guess-");
    }

    @Test
    @Order(2)
    void theLoginFormSaysWhyAndForHowLongWhileLockedOut() {
        HttpResponse<String> locked = new RawHttp(port).loginWithForm(user, password, "X-Forwarded-For", "198.51.100.30");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.body()).contains("Too many failed logins; try again in");
    }

    @Test
    @Order(3)
    void anAddressGuessingManyUserNamesIsLockedOutWhileOtherAddressesLogIn() throws Exception {
        for (int n = 1; n <= 5; n++) {
            assertThat(basic("user" + n, "guess", "203.0.113.7").statusCode()).isEqualTo(401);
            waitDelay(n);
        }
        assertThat(basic(user, password, "203.0.113.7").statusCode()).as("this address is locked out").isEqualTo(429);
        assertThat(basic(user, password, "203.0.113.8").statusCode()).as("another address is not").isEqualTo(200);
    }

    @Test
    @Order(4)
    void sixtyWrongPasswordsThenTheRightOneIsRefusedAndTheLockoutIsLogged(CapturedOutput output) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        long started = System.nanoTime();
        // the review's flood: 60 wrong passwords at about 10 a second
        for (int i = 0; i < 60; i++) {
            statuses.add(basic(user, "guess-" + i, "198.51.100.10").statusCode());
            Thread.sleep(100);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(statuses.get(0)).isEqualTo(401);
        assertThat(statuses).as("guesses refused without a look at the password").filteredOn(s -> s == 429)
                .hasSizeGreaterThan(50);
        assertThat(took).as("refused at once, no server thread held").isLessThan(Duration.ofSeconds(40));

        HttpResponse<String> right = basic(user, password, "198.51.100.10");
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();
        assertThat(right.body()).contains("\"reason\":\"" + ApiErrorBody.LOGIN_THROTTLED + "\"");
        assertThat(output).contains("Login locked out: user '" + user + "'").doesNotContain("guess-");
    }
}
