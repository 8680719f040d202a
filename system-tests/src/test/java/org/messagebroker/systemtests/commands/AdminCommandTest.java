package org.messagebroker.systemtests.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/** The original's admin CLI, over the admin API of a running system. */
class AdminCommandTest {

    static Path dir;
    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.values()));
    static RunningBroker broker;
    static Path tokenFile;
    static String messageId;

    @BeforeAll
    static void start() throws Exception {
        broker = running.get();
        dir = broker.dir;
        tokenFile = Files.writeString(dir.resolve("token"), broker.adminToken());
        messageId = broker.submit("visible to the admin CLI");
        broker.awaitDelivered(broker.adminToken(), messageId);
    }

    /** Runs {@code broker admin …} and answers what it printed; asserts the exit status. */
    private static String admin(int expectedExit, String... args) {
        List<String> all = new ArrayList<>(List.of("admin"));
        all.addAll(List.of(args));
        return execute(expectedExit, all);
    }

    private static String run(int expectedExit, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        return execute(expectedExit, all);
    }

    private static String execute(int expectedExit, List<String> all) {
        all.addAll(List.of("--server", "https://localhost:" + broker.serverPort, "--data-dir", dir.toString(),
                "--token-file", tokenFile.toString()));
        return CommandRun.broker(expectedExit, all.toArray(String[]::new));
    }

    @Test
    void theMessageReportIsATableOrTheApisJson() {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        assertThat(admin(0, "report", "--client", "demo-client")).contains("Messages from ")
                .containsPattern(today + "\\s+demo-client\\s+delivered\\s+[1-9]")
                .contains("Delivery time (acceptance to storage) of ");
        JsonNode json = RunningBroker.JSON.readTree(admin(0, "report", "--from", today, "--to", today, "--json"));
        assertThat(json.path("from").asString()).isEqualTo(today);
        assertThat(json.path("totals").path("delivered").asLong()).isPositive();
        assertThat(admin(1, "report", "--from", "yesterday")).contains("from must be a date");
    }

    @Test
    void webhooksAreManagedFromTheCommandLine() {
        // A public address literal: registering needs no DNS here, and no event is raised for it to be sent.
        String url = "https://93.184.215.14/broker";
        String created = admin(0, "webhooks", "set", "demo-client", url, "--events", "certificate.expiring");
        assertThat(created).contains("demo-client -> " + url).contains("events:          certificate.expiring")
                .containsPattern("secret: +whsec_[A-Za-z0-9_-]{43}").contains("shown only now");
        assertThat(admin(0, "webhooks", "list")).containsPattern("demo-client\\s+" + url.replace(".", "\\.")
                + "\\s+pending 0, delivered 0, failed 0");
        assertThat(admin(0, "webhooks", "set", "demo-client", url, "--events", "message.failed"))
                .as("a change keeps the secret").doesNotContain("whsec_");
        String rotated = admin(0, "webhooks", "rotate-secret", "demo-client");
        assertThat(rotated).containsPattern("secret: +whsec_").doesNotContain(created.substring(created.indexOf("whsec_"),
                created.indexOf("whsec_") + 49));
        assertThat(admin(1, "webhooks", "set", "demo-client", "http://93.184.215.14/")).contains("400 url must use https");
        assertThat(admin(0, "webhooks", "remove", "demo-client")).contains("Removed the webhook of demo-client");
        assertThat(admin(1, "webhooks", "show", "demo-client")).contains("404");
    }

    @Test
    void usersAreManagedFromTheCommandLine() throws Exception {
        Path password = Files.writeString(dir.resolve("new-password"), "a new and longer secret");
        assertThat(admin(0, "user", "create", "ops@example.com", "--client-id", "demo-client", "--new-password-file",
                password.toString())).contains("Created user");
        String list = admin(0, "user", "list");
        assertThat(list).contains("ops@example.com").contains("demo-client");
        String id = list.lines().filter(l -> l.contains("ops@example.com")).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(admin(0, "user", "role", id, "admin")).contains("admin");
        assertThat(broker.login("ops@example.com", "a new and longer secret").statusCode()).isEqualTo(200);
        assertThat(admin(0, "user", "password", id, "--new-password-file",
                Files.writeString(dir.resolve("other"), "Tr0ub4dor&3 battery").toString())).contains("reset");
        assertThat(broker.login("ops@example.com", "Tr0ub4dor&3 battery").statusCode()).isEqualTo(200);
        assertThat(admin(0, "user", "delete", id)).contains("Deleted");
        assertThat(admin(1, "user", "delete", id)).contains("404");
    }

    @Test
    void aClientsRateLimitIsSetFromTheCommandLineAndReachesTheProxy() {
        assertThat(admin(0, "client", "rate-limit", "demo-client", "2")).contains("2 requests a minute");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rateLimitAtTheProxy().equals("2"));
        assertThat(admin(0, "client", "rate-limit", "demo-client", "default")).contains("the default");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rateLimitAtTheProxy().equals("1000000"));
        assertThat(admin(2, "client", "rate-limit", "demo-client", "many")).contains("'default', not 'many'");
        assertThat(admin(1, "client", "rate-limit", "no-such-client", "5")).contains("404");
    }

    private static String rateLimitAtTheProxy() {
        return RunningBroker.send(broker.client("demo-client"), RunningBroker.postJson(broker.proxy("/api/v1/messages"),
                "{\"sender_number\":\"+4915200000000\",\"message_body\":\"rate limit probe\"}"))
                .headers().firstValue("X-RateLimit-Limit").orElse("");
    }

    @Test
    void theSmokeTestPassesOnARunningInstallationAndFailsWhenARoleIsDown() {
        String[] targets = {"--proxy", "https://localhost:" + broker.proxyPort, "--portal",
                "https://localhost:" + broker.portalPort, "--worker", "http://localhost:" + broker.workerPort};
        String report = run(0, "smoke-test", targets);
        assertThat(report).contains("PASS  message stored and read back").contains("All checks passed.")
                .doesNotContain("FAIL");
        broker.stop(Role.PORTAL);
        try {
            assertThat(run(1, "smoke-test", targets)).contains("FAIL  portal up").contains("1 check(s) failed.");
        } finally {
            broker.start(Role.PORTAL);
        }
    }

    @Test
    void messagesStatisticsAndDeadLettersAreReadable() {
        assertThat(admin(0, "message", "list", "--status", "delivered")).contains(messageId).contains("+491****0000");
        assertThat(admin(0, "message", "view", messageId)).contains("(use --decrypt)").doesNotContain("visible to the admin");
        assertThat(admin(0, "message", "view", messageId, "--decrypt")).contains("visible to the admin CLI");
        assertThat(admin(0, "stats")).contains("total_messages").contains("status delivered");
        assertThat(admin(0, "dead-letters", "list")).as("none yet").isBlank();
        String deadId = deadLetterForAnUnknownClient();
        assertThat(admin(0, "dead-letters", "list")).contains(deadId).contains("initech").contains("unknown client");
        broker.registerClient(broker.adminToken(), "initech");
        admin(0, "dead-letters", "replay", deadId);
        assertThat(broker.awaitDelivered(broker.adminToken(), deadId).path("client_id").asString()).isEqualTo("initech");
        assertThat(admin(0, "dead-letters", "list")).doesNotContain(deadId);
        assertThat(admin(0, "audit", "verify")).contains("intact");
    }

    /** A message the proxy could have accepted for a client the server does not know: it is dead-lettered. */
    private static String deadLetterForAnUnknownClient() {
        String id = broker.enqueueSealed("initech", "before initech was registered");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin(0, "dead-letters", "list").contains(id));
        return id;
    }

    @Test
    void everyCommandReadsTheSettingsBrokerRunReadsAndTakesItsOptionsWhereTheDocsPutThem() throws Exception {
        CommandRun.Result fromSettings = CommandRun.process(Map.of("MAIN_SERVER_PORT", Integer.toString(broker.serverPort),
                "BROKER_DATA_DIR", dir.toString(), "BROKER_TOKEN", Files.readString(tokenFile).trim()),
                "admin", "user", "list");
        assertThat(fromSettings.exit()).as(fromSettings.output()).isZero();
        assertThat(fromSettings.output()).contains("admin@");

        assertThat(CommandRun.broker(0, "admin", "--server", "https://localhost:" + broker.serverPort, "--data-dir",
                dir.toString(), "--token-file", tokenFile.toString(), "user", "list")).contains("admin@");
    }

    @Test
    void aNewcomersMistakesGetASentenceNotAStackTrace() {
        CommandRun.Result noInstallation = CommandRun.process(Map.of("BROKER_DATA_DIR", dir.resolve("nowhere").toString()),
                "smoke-test");
        assertThat(noInstallation.exit()).isEqualTo(1);
        assertThat(noInstallation.output()).contains("no CA certificate at").contains("--data-dir")
                .doesNotContain("Exception").doesNotContain("\tat ");

        CommandRun.Result nothingListening = CommandRun.process(Map.of("MAIN_SERVER_PORT",
                Integer.toString(RunningBroker.freePort()), "BROKER_DATA_DIR", dir.toString(), "BROKER_TOKEN", "x"),
                "admin", "user", "list");
        assertThat(nothingListening.exit()).isEqualTo(1);
        assertThat(nothingListening.output()).contains("cannot reach the server at https://localhost:")
                .contains("connection refused").doesNotContain("null").doesNotContain("Exception");
    }
}
