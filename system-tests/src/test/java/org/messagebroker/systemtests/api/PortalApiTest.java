package org.messagebroker.systemtests.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.json;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.RunningBroker;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The portal and admin API through real HTTP with real tokens: two users of two clients and an admin.
 * Nobody sees another client's data; tokens die when they should; everything is audited.
 */
class PortalApiTest {

    private static final String PASSWORD = "correct horse battery";

    static Path dir;
    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.values()));
    static RunningBroker broker;
    static String admin;
    static String acmeMessage;
    static String globexMessage;

    @BeforeAll
    static void start() {
        broker = running.get();
        dir = broker.dir;
        admin = broker.adminToken();
        broker.registerClient(admin, "acme");
        broker.registerClient(admin, "globex");
        createUser("alice@acme.example", "user", "acme");
        createUser("bob@globex.example", "user", "globex");
        broker.submit("acme", "acme says =HYPERLINK(\"x\")");
        acmeMessage = broker.submit("acme", "second from acme");
        globexMessage = broker.submit("globex", "globex secret");
        broker.awaitDelivered(admin, acmeMessage);
        broker.awaitDelivered(admin, globexMessage);
    }

    static long createUser(String email, String role, String clientId) {
        HttpResponse<String> created = broker.as(admin, "POST", "/admin/users", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\",\"client_id\":\"" + clientId + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asLong();
    }

    static String tokenOf(String email) {
        HttpResponse<String> login = broker.login(email, PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json(login).path("access_token").asString();
    }

    static Set<String> clientsIn(JsonNode page) {
        return StreamSupport.stream(page.path("messages").spliterator(), false)
                .map(m -> m.path("client_id").asString()).collect(Collectors.toSet());
    }

    /** The original's TC-L-010: ten portal users at once, each reading only their own client's messages. */
    @Test
    void tenUsersAtOnceEachSeeOnlyTheirOwnClient() throws Exception {
        List<String> clients = List.of("acme", "globex");
        for (int i = 0; i < 10; i++) {
            createUser("crowd" + i + "@example.com", "user", clients.get(i % 2));
        }
        List<Future<Set<String>>> seen = new ArrayList<>();
        try (ExecutorService users = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                String email = "crowd" + i + "@example.com";
                seen.add(users.submit(() -> {
                    String token = tokenOf(email);
                    Set<String> visible = new HashSet<>();
                    for (int page = 0; page < 5; page++) {
                        HttpResponse<String> messages = broker.as(token, "GET", "/portal/messages?per_page=20", null);
                        assertThat(messages.statusCode()).as(messages.body()).isEqualTo(200);
                        visible.addAll(clientsIn(json(messages)));
                    }
                    return visible;
                }));
            }
        }
        for (int i = 0; i < 10; i++) {
            assertThat(seen.get(i).get()).as("user " + i).containsExactly(clients.get(i % 2));
        }
    }

    @Test
    @Tag("security")
    void usersSeeOnlyTheirClientsMessagesAndNoBodies() {
        String alice = tokenOf("alice@acme.example");
        JsonNode mine = json(broker.as(alice, "GET", "/portal/messages?client_id=globex", null));
        assertThat(clientsIn(mine)).containsExactly("acme");
        assertThat(mine.path("messages").findValuesAsString("message_body")).containsOnly("[encrypted]");
        assertThat(broker.as(alice, "GET", "/portal/messages/" + globexMessage, null).statusCode()).isEqualTo(404);
        assertThat(broker.as(alice, "GET", "/portal/messages/" + acmeMessage, null).statusCode()).isEqualTo(200);

        JsonNode all = json(broker.as(admin, "GET", "/portal/messages", null));
        assertThat(clientsIn(all)).contains("acme", "globex");
        assertThat(all.path("messages").findValuesAsString("message_body")).contains("globex secret");
        assertThat(clientsIn(json(broker.as(admin, "GET", "/portal/messages?client_id=globex", null))))
                .containsExactly("globex");
        assertThat(json(broker.as(alice, "GET", "/portal/profile", null)).path("client_id").asString()).isEqualTo("acme");
        assertThat(broker.as(alice, "GET", "/admin/users", null).statusCode()).isEqualTo(403);
        assertThat(broker.as(alice, "GET", "/admin/stats", null).statusCode()).isEqualTo(403);
    }

    @Test
    void aUserSendsAMessageAsTheirClientFromThePortal() {
        String alice = tokenOf("alice@acme.example");
        HttpResponse<String> sent = broker.as(alice, "POST", "/portal/messages",
                "{\"sender_number\":\"+4915211111111\",\"message_body\":\"from the portal\",\"client_id\":\"globex\"}");
        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(json(sent).path("client_id").asString()).as("a user cannot choose another client").isEqualTo("acme");
        JsonNode stored = broker.awaitDelivered(admin, json(sent).path("message_id").asString());
        assertThat(stored.path("message_body").asString()).isEqualTo("from the portal");
        assertThat(broker.as(alice, "POST", "/portal/messages", "{\"sender_number\":\"+123\",\"message_body\":\"x\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void filtersNarrowTheListAndBadOnesAreRefused() {
        assertThat(json(broker.as(admin, "GET", "/portal/messages?sender=%2B4915200000000&client_id=acme", null))
                .path("pagination").path("total").asLong()).isEqualTo(2);
        assertThat(json(broker.as(admin, "GET", "/portal/messages?sender=%2B4915200000000&client_id=globex", null))
                .path("pagination").path("total").asLong()).isEqualTo(1);
        assertThat(json(broker.as(admin, "GET", "/portal/messages?sender=%2B4915299999999", null))
                .path("pagination").path("total").asLong()).isZero();
        assertThat(json(broker.as(admin, "GET", "/portal/messages?from_date=2999-01-01", null))
                .path("pagination").path("total").asLong()).isZero();
        assertThat(json(broker.as(admin, "GET", "/portal/messages?status_filter=failed", null))
                .path("pagination").path("total").asLong()).isZero();
        assertThat(json(broker.as(admin, "GET", "/portal/messages?skip=1&limit=1", null)))
                .as("the original's paging answers its bare array").hasSize(1);
        assertThat(broker.as(admin, "GET", "/portal/messages?sender=123", null).statusCode()).isEqualTo(400);
        assertThat(broker.as(admin, "GET", "/portal/messages?status=lost", null).statusCode()).isEqualTo(400);
        assertThat(broker.as(admin, "GET", "/portal/messages?from_date=yesterday", null).statusCode()).isEqualTo(400);
    }

    @Test
    @Tag("security")
    void theCsvExportHoldsTheFilteredMessagesAndDefusesFormulas() {
        HttpResponse<String> csv = broker.as(admin, "GET", "/portal/messages/export?client_id=acme&sender=%2B4915200000000", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("message_id,client_id,sender_number_masked,status");
        assertThat(lines).hasSize(3).noneMatch(line -> line.contains("globex"));
        assertThat(csv.body()).contains("\"'+491****0000\"").contains("\"acme says =HYPERLINK(\"\"x\"\")\"");
        assertThat(json(broker.as(admin, "GET", "/admin/audit?event_type=messages_exported", null))
                .path("pagination").path("total").asLong()).isPositive();
    }

    @Test
    @Tag("security")
    void forgedExpiredAndMisusedTokensAre401() throws Exception {
        String valid = tokenOf("alice@acme.example");
        String[] parts = valid.split("\\.");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = parts[0] + "." + b64(payload.replace("\"role\":\"user\"", "\"role\":\"admin\"")) + "." + parts[2];
        byte[] key = Base64.getDecoder().decode(Files.readString(dir.resolve("secrets/jwt.key")).trim());
        String expired = sign(key, new JWTClaimsSet.Builder().subject("1").claim("type", "access").claim("ver", 0)
                .issueTime(Date.from(Instant.now().minusSeconds(7200))).expirationTime(Date.from(Instant.now().minusSeconds(3600)))
                .build());
        String refreshType = sign(key, new JWTClaimsSet.Builder().subject("1").claim("type", "refresh").claim("ver", 0)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        String otherKey = sign(new byte[32], new JWTClaimsSet.Builder().subject("1").claim("type", "access").claim("ver", 0)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        String refreshToken = json(broker.login("alice@acme.example", PASSWORD)).path("refresh_token").asString();
        for (String token : List.of(none, tampered, expired, refreshType, otherKey, refreshToken, "garbage")) {
            HttpResponse<String> response = broker.as(token, "GET", "/portal/messages", null);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(json(response).path("error").asString()).isEqualTo("authentication_error");
        }
        assertThat(broker.as(valid, "GET", "/portal/messages", null).statusCode()).isEqualTo(200);
    }

    @Test
    @Tag("security")
    void anAccessTokenNeedsAnExpiryGetsFiveSecondsOfSkewAndDiesWithItsSession() throws Exception {
        createUser("gina@acme.example", "user", "acme");
        byte[] key = Base64.getDecoder().decode(Files.readString(dir.resolve("secrets/jwt.key")).trim());
        JWTClaimsSet genuine = SignedJWT.parse(tokenOf("gina@acme.example")).getJWTClaimsSet();
        String reSigned = sign(key, new JWTClaimsSet.Builder(genuine).build());
        String noExpiry = sign(key, new JWTClaimsSet.Builder(genuine).expirationTime(null).build());
        String lateBy30s = sign(key, new JWTClaimsSet.Builder(genuine)
                .expirationTime(Date.from(Instant.now().minusSeconds(30))).build());
        assertThat(broker.as(reSigned, "GET", "/portal/profile", null).statusCode()).as("control").isEqualTo(200);
        assertThat(broker.as(noExpiry, "GET", "/portal/profile", null).statusCode()).isEqualTo(401);
        assertThat(broker.as(lateBy30s, "GET", "/portal/profile", null).statusCode()).isEqualTo(401);

        JsonNode laptop = json(broker.login("gina@acme.example", PASSWORD));
        JsonNode phone = json(broker.login("gina@acme.example", PASSWORD));
        assertThat(broker.as(laptop.path("access_token").asString(), "POST", "/portal/auth/logout",
                "{\"refresh_token\":\"" + laptop.path("refresh_token").asString() + "\"}").statusCode()).isEqualTo(204);
        assertThat(broker.as(laptop.path("access_token").asString(), "GET", "/portal/profile", null).statusCode())
                .as("the session logged out").isEqualTo(401);
        String phoneAccess = phone.path("access_token").asString();
        assertThat(broker.as(phoneAccess, "GET", "/portal/profile", null).statusCode()).as("another session")
                .isEqualTo(200);

        String firstRefresh = phone.path("refresh_token").asString();
        assertThat(broker.as("", "POST", "/portal/auth/refresh", "{\"refresh_token\":\"" + firstRefresh + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(broker.as("", "POST", "/portal/auth/refresh", "{\"refresh_token\":\"" + firstRefresh + "\"}")
                .statusCode()).as("reused").isEqualTo(401);
        assertThat(broker.as(phoneAccess, "GET", "/portal/profile", null).statusCode())
                .as("the family's access token after reuse").isEqualTo(401);
    }

    @Test
    @Tag("security")
    void lengthsAndMissingClientsAreRefusedBeforeTheDatabaseAs400() {
        String longId = "c".repeat(65);
        assertThat(broker.as(admin, "POST", "/admin/certificates/generate", "{\"client_id\":\"" + longId + "\"}")
                .statusCode()).isEqualTo(400);
        assertThat(broker.as(admin, "POST", "/admin/users", "{\"email\":\"len@acme.example\",\"password\":\""
                + PASSWORD + "\",\"client_id\":\"" + "c".repeat(300) + "\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> missing = broker.as(admin, "POST", "/admin/users", "{\"email\":\"len@acme.example\","
                + "\"password\":\"" + PASSWORD + "\",\"client_id\":\"no-such-client\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("There is no client no-such-client");
        assertThat(broker.as(admin, "GET", "/portal/messages/export?client_id=" + "c".repeat(300), null).statusCode())
                .isEqualTo(400);
        HttpResponse<String> longDomain = broker.as(tokenOf("alice@acme.example"), "POST", "/portal/messages",
                "{\"sender_number\":\"+4915200000000\",\"message_body\":\"x\",\"domain\":\"" + "d".repeat(256) + "\"}");
        assertThat(longDomain.statusCode()).isEqualTo(400);
        assertThat(longDomain.body()).contains("metadata.domain").doesNotContain("Exception");
    }

    @Test
    @Tag("security")
    void aStrangersGuessesLockTheAccountElsewhereButNotWhereItsOwnerSignedInBefore() {
        createUser("ivy@acme.example", "user", "acme");
        tokenOf("ivy@acme.example");
        for (int i = 0; i < 5; i++) {
            assertThat(loginFrom("198.51.100.7", "ivy@acme.example", "guess " + i).statusCode()).isEqualTo(401);
        }
        assertThat(loginFrom("198.51.100.7", "ivy@acme.example", PASSWORD).statusCode()).isEqualTo(429);
        assertThat(loginFrom("203.0.113.50", "ivy@acme.example", PASSWORD).statusCode()).as("a new address")
                .isEqualTo(429);
        assertThat(broker.login("ivy@acme.example", PASSWORD).statusCode()).as("where ivy signed in before")
                .isEqualTo(200);
        assertThat(loginFrom("<b>x</b>", "ivy@acme.example", PASSWORD).statusCode()).as("not an address")
                .isEqualTo(400);
    }

    private static HttpResponse<String> loginFrom(String address, String email, String password) {
        return RunningBroker.send(broker.client(null), RunningBroker.postJson(broker.server("/portal/auth/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").header("X-Forwarded-For", address));
    }

    @Test
    @Tag("security")
    void wrongCurrentPasswordsAreThrottledLikeLogins() {
        createUser("hal@acme.example", "user", "acme");
        String token = tokenOf("hal@acme.example");
        for (int i = 0; i < 5; i++) {
            assertThat(broker.as(token, "POST", "/portal/auth/password", "{\"current_password\":\"guess " + i
                    + "\",\"new_password\":\"Tr0ub4dor&3 battery\"}").statusCode()).isEqualTo(403);
        }
        HttpResponse<String> throttled = broker.as(token, "POST", "/portal/auth/password", "{\"current_password\":\""
                + PASSWORD + "\",\"new_password\":\"Tr0ub4dor&3 battery\"}");
        assertThat(throttled.statusCode()).as("even the right one, for now").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Tag("security")
    void refreshTokensRotateAndAReusedOneRevokesItsFamily() {
        JsonNode login = json(broker.login("bob@globex.example", PASSWORD));
        String first = login.path("refresh_token").asString();
        HttpResponse<String> rotated = broker.as("", "POST", "/portal/auth/refresh", "{\"refresh_token\":\"" + first + "\"}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String second = json(rotated).path("refresh_token").asString();
        assertThat(broker.as(json(rotated).path("access_token").asString(), "GET", "/portal/profile", null).statusCode())
                .isEqualTo(200);
        assertThat(broker.as("", "POST", "/portal/auth/refresh", "{\"refresh_token\":\"" + first + "\"}").statusCode())
                .as("the first token again").isEqualTo(401);
        assertThat(broker.as("", "POST", "/portal/auth/refresh", "{\"refresh_token\":\"" + second + "\"}").statusCode())
                .as("the family is revoked").isEqualTo(401);
    }

    @Test
    @Tag("security")
    void logoutDeactivationAndRoleChangesStopTokensAtOnce() {
        long id = createUser("carol@acme.example", "user", "acme");
        JsonNode login = json(broker.login("carol@acme.example", PASSWORD));
        String token = login.path("access_token").asString();
        assertThat(broker.as(token, "POST", "/portal/auth/logout", null).statusCode()).isEqualTo(204);
        assertThat(broker.as(token, "GET", "/portal/profile", null).statusCode()).isEqualTo(401);
        assertThat(broker.as("", "POST", "/portal/auth/refresh",
                "{\"refresh_token\":\"" + login.path("refresh_token").asString() + "\"}").statusCode()).isEqualTo(401);

        String again = tokenOf("carol@acme.example");
        broker.as(admin, "PUT", "/admin/users/" + id, "{\"role\":\"admin\"}");
        assertThat(broker.as(again, "GET", "/portal/profile", null).statusCode()).as("after a role change").isEqualTo(401);
        String asAdmin = tokenOf("carol@acme.example");
        assertThat(broker.as(asAdmin, "GET", "/admin/users", null).statusCode()).isEqualTo(200);
        broker.as(admin, "PUT", "/admin/users/" + id, "{\"is_active\":false}");
        assertThat(broker.as(asAdmin, "GET", "/portal/profile", null).statusCode()).isEqualTo(401);
        assertThat(broker.login("carol@acme.example", PASSWORD).statusCode()).isEqualTo(403);
    }

    @Test
    void repeatedFailedLoginsLockTheAccountWith429() {
        createUser("dave@acme.example", "user", "acme");
        for (int i = 0; i < 5; i++) {
            assertThat(broker.login("dave@acme.example", "wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = broker.login("dave@acme.example", PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(json(broker.as(admin, "GET", "/admin/audit?event_type=user_login_failed", null))
                .path("pagination").path("total").asLong()).isGreaterThanOrEqualTo(5);
    }

    @Test
    @Tag("security")
    void userAdministrationEnforcesItsRules() {
        long id = createUser("erin@globex.example", "user", "globex");
        assertThat(broker.as(admin, "POST", "/admin/users", "{\"email\":\"erin@globex.example\",\"password\":\""
                + PASSWORD + "\"}").statusCode()).isEqualTo(409);
        assertThat(broker.as(admin, "POST", "/admin/users", "{\"email\":\"x@y.z\",\"password\":\"short\"}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> guessable = broker.as(admin, "POST", "/admin/users",
                "{\"email\":\"x@y.z\",\"password\":\"password1\",\"client_id\":\"globex\"}");
        assertThat(guessable.statusCode()).isEqualTo(400);
        assertThat(guessable.body()).contains("too easy to guess");
        assertThat(broker.as(admin, "POST", "/admin/users", "{\"email\":\"x@y.z\",\"password\":\"" + "é".repeat(40)
                + "\"}").statusCode()).as("over 72 bytes").isEqualTo(400);
        assertThat(broker.as(admin, "POST", "/admin/users", "{\"email\":\"x@y.z\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"root\"}").statusCode()).isEqualTo(400);
        assertThat(broker.as(admin, "POST", "/admin/users/" + id + "/password", "{\"password\":\"a new and longer secret\"}")
                .statusCode()).isEqualTo(204);
        assertThat(broker.login("erin@globex.example", "a new and longer secret").statusCode()).isEqualTo(200);
        assertThat(broker.as(admin, "DELETE", "/admin/users/" + id, null).statusCode()).isEqualTo(204);
        assertThat(broker.as(admin, "GET", "/admin/users/" + id, null).statusCode()).isEqualTo(404);
        assertThat(broker.login("erin@globex.example", "a new and longer secret").statusCode()).isEqualTo(401);
        assertThat(broker.as(admin, "DELETE", "/admin/users/1", null).statusCode()).as("the last admin").isEqualTo(409);
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        createUser("frank@acme.example", "user", "acme");
        String token = tokenOf("frank@acme.example");
        assertThat(broker.as(token, "POST", "/portal/auth/password",
                "{\"current_password\":\"not it\",\"new_password\":\"Tr0ub4dor&3 battery\"}").statusCode()).isEqualTo(403);
        assertThat(broker.as(token, "POST", "/portal/auth/password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"Tr0ub4dor&3 battery\"}").statusCode())
                .isEqualTo(204);
        assertThat(broker.as(token, "GET", "/portal/profile", null).statusCode()).isEqualTo(401);
        assertThat(broker.login("frank@acme.example", "Tr0ub4dor&3 battery").statusCode()).isEqualTo(200);
    }

    @Test
    void statisticsAddUp() {
        JsonNode stats = json(broker.as(admin, "GET", "/admin/stats?period=day", null));
        long total = stats.path("total_messages").asLong();
        assertThat(total).isEqualTo(json(broker.as(admin, "GET", "/portal/messages", null))
                .path("pagination").path("total").asLong());
        assertThat(stats.path("messages_by_status").path("delivered").asLong()).isEqualTo(total);
        assertThat(stats.path("messages_last_24h").asLong()).isEqualTo(total);
        assertThat(stats.path("active_clients").asLong()).isEqualTo(3);
        assertThat(stats.path("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(stats.path("avg_delivery_time_seconds").asDouble()).isPositive();
        long inSeries = StreamSupport.stream(stats.path("series").spliterator(), false)
                .mapToLong(point -> point.path("counts").path("delivered").asLong()).sum();
        assertThat(inSeries).isEqualTo(total);
        assertThat(stats.path("queue_depth").isNumber()).as("queue_depth").isTrue();
        assertThat(stats.path("series").valueStream().map(point -> point.path("avg_delivery_seconds"))
                .filter(JsonNode::isNumber).mapToDouble(JsonNode::asDouble)).isNotEmpty().allMatch(seconds -> seconds > 0);
        assertThat(stats.path("series").valueStream().map(point -> point.path("queue_depth_max")))
                .as("the depth sampled at the server's start").anyMatch(JsonNode::isNumber);
        assertThat(broker.as(admin, "GET", "/admin/stats?period=year", null).statusCode()).isEqualTo(400);
        String metrics = RunningBroker.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(broker.metrics(Role.SERVER)).GET()).body();
        assertThat(metrics).contains("main_server_requests_total{endpoint=\"/admin/stats\",method=\"GET\",role=\"server\",status=\"400\"}")
                .contains("main_server_messages_registered_total").contains("main_server_messages_delivered_total")
                .contains("main_server_request_duration_seconds_bucket");
    }

    @Test
    void theServerServesItsOpenApiDescription() {
        HttpResponse<String> spec = broker.as("", "GET", "/openapi.yaml", null);
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).startsWith("openapi: 3.1.0").contains("/portal/auth/refresh:").contains("/admin/users/{id}:");
    }

    @Test
    @Tag("security")
    void theAuditChainDetectsATamperedRow() {
        assertThat(json(broker.as(admin, "GET", "/admin/audit/verify", null)).path("valid").asBoolean()).isTrue();
        JdbcClient jdbc = JdbcClient.create(broker.context(Role.SERVER).getBean(DataSource.class));
        long target = jdbc.sql("SELECT MIN(id) FROM audit_log WHERE event_type = 'certificate_generated'")
                .query(Long.class).single();
        String original = jdbc.sql("SELECT event_data FROM audit_log WHERE id = ?").param(target).query(String.class).single();
        jdbc.sql("UPDATE audit_log SET event_data = ? WHERE id = ?").params("{\"forged\":true}", target).update();
        try {
            JsonNode result = json(broker.as(admin, "GET", "/admin/audit/verify", null));
            assertThat(result.path("valid").asBoolean()).isFalse();
            assertThat(result.path("first_broken_id").asLong()).isEqualTo(target);
        } finally {
            jdbc.sql("UPDATE audit_log SET event_data = ? WHERE id = ?").params(original, target).update();
        }
        assertThat(json(broker.as(admin, "GET", "/admin/audit/verify", null)).path("valid").asBoolean()).isTrue();
    }

    @Test
    @Tag("security")
    void aBodyMovedToAnotherRowIsRefusedWithAProblemNotAStackTrace() {
        JdbcClient jdbc = JdbcClient.create(broker.context(Role.SERVER).getBean(DataSource.class));
        String original = jdbc.sql("SELECT encrypted_body FROM messages WHERE message_id = ?").param(acmeMessage)
                .query(String.class).single();
        String other = jdbc.sql("SELECT encrypted_body FROM messages WHERE message_id = ?").param(globexMessage)
                .query(String.class).single();
        jdbc.sql("UPDATE messages SET encrypted_body = ? WHERE message_id = ?").params(other, acmeMessage).update();
        try {
            HttpResponse<String> read = broker.as(admin, "GET", "/portal/messages/" + acmeMessage, null);
            assertThat(read.statusCode()).isEqualTo(500);
            assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(read).path("detail").asString()).contains("cannot be decrypted");
            assertThat(read.body()).doesNotContain("globex secret").doesNotContain("Exception");
        } finally {
            jdbc.sql("UPDATE messages SET encrypted_body = ? WHERE message_id = ?").params(original, acmeMessage).update();
        }
    }

    @Test
    void theReportCountsTodaysMessagesPerClientAsJsonOrCsvForAdminsOnly() {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        HttpResponse<String> report = broker.as(admin, "GET", "/admin/reports/messages?client_id=globex", null);
        assertThat(report.statusCode()).isEqualTo(200);
        JsonNode body = json(report);
        assertThat(body.path("to").asString()).isEqualTo(today);
        assertThat(body.path("daily")).anySatisfy(row -> {
            assertThat(row.path("day").asString()).isEqualTo(today);
            assertThat(row.path("client_id").asString()).isEqualTo("globex");
            assertThat(row.path("status").asString()).isEqualTo("delivered");
            assertThat(row.path("count").asLong()).isPositive();
        });
        assertThat(body.path("daily")).allSatisfy(row -> assertThat(row.path("client_id").asString()).isEqualTo("globex"));
        assertThat(body.path("delivery_time_ms").path("count").asLong()).isPositive();

        HttpResponse<String> csv = broker.as(admin, "GET", "/admin/reports/messages.csv?client_id=globex", null);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("day,client_id,status,count\r\n").contains(today + ",globex,delivered,");

        assertThat(broker.as(tokenOf("alice@acme.example"), "GET", "/admin/reports/messages", null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> badDate = broker.as(admin, "GET", "/admin/reports/messages?from=2026-13-01", null);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(json(badDate).path("detail").asString()).isEqualTo("from must be a date like 2026-11-30");
        assertThat(json(broker.as(admin, "GET", "/admin/reports/messages?from=2020-01-01&to=2026-01-01", null))
                .path("detail").asString()).contains("at most 366 days");
    }

    @Test
    void aPathTomcatRefusesItselfIsAProblemWithARequestIdLikeEveryOther() {
        HttpResponse<String> refused = broker.as(admin, "GET", "/portal/messages/a%2Fb", null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(refused).path("error").asString()).isEqualTo("validation_error");
        assertThat(json(refused).path("request_id").asString()).startsWith("req_")
                .isEqualTo(refused.headers().firstValue("X-Request-ID").orElseThrow());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(byte[] key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
