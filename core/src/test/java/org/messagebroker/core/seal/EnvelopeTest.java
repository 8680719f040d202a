package org.messagebroker.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.testing.MutableClock;

class EnvelopeTest {

    private static KeyPair serverKeys;
    private static final MessageContent CONTENT = new MessageContent("+4915200000000", "héllo \uD83D\uDE00\nsecond line");

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        serverKeys = generator.generateKeyPair();
    }

    @Test
    void opensWhatWasSealedForTheSameMessage() {
        String sealed = sealer(Clock.systemUTC()).seal("m-1", CONTENT);
        assertThat(new EnvelopeOpener(serverKeys.getPrivate()).open("m-1", sealed)).isEqualTo(CONTENT);
    }

    @Test
    void sealedTextContainsNeitherNumberNorBody() {
        String sealed = sealer(Clock.systemUTC()).seal("m-1", CONTENT);
        String decoded = new String(Base64.getUrlDecoder().decode(sealed.split("\\.")[2]), StandardCharsets.ISO_8859_1);
        assertThat(sealed + decoded).doesNotContain("4915200000000").doesNotContain("second line");
    }

    @Test
    void sealingTheSameContentTwiceGivesDifferentCiphertexts() {
        EnvelopeSealer sealer = sealer(Clock.systemUTC());
        assertThat(sealer.seal("m-1", CONTENT)).isNotEqualTo(sealer.seal("m-1", CONTENT));
    }

    @Test
    void aPayloadMovedToAnotherMessageDoesNotOpen() {
        String sealed = sealer(Clock.systemUTC()).seal("m-1", CONTENT);
        assertThatThrownBy(() -> new EnvelopeOpener(serverKeys.getPrivate()).open("m-2", sealed))
                .isInstanceOf(SealedPayloadException.class);
    }

    @Test
    void aTamperedPayloadDoesNotOpen() {
        String sealed = sealer(Clock.systemUTC()).seal("m-1", CONTENT);
        int last = sealed.length() - 2;
        String tampered = sealed.substring(0, last) + (sealed.charAt(last) == 'A' ? 'B' : 'A') + sealed.charAt(last + 1);
        assertThatThrownBy(() -> new EnvelopeOpener(serverKeys.getPrivate()).open("m-1", tampered))
                .isInstanceOf(SealedPayloadException.class);
    }

    @Test
    void malformedPayloadsAreRejectedNotCrashed() {
        EnvelopeOpener opener = new EnvelopeOpener(serverKeys.getPrivate());
        for (String bad : new String[] {null, "", "v1", "v2.a.b", "v1.!!!.###", "v1.AAAA.AAAA", "v1..", "a.b.c.d"}) {
            assertThatThrownBy(() -> opener.open("m-1", bad)).as(String.valueOf(bad))
                    .isInstanceOf(SealedPayloadException.class);
        }
    }

    @Test
    void theDataKeyIsReplacedAfterItsLifetime() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        EnvelopeSealer sealer = sealer(clock);
        String first = sealer.seal("m-1", CONTENT).split("\\.")[1];
        assertThat(sealer.seal("m-2", CONTENT).split("\\.")[1]).isEqualTo(first);
        clock.advance(Duration.ofMinutes(11));
        String later = sealer.seal("m-3", CONTENT);
        assertThat(later.split("\\.")[1]).isNotEqualTo(first);
        assertThat(new EnvelopeOpener(serverKeys.getPrivate()).open("m-3", later)).isEqualTo(CONTENT);
    }

    private static EnvelopeSealer sealer(Clock clock) {
        return new EnvelopeSealer(serverKeys.getPublic(), clock);
    }
}
