package org.messagebroker.cli.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a backup passphrase from a file (first line), refusing one too short to resist guessing. */
final class Passphrases {

    static final int MINIMUM_LENGTH = 12;

    private Passphrases() {
    }

    /** The passphrase, or null when no file was given. */
    static char[] readIfGiven(Path file) throws IOException {
        return file == null ? null : read(file);
    }

    static char[] read(Path file) throws IOException {
        String passphrase = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        if (passphrase.length() < MINIMUM_LENGTH) {
            throw new BackupFailure("the passphrase in " + file + " is shorter than " + MINIMUM_LENGTH
                    + " characters");
        }
        return passphrase.toCharArray();
    }
}
