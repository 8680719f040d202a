package org.messagebroker.server.message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.messagebroker.core.delivery.DeliveryResponse.ItemResult;
import org.messagebroker.core.delivery.DeliveryResponse.Outcome;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.message.MessageValidator;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.seal.EnvelopeOpener;
import org.messagebroker.core.seal.SealedPayloadException;
import org.messagebroker.server.client.ClientRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a message is stored, whether a worker delivers it, an admin replays it or a worker reports
 * it failed: its client must be registered, the proxy's seal must open, the content pass the intake's
 * rules again, and the certificate it came with must not have been revoked before it was accepted; then
 * it is encrypted under the storage key ring and inserted once (unique message id).
 */
@Service
public class MessageStorage {

    private static final Logger log = LoggerFactory.getLogger(MessageStorage.class);

    private final EnvelopeOpener opener;
    private final MessageCrypto crypto;
    private final MessageWriter writer;
    private final ClientRepository clients;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public MessageStorage(EnvelopeOpener opener, MessageCrypto crypto, MessageWriter writer, ClientRepository clients,
            MeterRegistry meters, Clock clock, ApplicationEventPublisher events) {
        this.opener = opener;
        this.crypto = crypto;
        this.writer = writer;
        this.clients = clients;
        this.meters = meters;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Stores a delivered batch in one transaction (one insert) and answers a result per message, in the
     * batch's order: stored, already stored (a redelivery), or rejected for good with the reason.
     */
    @Transactional
    public List<ItemResult> storeDelivered(List<QueuedMessage> batch, String caller) {
        Set<String> known = clients.existing(batch.stream().map(QueuedMessage::clientId).collect(Collectors.toSet()));
        Instant now = clock.instant();
        List<StoredMessage> rows = new ArrayList<>(batch.size());
        Map<String, ItemResult> rejected = new HashMap<>();
        Map<QueuedMessage, Readable> opened = new LinkedHashMap<>();
        batch.forEach(message -> opened.put(message, open(message, known)));
        Map<String, Instant> revoked = clients.revokedAt(opened.values().stream().map(Readable::certificateSerial)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        for (QueuedMessage message : batch) {
            Readable readable = opened.get(message).unlessRevoked(message, revoked);
            if (readable.rejection() != null) {
                rejected.put(message.messageId(), new ItemResult(message.messageId(), Outcome.REJECTED,
                        readable.rejection()));
                log.warn("Rejected message {} of client {} from {}: {}", message.messageId(), message.clientId(), caller,
                        readable.rejection());
                count("main_server_messages_failed_total", message.clientId(), "rejected");
            } else {
                rows.add(StoredMessage.delivered(message.messageId(), message.clientId(), message.domain(),
                        readable.content(), message.queuedAt(), now));
            }
        }
        Set<String> inserted = writer.insertAllIfAbsent(rows);
        List<ItemResult> results = new ArrayList<>(batch.size());
        List<MessageEvents.DeliveredMessage> delivered = new ArrayList<>(inserted.size());
        for (QueuedMessage message : batch) {
            if (rejected.containsKey(message.messageId())) {
                results.add(rejected.get(message.messageId()));
            } else if (inserted.contains(message.messageId())) {
                // Message Broker 1.0 registered at the proxy and delivered later; here storing is both.
                count("main_server_messages_registered_total", message.clientId(), null);
                count("main_server_messages_delivered_total", message.clientId(), null);
                results.add(new ItemResult(message.messageId(), Outcome.STORED, null));
                delivered.add(new MessageEvents.DeliveredMessage(message.messageId(), message.clientId()));
            } else {
                results.add(new ItemResult(message.messageId(), Outcome.DUPLICATE, null));
            }
        }
        if (!delivered.isEmpty()) {
            events.publishEvent(new MessageEvents.Delivered(delivered));
        }
        return results;
    }

    /**
     * Stores a message a worker gave up on as {@code failed}, with the reason, the attempts and the time,
     * when it can be read and its client is known (otherwise only its dead letter tells of it).
     */
    public void storeFailed(QueuedMessage message, int attempts, String reason, Instant failedAt) {
        Readable readable = open(message, clients.existing(Set.of(message.clientId())));
        if (readable.certificateSerial() != null) {
            readable = readable.unlessRevoked(message, clients.revokedAt(Set.of(readable.certificateSerial())));
        }
        if (readable.rejection() == null) {
            writer.insertIfAbsent(StoredMessage.failed(message.messageId(), message.clientId(), message.domain(),
                    readable.content(), message.queuedAt(), attempts, reason, failedAt));
        }
    }

    private Readable open(QueuedMessage message, Set<String> knownClients) {
        if (!knownClients.contains(message.clientId())) {
            return Readable.rejected("unknown client " + message.clientId());
        }
        MessageContent content;
        try {
            content = opener.open(message.messageId(), message.sealed());
        } catch (SealedPayloadException e) {
            return Readable.rejected(e.getMessage());
        }
        List<MessageValidator.FieldError> errors = MessageValidator.validate(content.senderNumber(),
                content.messageBody());
        if (!errors.isEmpty()) {
            return Readable.rejected("invalid " + errors.getFirst().field());
        }
        return new Readable(crypto.encrypt(message.messageId(), content), content.certificateSerial(), null);
    }

    private void count(String name, String clientId, String reason) {
        counters.computeIfAbsent(name + '\u0000' + clientId + '\u0000' + reason, key -> reason == null
                ? meters.counter(name, "client_id", clientId)
                : meters.counter(name, "client_id", clientId, "reason", reason)).increment();
    }

    /** A message opened and encrypted for storage, with the certificate it came with, or why it cannot be stored. */
    private record Readable(MessageCrypto.EncryptedContent content, String certificateSerial, String rejection) {
        static Readable rejected(String reason) {
            return new Readable(null, null, reason);
        }

        /**
         * Rejected if it was accepted at or after its certificate's revocation: the proxies learn of a
         * revocation within seconds, and what they accepted in between is refused here.
         */
        Readable unlessRevoked(QueuedMessage message, Map<String, Instant> revokedAt) {
            Instant revoked = certificateSerial == null ? null : revokedAt.get(certificateSerial);
            if (rejection != null || revoked == null || message.queuedAt().isBefore(revoked)) {
                return this;
            }
            return rejected("certificate " + certificateSerial + " was revoked at " + revoked
                    + ", before the message was accepted at " + message.queuedAt());
        }
    }
}
