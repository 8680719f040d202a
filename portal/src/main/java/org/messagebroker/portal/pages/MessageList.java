package org.messagebroker.portal.pages;

import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.portal.session.PortalUser;
import org.messagebroker.portal.session.ServerApi;
import org.springframework.ui.Model;
import tools.jackson.databind.JsonNode;

/**
 * Fills a page with a filtered, paged message list from the server (the user's own, or an admin's view),
 * with the message just sent on top while it is still on its way to storage.
 */
public final class MessageList {

    public static final int PER_PAGE = 20;

    private MessageList() {
    }

    public static void fill(Model model, ServerApi server, PortalUser user, Map<String, String> filters, int page) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("page", Integer.toString(Math.max(page, 1)));
        query.put("per_page", Integer.toString(PER_PAGE));
        JsonNode result = server.get("/portal/messages", query, user.accessToken());
        model.addAttribute("messages", result.path("messages"));
        // A message sent a moment ago is queued, not yet stored: shown on top until the list has it.
        if (model.getAttribute("sent") instanceof JsonNode sent && result.path("messages").valueStream()
                .noneMatch(m -> m.path("message_id").equals(sent.path("message_id")))) {
            model.addAttribute("pending", sent);
        }
        model.addAttribute("pagination", result.path("pagination"));
        model.addAttribute("filters", filters);
        model.addAttribute("user", user);
    }

    /** The filter parameters a list page understands, without the empty ones. */
    public static Map<String, String> filters(String status, String fromDate, String toDate, String sender,
            String clientId) {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "status", status);
        put(filters, "from_date", fromDate);
        put(filters, "to_date", toDate);
        put(filters, "sender", sender);
        put(filters, "client_id", clientId);
        return filters;
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (value != null && !value.isBlank()) {
            filters.put(name, value.trim());
        }
    }
}
