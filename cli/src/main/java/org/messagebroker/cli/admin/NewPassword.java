package org.messagebroker.cli.admin;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A new password for a user: from a file, from {@code BROKER_NEW_PASSWORD}, or typed twice at a prompt. */
final class NewPassword {

    private NewPassword() {
    }

    static String read(Path file) {
        try {
            if (file != null) {
                return Files.readString(file).trim();
            }
        } catch (IOException e) {
            throw new AdminConnection.AdminException("cannot read " + file);
        }
        String fromEnvironment = System.getenv("BROKER_NEW_PASSWORD");
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (console == null) {
            throw new AdminConnection.AdminException(
                    "no new password: use --new-password-file or BROKER_NEW_PASSWORD when not on a terminal");
        }
        String first = new String(console.readPassword("New password: "));
        if (!first.equals(new String(console.readPassword("Again: ")))) {
            throw new AdminConnection.AdminException("the passwords do not match");
        }
        return first;
    }
}
