package org.messagebroker.systemtests.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.Browser;
import org.messagebroker.systemtests.harness.RunningBroker;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.Select;

/** The portal in a real browser: what users and admins do, and what an attacker cannot. */
class PortalBrowserTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.values()));
    static RunningBroker broker;
    static String admin;
    static String globexMessage;

    @BeforeAll
    static void start() {
        broker = running.get();
        admin = broker.adminToken();
        broker.registerClient(admin, "acme");
        broker.registerClient(admin, "globex");
        broker.as(admin, "POST", "/admin/users", "{\"email\":\"alice@acme.example\",\"password\":\"" + PASSWORD
                + "\",\"client_id\":\"acme\"}");
        for (int i = 1; i <= 25; i++) {
            broker.submit("acme", "acme message " + i);
        }
        String xss = broker.submit("acme", XSS);
        globexMessage = broker.submit("globex", "globex only");
        broker.awaitDelivered(admin, xss);
        broker.awaitDelivered(admin, globexMessage);
        // Two messages for a client the server does not know (as if its registration had been withdrawn
        // after the proxy accepted them): the server rejects them for good and they become dead letters.
        for (int i = 1; i <= 2; i++) {
            broker.enqueueSealed("initech", "before initech was registered " + i);
        }
        org.awaitility.Awaitility.await().until(() -> broker.getJson(admin, "/admin/dead-letters")
                .path("dead_letters").size() == 2);
    }

    private static Browser browser(Path profile) {
        return new Browser("https://localhost:" + broker.portalPort, profile);
    }

    @Test
    @Tag("security")
    void aUserPagesFiltersAndReadsOnlyTheirOwnMessages(@TempDir Path profile) {
        try (Browser browser = browser(profile)) {
            browser.logInByKeyboard("alice@acme.example", PASSWORD);
            assertThat(browser.driver.getCurrentUrl()).endsWith("/dashboard");
            assertThat(browser.driver.findElements(By.cssSelector("#messages-table tbody tr"))).hasSize(20);
            assertThat(browser.text()).contains("Page 1 of 2 (26 messages)").doesNotContain("globex");
            // The counts and the chart the user manual promises: all 26 delivered, all of them today.
            assertThat(browser.driver.findElement(By.id("status-counts")).getText()).contains("all 26").contains("delivered 26");
            assertThat(((JavascriptExecutor) browser.driver).executeScript("return Chart.getChart('status-chart').data.datasets"
                    + ".flatMap(d => d.data).reduce((a, b) => a + b, 0)")).isEqualTo(26L);
            browser.screenshots("user-messages");
            browser.assertFitsAPhone("user-messages");

            browser.click(By.linkText("Next"));
            assertThat(browser.driver.findElements(By.cssSelector("#messages-table tbody tr"))).hasSize(6);
            new Select(browser.driver.findElement(By.id("status"))).selectByValue("failed");
            browser.click(By.cssSelector("form[aria-label='Filter messages'] button"));
            assertThat(browser.text()).contains("No messages match.");

            browser.open("/dashboard");
            browser.click(By.cssSelector("#messages-table tbody tr a"));
            assertThat(browser.text()).contains("[encrypted]").contains("acme");
            browser.screenshots("user-message");

            browser.open("/messages/" + globexMessage);
            assertThat(browser.text()).contains("404");
            browser.open("/admin/users");
            assertThat(browser.text()).contains("403").contains("Not allowed");
            browser.screenshots("forbidden");

            browser.open("/profile");
            assertThat(browser.text()).contains("alice@acme.example").contains("E-mail is not configured");
            assertThat(browser.driver.findElements(By.id("notify-summary"))).as("the daily summary is for admins")
                    .isEmpty();
            browser.click(By.id("notify-dead-letters"));
            browser.click(By.xpath("//button[text()='Save notifications']"));
            assertThat(browser.text()).contains("E-mail notifications saved.");
            assertThat(browser.driver.findElement(By.id("notify-dead-letters")).isSelected()).isTrue();
            assertThat(browser.driver.findElement(By.id("notify-locked")).isSelected()).isFalse();
            browser.screenshots("profile");
        }
    }

    @Test
    @Tag("security")
    void anAdminManagesUsersAndCertificatesAndAnXssBodyRendersAsText(@TempDir Path profile) {
        try (Browser browser = browser(profile)) {
            browser.logIn("admin@example.com", broker.initialAdminPassword());
            assertThat(browser.driver.getCurrentUrl()).endsWith("/admin/dashboard");
            assertThat(browser.text()).contains("Messages").contains("Success rate").contains("Average delivery");
            assertThat(browser.driver.findElement(By.id("queue-depth")).getText()).matches("\\d+");
            // Chart.js (a webjar, allowed by the Content Security Policy) drew all three charts, and the
            // status chart's bars add up to the total on the Messages card.
            JavascriptExecutor page = (JavascriptExecutor) browser.driver;
            assertThat(page.executeScript("return ['status-chart', 'delivery-chart', 'queue-chart']"
                    + ".map(id => Chart.getChart(id).data.datasets.length)")).isEqualTo(List.of(3L, 1L, 1L));
            assertThat(page.executeScript("return Chart.getChart('status-chart').data.datasets"
                    + ".flatMap(d => d.data).reduce((a, b) => a + b, 0)").toString())
                    .isEqualTo(browser.driver.findElement(By.cssSelector(".stat .fs-3")).getText());
            browser.screenshots("admin-dashboard");

            browser.open("/admin/messages");
            assertThat(browser.text()).contains(XSS).contains("globex only");
            assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            browser.screenshots("admin-messages");

            browser.open("/admin/users");
            browser.driver.findElement(By.id("new-email")).sendKeys("bob@globex.example");
            browser.driver.findElement(By.id("new-password")).sendKeys(PASSWORD);
            browser.driver.findElement(By.id("new-client")).sendKeys("globex");
            browser.click(By.cssSelector("form[aria-label='Create a user'] button"));
            assertThat(browser.text()).contains("User bob@globex.example created.");
            browser.screenshots("admin-users");
            browser.assertFitsAPhone("admin-users");

            browser.open("/admin/dead-letters");
            assertThat(browser.driver.findElements(By.cssSelector("tbody tr"))).hasSize(2);
            assertThat(browser.text()).contains("unknown client initech");
            browser.screenshots("admin-dead-letters");

            browser.open("/admin/reports");
            assertThat(browser.text()).contains("Message report").contains("Delivery time").contains("p99");
            assertThat(browser.driver.findElements(By.cssSelector("#report-daily tbody tr td"))).hasSizeGreaterThan(3);
            // The chart's bars add up to the period's total on the cards.
            long onCards = List.of("delivered", "failed", "queued", "processing").stream()
                    .mapToLong(s -> Long.parseLong(browser.driver.findElement(By.id("total-" + s)).getText())).sum();
            assertThat(onCards).isPositive();
            assertThat(page.executeScript("return Chart.getChart('report-chart').data.datasets"
                    + ".flatMap(d => d.data).reduce((a, b) => a + b, 0)").toString()).isEqualTo(Long.toString(onCards));
            assertThat(browser.driver.findElement(By.id("report-csv")).getAttribute("href")).contains("/admin/reports.csv?from=");
            browser.screenshots("admin-reports");
            browser.assertFitsAPhone("admin-reports");

            browser.open("/admin/certificates");
            browser.assertFitsAPhone("admin-certificates");
            // Chrome compiles a pattern attribute with the v flag; one that does not compile checks nothing.
            assertThat(page.executeScript("const p = document.getElementById('gen-client').pattern;"
                    + " try { new RegExp('^(?:' + p + ')$', 'v'); return p; } catch (e) { return e.message; }"))
                    .isEqualTo("[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}");
            browser.driver.findElement(By.id("gen-client")).sendKeys("initech");
            browser.click(By.cssSelector("form[aria-label='Issue a certificate'] button"));
            assertThat(browser.text()).contains("shown only this once");
            assertThat(browser.driver.findElement(By.id("private-key")).getAttribute("value"))
                    .startsWith("-----BEGIN PRIVATE KEY-----");
            // The files, offered as downloads from the page itself (the server keeps no key to fetch later).
            assertThat(browser.driver.findElement(By.id("download-key")).getAttribute("download")).isEqualTo("initech.key");
            assertThat(decoded(browser.driver.findElement(By.id("download-key")).getAttribute("href")))
                    .isEqualTo(browser.driver.findElement(By.id("private-key")).getAttribute("value"));
            assertThat(decoded(browser.driver.findElement(By.id("download-certificate")).getAttribute("href")))
                    .startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(decoded(browser.driver.findElement(By.id("download-ca")).getAttribute("href")))
                    .isEqualTo(browser.driver.findElement(By.id("ca-certificate")).getAttribute("value"));
            String pkcs12 = browser.driver.findElement(By.id("download-pkcs12")).getAttribute("href");
            char[] pkcs12Password = browser.driver.findElement(By.id("pkcs12-password")).getText().toCharArray();
            assertThat(pkcs12Aliases(pkcs12, pkcs12Password)).isNotEmpty();
            browser.screenshots("admin-certificate-issued");

            // With initech registered, one dead letter is replayed into storage and the other discarded.
            browser.open("/admin/dead-letters");
            browser.click(By.xpath("(//button[text()='Replay'])[1]"));
            assertThat(browser.text()).containsPattern("Message [0-9a-f-]{36} stored.");
            browser.click(By.xpath("//button[text()='Discard']"));
            browser.driver.switchTo().alert().accept();
            assertThat(browser.text()).containsPattern("Message [0-9a-f-]{36} discarded.").contains("None.");
            browser.open("/admin/dead-letters?status=replayed");
            assertThat(browser.driver.findElements(By.cssSelector("tbody tr"))).hasSize(1);
            browser.open("/admin/certificates?status=active");
            browser.driver.findElement(By.xpath("//tr[td/span[text()='initech']]//input[@name='reason']")).sendKeys("test over");
            By revoke = By.xpath("//tr[td/span[text()='initech']]//button[text()='Revoke']");
            browser.click(revoke);
            Alert question = browser.driver.switchTo().alert();
            assertThat(question.getText()).isEqualTo("Revoke the certificates of initech? It can no longer send.");
            question.dismiss();
            browser.open("/admin/certificates?status=active");
            assertThat(browser.text()).as("a dismissed question revokes nothing").contains("initech");
            browser.driver.findElement(By.xpath("//tr[td/span[text()='initech']]//input[@name='reason']")).sendKeys("test over");
            browser.click(revoke);
            browser.driver.switchTo().alert().accept();
            assertThat(browser.text()).contains("Revoked initech");
            browser.open("/admin/certificates?status=revoked");
            assertThat(browser.text()).contains("initech").contains("test over");
            browser.screenshots("admin-certificates");

            // Bad values in the address: a styled 400 saying so, never a 500 or the framework's page.
            for (String bad : List.of("/admin/messages?sender=abc", "/admin/messages?page=abc",
                    "/admin/dashboard?period=year", "/admin/reports?from=abc")) {
                browser.open(bad);
                assertThat(browser.text()).as(bad).contains("400").contains("could not be understood")
                        .doesNotContain("Whitelabel").doesNotContain("Exception");
            }
            browser.screenshots("bad-request");

            browser.open("/admin/audit");
            assertThat(browser.text()).contains("Chain intact").contains("certificate_revoked");
            browser.screenshots("admin-audit");
            browser.logOut();

            browser.logIn("bob@globex.example", PASSWORD);
            assertThat(browser.text()).contains(globexMessage.substring(0, 8)).doesNotContain("acme");

            // Bob changes his password: a mistyped confirmation is explained, the real change ends the
            // session, and only the new password works.
            String newPassword = "a new and longer secret";
            browser.open("/profile");
            browser.driver.findElement(By.id("current_password")).sendKeys(PASSWORD);
            browser.driver.findElement(By.id("new_password")).sendKeys(newPassword);
            browser.driver.findElement(By.id("confirm_password")).sendKeys(newPassword + "!");
            browser.click(By.xpath("//button[text()='Change password']"));
            assertThat(browser.text()).contains("The new passwords do not match.");
            browser.driver.findElement(By.id("current_password")).sendKeys(PASSWORD);
            browser.driver.findElement(By.id("new_password")).sendKeys(newPassword);
            browser.driver.findElement(By.id("confirm_password")).sendKeys(newPassword);
            browser.click(By.xpath("//button[text()='Change password']"));
            assertThat(browser.driver.getCurrentUrl()).endsWith("/login?password-changed");
            browser.logIn("bob@globex.example", PASSWORD);
            assertThat(browser.driver.getCurrentUrl()).endsWith("/login?error");
            browser.logIn("bob@globex.example", newPassword);
            assertThat(browser.text()).contains(globexMessage.substring(0, 8));
        }
    }

    @Test
    void anAdminRegistersAWebhookSeesItsSecretOnlyOnceAndRemovesIt(@TempDir Path profile) {
        try (Browser browser = browser(profile)) {
            browser.logIn("admin@example.com", broker.initialAdminPassword());
            browser.open("/admin/webhooks");
            assertThat(browser.text()).contains("No webhooks yet.");
            browser.driver.findElement(By.id("wh-client")).sendKeys("acme");
            // A public address literal: no DNS needed, and acme's deliveries raise no event while it is registered.
            browser.driver.findElement(By.id("wh-url")).sendKeys("https://93.184.215.14/broker");
            browser.click(By.cssSelector("form[aria-label='Register or change a webhook'] button"));
            assertThat(browser.text()).contains("Webhook of acme saved.").contains("shown only this once");
            assertThat(browser.driver.findElement(By.id("secret-value")).getText()).matches("whsec_[A-Za-z0-9_-]{43}");
            assertThat(browser.driver.findElement(By.id("webhooks-table")).getText()).contains("acme")
                    .contains("https://93.184.215.14/broker").contains("message.delivered").contains("message.failed");
            browser.screenshots("admin-webhooks");
            browser.assertFitsAPhone("admin-webhooks");

            browser.click(By.linkText("acme"));
            assertThat(browser.text()).as("the secret is not shown again").doesNotContain("whsec_")
                    .contains("Recent events of acme");
            browser.click(By.xpath("//tr[td/a[text()='acme']]//button[text()='Remove']"));
            assertThat(browser.driver.switchTo().alert().getText()).contains("Remove the webhook of acme?");
            browser.driver.switchTo().alert().accept();
            assertThat(browser.text()).contains("Webhook of acme removed.").contains("No webhooks yet.");
        }
    }

    @Test
    void aUserSendsFromThePortalAndWrongInputIsExplained(@TempDir Path profile) {
        try (Browser browser = browser(profile)) {
            browser.logIn("alice@acme.example", PASSWORD);
            browser.open("/send");
            browser.screenshots("send");
            browser.driver.findElement(By.id("sender_number")).sendKeys("+4915211111111");
            browser.driver.findElement(By.id("message_body")).sendKeys("sent in the browser");
            browser.click(By.cssSelector("main form button"));
            assertThat(browser.text()).contains("Message accepted and queued");
            // The message just sent is on the list shown after sending (stored already, or marked just sent).
            String sent = browser.text().replaceAll("(?s).*Message accepted and queued \\(([0-9a-f-]{36})\\).*", "$1");
            assertThat(browser.driver.findElement(By.id("messages-table")).getText()).contains(sent.substring(0, 8));

            HttpResponse<String> icon = send(broker.client(null), HttpRequest.newBuilder(broker.portal("/favicon.svg")).GET());
            assertThat(icon.statusCode()).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
            assertThat(browser.driver.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href")).endsWith("/favicon.svg");
        }
    }

    /** The bytes a {@code data:…;base64,} link downloads. */
    private static byte[] downloaded(String dataUrl) {
        assertThat(dataUrl).startsWith("data:").contains(";base64,");
        return Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
    }

    private static String decoded(String dataUrl) {
        return new String(downloaded(dataUrl), StandardCharsets.UTF_8);
    }

    private static List<String> pkcs12Aliases(String dataUrl, char[] password) {
        assertThat(dataUrl).startsWith("data:application/x-pkcs12;base64,");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(downloaded(dataUrl)), password);
            return Collections.list(store.aliases());
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("the PKCS#12 download does not open with the password shown", e);
        }
    }

    @Test
    @Tag("security")
    void pagesCarryTheSecurityHeadersAndFormsNeedTheirCsrfToken() {
        HttpResponse<String> login = send(broker.client(null), HttpRequest.newBuilder(broker.portal("/login")).GET());
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(login.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        HttpResponse<String> forged = send(broker.client(null), HttpRequest.newBuilder(broker.portal("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=alice%40acme.example&password=x")));
        assertThat(forged.statusCode()).as("a login form without its CSRF token").isEqualTo(403);
    }
}
