package org.messagebroker.portal.pages;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.portal.session.PortalUser;
import org.messagebroker.portal.session.ServerApi;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/** The pages every logged-in person has: their messages, one message, export, send, profile. */
@Controller
class PageController {

    private final ServerApi server;

    PageController(ServerApi server) {
        this.server = server;
    }

    @GetMapping("/")
    String landing(@AuthenticationPrincipal PortalUser user) {
        if (user == null) {
            return "redirect:/login";
        }
        return user.isAdmin() ? "redirect:/admin/dashboard" : "redirect:/dashboard";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/dashboard")
    String dashboard(@AuthenticationPrincipal PortalUser user, Model model, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) String status, @RequestParam(name = "from_date", required = false) String from,
            @RequestParam(name = "to_date", required = false) String to, @RequestParam(required = false) String sender) {
        MessageList.fill(model, server, user, MessageList.filters(status, from, to, sender, null), page);
        model.addAttribute("stats", server.get("/portal/stats", Map.of(), user.accessToken()));
        return "dashboard";
    }

    @GetMapping("/messages/{id}")
    String message(@AuthenticationPrincipal PortalUser user, @PathVariable String id, Model model) {
        model.addAttribute("message", server.get("/portal/messages/" + id, Map.of(), user.accessToken()));
        model.addAttribute("user", user);
        return "message";
    }

    @GetMapping("/messages/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal PortalUser user,
            @RequestParam(required = false) String status, @RequestParam(name = "from_date", required = false) String from,
            @RequestParam(name = "to_date", required = false) String to, @RequestParam(required = false) String sender,
            @RequestParam(name = "client_id", required = false) String clientId) {
        byte[] csv = server.raw("/portal/messages/export", MessageList.filters(status, from, to, sender, clientId),
                user.accessToken());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"messages.csv\"").body(csv);
    }

    @GetMapping("/send")
    String sendForm(@AuthenticationPrincipal PortalUser user, Model model) {
        model.addAttribute("user", user);
        return "send";
    }

    @PostMapping("/send")
    String send(@AuthenticationPrincipal PortalUser user, @RequestParam("sender_number") String sender,
            @RequestParam("message_body") String body, @RequestParam(name = "client_id", required = false) String clientId,
            RedirectAttributes flash) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("sender_number", sender);
        request.put("message_body", body);
        request.put("client_id", clientId == null || clientId.isBlank() ? null : clientId);
        try {
            JsonNode accepted = server.send("POST", "/portal/messages", request, user.accessToken());
            flash.addFlashAttribute("flash", "Message accepted and queued (" + accepted.path("message_id").asString()
                    + ").");
            flash.addFlashAttribute("sent", accepted);
            return user.isAdmin() ? "redirect:/admin/messages" : "redirect:/dashboard";
        } catch (ServerApi.ApiException e) {
            if (e.status() != 400 && e.status() != 403) {
                throw e;
            }
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("sender_number", sender);
            flash.addFlashAttribute("message_body", body);
            return "redirect:/send";
        }
    }

    @GetMapping("/profile")
    String profile(@AuthenticationPrincipal PortalUser user, Model model) {
        model.addAttribute("profile", server.get("/portal/profile", Map.of(), user.accessToken()));
        model.addAttribute("notifications", server.get("/portal/profile/notifications", Map.of(), user.accessToken()));
        model.addAttribute("user", user);
        return "profile";
    }

    @PostMapping("/profile/password")
    String changePassword(@AuthenticationPrincipal PortalUser user, @RequestParam("current_password") String current,
            @RequestParam("new_password") String next, @RequestParam("confirm_password") String confirm,
            RedirectAttributes flash, jakarta.servlet.http.HttpServletRequest request) {
        if (!next.equals(confirm)) {
            flash.addFlashAttribute("error", "The new passwords do not match.");
            return "redirect:/profile";
        }
        try {
            server.send("POST", "/portal/auth/password", Map.of("current_password", current, "new_password", next),
                    user.accessToken());
        } catch (ServerApi.ApiException e) {
            if (e.status() != 400 && e.status() != 403) {
                throw e;
            }
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/profile";
        }
        // The change ended every session, this one too: log in again with the new password.
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        request.getSession().invalidate();
        return "redirect:/login?password-changed";
    }

    @GetMapping("/health")
    @ResponseBody
    Map<String, Object> health() {
        return Map.of("status", "healthy", "service", "portal", "timestamp", Instant.now().toString());
    }
}
