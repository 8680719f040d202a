package org.messagebroker.portal.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A file of a certificate just issued, offered for download from the page itself as a {@code data:} URL:
 * the server keeps no generated key, so there is no later URL to fetch it from.
 */
public record Download(String id, String name, String label, String href) {

    static List<Download> of(JsonNode issued) {
        String client = issued.path("client_id").asString();
        List<Download> files = new ArrayList<>();
        files.add(pem("download-certificate", client + ".crt", "Certificate (.crt)", issued.path("certificate")));
        if (issued.hasNonNull("private_key")) {
            files.add(pem("download-key", client + ".key", "Private key (.key)", issued.path("private_key")));
        }
        if (issued.hasNonNull("pkcs12")) {
            files.add(new Download("download-pkcs12", client + ".p12", "PKCS#12 (.p12)",
                    "data:application/x-pkcs12;base64," + issued.path("pkcs12").asString()));
        }
        files.add(pem("download-ca", "ca.crt", "CA certificate (ca.crt)", issued.path("ca_certificate")));
        return files;
    }

    private static Download pem(String id, String name, String label, JsonNode text) {
        return new Download(id, name, label, "data:application/x-pem-file;base64,"
                + Base64.getEncoder().encodeToString(text.asString().getBytes(StandardCharsets.UTF_8)));
    }
}
