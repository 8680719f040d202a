package org.messagebroker.cli.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/** Deletes backups older than the retention period from the backup directory, never the newest one. */
final class Retention {

    private Retention() {
    }

    static void prune(Path directory, int keepDays, Path newest) throws IOException {
        if (keepDays <= 0) {
            return;
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(keepDays));
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("broker-backup-\\d{8}-\\d{6}\\.zip"))
                    .filter(f -> !f.equals(newest)).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.delete(file);
                    System.out.println("Deleted backup older than " + keepDays + " days: " + file);
                }
            }
        }
    }
}
