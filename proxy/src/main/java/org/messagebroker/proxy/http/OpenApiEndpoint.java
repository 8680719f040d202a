package org.messagebroker.proxy.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code GET /api/v1/openapi.yaml}: the client API's description, as YAML. */
@Component
class OpenApiEndpoint implements Routes {

    private static final String OPENAPI = "static/api/v1/openapi.yaml";

    private final byte[] openApi;

    OpenApiEndpoint() {
        try (InputStream in = OpenApiEndpoint.class.getClassLoader().getResourceAsStream(OPENAPI)) {
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("GET", "/api/v1/openapi.yaml", request -> ProxyResponse.of(200, "application/yaml",
                openApi)));
    }
}
