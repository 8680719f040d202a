package org.messagebroker.server.ca;

import java.nio.file.Path;
import org.messagebroker.core.tls.PemFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The installation's CA, loaded from the files the installation created. */
@Configuration(proxyBeanMethods = false)
class CaConfiguration {

    @Bean
    CertificateAuthority certificateAuthority(@Value("${broker.data-dir}") Path dataDir,
            @Value("${broker.ca.passphrase:}") String passphrase) {
        return new CertificateAuthority(PemFiles.readCertificate(dataDir.resolve("ca/ca.crt")),
                new CaKeyFile(dataDir, passphrase).read());
    }
}
