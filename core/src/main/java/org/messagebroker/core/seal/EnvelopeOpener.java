package org.messagebroker.core.seal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import org.messagebroker.core.message.MessageContent;

/** Opens payloads sealed by {@link EnvelopeSealer}; only the server holds the private key. */
public final class EnvelopeOpener {

    private static final int CACHED_DATA_KEYS = 256;

    private final PrivateKey privateKey;
    private final String version;
    private final Map<String, SecretKey> dataKeys = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) {
            return size() > CACHED_DATA_KEYS;
        }
    };

    public EnvelopeOpener(PrivateKey privateKey) {
        this.privateKey = privateKey;
        this.version = KeyTransport.versionFor(privateKey);
    }

    public MessageContent open(String messageId, String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 3 || !version.equals(parts[0])) {
            throw new SealedPayloadException("sealed payload is not in the " + version
                    + " format this server's sealing key opens");
        }
        try {
            byte[] body = Envelope.B64D.decode(parts[2]);
            if (body.length <= Envelope.NONCE_BYTES) {
                throw new SealedPayloadException("sealed payload is truncated");
            }
            byte[] nonce = Arrays.copyOf(body, Envelope.NONCE_BYTES);
            byte[] plaintext = Envelope.gcm(Cipher.DECRYPT_MODE, dataKey(parts[1]), nonce, messageId)
                    .doFinal(body, Envelope.NONCE_BYTES, body.length - Envelope.NONCE_BYTES);
            return Envelope.content(plaintext);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedPayloadException("sealed payload cannot be opened", e);
        }
    }

    private SecretKey dataKey(String header) throws GeneralSecurityException {
        synchronized (dataKeys) {
            SecretKey key = dataKeys.get(header);
            if (key != null) {
                return key;
            }
        }
        SecretKey key = KeyTransport.received(header, privateKey);
        synchronized (dataKeys) {
            dataKeys.put(header, key);
        }
        return key;
    }
}
