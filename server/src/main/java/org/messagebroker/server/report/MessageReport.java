package org.messagebroker.server.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What happened to the messages created in a period of whole UTC days: how many per client, day and
 * status, how long delivery took, and why messages failed.
 *
 * @param clientId      the one client reported on, or null for all
 * @param totals        messages per status over the whole period
 * @param daily         one row per day, client and status that had messages
 * @param deliveryTime  acceptance to storage of the delivered messages, all clients together
 * @param perClient     the same per client
 * @param failures      the failed messages' reasons, most frequent first (at most {@value ReportQuery#TOP_REASONS})
 */
public record MessageReport(
        @JsonProperty("from") LocalDate from,
        @JsonProperty("to") LocalDate to,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("totals") Map<String, Long> totals,
        @JsonProperty("daily") List<DayCount> daily,
        @JsonProperty("delivery_time_ms") Percentiles deliveryTime,
        @JsonProperty("delivery_time_ms_by_client") Map<String, Percentiles> perClient,
        @JsonProperty("failure_reasons") List<ReasonCount> failures) {

    public record DayCount(@JsonProperty("day") LocalDate day, @JsonProperty("client_id") String clientId,
            @JsonProperty("status") String status, @JsonProperty("count") long count) {
    }

    /** Milliseconds from acceptance (the 202) to storage; all null when nothing was delivered. */
    public record Percentiles(@JsonProperty("count") long count, @JsonProperty("p50") Long p50,
            @JsonProperty("p90") Long p90, @JsonProperty("p99") Long p99, @JsonProperty("max") Long max) {
    }

    public record ReasonCount(@JsonProperty("reason") String reason, @JsonProperty("count") long count) {
    }
}
