package org.messagebroker.systemtests.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.messagebroker.systemtests.harness.CommandRun.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.systemtests.harness.RunningBroker;

/** Back up a running broker, wipe it, restore onto a new installation: every message is readable again. */
class BackupRestoreTest {

    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path original;
    @TempDir
    Path restored;
    @TempDir
    Path work;

    /** Backed up from one database and restored into a fresh one of the same vendor. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyMessageIsReadableAfterBackupWipeAndRestore(TestDatabase database) throws Exception {
        Path passphrase = Files.writeString(work.resolve("passphrase"), PASSPHRASE);
        Path backups = work.resolve("backups");
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        String adminPassword;
        try (RunningBroker running = new RunningBroker(original, List.of(Role.SERVER, Role.WORKER, Role.PROXY),
                serverDatabase(database, "broker_backup_source"))) {
            String token = running.adminToken();
            for (int i = 0; i < 5; i++) {
                bodies.add("backed up message " + i + " – ünïcode, \"quotes\"\nand a new line");
                ids.add(running.submit(bodies.get(i)));
            }
            ids.forEach(id -> running.awaitDelivered(token, id));
            adminPassword = running.initialAdminPassword();
            String made = broker(0, with(database, "broker_backup_source", "backup", "--data-dir", original.toString(),
                    "--out", backups.toString(), "--include-keys", "--passphrase-file", passphrase.toString()));
            assertThat(made).containsPattern("messages\\s+5 rows").contains("Key material included");
        }
        Path backup = onlyFileIn(backups);
        assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(entries(backup)).contains("manifest.json", "keys.enc", "db/messages.jsonl", "files/ca.crt")
                .noneMatch(name -> name.endsWith(".key") || name.contains("secrets/"));

        String drill = broker(0, "backup", "verify", backup.toString(), "--passphrase-file", passphrase.toString(),
                "--data-dir", restored.toString());
        assertThat(drill).contains("decrypted 5 of a sample of 5").contains("Backup verified.");

        Map<String, Object> target = serverDatabase(database, "broker_backup_target");
        broker(0, with(database, "broker_backup_target", "restore", backup.toString(), "--data-dir",
                restored.toString(), "--passphrase-file", passphrase.toString()));
        assertThat(Files.getPosixFilePermissions(restored.resolve("secrets/storage-keys")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        for (String directory : List.of("secrets", "ca")) {
            assertThat(Files.getPosixFilePermissions(restored.resolve(directory))).as(directory)
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
        try (RunningBroker again = new RunningBroker(restored, List.of(Role.SERVER), target)) {
            assertThat(again.initialAdminPassword()).isEqualTo(adminPassword);
            String token = again.adminToken();
            for (int i = 0; i < ids.size(); i++) {
                assertThat(again.getJson(token, "/portal/messages/" + ids.get(i)).path("message_body").asString())
                        .isEqualTo(bodies.get(i));
            }
            assertThat(again.getJson(token, "/admin/audit/verify").path("valid").asBoolean()).isTrue();
        }
        assertThat(broker(1, with(database, "broker_backup_target", "restore", backup.toString(), "--data-dir",
                restored.toString(), "--passphrase-file", passphrase.toString()))).contains("empty installation");
    }

    /**
     * The server's settings for a fresh, empty database (none for SQLite: the data directory holds it). On
     * PostgreSQL `messages` is partitioned by month, so a partitioned table is backed up, and the restored one
     * is partitioned with its rows at the server's first start; MariaDB's run keeps the plain table.
     */
    private static Map<String, Object> serverDatabase(TestDatabase database, String name) {
        if (database == TestDatabase.SQLITE) {
            return Map.of();
        }
        database.drop(name);
        database.dataSource(name).close();
        return Map.of("DB_URL", database.url(name), "DB_USERNAME", database.user(), "DB_PASSWORD",
                database.password(), "broker.retention.partition-by-month", database == TestDatabase.POSTGRESQL);
    }

    /** The command line, pointed at the database (its password would come from $DB_PASSWORD; here it is empty). */
    private static String[] with(TestDatabase database, String name, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (database != TestDatabase.SQLITE) {
            all.addAll(List.of("--db-url", database.url(name), "--db-username", database.user()));
        }
        return all.toArray(String[]::new);
    }

    @Test
    void aDamagedBackupOrAWrongPassphraseIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path backups = work.resolve("backups");
        Path passphrase = Files.writeString(work.resolve("passphrase"), PASSPHRASE);
        try (RunningBroker running = new RunningBroker(original, List.of(Role.SERVER))) {
            running.adminToken();
        }
        assertThat(broker(1, "backup", "--data-dir", original.toString(), "--out", backups.toString(),
                "--include-keys")).contains("--passphrase-file");
        Path expired = Files.writeString(Files.createDirectories(backups).resolve("broker-backup-20200101-000000.zip"), "");
        Files.setLastModifiedTime(expired, FileTime.from(Instant.now().minus(Duration.ofDays(31))));
        broker(0, "backup", "--data-dir", original.toString(), "--out", backups.toString(), "--include-keys",
                "--passphrase-file", passphrase.toString());
        Path backup = onlyFileIn(backups); // the 31-day-old one fell to the 30-day retention

        Path wrong = Files.writeString(work.resolve("wrong"), "not the passphrase at all");
        assertThat(broker(1, "restore", backup.toString(), "--data-dir", restored.toString(), "--passphrase-file",
                wrong.toString())).contains("wrong passphrase");
        assertThat(broker(1, "restore", backup.toString(), "--data-dir", restored.toString()))
                .contains("--passphrase-file");

        Path altered = alter(backup, "db/users.jsonl", work.resolve("altered.zip"));
        assertThat(broker(1, "restore", altered.toString(), "--data-dir", restored.toString(), "--passphrase-file",
                passphrase.toString())).contains("checksum mismatch for db/users.jsonl");
        assertThat(broker(1, "backup", "verify", altered.toString())).contains("checksum mismatch");
        try (Stream<Path> left = Files.list(restored)) {
            assertThat(left).isEmpty();
        }
    }

    private static Path onlyFileIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            assertThat(all.getFirst().getFileName().toString()).matches("broker-backup-\\d{8}-\\d{6}\\.zip");
            return all.getFirst();
        }
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    /** A copy of the backup with one entry's content changed (an admin's hash swapped for an attacker's). */
    private static Path alter(Path backup, String entryName, Path copy) throws IOException {
        try (ZipFile in = new ZipFile(backup.toFile()); OutputStream file = Files.newOutputStream(copy);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> all = in.entries(); all.hasMoreElements();) {
                ZipEntry entry = all.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream content = in.getInputStream(entry)) {
                    byte[] bytes = content.readAllBytes();
                    out.write(entry.getName().equals(entryName)
                            ? new String(bytes, StandardCharsets.UTF_8).replace("$2", "$X").getBytes(StandardCharsets.UTF_8)
                            : bytes);
                }
                out.closeEntry();
            }
        }
        return copy;
    }
}
