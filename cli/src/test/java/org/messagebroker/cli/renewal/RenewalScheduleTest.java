package org.messagebroker.cli.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** When a certificate is due, and the durations the renewal options are written in. */
class RenewalScheduleTest {

    static final Instant ISSUED = Instant.parse("2026-11-01T00:00:00Z");

    private static X509Certificate validFor(Duration lifetime) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Principal name = new X500Principal("CN=acme");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(ISSUED), Date.from(ISSUED.plus(lifetime)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    @Test
    void byDefaultACertificateIsDueWhenTwoThirdsOfItsLifetimeHavePassed() throws Exception {
        RenewalSchedule schedule = new RenewalSchedule(RenewalSchedule.DEFAULT_SHARE, null);

        assertThat(schedule.dueAt(validFor(Duration.ofDays(90)))).isEqualTo(ISSUED.plus(Duration.ofDays(60)));
        assertThat(schedule.dueAt(validFor(Duration.ofMinutes(30)))).isEqualTo(ISSUED.plus(Duration.ofMinutes(20)));
    }

    @Test
    void aFixedTimeBeforeTheEndWinsOverTheShare() throws Exception {
        RenewalSchedule schedule = new RenewalSchedule(RenewalSchedule.DEFAULT_SHARE, Duration.ofDays(7));

        assertThat(schedule.dueAt(validFor(Duration.ofDays(90)))).isEqualTo(ISSUED.plus(Duration.ofDays(83)));
    }

    @Test
    void aShareOutsideTheLifetimeIsRefused() {
        assertThatThrownBy(() -> new RenewalSchedule(1.0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RenewalSchedule(0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsAreANumberAndAUnit() {
        assertThat(RenewalAgent.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RenewalAgent.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(RenewalAgent.duration(" 12h ")).isEqualTo(Duration.ofHours(12));
        assertThat(RenewalAgent.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> RenewalAgent.duration("7 days")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12h or 7d");
    }
}
