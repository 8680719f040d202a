package org.messagebroker.cli.backup;

import org.messagebroker.cli.database.DatabaseOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.messagebroker.core.BrokerVersion;
import org.messagebroker.server.backup.DatabaseDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code broker backup}: a consistent, checksummed snapshot of the server's database and files. */
@Command(name = "backup", mixinStandardHelpOptions = true, subcommands = VerifyBackupCommand.class,
        description = {"Writes broker-backup-<time>.zip: the server database (one consistent snapshot, taken while",
                "the server runs), certificates and CRL, a manifest with row counts and SHA-256 checksums.",
                "Key material is left out unless --include-keys, and then only encrypted with a passphrase.",
                "Message bodies and sender numbers stay encrypted under the storage keys inside the backup."})
public class BackupCommand implements Callable<Integer> {

    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:BROKER_DATA_DIR:-./data}",
            description = "The server's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "${env:BROKER_BACKUP_DIR:-./backups}",
            description = "Where backups go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--include-keys", description = "Also store the keys and secrets, encrypted with the passphrase.")
    boolean includeKeys;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "File holding the backup passphrase.")
    Path passphraseFile;

    @Option(names = "--keep-days", paramLabel = "DAYS", defaultValue = "30",
            description = "Delete backups in the output directory older than this (default: ${DEFAULT-VALUE}; 0 keeps all).")
    int keepDays;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Override
    public Integer call() throws Exception {
        if (includeKeys && passphraseFile == null) {
            throw new BackupFailure("key material is only backed up encrypted; give --passphrase-file FILE");
        }
        char[] passphrase = includeKeys ? Passphrases.read(passphraseFile) : null;
        Files.createDirectories(out);
        Instant now = Instant.now();
        Path file = out.resolve("broker-backup-" + STAMP.format(now) + ".zip");
        Path partial = out.resolve(file.getFileName() + ".partial");
        Map<String, Long> tables;
        // Owner-only: the dump holds e-mail addresses and password hashes, like the database itself.
        try (OutputStream stream = Files.newOutputStream(Files.createFile(partial, OWNER_ONLY));
                BackupArchive.Writer archive = new BackupArchive.Writer(stream)) {
            tables = exportDatabase(archive);
            for (Map.Entry<String, byte[]> f : DataDirFiles.collect(dataDir, false).entrySet()) {
                archive.put(BackupArchive.FILES + f.getKey(), f.getValue());
            }
            if (includeKeys) {
                archive.put(BackupArchive.KEYS,
                        PassphraseCipher.seal(passphrase, DataDirFiles.zip(DataDirFiles.collect(dataDir, true))));
            }
            archive.finish(new Manifest(Manifest.FORMAT, BrokerVersion.get(), now.toString(),
                    database.vendor(dataDir).name().toLowerCase(), tables, archive.checksums(), includeKeys));
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("Backup written: %s (%d bytes)%n", file, Files.size(file));
        tables.forEach((table, rows) -> System.out.printf("  %-15s %d rows%n", table, rows));
        System.out.println(includeKeys ? "Key material included, encrypted with the passphrase."
                : "Key material NOT included: keep a copy of " + dataDir.resolve("secrets") + " and "
                        + dataDir.resolve("ca") + " somewhere safe, or the messages cannot be read after a restore.");
        Retention.prune(out, keepDays, file);
        return 0;
    }

    private Map<String, Long> exportDatabase(BackupArchive.Writer archive) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = database.connect(dataDir)) {
            DatabaseDump.snapshot(connection, () -> {
                for (String table : DatabaseDump.TABLES) {
                    try (OutputStream entry = archive.entry(TableImport.entry(table));
                            Writer writer = new OutputStreamWriter(entry, StandardCharsets.UTF_8)) {
                        counts.put(table, DatabaseDump.export(connection, table, writer));
                    }
                }
                return null;
            });
        }
        return counts;
    }
}
