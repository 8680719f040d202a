package org.messagebroker.proxy.http;

import java.io.IOException;
import java.net.http.HttpResponse;

/** Passes the main server's answer to a forwarded request back to the client as it is; 503 when it cannot. */
public final class ServerRelay {

    private ServerRelay() {
    }

    public static ProxyResponse relay(ServerCall call, String what) {
        HttpResponse<byte[]> answer;
        try {
            answer = call.send();
        } catch (IOException unreachable) {
            throw new ProxyException(503, what + " cannot be reached right now; retry later").header("Retry-After", "5");
        }
        if (answer.statusCode() >= 500) {
            throw new ProxyException(503, what + " is unavailable").header("Retry-After", "5");
        }
        return ProxyResponse.of(answer.statusCode(), answer.headers().firstValue("Content-Type")
                .orElse("application/json"), answer.body()).withHeader("Cache-Control", "no-store");
    }

    @FunctionalInterface
    public interface ServerCall {
        HttpResponse<byte[]> send() throws IOException;
    }
}
