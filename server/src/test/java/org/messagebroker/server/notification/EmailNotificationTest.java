package org.messagebroker.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.auth.AuthEvents;
import org.messagebroker.server.ca.CertificateRepository;
import org.messagebroker.server.deadletter.DeadLetterEvents;
import org.messagebroker.server.deadletter.DeadLetterRepository;
import org.messagebroker.server.message.MessageRepository;
import org.messagebroker.server.outbox.RetrySchedule;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.storage.DbTime;
import org.messagebroker.server.storage.ServerDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * E-mail notices on SQLite, MariaDB and PostgreSQL, sent for real to an SMTP server in this JVM (GreenMail):
 * who is told what, a burst joined into one e-mail, each notice once, and nothing lost while SMTP is down.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class EmailNotificationTest {

    @Parameter
    TestDatabase database;
    final MutableClock clock = new MutableClock(Instant.now());
    GreenMail smtp;
    JdbcClient jdbc;
    NotificationRepository preferences;
    EmailOutboxRepository outboxRows;
    EmailOutbox outbox;
    EmailSender sender;
    NotificationJobs jobs;

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        jdbc = ServerDatabases.empty(database);
        jdbc.sql("INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)"
                + " VALUES ('acme', 'SHA256:a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").update();
        for (String user : List.of("alice", "bob", "carol")) {
            jdbc.sql("INSERT INTO users (email, password_hash, role, client_id) VALUES (?, 'x', 'user', 'acme')")
                    .param(user + "@acme.example").update();
        }
        jdbc.sql("INSERT INTO users (email, password_hash, role) VALUES ('root@example.com', 'x', 'admin')").update();
        Mailer mailer = new Mailer(new ServerSettings.Mail("127.0.0.1", smtp.getSmtp().getPort(), "", "", "none",
                "broker@example.com", Duration.ofSeconds(5), null));
        preferences = new NotificationRepository(jdbc);
        outboxRows = new EmailOutboxRepository(jdbc, ServerDatabases.vendor(database));
        outbox = new EmailOutbox(outboxRows, preferences, mailer, clock);
        sender = new EmailSender(outboxRows, preferences, mailer, new RetrySchedule(Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofHours(24), () -> 1.0), clock, new SimpleMeterRegistry());
        jobs = new NotificationJobs(preferences, outbox, new CertificateRepository(jdbc),
                new MessageRepository(jdbc, ServerDatabases.reads(database)), new DeadLetterRepository(jdbc), clock);
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private long id(String name) {
        return jdbc.sql("SELECT id FROM users WHERE email LIKE ?").param(name + "@%").query(Long.class).single();
    }

    private void wants(String name, NotificationPreferences wanted) {
        preferences.save(id(name), wanted);
    }

    private List<MimeMessage> mailTo(String address) throws Exception {
        return List.of(smtp.getReceivedMessages()).stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void deadLettersOfAClientReachItsUsersWhoAskedJoinedIntoOneEmail() throws Exception {
        wants("alice", new NotificationPreferences(true, null, false, false));
        assertThat(preferences.preferences(id("alice"))).isEqualTo(new NotificationPreferences(true, null, false, false));
        outbox.on(new DeadLetterEvents.Recorded("m-1", "acme", "rejected"));
        outbox.on(new DeadLetterEvents.Recorded("m-2", "acme", "max_attempts_exceeded"));
        outbox.on(new DeadLetterEvents.Recorded("m-3", "globex", "rejected"));

        assertThat(sender.sendDue()).isEqualTo(1);
        List<MimeMessage> mails = mailTo("alice@acme.example");
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).isEqualTo("[Message Broker] Messages of your client failed");
        assertThat(mails.getFirst().getFrom()[0].toString()).isEqualTo("broker@example.com");
        assertThat(GreenMailUtil.getBody(mails.getFirst())).contains("m-1").contains("m-2").contains("rejected")
                .doesNotContain("m-3");
        assertThat(smtp.getReceivedMessages()).as("bob and carol did not ask").hasSize(1);
        assertThat(sender.sendDue()).as("sent once").isZero();
    }

    @Test
    void aLockedAccountIsToldOnlyIfItsUserAsked() throws Exception {
        Instant until = clock.instant().plus(Duration.ofMinutes(15));
        outbox.on(new AuthEvents.AccountLocked(id("bob"), "203.0.113.9", until));
        wants("bob", new NotificationPreferences(false, null, true, false));
        outbox.on(new AuthEvents.AccountLocked(id("bob"), "203.0.113.9", until));
        sender.sendDue();
        assertThat(mailTo("bob@acme.example")).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject()).contains("locked");
            assertThat(GreenMailUtil.getBody(mail)).contains("203.0.113.9").contains(until.toString());
        });
    }

    @Test
    void aCertificatesComingEndIsToldOnceAndAdminsGetTheDailySummary() throws Exception {
        jdbc.sql("INSERT INTO certificates (client_id, serial, fingerprint, not_before, not_after) VALUES"
                        + " ('acme', 'abc123', 'SHA256:c', ?, ?)")
                .params(DbTime.utc(clock.instant().minus(Duration.ofDays(300))), DbTime.utc(clock.instant()
                        .plus(Duration.ofDays(10)))).update();
        wants("carol", new NotificationPreferences(false, 14, false, false));
        wants("alice", new NotificationPreferences(false, 7, false, false));
        wants("root", new NotificationPreferences(false, null, false, true));

        assertThat(jobs.certificateExpiry()).as("carol (14 days) yes, alice (7 days) not yet").isEqualTo(1);
        assertThat(jobs.certificateExpiry()).as("once per certificate").isZero();
        assertThat(jobs.dailySummary()).isEqualTo(1);
        assertThat(jobs.dailySummary()).as("once a day").isZero();
        sender.sendDue();
        assertThat(GreenMailUtil.getBody(mailTo("carol@acme.example").getFirst())).contains("abc123");
        assertThat(mailTo("alice@acme.example")).isEmpty();
        assertThat(GreenMailUtil.getBody(mailTo("root@example.com").getFirst())).contains("Dead letters waiting");
    }

    @Test
    void whileTheSmtpServerIsDownNoticesWaitAndGoOutOnceItIsBack() throws Exception {
        wants("alice", new NotificationPreferences(true, null, false, false));
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        outbox.on(new DeadLetterEvents.Recorded("m-1", "acme", "rejected"));
        sender.sendDue();
        EmailOutboxRepository.OutboxLine waiting = outboxRows.recent("pending", 0, 1).getFirst();
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.lastError()).isNotBlank();

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertThat(sender.sendDue()).as("not before its retry is due").isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(mailTo("alice@acme.example")).hasSize(1);
        assertThat(outboxRows.count("sent")).isEqualTo(1);
    }
}
