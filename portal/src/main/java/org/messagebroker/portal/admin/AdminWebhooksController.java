package org.messagebroker.portal.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.portal.session.PortalUser;
import org.messagebroker.portal.session.ServerApi;
import org.springframework.http.CacheControl;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/** Admin → Webhooks: every client's webhook, one client's recent events, and the actions on them. */
@Controller
class AdminWebhooksController {

    static final List<String> EVENT_TYPES = List.of("message.delivered", "message.failed", "certificate.expiring",
            "certificate.revoked");

    private final ServerApi server;

    AdminWebhooksController(ServerApi server) {
        this.server = server;
    }

    @GetMapping("/admin/webhooks")
    String page(@AuthenticationPrincipal PortalUser user, @RequestParam(required = false) String client, Model model) {
        model.addAttribute("webhooks", server.get("/admin/webhooks", Map.of(), user.accessToken()).path("webhooks"));
        model.addAttribute("eventTypes", EVENT_TYPES);
        model.addAttribute("client", client);
        if (client != null && !client.isBlank()) {
            model.addAttribute("events", server.get(path(client, "/events"), Map.of("per_page", "50"),
                    user.accessToken()).path("events"));
        }
        model.addAttribute("user", user);
        return "admin/webhooks";
    }

    /** Saves and, for a new webhook, shows its secret on this one answer (no redirect: it is not kept anywhere). */
    @PostMapping("/admin/webhooks")
    String save(@AuthenticationPrincipal PortalUser user, @RequestParam("client_id") String clientId,
            @RequestParam String url, @RequestParam(required = false) List<String> events,
            @RequestParam(name = "include_content", defaultValue = "false") boolean includeContent, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("events", events == null ? List.of() : events);
        body.put("include_content", includeContent);
        return withSecret(user, clientId, () -> server.send("PUT", path(clientId, ""), body, user.accessToken()),
                "Webhook of " + clientId + " saved.", model, flash, response);
    }

    @PostMapping("/admin/webhooks/{clientId}/secret")
    String rotate(@AuthenticationPrincipal PortalUser user, @PathVariable String clientId, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        return withSecret(user, clientId, () -> server.send("POST", path(clientId, "/secret"), null, user.accessToken()),
                "New secret for the webhook of " + clientId + ".", model, flash, response);
    }

    @PostMapping("/admin/webhooks/{clientId}/test")
    String test(@AuthenticationPrincipal PortalUser user, @PathVariable String clientId, RedirectAttributes flash) {
        return act(clientId, flash, () -> {
            JsonNode result = server.send("POST", path(clientId, "/test"), null, user.accessToken());
            String outcome = "status " + result.path("status_code").asString("none") + ", "
                    + result.path("duration_ms").asLong() + " ms";
            if (result.path("delivered").asBoolean()) {
                flash.addFlashAttribute("flash", "Test event delivered to " + clientId + "'s receiver (" + outcome + ").");
            } else {
                flash.addFlashAttribute("error", "Test event not delivered (" + outcome + "): "
                        + result.path("error").asString());
            }
        });
    }

    @PostMapping("/admin/webhooks/{clientId}/delete")
    String delete(@AuthenticationPrincipal PortalUser user, @PathVariable String clientId, RedirectAttributes flash) {
        return act(null, flash, () -> {
            server.send("DELETE", path(clientId, ""), null, user.accessToken());
            flash.addFlashAttribute("flash", "Webhook of " + clientId + " removed.");
        });
    }

    @PostMapping("/admin/webhook-events/{eventId}/replay")
    String replay(@AuthenticationPrincipal PortalUser user, @PathVariable String eventId,
            @RequestParam("client_id") String clientId, RedirectAttributes flash) {
        return act(clientId, flash, () -> {
            server.send("POST", "/admin/webhook-events/" + UriUtils.encodePathSegment(eventId, "UTF-8") + "/replay",
                    null, user.accessToken());
            flash.addFlashAttribute("flash", "Event " + eventId + " will be sent again.");
        });
    }

    private String withSecret(PortalUser user, String clientId, ServerCall call, String done, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        JsonNode webhook;
        try {
            webhook = call.run();
        } catch (ServerApi.ApiException e) {
            return refused(e, null, flash);
        }
        if (!webhook.hasNonNull("secret")) {
            flash.addFlashAttribute("flash", done);
            return redirect(clientId);
        }
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("flash", done);
        model.addAttribute("secret", webhook.path("secret").asString());
        return page(user, clientId, model);
    }

    private String act(String clientId, RedirectAttributes flash, Runnable action) {
        try {
            action.run();
        } catch (ServerApi.ApiException e) {
            return refused(e, clientId, flash);
        }
        return redirect(clientId);
    }

    private static String refused(ServerApi.ApiException e, String clientId, RedirectAttributes flash) {
        if (e.status() >= 500 || e.status() == 401) {
            throw e;
        }
        flash.addFlashAttribute("error", e.getMessage());
        return redirect(clientId);
    }

    private static String redirect(String clientId) {
        return clientId == null ? "redirect:/admin/webhooks"
                : "redirect:/admin/webhooks?client=" + UriUtils.encodeQueryParam(clientId, "UTF-8");
    }

    private static String path(String clientId, String suffix) {
        return "/admin/clients/" + UriUtils.encodePathSegment(clientId, "UTF-8") + "/webhook" + suffix;
    }

    @FunctionalInterface
    private interface ServerCall {
        JsonNode run();
    }
}
