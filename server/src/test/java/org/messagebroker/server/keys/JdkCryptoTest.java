package org.messagebroker.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.crypto.JdkCrypto;

/** The storage cipher, the blind index and the seal ask the JDK's provider directly, not the provider list. */
class JdkCryptoTest {

    @Test
    void thePrimitivesComeFromTheJdksOwnProviderEvenWhenAnotherIsPreferred() throws Exception {
        Security.insertProviderAt(new BouncyCastleProvider(), 1);
        try {
            assertThat(Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName()).as("the search").isEqualTo("BC");
            assertThat(Mac.getInstance("HmacSHA256").getProvider().getName()).as("the search").isEqualTo("BC");
            assertThat(JdkCrypto.aesGcm().getProvider().getName()).isEqualTo("SunJCE");
            assertThat(JdkCrypto.hmacSha256().getProvider().getName()).isEqualTo("SunJCE");
        } finally {
            Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        }
    }
}
