package org.messagebroker.server.audit;

import java.util.Map;

/** One audit entry before it is chained. {@code severity} is info, warning, error or critical. */
public record AuditEvent(String type, Long userId, String clientId, String ipAddress, Map<String, Object> data,
        String severity) {

    public static AuditEvent system(String type, Map<String, Object> data) {
        return new AuditEvent(type, null, null, null, data, "info");
    }
}
