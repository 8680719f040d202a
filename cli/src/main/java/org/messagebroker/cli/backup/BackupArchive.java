package org.messagebroker.cli.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.json.JsonMapper;

/** The backup file: a zip of entries, each listed with its SHA-256 in {@code manifest.json}. */
final class BackupArchive {

    static final String MANIFEST = "manifest.json";
    static final String KEYS = "keys.enc";
    static final String FILES = "files/";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private BackupArchive() {
    }

    /** Writes entries one after another, digesting each; {@link #finish} adds the manifest. */
    static final class Writer implements AutoCloseable {
        private final ZipOutputStream zip;
        private final Map<String, String> checksums = new TreeMap<>();

        Writer(OutputStream out) {
            this.zip = new ZipOutputStream(out);
        }

        /** A stream for one entry; close it before starting the next. */
        OutputStream entry(String name) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            MessageDigest digest = sha256();
            return new FilterOutputStream(new DigestOutputStream(zip, digest)) {
                private boolean closed;

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    flush();
                    zip.closeEntry();
                    checksums.put(name, HexFormat.of().formatHex(digest.digest()));
                }
            };
        }

        void put(String name, byte[] content) throws IOException {
            try (OutputStream out = entry(name)) {
                out.write(content);
            }
        }

        Map<String, String> checksums() {
            return Map.copyOf(checksums);
        }

        void finish(Manifest manifest) throws IOException {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    /** Opens a backup after checking every entry against the manifest; nothing unlisted may be inside. */
    static Opened open(Path file) throws IOException {
        ZipFile zip = new ZipFile(file.toFile());
        try {
            ZipEntry manifestEntry = zip.getEntry(MANIFEST);
            if (manifestEntry == null) {
                throw new BackupFailure(file + " is not a broker backup (no manifest.json)");
            }
            Manifest manifest;
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest = JSON.readValue(in, Manifest.class);
            }
            if (manifest.format() != Manifest.FORMAT) {
                throw new BackupFailure("backup format " + manifest.format() + " is not supported");
            }
            for (ZipEntry entry : zip.stream().toList()) {
                String expected = manifest.entries().get(entry.getName());
                if (!entry.getName().equals(MANIFEST) && expected == null) {
                    throw new BackupFailure("entry " + entry.getName() + " is not in the manifest");
                }
            }
            for (Map.Entry<String, String> listed : manifest.entries().entrySet()) {
                ZipEntry entry = zip.getEntry(listed.getKey());
                if (entry == null || !listed.getValue().equals(checksum(zip, entry))) {
                    throw new BackupFailure("checksum mismatch for " + listed.getKey()
                            + ": the backup is damaged or was altered; refusing to use it");
                }
            }
            return new Opened(zip, manifest);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static String checksum(ZipFile zip, ZipEntry entry) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A verified backup. */
    record Opened(ZipFile zip, Manifest manifest) implements AutoCloseable {
        boolean holds(String name) {
            return manifest.entries().containsKey(name);
        }

        InputStream read(String name) throws IOException {
            return zip.getInputStream(zip.getEntry(name));
        }

        /** The public files (certificates, CRL), by path in the data directory. */
        Map<String, byte[]> publicFiles() throws IOException {
            Map<String, byte[]> files = new TreeMap<>();
            for (String name : manifest.entries().keySet()) {
                if (name.startsWith(FILES)) {
                    try (InputStream in = read(name)) {
                        files.put(name.substring(FILES.length()), in.readAllBytes());
                    }
                }
            }
            return files;
        }

        /** The decrypted key material, by path in the data directory; empty when the backup has none. */
        Map<String, byte[]> keys(char[] passphrase) throws IOException {
            if (!manifest.keysIncluded()) {
                return Map.of();
            }
            if (passphrase == null) {
                throw new BackupFailure("this backup holds encrypted key material; give --passphrase-file FILE");
            }
            try (InputStream in = read(KEYS)) {
                return DataDirFiles.unzip(PassphraseCipher.open(passphrase, in.readAllBytes()));
            }
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

}
