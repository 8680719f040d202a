package org.messagebroker.server.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.messagebroker.core.tls.Fingerprints;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Records the demo client certificate the installation created, so the demo client may send at once. */
@Component
class DemoClientRegistration implements ApplicationRunner {

    private static final String DEMO_CLIENT = "demo-client";
    private final ClientRepository clients;
    private final Path certificate;

    DemoClientRegistration(ClientRepository clients, ServerSettings settings) {
        this.clients = clients;
        this.certificate = settings.dataDir().resolve("demo-client.crt");
    }

    @Override
    public void run(ApplicationArguments args) {
        if (Files.notExists(certificate) || clients.exists(DEMO_CLIENT)) {
            return;
        }
        X509Certificate cert = PemFiles.readCertificate(certificate);
        clients.register(DEMO_CLIENT, "default", cert.getSerialNumber().toString(16), Fingerprints.sha256(cert),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    }
}
