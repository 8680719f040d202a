package org.messagebroker.server.client;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a client id may be: the common name of the client's certificates (at most 64 characters), letters,
 * digits, '.', '_' and '-', starting with a letter or digit; never a component's name, which only the
 * installation's own certificates carry.
 */
public final class ClientIds {

    public static final int MAX_LENGTH = 64;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");
    private static final Set<String> RESERVED = Set.of("proxy", "worker", "server", "portal", "main-server", "ca");

    private ClientIds() {
    }

    /** Why {@code clientId} cannot name a client, or empty when it can. */
    public static Optional<String> problem(String clientId) {
        if (clientId == null || !SHAPE.matcher(clientId).matches()) {
            return Optional.of("client_id must be 1 to " + MAX_LENGTH
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (RESERVED.contains(clientId.toLowerCase(Locale.ROOT))) {
            return Optional.of("client_id " + clientId + " is reserved for the installation's own components");
        }
        return Optional.empty();
    }

    /** Whether {@code clientId} could name a client at all (for filters: anything else matches nothing). */
    public static boolean wellFormed(String clientId) {
        return clientId != null && SHAPE.matcher(clientId).matches();
    }
}
