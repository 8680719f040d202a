package org.messagebroker.server.message;

import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.message.SenderNumbers;
import org.messagebroker.server.keys.BlindIndex;
import org.messagebroker.server.keys.StorageCipher;
import org.springframework.stereotype.Component;

/** Turns message content into its stored, encrypted columns and back. */
@Component
public class MessageCrypto {

    private static final String SENDER = "/sender_number";
    private static final String BODY = "/message_body";

    private final StorageCipher cipher;
    private final BlindIndex blindIndex;

    public MessageCrypto(StorageCipher cipher, BlindIndex blindIndex) {
        this.cipher = cipher;
        this.blindIndex = blindIndex;
    }

    public EncryptedContent encrypt(String messageId, MessageContent content) {
        int version = cipher.currentVersion();
        return new EncryptedContent(blindIndex.of(content.senderNumber()),
                cipher.encrypt(version, content.senderNumber(), senderAssociatedData(messageId)),
                cipher.encrypt(version, content.messageBody(), bodyAssociatedData(messageId)), version);
    }

    /** The same content under the current key version, for re-encryption after a rotation. */
    public EncryptedContent reencrypt(StoredMessage m) {
        return encrypt(m.messageId(), new MessageContent(sender(m), body(m)));
    }

    public int currentVersion() {
        return cipher.currentVersion();
    }

    public String body(StoredMessage m) {
        return cipher.decrypt(m.keyVersion(), m.encryptedBody(), bodyAssociatedData(m.messageId()));
    }

    /** Binds a body's ciphertext to its message, so it cannot be moved to another row. */
    public static String bodyAssociatedData(String messageId) {
        return messageId + BODY;
    }

    public static String senderAssociatedData(String messageId) {
        return messageId + SENDER;
    }

    public String maskedSender(StoredMessage m) {
        return SenderNumbers.mask(sender(m));
    }

    public String sender(StoredMessage m) {
        return cipher.decrypt(m.keyVersion(), m.senderNumberEncrypted(), senderAssociatedData(m.messageId()));
    }

    public record EncryptedContent(String senderHash, String sender, String body, int keyVersion) {
    }
}
