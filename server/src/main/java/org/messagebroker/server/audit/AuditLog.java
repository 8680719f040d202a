package org.messagebroker.server.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.messagebroker.server.storage.DbTime;
import org.messagebroker.server.storage.Columns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit log. Each row carries the SHA-256 of its content and of the previous row's
 * hash, so an edited, inserted or deleted row breaks the chain that {@link #verify()} walks.
 * Rows are appended one at a time per server (the chain has one head).
 */
@Service
public class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Appends an event; runs in the caller's transaction, or in its own when there is none. */
    @Transactional(propagation = Propagation.REQUIRED)
    public synchronized void record(AuditEvent event) {
        String previous = jdbc.sql("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1")
                .query(String.class).optional().orElse(GENESIS);
        LocalDateTime at = DbTime.utc(clock.instant().truncatedTo(ChronoUnit.MICROS));
        String data = event.data() == null ? null : JSON.writeValueAsString(new TreeMap<>(event.data()));
        String hash = hash(previous, event.type(), event.userId(), event.clientId(), event.ipAddress(), data,
                event.severity(), at);
        jdbc.sql("INSERT INTO audit_log (event_type, user_id, client_id, ip_address, event_data, severity, created_at,"
                        + " prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(event.type(), event.userId(), event.clientId(), event.ipAddress(), data, event.severity(), at,
                        previous, hash)
                .update();
    }

    /** Walks the whole chain; answers the first broken row, or a valid result with the row count. */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        String[] expectedPrevious = {GENESIS};
        long[] checked = {0};
        Long[] broken = {null};
        jdbc.sql("SELECT * FROM audit_log ORDER BY id").query(rs -> {
            if (broken[0] != null) {
                return;
            }
            String recomputed = hash(rs.getString("prev_hash"), rs.getString("event_type"),
                    Columns.nullableLong(rs, "user_id"), rs.getString("client_id"), rs.getString("ip_address"),
                    rs.getString("event_data"), rs.getString("severity"),
                    rs.getObject("created_at", LocalDateTime.class));
            if (!rs.getString("prev_hash").equals(expectedPrevious[0]) || !recomputed.equals(rs.getString("row_hash"))) {
                broken[0] = rs.getLong("id");
                return;
            }
            expectedPrevious[0] = recomputed;
            checked[0]++;
        });
        return new ChainVerification(broken[0] == null, checked[0], broken[0]);
    }

    private static String hash(String previous, String type, Long userId, String clientId, String ip, String data,
            String severity, LocalDateTime at) {
        String canonical = String.join("\u001f", previous, type, Objects.toString(userId, ""),
                Objects.toString(clientId, ""), Objects.toString(ip, ""), Objects.toString(data, ""), severity,
                at.toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome of walking the chain: {@code firstBrokenId} is the first row that does not fit. */
    public record ChainVerification(@JsonProperty("valid") boolean valid, @JsonProperty("rows_checked") long rowsChecked,
            @JsonProperty("first_broken_id") Long firstBrokenId) {
    }

    /** Builds the map of an event's data with fewer keystrokes. */
    public static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> data = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return data;
    }
}
