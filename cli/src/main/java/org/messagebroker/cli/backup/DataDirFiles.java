package org.messagebroker.cli.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The files of a data directory, apart from the database itself. Certificates and CRLs are public;
 * every other file (keys, passphrases, passwords) is treated as secret and leaves the machine only
 * inside the passphrase-encrypted key bundle.
 */
final class DataDirFiles {

    private static final List<String> SKIPPED_DIRECTORIES = List.of("db", "logs");
    private static final List<String> PUBLIC_SUFFIXES = List.of(".crt", ".crl", ".pem.crl", ".der");

    private DataDirFiles() {
    }

    /** Relative path → content of every file, split by whether it may be stored in clear. */
    static Map<String, byte[]> collect(Path dataDir, boolean secret) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path relative = dataDir.relativize(file);
                if (SKIPPED_DIRECTORIES.contains(relative.getName(0).toString())) {
                    continue;
                }
                if (isPublic(relative) != secret) {
                    files.put(relative.toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    static boolean isPublic(Path relative) {
        String name = relative.getFileName().toString();
        return PUBLIC_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, byte[]> unzip(byte[] bundle) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        }
        return files;
    }

    /** Resolves a stored path inside the data directory, refusing any that would escape it. */
    static Path target(Path dataDir, String relative) {
        Path target = dataDir.resolve(relative).normalize();
        if (!target.startsWith(dataDir.normalize())) {
            throw new BackupFailure("entry " + relative + " points outside the data directory");
        }
        return target;
    }

    /** Writes a file; secret ones readable by the owner only, as the installation created them. */
    static void write(Path target, byte[] content, boolean secret) throws IOException {
        Files.createDirectories(target.getParent());
        if (secret && Files.getFileStore(target.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(target, content);
    }
}
