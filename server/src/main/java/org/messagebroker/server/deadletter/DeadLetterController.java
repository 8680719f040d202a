package org.messagebroker.server.deadletter;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.messagebroker.core.delivery.DeliveryResponse.ItemResult;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.paging.Paging;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin API for dead letters: list by status, replay, discard. */
@RestController
class DeadLetterController {

    private static final Set<String> STATUSES = Set.of("pending", "replayed", "discarded");
    private final DeadLetterRepository store;
    private final DeadLetterAdminService admin;

    DeadLetterController(DeadLetterRepository store, DeadLetterAdminService admin) {
        this.store = store;
        this.admin = admin;
    }

    @GetMapping("/admin/dead-letters")
    Object list(@RequestParam(defaultValue = "pending") String status,
            @RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage) {
        if (!STATUSES.contains(status)) {
            throw new Rejection.Invalid("status must be pending, replayed or discarded");
        }
        Paging paging = Paging.of(page, perPage);
        List<Map<String, Object>> items = store.page(status, paging.offset(), paging.limit()).stream().map(row -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("message_id", row.message().messageId());
            item.put("client_id", row.message().clientId());
            item.put("domain", row.message().domain());
            item.put("queued_at", row.message().queuedAt());
            item.put("reason", row.reason());
            item.put("attempt_count", row.attemptCount());
            item.put("status", row.status());
            item.put("failed_at", row.failedAt());
            item.put("resolved_at", row.resolvedAt());
            return item;
        }).toList();
        return paging.answer("dead_letters", items, () -> store.count(status));
    }

    @PostMapping("/admin/dead-letters/{messageId}/replay")
    ItemResult replay(@PathVariable String messageId, @AuthenticationPrincipal(expression = "id") long adminId,
            HttpServletRequest request) {
        return this.admin.replay(messageId, adminId, request.getRemoteAddr());
    }

    @PostMapping("/admin/dead-letters/{messageId}/discard")
    Map<String, String> discard(@PathVariable String messageId, @AuthenticationPrincipal(expression = "id") long adminId,
            HttpServletRequest request) {
        this.admin.discard(messageId, adminId, request.getRemoteAddr());
        return Map.of("message_id", messageId, "status", "discarded");
    }
}
