package org.messagebroker.portal.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.portal.pages.MessageList;
import org.messagebroker.portal.session.PortalUser;
import org.messagebroker.portal.session.ServerApi;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/** The admin's overview pages: dashboard, all messages, dead letters, audit log. */
@Controller
class AdminController {

    private final ServerApi server;

    AdminController(ServerApi server) {
        this.server = server;
    }

    @GetMapping("/admin/dashboard")
    String dashboard(@AuthenticationPrincipal PortalUser user, Model model,
            @RequestParam(defaultValue = "day") String period) {
        JsonNode stats = server.get("/admin/stats", Map.of("period", period), user.accessToken());
        model.addAttribute("stats", stats);
        model.addAttribute("period", period);
        model.addAttribute("user", user);
        return "admin/dashboard";
    }

    @GetMapping("/admin/messages")
    String messages(@AuthenticationPrincipal PortalUser user, Model model, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) String status, @RequestParam(name = "from_date", required = false) String from,
            @RequestParam(name = "to_date", required = false) String to, @RequestParam(required = false) String sender,
            @RequestParam(name = "client_id", required = false) String clientId) {
        MessageList.fill(model, server, user, MessageList.filters(status, from, to, sender, clientId), page);
        return "admin/messages";
    }

    @GetMapping("/admin/dead-letters")
    String deadLetters(@AuthenticationPrincipal PortalUser user, Model model,
            @RequestParam(defaultValue = "pending") String status) {
        model.addAttribute("deadLetters", server.get("/admin/dead-letters", Map.of("status", status, "per_page", "100"),
                user.accessToken()).path("dead_letters"));
        model.addAttribute("status", status);
        model.addAttribute("user", user);
        return "admin/dead-letters";
    }

    @PostMapping("/admin/dead-letters/{id}/{action}")
    String settle(@AuthenticationPrincipal PortalUser user, @PathVariable String id, @PathVariable String action,
            RedirectAttributes flash) {
        if (!action.equals("replay") && !action.equals("discard")) {
            return "redirect:/admin/dead-letters";
        }
        try {
            server.send("POST", "/admin/dead-letters/" + id + "/" + action, null, user.accessToken());
            flash.addFlashAttribute("flash", action.equals("replay") ? "Message " + id + " stored." : "Message " + id + " discarded.");
        } catch (ServerApi.ApiException e) {
            if (e.status() != 409 && e.status() != 404) {
                throw e;
            }
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/dead-letters";
    }

    @GetMapping("/admin/audit")
    String audit(@AuthenticationPrincipal PortalUser user, Model model, @RequestParam(defaultValue = "1") int page,
            @RequestParam(name = "event_type", required = false) String eventType,
            @RequestParam(name = "client_id", required = false) String clientId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page", Integer.toString(Math.max(page, 1)));
        query.put("per_page", "50");
        query.put("event_type", eventType);
        query.put("client_id", clientId);
        JsonNode entries = server.get("/admin/audit", query, user.accessToken());
        model.addAttribute("entries", entries.path("entries"));
        model.addAttribute("pagination", entries.path("pagination"));
        model.addAttribute("chain", server.get("/admin/audit/verify", Map.of(), user.accessToken()));
        model.addAttribute("filters", MessageList.filters(null, null, null, null, clientId));
        model.addAttribute("eventType", eventType);
        model.addAttribute("user", user);
        return "admin/audit";
    }
}
