package org.messagebroker.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.core.tls.PemFiles;

class EnvelopeTest {

    private static final MessageContent CONTENT = new MessageContent("+4915200000000", "héllo \uD83D\uDE00\nsecond line");

    /** The server's sealing key: RSA-3072 (envelope v1, installations before 1.1) or X25519 (v2). */
    enum ServerKey {
        RSA("RSA", 3072), X25519("X25519", 0);

        private final KeyPair pair;

        ServerKey(String algorithm, int bits) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
                if (bits > 0) {
                    generator.initialize(bits);
                }
                pair = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        EnvelopeSealer sealer(Clock clock) {
            return new EnvelopeSealer(pair.getPublic(), clock);
        }

        EnvelopeOpener opener() {
            return new EnvelopeOpener(pair.getPrivate());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKey.class)
    void opensWhatWasSealedForTheSameMessage(ServerKey key) {
        String sealed = key.sealer(Clock.systemUTC()).seal("m-1", CONTENT);
        assertThat(sealed).startsWith(key == ServerKey.RSA ? "v1." : "v2.");
        assertThat(key.opener().open("m-1", sealed)).isEqualTo(CONTENT);
    }

    @ParameterizedTest
    @EnumSource(ServerKey.class)
    void sealedTextContainsNeitherNumberNorBody(ServerKey key) {
        String sealed = key.sealer(Clock.systemUTC()).seal("m-1", CONTENT);
        String decoded = new String(Base64.getUrlDecoder().decode(sealed.split("\\.")[2]), StandardCharsets.ISO_8859_1);
        assertThat(sealed + decoded).doesNotContain("4915200000000").doesNotContain("second line");
    }

    @ParameterizedTest
    @EnumSource(ServerKey.class)
    void sealingTheSameContentTwiceGivesDifferentCiphertexts(ServerKey key) {
        EnvelopeSealer sealer = key.sealer(Clock.systemUTC());
        assertThat(sealer.seal("m-1", CONTENT)).isNotEqualTo(sealer.seal("m-1", CONTENT));
    }

    @ParameterizedTest
    @EnumSource(ServerKey.class)
    void aPayloadMovedToAnotherMessageDoesNotOpen(ServerKey key) {
        String sealed = key.sealer(Clock.systemUTC()).seal("m-1", CONTENT);
        assertThatThrownBy(() -> key.opener().open("m-2", sealed)).isInstanceOf(SealedPayloadException.class);
    }

    @ParameterizedTest
    @EnumSource(ServerKey.class)
    void aTamperedPayloadDoesNotOpen(ServerKey key) {
        String sealed = key.sealer(Clock.systemUTC()).seal("m-1", CONTENT);
        int last = sealed.length() - 2;
        String tampered = sealed.substring(0, last) + (sealed.charAt(last) == 'A' ? 'B' : 'A') + sealed.charAt(last + 1);
        assertThatThrownBy(() -> key.opener().open("m-1", tampered)).isInstanceOf(SealedPayloadException.class);
    }

    @ParameterizedTest
    @EnumSource(ServerKey.class)
    void malformedPayloadsAreRejectedNotCrashed(ServerKey key) {
        EnvelopeOpener opener = key.opener();
        for (String bad : new String[] {null, "", "v1", "v2", "v3.a.b", "v1.!!!.###", "v2.!!!.###", "v1.AAAA.AAAA",
                "v2.AAAA.AAAA", "v1..", "v2..", "a.b.c.d"}) {
            assertThatThrownBy(() -> opener.open("m-1", bad)).as(String.valueOf(bad))
                    .isInstanceOf(SealedPayloadException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKey.class)
    void theDataKeyIsReplacedAfterItsLifetime(ServerKey key) {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        EnvelopeSealer sealer = key.sealer(clock);
        String first = sealer.seal("m-1", CONTENT).split("\\.")[1];
        assertThat(sealer.seal("m-2", CONTENT).split("\\.")[1]).isEqualTo(first);
        clock.advance(Duration.ofMinutes(11));
        String later = sealer.seal("m-3", CONTENT);
        assertThat(later.split("\\.")[1]).isNotEqualTo(first);
        assertThat(key.opener().open("m-3", later)).isEqualTo(CONTENT);
    }

    @Test
    void aServerOpensOnlyTheVersionItsKeyMakes() {
        String v1 = ServerKey.RSA.sealer(Clock.systemUTC()).seal("m-1", CONTENT);
        String v2 = ServerKey.X25519.sealer(Clock.systemUTC()).seal("m-1", CONTENT);
        assertThatThrownBy(() -> ServerKey.X25519.opener().open("m-1", v1)).isInstanceOf(SealedPayloadException.class)
                .hasMessageContaining("v2 format");
        assertThatThrownBy(() -> ServerKey.RSA.opener().open("m-1", v2)).isInstanceOf(SealedPayloadException.class)
                .hasMessageContaining("v1 format");
    }

    @Test
    void theX25519EnvelopeCarriesAKeyOfFortyFourBytesInsteadOfThreeHundredEightyFour() {
        String v1 = ServerKey.RSA.sealer(Clock.systemUTC()).seal("m-1", CONTENT).split("\\.")[1];
        String v2 = ServerKey.X25519.sealer(Clock.systemUTC()).seal("m-1", CONTENT).split("\\.")[1];
        assertThat(Base64.getUrlDecoder().decode(v1)).hasSize(384);
        assertThat(Base64.getUrlDecoder().decode(v2)).hasSize(44);
    }

    @Test
    void anotherOrALowOrderEphemeralKeyDoesNotOpenAV2Envelope() throws Exception {
        String[] sealed = ServerKey.X25519.sealer(Clock.systemUTC()).seal("m-1", CONTENT).split("\\.");
        byte[] header = Base64.getUrlDecoder().decode(sealed[1]);
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(
                KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded());
        byte[] lowOrder = header.clone();
        Arrays.fill(lowOrder, header.length - 32, header.length, (byte) 0);
        for (String replaced : new String[] {other, Base64.getUrlEncoder().withoutPadding().encodeToString(lowOrder)}) {
            assertThatThrownBy(() -> ServerKey.X25519.opener().open("m-1", "v2." + replaced + "." + sealed[2]))
                    .isInstanceOf(SealedPayloadException.class);
        }
    }

    @Test
    void keysOfOtherKindsAreRefusedWhenTheSealerIsMade() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThatThrownBy(() -> new EnvelopeSealer(ec.getPublic(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA or X25519");
    }

    /**
     * The v2 data key is what the documented construction gives, computed by another implementation:
     * OpenSSL's X25519 ({@code pkeyutl -derive}) and HKDF-SHA256 ({@code kdf HKDF}, empty salt).
     */
    @Test
    void theV2DataKeyIsX25519ThenHkdfSha256AsOpenSslComputesIt(@TempDir Path dir) throws Exception {
        KeyPair server = ServerKey.X25519.pair;
        String header = ServerKey.X25519.sealer(Clock.systemUTC()).seal("m-1", CONTENT).split("\\.")[1];
        byte[] ephemeral = Base64.getUrlDecoder().decode(header);
        Path serverKey = dir.resolve("server.pem");
        Path ephemeralKey = dir.resolve("ephemeral.pem");
        Files.writeString(serverKey, PemFiles.pem("PRIVATE KEY", server.getPrivate().getEncoded()));
        Files.writeString(ephemeralKey, PemFiles.pem("PUBLIC KEY", ephemeral));
        Path shared = dir.resolve("shared.bin");
        run("openssl", "pkeyutl", "-derive", "-inkey", serverKey.toString(), "-peerkey", ephemeralKey.toString(),
                "-out", shared.toString());
        byte[] info = ("message-broker envelope v2 data key").getBytes(StandardCharsets.US_ASCII);
        String hkdf = run("openssl", "kdf", "-keylen", "32", "-kdfopt", "digest:SHA256",
                "-kdfopt", "hexkey:" + HexFormat.of().formatHex(Files.readAllBytes(shared)),
                "-kdfopt", "hexinfo:" + HexFormat.of().formatHex(info) + HexFormat.of().formatHex(ephemeral), "HKDF");
        assertThat(HexFormat.of().formatHex(KeyTransport.received(header, server.getPrivate()).getEncoded()))
                .isEqualTo(hkdf.strip().replace(":", "").toLowerCase());
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
