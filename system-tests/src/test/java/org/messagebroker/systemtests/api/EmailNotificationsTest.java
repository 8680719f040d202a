package org.messagebroker.systemtests.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.json;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.seal.EnvelopeSealer;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.RunningBroker;

/**
 * E-mail notifications through the whole broker, to an SMTP server in the test's JVM (GreenMail) that the
 * test reads: a user's choices, a dead letter of their client, their account locked, the admin's test mail.
 */
class EmailNotificationsTest {

    static final GreenMail SMTP = startSmtp();
    static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.values()), Map.of(
            "SMTP_HOST", "127.0.0.1", "SMTP_PORT", SMTP.getSmtp().getPort(), "SMTP_SECURITY", "none",
            "MAIL_FROM", "broker@example.com", "broker.mail.poll-interval", "200ms"));
    static RunningBroker broker;
    static String admin;

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    @BeforeAll
    static void start() {
        broker = running.get();
        admin = broker.adminToken();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    private static List<MimeMessage> mailTo(String address) {
        return List.of(SMTP.getReceivedMessages()).stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String userToken(String email) {
        HttpResponse<String> created = broker.as(admin, "POST", "/admin/users", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"user\",\"client_id\":\"demo-client\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(broker.login(email, PASSWORD)).path("access_token").asString();
    }

    @Test
    void aUserIsToldOfTheirClientsDeadLettersAndOfTheirAccountLockedAsTheyChose() {
        String alice = userToken("alice@demo.example");
        assertThat(broker.getJson(alice, "/portal/profile/notifications").path("email_enabled").asBoolean()).isTrue();
        assertThat(broker.as(alice, "PUT", "/portal/profile/notifications", "{\"dead_letters\":true,"
                + "\"certificate_expiring_days\":400}").statusCode()).isEqualTo(400);
        assertThat(json(broker.as(alice, "PUT", "/portal/profile/notifications", "{\"daily_summary\":true}"))
                .path("detail").asString()).isEqualTo("daily_summary is for administrators");
        assertThat(broker.as(alice, "PUT", "/portal/profile/notifications", "{\"dead_letters\":true,"
                + "\"account_locked\":true,\"certificate_expiring_days\":30}").statusCode()).isEqualTo(200);
        assertThat(broker.getJson(alice, "/portal/profile/notifications").path("preferences").path("account_locked")
                .asBoolean()).isTrue();
        userToken("bob@demo.example");

        String failed = enqueueInvalid();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo("alice@demo.example").isEmpty());
        MimeMessage mail = mailTo("alice@demo.example").getFirst();
        assertThat(GreenMailUtil.getBody(mail)).contains(failed).contains("rejected");
        assertThat(mailTo("bob@demo.example")).as("bob did not ask").isEmpty();

        for (int i = 0; i < 5; i++) {
            assertThat(broker.login("alice@demo.example", "wrong password " + i).statusCode()).isEqualTo(401);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mailTo("alice@demo.example").size() == 2);
        assertThat(mailTo("alice@demo.example").get(1)).satisfies(locked -> assertThat(locked.getSubject())
                .isEqualTo("[Message Broker] Your Message Broker account was locked"));
        assertThat(broker.getJson(admin, "/admin/audit?event_type=account_locked").path("entries")).hasSize(1);
    }

    /** A message the proxy could not have accepted: the server rejects it, and it becomes a dead letter. */
    private static String enqueueInvalid() {
        String id = UUID.randomUUID().toString();
        EnvelopeSealer sealer = broker.context(Role.SERVER).getBean(EnvelopeSealer.class);
        broker.context(Role.SERVER).getBean(MessageQueue.class).enqueue(new QueuedMessage(id, "demo-client", "default",
                Instant.now(), sealer.seal(id, new MessageContent("+1", "not a valid number"))));
        return id;
    }

    @Test
    void anAdminChecksTheSmtpSettingsFromTheApiAndTheCommandLine() throws Exception {
        assertThat(broker.as(admin, "POST", "/admin/mail/test", "{\"to\":\"ops@example.com\"}").statusCode())
                .isEqualTo(200);
        assertThat(mailTo("ops@example.com")).singleElement().satisfies(mail ->
                assertThat(mail.getSubject()).isEqualTo("[Message Broker] Test e-mail"));
        assertThat(broker.as(admin, "POST", "/admin/mail/test", "{\"to\":\"not an address\"}").statusCode())
                .isEqualTo(400);

        Path token = Files.writeString(broker.dir.resolve("mail-token"), admin);
        assertThat(CommandRun.broker(0, "admin", "mail", "test", "cli@example.com", "--server",
                "https://localhost:" + broker.serverPort, "--data-dir", broker.dir.toString(), "--token-file",
                token.toString())).contains("Sent a test e-mail to cli@example.com");
        assertThat(mailTo("cli@example.com")).hasSize(1);
    }
}
