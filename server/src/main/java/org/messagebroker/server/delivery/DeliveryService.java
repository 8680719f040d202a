package org.messagebroker.server.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.messagebroker.core.delivery.DeliveryResponse.ItemResult;
import org.messagebroker.core.delivery.DeliveryResponse.Outcome;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.message.MessageValidator;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.seal.EnvelopeOpener;
import org.messagebroker.core.seal.SealedPayloadException;
import org.messagebroker.server.client.ClientRegistry;
import org.messagebroker.server.message.MessageCrypto;
import org.messagebroker.server.message.MessageCrypto.EncryptedContent;
import org.messagebroker.server.message.MessageStore;
import org.messagebroker.server.message.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores delivered messages exactly once: opens the proxy's seal, re-encrypts for storage and inserts
 * if the id is new. A batch is one transaction; the worker acknowledges only after it committed.
 */
@Service
public class DeliveryService {

    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

    private final EnvelopeOpener opener;
    private final MessageCrypto crypto;
    private final MessageStore store;
    private final ClientRegistry clients;
    private final MeterRegistry meters;
    private final Clock clock;

    public DeliveryService(EnvelopeOpener opener, MessageCrypto crypto, MessageStore store, ClientRegistry clients,
            MeterRegistry meters, Clock clock) {
        this.opener = opener;
        this.crypto = crypto;
        this.store = store;
        this.clients = clients;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Stores the batch in one transaction and answers a result per message, in the batch's order. Rows
     * are inserted in {@code message_id} order so that concurrent deliveries of overlapping batches
     * take their locks in the same order and cannot deadlock each other.
     */
    @Transactional
    public List<ItemResult> deliver(List<QueuedMessage> batch, String caller) {
        ItemResult[] results = new ItemResult[batch.size()];
        Integer[] order = IntStream.range(0, batch.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparing(i -> batch.get(i).messageId()));
        for (int i : order) {
            QueuedMessage message = batch.get(i);
            results[i] = deliverOne(message);
            if (results[i].outcome() == Outcome.REJECTED) {
                log.warn("Rejected message {} of client {} from {}: {}", message.messageId(), message.clientId(),
                        caller, results[i].reason());
            }
        }
        return List.of(results);
    }

    private ItemResult deliverOne(QueuedMessage message) {
        if (!clients.exists(message.clientId())) {
            return rejected(message, "unknown client " + message.clientId());
        }
        MessageContent content;
        try {
            content = opener.open(message.messageId(), message.sealed());
        } catch (SealedPayloadException e) {
            return rejected(message, e.getMessage());
        }
        List<MessageValidator.FieldError> errors = MessageValidator.validate(content.senderNumber(),
                content.messageBody());
        if (!errors.isEmpty()) {
            return rejected(message, "invalid " + errors.getFirst().field());
        }
        EncryptedContent encrypted = crypto.encrypt(message.messageId(), content);
        Instant now = clock.instant();
        boolean stored = store.insertIfAbsent(StoredMessage.delivered(message.messageId(), message.clientId(),
                message.domain(), encrypted, message.queuedAt(), now));
        if (stored) {
            // The original registered at the proxy and delivered later; here storing is both.
            meters.counter("main_server_messages_registered_total", "client_id", message.clientId()).increment();
            meters.counter("main_server_messages_delivered_total", "client_id", message.clientId()).increment();
            return new ItemResult(message.messageId(), Outcome.STORED, null);
        }
        return new ItemResult(message.messageId(), Outcome.DUPLICATE, null);
    }

    private ItemResult rejected(QueuedMessage message, String reason) {
        meters.counter("main_server_messages_failed_total", "client_id", message.clientId(), "reason", "rejected")
                .increment();
        return new ItemResult(message.messageId(), Outcome.REJECTED, reason);
    }
}
