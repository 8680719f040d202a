package org.messagebroker.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenderNumbersTest {

    @ParameterizedTest
    @CsvSource({"+4915200000000, +491****0000", "+1234567890, +123****7890", "+1234567, +12****67"})
    void masksAsTheOriginalDidButFromTheRealNumber(String number, String masked) {
        assertThat(SenderNumbers.mask(number)).isEqualTo(masked);
    }

    @org.junit.jupiter.api.Test
    void contentNeverPrintsTheNumberOrBody() {
        assertThat(new MessageContent("+4915200000000", "secret body").toString())
                .doesNotContain("4915200000000").doesNotContain("secret body");
    }
}
