package org.messagebroker.systemtests.portal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.tls.TlsContexts;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.Browser;
import org.messagebroker.systemtests.harness.RunningBroker;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A portal session's life: a locked account is told when to try again, access tokens far shorter than
 * the session are refreshed while the user is active, the absolute limit ends the session with a notice, an expired session cookie gets the notice,
 * logging out ends the session's tokens on the server, and the server sees each user's own address.
 */
@Tag("security")
class PortalSessionTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration ABSOLUTE = Duration.ofSeconds(14);

    static Path dir;
    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.SERVER, Role.PORTAL),
            Map.of("JWT_ACCESS_TOKEN_LIFETIME", "3s", "SESSION_ABSOLUTE_TIMEOUT", ABSOLUTE.toSeconds() + "s"));
    static RunningBroker broker;

    @BeforeAll
    static void start() {
        broker = running.get();
        dir = broker.dir;
        String admin = broker.adminToken();
        broker.registerClient(admin, "acme");
        for (String user : List.of("carol", "dave", "frank")) {
            broker.as(admin, "POST", "/admin/users", "{\"email\":\"" + user + "@acme.example\",\"password\":\""
                    + PASSWORD + "\",\"client_id\":\"acme\"}");
        }
    }

    @Test
    void anActiveSessionOutlivesItsAccessTokensAndEndsAtTheAbsoluteLimitWithANotice(@TempDir Path profile)
            throws InterruptedException {
        try (Browser browser = new Browser("https://localhost:" + broker.portalPort, profile)) {
            browser.logIn("carol@acme.example", PASSWORD);
            Instant loggedIn = Instant.now(); // no earlier than the portal's own record of the login
            for (int i = 0; i < 3; i++) {
                Thread.sleep(3_500); // longer than an access token lives
                browser.open("/profile");
                assertThat(browser.driver.getCurrentUrl()).endsWith("/profile");
                assertThat(browser.text()).contains("carol@acme.example");
            }
            Awaitility.await().until(() -> Instant.now().isAfter(loggedIn.plus(ABSOLUTE).plusSeconds(1)));
            browser.open("/profile");
            assertThat(browser.driver.getCurrentUrl()).endsWith("/login?expired");
            assertThat(browser.text()).contains("Your session has ended");
        }
    }

    @Test
    void aLockedAccountIsToldWhenToTryAgain(@TempDir Path profile) {
        for (int i = 0; i < 5; i++) {
            assertThat(broker.login("frank@acme.example", "wrong password " + i).statusCode()).isEqualTo(401);
        }
        try (Browser browser = new Browser("https://localhost:" + broker.portalPort, profile)) {
            browser.logIn("frank@acme.example", PASSWORD);
            assertThat(browser.driver.getCurrentUrl()).endsWith("/login?error");
            assertThat(browser.text()).containsPattern("Too many failed logins; try again in \\d+ seconds");
        }
    }

    @Test
    void aSessionCookieTheServerNoLongerKnowsGetsTheNoticeAndNoCookieDoesNot() {
        HttpResponse<String> expired = send(broker.client(null), HttpRequest.newBuilder(broker.portal("/messages"))
                .header("Cookie", "BROKER_SESSION=2F1E7A5B0C9D8E3F4A6B7C8D9E0F1A2B"));
        assertThat(expired.statusCode()).isEqualTo(302);
        assertThat(expired.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        HttpResponse<String> anonymous = send(broker.client(null), HttpRequest.newBuilder(broker.portal("/messages")));
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void loggingOutEndsTheSessionsTokensOnTheServer(@TempDir Path profile) {
        JdbcClient db = JdbcClient.create(broker.context(Role.SERVER).getBean(DataSource.class));
        String live = "SELECT COUNT(*) FROM refresh_tokens t JOIN users u ON u.id = t.user_id"
                + " WHERE u.email = 'dave@acme.example' AND t.used_at IS NULL AND t.revoked_at IS NULL";
        try (Browser browser = new Browser("https://localhost:" + broker.portalPort, profile)) {
            browser.logIn("dave@acme.example", PASSWORD);
            browser.open("/profile");
            assertThat(browser.text()).contains("dave@acme.example");
            assertThat(db.sql(live).query(Long.class).single()).isPositive();
            browser.logOut();
            assertThat(browser.driver.getCurrentUrl()).endsWith("/login?logout");
            assertThat(db.sql(live).query(Long.class).single()).isZero();
            browser.open("/profile");
            assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
        }
        assertThat(db.sql("SELECT COUNT(*) FROM audit_log WHERE event_type = 'user_logout'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void theServerSeesEachUsersAddressThroughThePortalButNobodyElsesForgedOne() throws Exception {
        // 127.0.0.2 and 127.0.0.3 are loopback addresses too; only the portal's (127.0.0.1 or ::1) is trusted.
        HttpClient user = clientFrom("127.0.0.2").cookieHandler(new CookieManager()).build();
        String loginPage = send(user, HttpRequest.newBuilder(portal("/login"))).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
        HttpResponse<String> failed = send(user, HttpRequest.newBuilder(portal("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1), UTF_8)
                        + "&email=nobody%40acme.example&password=guess")));
        assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

        HttpResponse<String> forged = send(clientFrom("127.0.0.3").build(), RunningBroker.postJson(
                URI.create("https://127.0.0.1:" + broker.serverPort + "/portal/auth/login"),
                "{\"email\":\"forger@acme.example\",\"password\":\"guess\"}").header("X-Forwarded-For", "203.0.113.9"));
        assertThat(forged.statusCode()).isEqualTo(401);

        assertThat(failedLoginAddress("nobody@acme.example")).isEqualTo("127.0.0.2");
        assertThat(failedLoginAddress("forger@acme.example")).isEqualTo("127.0.0.3");
    }

    private static HttpClient.Builder clientFrom(String address) throws UnknownHostException {
        return HttpClient.newBuilder().sslContext(TlsContexts.trusting(dir.resolve("ca.crt")))
                .localAddress(InetAddress.getByName(address));
    }

    private static URI portal(String path) {
        return URI.create("https://127.0.0.1:" + broker.portalPort + path);
    }

    private static String failedLoginAddress(String email) {
        return JdbcClient.create(broker.context(Role.SERVER).getBean(DataSource.class))
                .sql("SELECT ip_address FROM audit_log WHERE event_type = 'user_login_failed' AND event_data LIKE ?")
                .param("%" + email + "%").query(String.class).single();
    }
}
