package org.messagebroker.server.webhook;

import java.util.Map;
import java.util.Optional;
import org.messagebroker.server.paging.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's own webhook, on the mTLS connector: the proxy forwards what the client asked, having taken
 * its id from its certificate ({@code /api/v1/webhook} there).
 */
@RestController
class InternalWebhookController {

    private final WebhookService service;
    private final WebhookEventRepository events;

    InternalWebhookController(WebhookService service, WebhookEventRepository events) {
        this.service = service;
        this.events = events;
    }

    @GetMapping("/internal/clients/{clientId}/webhook")
    Map<String, Object> get(@PathVariable String clientId) {
        return service.view(service.get(clientId), Optional.empty());
    }

    @PutMapping("/internal/clients/{clientId}/webhook")
    Map<String, Object> save(@PathVariable String clientId, @RequestBody WebhookRequest request) {
        return service.save(clientId, request, null, null);
    }

    @DeleteMapping("/internal/clients/{clientId}/webhook")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String clientId) {
        service.delete(clientId, null, null);
    }

    @PostMapping("/internal/clients/{clientId}/webhook/secret")
    Map<String, Object> rotateSecret(@PathVariable String clientId) {
        return service.rotateSecret(clientId, null, null);
    }

    @PostMapping("/internal/clients/{clientId}/webhook/test")
    Map<String, Object> test(@PathVariable String clientId) {
        return service.test(clientId);
    }

    @GetMapping("/internal/clients/{clientId}/webhook/events")
    Object events(@PathVariable String clientId, @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        Paging paging = Paging.of(page, perPage);
        return paging.answer("events", events.recent(clientId, null, paging.offset(), paging.limit()),
                () -> events.count(clientId, null));
    }
}
