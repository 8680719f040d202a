package org.messagebroker.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests find their endpoint; other paths and methods get the right refusal, as problems. */
class RouterTest {

    private final Endpoint ok = request -> ProxyResponse.of(200, "text/plain", new byte[0]);
    private final Router router = new Router(List.of(() -> List.of(new Route("POST", "/api/v1/messages", ok),
            new Route("GET", "/api/v1/messages/{messageId}", ok))));

    @Test
    void exactPathsAndOneVariableSegmentMatch() {
        assertThat(router.match("POST", "/api/v1/messages", "/api/v1/messages").template()).isEqualTo("/api/v1/messages");
        assertThat(router.match("GET", "/api/v1/messages/abc", "/api/v1/messages/abc").template())
                .isEqualTo("/api/v1/messages/{messageId}");
    }

    @Test
    void anUnknownPathIs404AndAKnownOneWithAnotherMethod405WithAllow() {
        assertRefused(router.match("GET", "/nothing", "/nothing"), 404);
        assertRefused(router.match("GET", "/api/v1/messages/a/b", "/api/v1/messages/a/b"), 404);
        assertThatThrownBy(() -> router.match("DELETE", "/api/v1/messages", "/api/v1/messages").endpoint()
                .handle(request("/api/v1/messages"))).isInstanceOfSatisfying(ProxyException.class, e -> {
                    assertThat(e.status()).isEqualTo(405);
                    assertThat(e.refusal().headers()).containsEntry("Allow", "POST");
                });
    }

    @Test
    void pathsThatEncodeSlashesOrClimbAreMalformed() {
        assertRefused(router.match("GET", "/api/v1/messages/..%2F..%2Fetc%2Fpasswd", "/api/v1/messages/../../etc/passwd"), 400);
        assertRefused(router.match("GET", "/api/v1/messages/%5c..", "/api/v1/messages/\\.."), 400);
        assertRefused(router.match("GET", "/api/v1/./messages", "/api/v1/./messages"), 400);
        assertRefused(router.match("POST", "/api/v1/messages/..", "/api/v1/messages/.."), 400);
    }

    private static void assertRefused(Route route, int status) {
        assertThatThrownBy(() -> route.endpoint().handle(request("/x")))
                .isInstanceOfSatisfying(ProxyException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private static ProxyRequest request(String path) {
        return new ProxyRequest("GET", path, new DefaultHttpHeaders(), new byte[0], null, "req_test");
    }
}
