package org.messagebroker.server.message;

import java.time.Instant;

/** What a message listing is narrowed to; null fields do not narrow. {@code senderHash} is the blind index. */
public record MessageFilter(String clientId, String status, Instant from, Instant to, String senderHash) {

    public static final MessageFilter ALL = new MessageFilter(null, null, null, null, null);

    public static MessageFilter of(String clientId, String status) {
        return new MessageFilter(clientId, status, null, null, null);
    }
}
