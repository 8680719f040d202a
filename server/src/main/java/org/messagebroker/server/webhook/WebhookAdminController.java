package org.messagebroker.server.webhook;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.paging.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of webhooks: every client's, and their recent deliveries. */
@RestController
class WebhookAdminController {

    private static final List<String> STATUSES = List.of("pending", "delivered", "failed");

    private final WebhookService service;
    private final WebhookRepository webhooks;
    private final WebhookEventRepository events;

    WebhookAdminController(WebhookService service, WebhookRepository webhooks, WebhookEventRepository events) {
        this.service = service;
        this.webhooks = webhooks;
        this.events = events;
    }

    @GetMapping("/admin/webhooks")
    Map<String, Object> list() {
        Map<String, Map<String, Long>> counts = events.countsByClient();
        List<Map<String, Object>> list = new ArrayList<>();
        for (WebhookRepository.Webhook webhook : webhooks.all()) {
            Map<String, Object> view = service.view(webhook, Optional.empty());
            view.put("event_counts", counts.getOrDefault(webhook.clientId(), Map.of()));
            list.add(view);
        }
        return Map.of("webhooks", list);
    }

    @GetMapping("/admin/clients/{clientId}/webhook")
    Map<String, Object> get(@PathVariable String clientId) {
        return service.view(service.get(clientId), Optional.empty());
    }

    @PutMapping("/admin/clients/{clientId}/webhook")
    Map<String, Object> save(@PathVariable String clientId, @RequestBody WebhookRequest request,
            @AuthenticationPrincipal(expression = "id") long adminId, HttpServletRequest http) {
        return service.save(clientId, request, adminId, http.getRemoteAddr());
    }

    @DeleteMapping("/admin/clients/{clientId}/webhook")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String clientId, @AuthenticationPrincipal(expression = "id") long adminId,
            HttpServletRequest http) {
        service.delete(clientId, adminId, http.getRemoteAddr());
    }

    @PostMapping("/admin/clients/{clientId}/webhook/secret")
    Map<String, Object> rotateSecret(@PathVariable String clientId,
            @AuthenticationPrincipal(expression = "id") long adminId, HttpServletRequest http) {
        return service.rotateSecret(clientId, adminId, http.getRemoteAddr());
    }

    @PostMapping("/admin/clients/{clientId}/webhook/test")
    Map<String, Object> test(@PathVariable String clientId) {
        return service.test(clientId);
    }

    @GetMapping("/admin/clients/{clientId}/webhook/events")
    Object events(@PathVariable String clientId, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage) {
        if (status != null && !STATUSES.contains(status)) {
            throw new Rejection.Invalid("status must be one of " + String.join(", ", STATUSES));
        }
        Paging paging = Paging.of(page, perPage);
        return paging.answer("events", events.recent(clientId, status, paging.offset(), paging.limit()),
                () -> events.count(clientId, status));
    }

    @PostMapping("/admin/webhook-events/{eventId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> replay(@PathVariable String eventId, @AuthenticationPrincipal(expression = "id") long adminId,
            HttpServletRequest http) {
        service.replay(eventId, adminId, http.getRemoteAddr());
        return Map.of("event_id", eventId, "status", "pending");
    }
}
