package org.messagebroker.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA key is encrypted at rest, and its passphrase can live away from it. */
class CaKeyFileTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path elsewhere;

    @Test
    void aPassphraseFileOutsideTheDataDirectoryOpensTheKeyAndNothingBesideTheKeyDoes() throws Exception {
        Path passphrase = Files.writeString(elsewhere.resolve("ca-passphrase"), "a long random passphrase\n");
        KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        CaKeyFile.in(dataDir, Map.of("BROKER_CA_PASSPHRASE_FILE", passphrase.toString())).write(pair.getPrivate());

        assertThat(Files.readString(dataDir.resolve("ca/ca.key"))).contains("ENCRYPTED PRIVATE KEY");
        assertThat(dataDir.resolve("secrets/ca-passphrase")).doesNotExist();
        assertThat(CaKeyFile.in(dataDir, Map.of("BROKER_CA_PASSPHRASE_FILE", passphrase.toString())).read())
                .isEqualTo(pair.getPrivate());
        assertThatThrownBy(() -> CaKeyFile.in(dataDir, Map.of()).read()).hasMessageContaining("no CA passphrase");
        assertThatThrownBy(() -> CaKeyFile.in(dataDir, Map.of("BROKER_CA_PASSPHRASE", "wrong")).read())
                .hasMessageContaining("wrong passphrase");
    }

    @Test
    void withoutOneTheInstallationGeneratesAPassphraseReadableOnlyByItsOwner() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        CaKeyFile.in(dataDir, Map.of()).write(pair.getPrivate());
        Path generated = dataDir.resolve("secrets/ca-passphrase");
        assertThat(Files.getPosixFilePermissions(generated)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(CaKeyFile.in(dataDir, Map.of()).read()).isEqualTo(pair.getPrivate());
    }
}
