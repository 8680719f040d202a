package org.messagebroker.proxy.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Set;

/** The server's word on who may send: every client's status and rate limit, and the revoked serials. */
record AccessList(
        @JsonProperty("clients") Map<String, Client> clients,
        @JsonProperty("revoked_serials") Set<String> revokedSerials) {

    record Client(@JsonProperty("status") String status,
            @JsonProperty("rate_limit_per_minute") Integer rateLimitPerMinute) {
    }
}
