package org.messagebroker.systemtests.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.RunningBroker.json;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/**
 * What the original's own clients read (its web portal, its scripts; seed-spec.md §3 and §12), field by
 * field: the bare arrays of {@code skip}/{@code limit} paging, the status codes and headers they branch
 * on, {@code GET /}, the API description, and the metrics under their names with HELP texts.
 */
class OriginalApiCompatibilityTest {

    private static final String PASSWORD = "correct horse battery";
    private static final List<String> MESSAGE_FIELDS = List.of("id", "message_id", "client_id",
            "sender_number_masked", "message_body", "status", "attempt_count", "created_at", "queued_at",
            "delivered_at");

    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.values()));
    static RunningBroker broker;
    static String admin;
    static List<String> sent = new ArrayList<>();

    @BeforeAll
    static void start() {
        broker = running.get();
        admin = broker.adminToken();
        for (int i = 0; i < 5; i++) {
            sent.add(broker.submit("message " + i));
        }
        sent.forEach(id -> broker.awaitDelivered(admin, id));
        assertThat(broker.as(admin, "POST", "/admin/users", "{\"email\":\"ann@demo.example\",\"password\":\"" + PASSWORD
                + "\",\"client_id\":\"demo-client\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void skipAndLimitAnswerTheOriginalsBareArrayFromExactlyThatOffset() {
        JsonNode all = broker.getJson(admin, "/portal/messages?skip=0&limit=5");
        assertThat(all.isArray()).isTrue();
        assertThat(all).hasSize(5);
        JsonNode window = broker.getJson(admin, "/portal/messages?skip=1&limit=3");
        assertThat(window).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(window.get(i).path("message_id")).isEqualTo(all.get(i + 1).path("message_id"));
        }
        JsonNode first = all.get(0);
        assertThat(first.propertyNames()).containsAll(MESSAGE_FIELDS);
        assertThat(first.path("id").isIntegralNumber()).isTrue();
        assertThat(first.path("status").asString()).isEqualTo("delivered");
        assertThat(first.path("message_body").asString()).as("an admin reads bodies").startsWith("message ");
        assertThat(first.path("sender_number_masked").asString()).contains("*");
        assertThat(broker.getJson(admin, "/portal/messages?skip=0&limit=10&status_filter=failed")).isEmpty();
        assertThat(broker.getJson(admin, "/portal/messages").path("pagination").path("total").asLong())
                .as("the documented paged object without skip/limit").isEqualTo(5);
    }

    @Test
    void aUsersArrayItemsCarryNoBodyAsTheOriginalsDid() {
        String user = json(broker.login("ann@demo.example", PASSWORD)).path("access_token").asString();
        JsonNode mine = broker.getJson(user, "/portal/messages?limit=2");
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).path("message_body").isNull()).isTrue();
        assertThat(mine.get(0).path("client_id").asString()).isEqualTo("demo-client");
    }

    @Test
    void usersComeAsTheOriginalsArrayOfUserObjects() {
        JsonNode users = broker.getJson(admin, "/admin/users?skip=0&limit=100");
        assertThat(users.isArray()).isTrue();
        assertThat(users).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode user : users) {
            assertThat(user.propertyNames()).contains("id", "email", "role", "is_active", "created_at", "last_login")
                    .doesNotContain("password_hash");
        }
        assertThat(broker.getJson(admin, "/admin/users?skip=1&limit=1")).singleElement()
                .satisfies(u -> assertThat(u.path("id")).isEqualTo(users.get(1).path("id")));
        assertThat(broker.as(admin, "GET", "/admin/users?skip=-1", null).statusCode()).isEqualTo(400);
        assertThat(broker.as(admin, "GET", "/admin/users?limit=5000", null).statusCode()).isEqualTo(400);
    }

    @Test
    void aFailedLoginNamesTheBearerScheme() {
        HttpResponse<String> refused = broker.login("ann@demo.example", "not the password");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void theServerSaysWhatItIsAndDescribesItsApiAsYamlAndJsonWithoutAToken() {
        JsonNode service = json(send(broker.client(null), HttpRequest.newBuilder(broker.server("/")).GET()));
        assertThat(service.path("service").asString()).isEqualTo("Message Broker Main Server");
        assertThat(service.path("status").asString()).isEqualTo("running");
        assertThat(service.path("version").asString()).isNotBlank();
        assertThat(service.path("documentation").asString()).isEqualTo("/openapi.json");

        HttpResponse<String> openApi = send(broker.client(null), HttpRequest.newBuilder(broker.server("/openapi.json")).GET());
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(openApi).path("openapi").asString()).startsWith("3.");
        assertThat(json(openApi).path("paths").has("/portal/messages")).isTrue();
        HttpResponse<String> yaml = send(broker.client(null), HttpRequest.newBuilder(broker.server("/openapi.yaml")).GET());
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
    }

    @Test
    void theOriginalsMetricsAreThereUnderTheirNamesEachWithAHelpText() {
        String server = metrics(Role.SERVER);
        String worker = metrics(Role.WORKER);
        String proxy = metrics(Role.PROXY);
        assertThat(server).containsPattern("(?m)^main_server_db_connections(\\{[^}]*\\})? [1-9]");
        assertThat(worker).containsPattern("(?m)^worker_active_workers(\\{[^}]*\\})? [1-9]");
        assertThat(proxy).containsPattern("proxy_messages_failed_total\\{[^}]*reason=\"redis_error\"")
                .containsPattern("proxy_messages_failed_total\\{[^}]*reason=\"internal_error\"");
        for (String exposition : List.of(server, worker, proxy)) {
            Matcher help = Pattern.compile("(?m)^# HELP ((?:proxy|main_server|worker|redis|broker)_\\w+) ?(.*)$")
                    .matcher(exposition);
            int ours = 0;
            while (help.find()) {
                ours++;
                assertThat(help.group(2)).as("HELP of " + help.group(1)).isNotBlank();
            }
            assertThat(ours).isGreaterThan(3);
        }
    }

    private static String metrics(Role role) {
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(broker.metrics(role)).GET()).body();
    }
}
