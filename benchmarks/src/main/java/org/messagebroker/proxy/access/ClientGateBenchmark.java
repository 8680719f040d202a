package org.messagebroker.proxy.access;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.messagebroker.core.intake.Origin;
import org.messagebroker.proxy.ProxySettings;
import org.messagebroker.proxy.http.ClientCertificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Who may send: reading the serial and common name from the verified certificate (once per connection),
 * and the gate's per-request decision on what was read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientGateBenchmark {

    private X509Certificate certificate;
    private ClientCertificate read;
    private ClientGate gate;

    @Setup
    public void setUp() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X500Name subject = new X500Name("CN=acme-billing, O=Message Broker clients");
        Instant now = Instant.now();
        certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new java.security.SecureRandom()), Date.from(now), Date.from(now.plusSeconds(3600)),
                subject, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        read = ClientCertificate.of(certificate);
        AccessList list = new AccessList(Map.of("acme-billing", new AccessList.Client("active", null)), Set.of("ff"));
        gate = new ClientGate(AccessSource.of(() -> list), new SimpleMeterRegistry(),
                new ProxySettings(null, null, null, 100));
    }

    @Benchmark
    public ClientCertificate readCertificate() {
        return ClientCertificate.of(certificate);
    }

    @Benchmark
    public Origin admit() {
        return gate.admit(read);
    }
}
