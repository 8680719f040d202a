package org.messagebroker.core.message;

/** The confidential part of a message: what is sealed from the proxy to the server. */
public record MessageContent(String senderNumber, String messageBody) {

    @Override
    public String toString() {
        return "MessageContent[senderNumber=" + SenderNumbers.mask(senderNumber) + ", messageBody=<"
                + messageBody.length() + " chars>]";
    }
}
