package org.messagebroker.cli.backup;

import java.util.Map;

/**
 * What a backup holds: the row count of every table, the SHA-256 of every entry, whether key material
 * is inside (encrypted). Written last into the archive as {@code manifest.json}.
 */
record Manifest(int format, String brokerVersion, String createdAt, String databaseVendor,
        Map<String, Long> tables, Map<String, String> entries, boolean keysIncluded) {

    static final int FORMAT = 1;
}
