package org.messagebroker.cli.backup;

import org.messagebroker.cli.database.DatabaseOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code broker restore}: a backup onto an empty installation, after checking every checksum. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restores a backup made by 'broker backup' onto an empty installation: a data directory",
                "without conflicting files and a database the server has never started on. The backup's",
                "checksums are checked first; a damaged or altered backup is refused before anything is written."})
public class RestoreCommand implements Callable<Integer> {

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rwx------");

    @Parameters(paramLabel = "BACKUP", description = "The broker-backup-*.zip file.")
    Path backup;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:BROKER_DATA_DIR:-./data}",
            description = "The data directory to restore into (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "File holding the passphrase, when the backup includes key material.")
    Path passphraseFile;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Override
    public Integer call() throws Exception {
        try (BackupArchive.Opened opened = BackupArchive.open(backup)) {
            Map<String, byte[]> publicFiles = opened.publicFiles();
            Map<String, byte[]> keys = opened.keys(Passphrases.readIfGiven(passphraseFile));
            refuseConflicts(publicFiles);
            refuseConflicts(keys);
            createPrivateDirectories();
            database.migrate(dataDir);
            Map<String, Long> counts;
            try (Connection connection = database.connect(dataDir)) {
                counts = TableImport.run(opened, connection, database.vendor(dataDir));
            }
            write(publicFiles, false);
            write(keys, true);
            System.out.println("Restored " + backup + " (made " + opened.manifest().createdAt() + ") into " + dataDir);
            counts.forEach((table, rows) -> System.out.printf("  %-15s %d rows%n", table, rows));
            if (Files.notExists(dataDir.resolve("secrets/storage-keys"))) {
                System.out.println("No storage keys in " + dataDir.resolve("secrets")
                        + ": copy them from your key backup before starting the server, or messages stay unreadable.");
            }
        }
        return 0;
    }

    /** The data directory (if new), its secrets and its CA readable by the owner only (0700), as an installation's. */
    private void createPrivateDirectories() throws java.io.IOException {
        for (Path directory : List.of(dataDir, dataDir.resolve("secrets"), dataDir.resolve("ca"))) {
            if (Files.notExists(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else if (!directory.equals(dataDir)) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
            }
        }
    }

    private void refuseConflicts(Map<String, byte[]> files) throws java.io.IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = DataDirFiles.target(dataDir, file.getKey());
            if (Files.exists(target) && !Arrays.equals(Files.readAllBytes(target), file.getValue())) {
                throw new BackupFailure(target + " already exists with other content; restore only onto an empty"
                        + " installation");
            }
        }
    }

    private void write(Map<String, byte[]> files, boolean secret) throws java.io.IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = DataDirFiles.target(dataDir, file.getKey());
            if (Files.notExists(target)) {
                DataDirFiles.write(target, file.getValue(), secret);
            }
        }
    }
}
