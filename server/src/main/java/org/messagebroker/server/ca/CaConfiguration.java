package org.messagebroker.server.ca;

import java.nio.file.Path;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The installation's CA, loaded from the files the installation created. */
@Configuration(proxyBeanMethods = false)
class CaConfiguration {

    @Bean
    CertificateAuthority certificateAuthority(ServerSettings settings) {
        Path dataDir = settings.dataDir();
        return new CertificateAuthority(PemFiles.readCertificate(dataDir.resolve("ca/ca.crt")),
                new CaKeyFile(dataDir, settings.ca().passphrase()).read());
    }
}
