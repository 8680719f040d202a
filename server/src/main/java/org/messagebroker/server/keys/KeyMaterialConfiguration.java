package org.messagebroker.server.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.messagebroker.core.seal.EnvelopeOpener;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the server's secrets from the files the installation created (mode 0600, never logged). */
@Configuration(proxyBeanMethods = false)
class KeyMaterialConfiguration {

    @Bean
    StorageCipher storageCipher(ServerSettings.Keys keys) {
        return StorageCipher.load(keys.storage());
    }

    @Bean
    BlindIndex blindIndex(ServerSettings.Keys keys) {
        return new BlindIndex(readKey(keys.blindIndex()));
    }

    @Bean
    EnvelopeOpener envelopeOpener(ServerSettings.Keys keys) {
        return new EnvelopeOpener(PemFiles.readPrivateKey(keys.sealingPrivate()));
    }

    @Bean
    SecretKey jwtSigningKey(ServerSettings.Keys keys) {
        return new SecretKeySpec(readKey(keys.jwt()), "HmacSHA256");
    }

    private static byte[] readKey(Path file) {
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
            if (key.length < 32) {
                throw new IllegalStateException("the key in " + file + " is shorter than 256 bits");
            }
            return WeakKeys.refuseWeak(key, "the key in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file, e);
        }
    }
}
