package org.messagebroker.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.core.BrokerVersion;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

/**
 * What the server is, for anyone who asks without a token: {@code GET /} answers as Message Broker 1.0 did
 * (service, version, status, where the documentation is), and the API's description is served as YAML
 * and as JSON, each with its own media type.
 */
@RestController
class ServiceController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final String openApiYaml;
    private final Object openApi;

    ServiceController() {
        try (InputStream in = new ClassPathResource("static/openapi.yaml").getInputStream()) {
            openApiYaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI description is missing from the build", e);
        }
        openApi = new Yaml().load(openApiYaml);
    }

    @GetMapping("/")
    Map<String, Object> service() {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("service", "Message Broker Main Server");
        service.put("version", BrokerVersion.get());
        service.put("status", "running");
        service.put("documentation", "/openapi.json");
        return service;
    }

    @GetMapping("/openapi.yaml")
    ResponseEntity<String> openApiYaml() {
        return ResponseEntity.ok().contentType(YAML).body(openApiYaml);
    }

    @GetMapping(path = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Object openApiJson() {
        return openApi;
    }
}
