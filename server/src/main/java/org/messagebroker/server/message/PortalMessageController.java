package org.messagebroker.server.message;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.keys.BlindIndex;
import org.messagebroker.server.paging.Paging;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.user.UserAccount;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portal's message API. An admin sees every message; a user only their client's, and another
 * client's message id is a 404. Bodies are shown to users only if the server is set to
 * ({@code BROKER_PORTAL_USER_MESSAGE_BODIES=visible}); by default they see a placeholder, as in Message Broker 1.0.
 */
@RestController
class PortalMessageController {

    static final int EXPORT_LIMIT = 10_000;

    private final MessageRepository store;
    private final MessageViews views;
    private final BlindIndex blindIndex;
    private final ApplicationEventPublisher events;

    PortalMessageController(MessageRepository store, MessageCrypto crypto, BlindIndex blindIndex,
            ApplicationEventPublisher events, ServerSettings settings) {
        this.store = store;
        this.views = new MessageViews(crypto, "visible".equals(settings.portal().userMessageBodies()));
        this.blindIndex = blindIndex;
        this.events = events;
    }

    @GetMapping("/portal/messages")
    Object list(@AuthenticationPrincipal UserAccount user, @RequestParam(required = false) String status,
            @RequestParam(name = "status_filter", required = false) String statusFilter,
            @RequestParam(name = "from_date", required = false) String fromDate,
            @RequestParam(name = "to_date", required = false) String toDate,
            @RequestParam(required = false) String sender, @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage,
            @RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        Paging paging = Paging.of(page, perPage, skip, limit);
        MessageFilter filter = MessageQuery.filter(user, clientId, status != null ? status : statusFilter, fromDate,
                toDate, sender, blindIndex);
        List<Map<String, Object>> items = filter == null ? List.of()
                : store.page(filter, paging.offset(), paging.limit()).stream()
                        .map(m -> paging.original() ? views.originalItem(m, user) : views.item(m, user)).toList();
        return paging.answer("messages", items, () -> filter == null ? 0 : store.count(filter));
    }

    @GetMapping("/portal/messages/{messageId}")
    Map<String, Object> detail(@AuthenticationPrincipal UserAccount user, @PathVariable String messageId) {
        StoredMessage message = store.find(messageId)
                .filter(m -> user.isAdmin() || m.clientId().equals(user.clientId()))
                .orElseThrow(() -> new Rejection.NotFound("No such message"));
        return views.detail(message, user);
    }

    @GetMapping("/portal/messages/export")
    ResponseEntity<String> export(@AuthenticationPrincipal UserAccount user, HttpServletRequest http,
            @RequestParam(required = false) String status, @RequestParam(name = "from_date", required = false) String fromDate,
            @RequestParam(name = "to_date", required = false) String toDate, @RequestParam(required = false) String sender,
            @RequestParam(name = "client_id", required = false) String clientId) {
        MessageFilter filter = MessageQuery.filter(user, clientId, status, fromDate, toDate, sender, blindIndex);
        List<StoredMessage> rows = filter == null ? List.of() : store.page(filter, 0, EXPORT_LIMIT);
        events.publishEvent(new MessageEvents.Exported(user.id(), filter == null ? null : filter.clientId(),
                http.getRemoteAddr(), rows.size()));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"messages.csv\"")
                .body(views.csv(rows, user));
    }

    @GetMapping("/portal/profile")
    UserAccount profile(@AuthenticationPrincipal UserAccount user) {
        return user;
    }
}
