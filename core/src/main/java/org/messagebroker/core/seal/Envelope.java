package org.messagebroker.core.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.messagebroker.core.crypto.JdkCrypto;
import org.messagebroker.core.message.MessageContent;

/**
 * The sealed-message format shared by the proxy (seals) and the server (opens):
 * {@code <version>.<how the data key reaches the server>.<96-bit nonce + AES-256-GCM ciphertext>}, both parts
 * base64url, with the message id as additional authenticated data so a payload cannot be moved to
 * another message. The version names the key transport ({@link KeyTransport}: v1 RSA, v2 X25519).
 */
final class Envelope {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Envelope() {
    }

    static byte[] plaintext(MessageContent content) {
        // The number is validated E.164 and contains neither separator; the serial is hex.
        String origin = content.certificateSerial() == null ? content.senderNumber()
                : content.senderNumber() + " " + content.certificateSerial();
        return (origin + "\n" + content.messageBody()).getBytes(StandardCharsets.UTF_8);
    }

    static MessageContent content(byte[] plaintext) {
        String text = new String(plaintext, StandardCharsets.UTF_8);
        int separator = text.indexOf('\n');
        if (separator < 0) {
            throw new SealedPayloadException("sealed payload has no sender number");
        }
        String firstLine = text.substring(0, separator);
        int space = firstLine.indexOf(' ');
        return space < 0 ? new MessageContent(firstLine, text.substring(separator + 1))
                : new MessageContent(firstLine.substring(0, space), text.substring(separator + 1),
                        firstLine.substring(space + 1));
    }

    static Cipher gcm(int mode, SecretKey key, byte[] nonce, String messageId) throws GeneralSecurityException {
        Cipher cipher = JdkCrypto.aesGcm();
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(messageId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
