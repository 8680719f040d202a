package org.messagebroker.portal.admin;

import java.util.LinkedHashMap;
import java.util.Map;
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

/** Users: list, create, change role / active flag / client, reset a password, delete. */
@Controller
class AdminUsersController {

    private final ServerApi server;

    AdminUsersController(ServerApi server) {
        this.server = server;
    }

    @GetMapping("/admin/users")
    String users(@AuthenticationPrincipal PortalUser user, Model model) {
        model.addAttribute("users", server.get("/admin/users", Map.of("per_page", "100"), user.accessToken()).path("users"));
        model.addAttribute("user", user);
        return "admin/users";
    }

    @PostMapping("/admin/users")
    String create(@AuthenticationPrincipal PortalUser user, @RequestParam String email, @RequestParam String password,
            @RequestParam String role, @RequestParam(name = "client_id", required = false) String clientId,
            RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("role", role);
        body.put("client_id", clientId);
        return act(flash, "User " + email + " created.", () -> server.send("POST", "/admin/users", body, user.accessToken()));
    }

    @PostMapping("/admin/users/{id}")
    String update(@AuthenticationPrincipal PortalUser user, @PathVariable long id, @RequestParam String role,
            @RequestParam(name = "is_active", defaultValue = "false") boolean active,
            @RequestParam(name = "client_id", required = false) String clientId, RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", role);
        body.put("is_active", active);
        body.put("client_id", clientId == null ? "" : clientId);
        return act(flash, "User updated.", () -> server.send("PUT", "/admin/users/" + id, body, user.accessToken()));
    }

    @PostMapping("/admin/users/{id}/password")
    String resetPassword(@AuthenticationPrincipal PortalUser user, @PathVariable long id, @RequestParam String password,
            RedirectAttributes flash) {
        return act(flash, "Password reset.", () -> server.send("POST", "/admin/users/" + id + "/password",
                Map.of("password", password), user.accessToken()));
    }

    @PostMapping("/admin/users/{id}/delete")
    String delete(@AuthenticationPrincipal PortalUser user, @PathVariable long id, RedirectAttributes flash) {
        return act(flash, "User deleted.", () -> server.send("DELETE", "/admin/users/" + id, null, user.accessToken()));
    }

    /** Runs a change and reports the outcome as a flash message; the server's refusals are shown as they are. */
    static String act(RedirectAttributes flash, String success, Runnable change) {
        try {
            change.run();
            flash.addFlashAttribute("flash", success);
        } catch (ServerApi.ApiException e) {
            if (e.status() >= 500 || e.status() == 401) {
                throw e;
            }
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/users";
    }
}
