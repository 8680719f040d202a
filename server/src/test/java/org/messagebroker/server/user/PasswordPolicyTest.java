package org.messagebroker.server.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.messagebroker.core.errors.Rejection;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"password", "12345678", "qwertyuiop", "password1", "iloveyou", "abcdefgh",
            "aaaaaaaaaaaa", "Password123"})
    void guessablePasswordsAreRefusedWithAHint(String password) {
        assertThatThrownBy(() -> PasswordPolicy.check(password))
                .isInstanceOf(Rejection.Invalid.class)
                .hasMessageContaining("too easy to guess");
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "a new and longer secret", "Tr0ub4dor&3 battery",
            "kV9#pq2!Lm7z"})
    void phrasesAndRandomPasswordsPass(String password) {
        assertThat(PasswordPolicy.check(password)).isEqualTo(password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "seven77"})
    void fewerThanEightCharactersAreRefused(String password) {
        assertThatThrownBy(() -> PasswordPolicy.check(password)).hasMessageContaining("at least 8 characters");
    }

    @Test
    void moreThanBcryptReadsIsRefusedRatherThanTruncated() {
        assertThatThrownBy(() -> PasswordPolicy.check("é".repeat(37))).hasMessageContaining("at most 72 bytes");
        assertThat(PasswordPolicy.check("Grüße aus Köln, Zürich & Genève")).hasSize(31);
    }
}
