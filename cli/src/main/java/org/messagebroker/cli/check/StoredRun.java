package org.messagebroker.cli.check;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.messagebroker.cli.bench.Ledger;
import org.messagebroker.server.keys.StorageCipher;
import org.messagebroker.server.storage.DbTime;
import org.messagebroker.server.message.MessageCrypto;

/**
 * What the server's database holds of one run: every stored row whose decrypted body carries the run's
 * marker ({@code chk:RUN:SEQ}), rows that cannot be decrypted, and the dead-lettered message ids.
 */
record StoredRun(List<Row> rows, int undecryptable, Set<String> deadLettered) {

    static StoredRun read(Connection db, StorageCipher cipher, String run, Instant since) throws SQLException {
        String prefix = Ledger.markerPrefix(run);
        List<Row> rows = new ArrayList<>();
        int undecryptable = 0;
        try (PreparedStatement select = db.prepareStatement("SELECT message_id, sender_number_encrypted, encrypted_body,"
                + " encryption_key_version FROM messages WHERE queued_at >= ?")) {
            select.setObject(1, DbTime.utc(since));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    try {
                        String body = cipher.decrypt(rs.getInt(4), rs.getString(3), MessageCrypto.bodyAssociatedData(id));
                        if (body.startsWith(prefix)) {
                            String sender = cipher.decrypt(rs.getInt(4), rs.getString(2), MessageCrypto.senderAssociatedData(id));
                            rows.add(new Row(id, body.substring(prefix.length()), sender));
                        }
                    } catch (StorageCipher.UndecryptableException e) {
                        undecryptable++;
                    }
                }
            }
        }
        Set<String> deadLettered = new HashSet<>();
        try (PreparedStatement select = db.prepareStatement("SELECT message_id FROM dead_letters WHERE queued_at >= ?")) {
            select.setObject(1, DbTime.utc(since));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    deadLettered.add(rs.getString(1));
                }
            }
        }
        return new StoredRun(rows, undecryptable, deadLettered);
    }

    static StorageCipher storageKeys(Path dataDir) {
        return StorageCipher.load(dataDir.resolve("secrets/storage-keys"));
    }

    /** {@code seq}: what followed the run's marker in the body, normally the attempt's sequence number. */
    record Row(String messageId, String seq, String senderNumber) {
    }
}
