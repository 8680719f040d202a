package org.messagebroker.core.intake;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.messagebroker.core.queue.GroupCommit;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.seal.EnvelopeSealer;
import org.messagebroker.core.tls.PemFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The intake as every entry point uses it: sealing for the server, and group commit into the queue. */
@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

    /** Enqueues written together at most: one transaction or one Redis call. */
    static final int MAX_BATCH = 256;

    @Bean
    EnvelopeSealer envelopeSealer(@Value("${broker.sealing.public-key}") Path serverKey, Clock clock) {
        return new EnvelopeSealer(PemFiles.readPublicKey(serverKey), clock);
    }

    @Bean(destroyMethod = "close")
    GroupCommit groupCommit(MessageQueue queue, @Value("${broker.intake.backlog}") long backlog,
            @Value("${broker.intake.linger}") Duration linger) {
        return queue.sharesWriterWithConsumers() ? new GroupCommit(queue, MAX_BATCH, backlog, linger)
                : new GroupCommit(queue, MAX_BATCH);
    }

    @Bean
    MessageIntake messageIntake(GroupCommit groupCommit, EnvelopeSealer sealer, Clock clock) {
        return new MessageIntake(groupCommit, sealer, clock);
    }
}
