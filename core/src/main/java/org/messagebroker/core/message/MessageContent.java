package org.messagebroker.core.message;

import org.jspecify.annotations.Nullable;

/**
 * What is sealed from the proxy to the server: the confidential part of a message, and the serial (hex)
 * of the client certificate it came with (null from the portal), which the seal keeps from being changed
 * on the way, so the server can refuse a message accepted after its certificate's revocation.
 */
public record MessageContent(String senderNumber, String messageBody, @Nullable String certificateSerial) {

    public MessageContent(String senderNumber, String messageBody) {
        this(senderNumber, messageBody, null);
    }

    @Override
    public String toString() {
        return "MessageContent[senderNumber=" + SenderNumbers.mask(senderNumber) + ", messageBody=<"
                + messageBody.length() + " chars>, certificateSerial=" + certificateSerial + "]";
    }
}
