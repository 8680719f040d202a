package org.messagebroker.cli.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.messagebroker.server.keys.StorageCipher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code broker keys rotate}: adds a storage key version; the server moves every row to it. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manages the server's storage keys.",
        subcommands = {KeysCommand.Rotate.class})
public class KeysCommand {

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Adds a new storage key version to DIR/secrets/storage-keys.",
                    "New messages are encrypted with it at once; a running server notices the change within",
                    "seconds and re-encrypts older messages in the background (see GET /admin/keys)."})
    static class Rotate implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:BROKER_DATA_DIR:-./data}",
                description = "The server's data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Override
        public Integer call() {
            Path ring = dataDir.resolve("secrets/storage-keys");
            if (Files.notExists(ring)) {
                System.err.println("broker: no storage key ring at " + ring + "; is this a server's data directory?");
                return 1;
            }
            int version = StorageCipher.addVersion(ring);
            System.out.println("Added storage key version " + version + " to " + ring + ".");
            return 0;
        }
    }
}
