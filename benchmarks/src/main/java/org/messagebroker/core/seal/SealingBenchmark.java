package org.messagebroker.core.seal;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.messagebroker.core.message.MessageContent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The proxy seals every message for the server, which opens it. The data key is wrapped once per
 * period (sealing) and unwrapped once per data key (opening); {@link #openWithNewDataKey} shows what a
 * per-message RSA unwrap would cost instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SealingBenchmark {

    @Param({"20", "1000"})
    int bodyLength;

    private EnvelopeSealer sealer;
    private KeyPair keys;
    private EnvelopeOpener opener;
    private MessageContent content;
    private final String messageId = UUID.randomUUID().toString();
    private String sealed;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        keys = generator.generateKeyPair();
        sealer = new EnvelopeSealer(keys.getPublic(), Clock.systemUTC());
        opener = new EnvelopeOpener(keys.getPrivate());
        content = new MessageContent("+4915200000000", "x".repeat(bodyLength));
        sealed = sealer.seal(messageId, content);
    }

    @Benchmark
    public String seal() {
        return sealer.seal(messageId, content);
    }

    @Benchmark
    public MessageContent open() {
        return opener.open(messageId, sealed);
    }

    @Benchmark
    public MessageContent openWithNewDataKey() {
        return new EnvelopeOpener(keys.getPrivate()).open(messageId, sealed);
    }
}
