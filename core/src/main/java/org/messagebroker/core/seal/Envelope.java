package org.messagebroker.core.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.messagebroker.core.message.MessageContent;

/**
 * The sealed-message format shared by the proxy (seals) and the server (opens):
 * {@code v1.<data key wrapped with RSA-OAEP-SHA256>.<96-bit nonce + AES-256-GCM ciphertext>}, both parts
 * base64url, with the message id as additional authenticated data so a payload cannot be moved to
 * another message.
 */
final class Envelope {

    static final String VERSION = "v1";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final String WRAP_TRANSFORMATION = "RSA/ECB/OAEPPadding";
    static final OAEPParameterSpec OAEP_SHA256 = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
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
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(messageId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
