package org.messagebroker.server.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.paging.Paging;
import org.messagebroker.server.storage.Columns;
import org.messagebroker.server.storage.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/audit} (filtered, paged, newest first) and {@code GET /admin/audit/verify} (the chain). */
@RestController
class AuditController {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    AuditController(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    Object list(@RequestParam(name = "event_type", required = false) String eventType,
            @RequestParam(name = "user_id", required = false) Long userId,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage) {
        Paging paging = Paging.of(page, perPage);
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        condition(where, params, "event_type", eventType, " AND event_type = :event_type");
        condition(where, params, "user_id", userId, " AND user_id = :user_id");
        condition(where, params, "client_id", clientId, " AND client_id = :client_id");
        condition(where, params, "from", from == null ? null : DbTime.utc(instant(from)), " AND created_at >= :from");
        condition(where, params, "to", to == null ? null : DbTime.utc(instant(to)), " AND created_at < :to");
        long total = jdbc.sql("SELECT COUNT(*) FROM audit_log" + where).params(params).query(Long.class).single();
        params.put("limit", paging.limit());
        params.put("offset", paging.offset());
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM audit_log" + where
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset").params(params)
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getLong("id"));
                    row.put("event_type", rs.getString("event_type"));
                    row.put("user_id", Columns.nullableLong(rs, "user_id"));
                    row.put("client_id", rs.getString("client_id"));
                    row.put("ip_address", rs.getString("ip_address"));
                    row.put("event_data", rs.getString("event_data"));
                    row.put("severity", rs.getString("severity"));
                    row.put("created_at", DbTime.instant(rs.getObject("created_at", java.time.LocalDateTime.class)));
                    row.put("row_hash", rs.getString("row_hash"));
                    return row;
                }).list();
        return paging.answer("entries", rows, () -> total);
    }

    @GetMapping("/admin/audit/verify")
    AuditLog.ChainVerification verify() {
        return audit.verify();
    }

    private static void condition(StringBuilder where, Map<String, Object> params, String name, Object value,
            String sql) {
        if (value != null) {
            where.append(sql);
            params.put(name, value);
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Rejection.Invalid("from and to must be ISO date-times");
        }
    }
}
