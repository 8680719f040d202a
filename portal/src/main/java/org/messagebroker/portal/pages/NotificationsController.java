package org.messagebroker.portal.pages;

import java.util.HashMap;
import java.util.Map;
import org.messagebroker.portal.session.PortalUser;
import org.messagebroker.portal.session.ServerApi;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Profile → E-mail notifications: the signed-in user's choices, kept by the server. */
@Controller
class NotificationsController {

    private final ServerApi server;

    NotificationsController(ServerApi server) {
        this.server = server;
    }

    @PostMapping("/profile/notifications")
    String save(@AuthenticationPrincipal PortalUser user,
            @RequestParam(name = "dead_letters", defaultValue = "false") boolean deadLetters,
            @RequestParam(name = "certificate_expiring", defaultValue = "false") boolean certificateExpiring,
            @RequestParam(name = "certificate_expiring_days", defaultValue = "14") int days,
            @RequestParam(name = "account_locked", defaultValue = "false") boolean accountLocked,
            @RequestParam(name = "daily_summary", defaultValue = "false") boolean dailySummary, RedirectAttributes flash) {
        Map<String, Object> wanted = new HashMap<>();
        wanted.put("dead_letters", deadLetters);
        wanted.put("certificate_expiring_days", certificateExpiring ? days : null);
        wanted.put("account_locked", accountLocked);
        wanted.put("daily_summary", dailySummary);
        try {
            server.send("PUT", "/portal/profile/notifications", wanted, user.accessToken());
            flash.addFlashAttribute("flash", "E-mail notifications saved.");
        } catch (ServerApi.ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/profile";
    }
}
