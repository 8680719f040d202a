package org.messagebroker.proxy.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.messagebroker.core.message.MessageValidator;
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

/** The proxy's per-request work before the queue: reading the JSON body strictly, then validating it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestParsingBenchmark {

    @Param({"20", "1000"})
    int bodyLength;

    private byte[] json;
    private SubmitRequest request;

    @Setup
    public void setUp() {
        String body = "é".repeat(bodyLength);
        json = ("{\"sender_number\":\"+4915200000000\",\"message_body\":\"" + body
                + "\",\"metadata\":{\"domain\":\"billing\"}}").getBytes(StandardCharsets.UTF_8);
        request = bind();
    }

    @Benchmark
    public SubmitRequest bind() {
        return SubmitParser.parse(json);
    }

    @Benchmark
    public List<MessageValidator.FieldError> validate() {
        return MessageValidator.validate(request.senderNumber(), request.messageBody());
    }
}
