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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the server's secrets from the files the installation created (mode 0600, never logged). */
@Configuration(proxyBeanMethods = false)
class KeyMaterialConfiguration {

    @Bean
    StorageCipher storageCipher(@Value("${broker.keys.storage}") Path file) {
        return StorageCipher.load(file);
    }

    @Bean
    BlindIndex blindIndex(@Value("${broker.keys.blind-index}") Path file) {
        return new BlindIndex(readKey(file));
    }

    @Bean
    EnvelopeOpener envelopeOpener(@Value("${broker.keys.sealing-private}") Path file) {
        return new EnvelopeOpener(PemFiles.readPrivateKey(file));
    }

    @Bean
    SecretKey jwtSigningKey(@Value("${broker.keys.jwt}") Path file) {
        return new SecretKeySpec(readKey(file), "HmacSHA256");
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
