package org.messagebroker.server.keys;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Refuses secrets no installation should run with: keys whose bytes are all equal (zeros, say) and
 * keys carrying a published default such as Message Broker 1.0's {@code change_this_secret_in_production}.
 */
final class WeakKeys {

    private static final List<String> PUBLISHED_DEFAULTS = List.of("change_this", "change_in_production",
            "changeme", "secret", "password", "default");

    private WeakKeys() {
    }

    static byte[] refuseWeak(byte[] key, String what) {
        boolean allEqual = true;
        for (byte b : key) {
            allEqual &= b == key[0];
        }
        if (allEqual) {
            throw new IllegalStateException(what + " is trivial (every byte the same); generate a random key");
        }
        String text = new String(key, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String known : PUBLISHED_DEFAULTS) {
            if (text.contains(known)) {
                throw new IllegalStateException(what + " contains the published default '" + known
                        + "'; generate a random key");
            }
        }
        return key;
    }
}
