package org.messagebroker.cli.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.messagebroker.core.DatabaseVendor;

/**
 * Where the embedded (SQLite) databases of a data directory are: the server's in {@code db/}, the queue in
 * {@code queue/}. The roles' settings files fall back to these URLs when DB_URL or QUEUE_JDBC_URL is unset.
 */
public final class EmbeddedDatabases {

    private EmbeddedDatabases() {
    }

    public static Path serverDatabase(Path dataDir) {
        return dataDir.resolve("db/broker.db");
    }

    public static Path queueDatabase(Path dataDir) {
        return dataDir.resolve("queue/queue.db");
    }

    /** The settings naming both URLs; creates their directories (owner only, as they hold sealed data). */
    public static Map<String, Object> settings(Path dataDir) {
        return Map.of("broker.embedded.database-url", url(serverDatabase(dataDir)),
                "broker.embedded.queue-url", url(queueDatabase(dataDir)));
    }

    static String url(Path file) {
        try {
            if (Files.notExists(file.getParent())) {
                Files.createDirectories(file.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        return DatabaseVendor.embeddedUrl(file);
    }
}
