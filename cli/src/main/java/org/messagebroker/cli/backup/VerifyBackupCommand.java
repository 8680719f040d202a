package org.messagebroker.cli.backup;

import org.messagebroker.cli.database.DatabaseOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.server.keys.StorageCipher;
import org.messagebroker.server.message.MessageCrypto;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code broker backup verify}: the restore drill, run against a scratch database. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"The restore drill: checks every checksum, restores the database into a scratch SQLite",
                "database, compares row counts with the manifest and decrypts a sample of messages with the",
                "backup's keys (--passphrase-file) or this installation's (--data-dir). Exit 0 only if all pass."})
public class VerifyBackupCommand implements Callable<Integer> {

    private static final int SAMPLE = 20;

    @Parameters(paramLabel = "BACKUP", description = "The broker-backup-*.zip file.")
    Path backup;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Passphrase of the backup's key material, if it has any.")
    Path passphraseFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:BROKER_DATA_DIR:-./data}",
            description = "Where to find the storage keys when the backup has none (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        try (BackupArchive.Opened opened = BackupArchive.open(backup)) {
            System.out.println("Checksums: all " + opened.manifest().entries().size() + " entries match the manifest.");
            // A file database in a scratch directory, not an in-memory one: backups can outgrow the heap.
            Path scratchDir = Files.createTempDirectory("broker-verify");
            String url = DatabaseVendor.embeddedUrl(scratchDir.resolve("scratch.db"));
            DatabaseOptions.migrate(url, "", "", DatabaseVendor.SQLITE);
            try (Connection scratch = DriverManager.getConnection(url)) {
                Map<String, Long> restored = TableImport.run(opened, scratch, DatabaseVendor.SQLITE);
                boolean countsMatch = compare(opened.manifest().tables(), restored);
                StorageCipher cipher = storageKeys(opened);
                boolean sampleReadable = cipher == null || decryptSample(scratch, cipher);
                boolean passed = countsMatch && sampleReadable;
                System.out.println(passed ? "Backup verified." : "Backup verification FAILED.");
                return passed ? 0 : 1;
            } finally {
                FileSystemUtils.deleteRecursively(scratchDir);
            }
        }
    }

    private static boolean compare(Map<String, Long> expected, Map<String, Long> restored) {
        boolean match = true;
        for (Map.Entry<String, Long> table : expected.entrySet()) {
            Long rows = restored.get(table.getKey());
            boolean same = Objects.equals(rows, table.getValue());
            match &= same;
            System.out.printf("  %-15s manifest %d, restored %d%s%n", table.getKey(), table.getValue(), rows,
                    same ? "" : "  MISMATCH");
        }
        return match;
    }

    private StorageCipher storageKeys(BackupArchive.Opened opened) throws Exception {
        byte[] ring = opened.keys(Passphrases.readIfGiven(passphraseFile))
                .get("secrets/storage-keys");
        Path file;
        if (ring != null) {
            file = Files.write(Files.createTempFile("storage-keys", ""), ring); // owner-only, as temp files are
        } else if (Files.exists(dataDir.resolve("secrets/storage-keys"))) {
            file = dataDir.resolve("secrets/storage-keys");
        } else {
            System.out.println("Messages: not decrypted (no key material in the backup or " + dataDir + ").");
            return null;
        }
        try {
            return StorageCipher.load(file);
        } finally {
            if (ring != null) {
                Files.delete(file);
            }
        }
    }

    private static boolean decryptSample(Connection scratch, StorageCipher cipher) throws Exception {
        int read = 0;
        int failed = 0;
        try (PreparedStatement query = scratch.prepareStatement("SELECT message_id, encrypted_body,"
                + " encryption_key_version FROM messages ORDER BY RANDOM() LIMIT " + SAMPLE);
                ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                try {
                    cipher.decrypt(rs.getInt(3), rs.getString(2), MessageCrypto.bodyAssociatedData(rs.getString(1)));
                    read++;
                } catch (StorageCipher.UndecryptableException e) {
                    failed++;
                }
            }
        }
        System.out.println("Messages: decrypted " + read + " of a sample of " + (read + failed) + ".");
        return failed == 0;
    }
}
