package org.messagebroker.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void theSameNumberAlwaysGivesTheSameIndexUnderOneKey() {
        BlindIndex index = new BlindIndex(randomKey());
        assertThat(index.of("+4915200000000")).isEqualTo(index.of("+4915200000000")).hasSize(64)
                .isNotEqualTo(index.of("+4915200000001"));
    }

    @Test
    void anotherInstallationsKeyGivesAnotherIndex() {
        assertThat(new BlindIndex(randomKey()).of("+4915200000000"))
                .isNotEqualTo(new BlindIndex(randomKey()).of("+4915200000000"));
    }

    /**
     * The attack on the original: with the (default, public) salt one hashes candidate numbers until
     * one matches. Without the key, hashing the true number, salted or not, never meets the index.
     */
    @Test
    void hashingCandidateNumbersWithoutTheKeyFindsNothing() throws Exception {
        String number = "+4915200000000";
        String stored = new BlindIndex(randomKey()).of(number);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String salt : new String[] {"", "message_broker_salt_change_in_production"}) {
            for (long candidate = 4915199999990L; candidate <= 4915200000010L; candidate++) {
                String guess = HexFormat.of().formatHex(
                        sha256.digest((salt + "+" + candidate).getBytes(StandardCharsets.UTF_8)));
                assertThat(guess).isNotEqualTo(stored);
            }
        }
    }
}
