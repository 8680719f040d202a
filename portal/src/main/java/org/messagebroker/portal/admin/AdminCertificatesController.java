package org.messagebroker.portal.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.portal.session.PortalUser;
import org.messagebroker.portal.session.ServerApi;
import org.springframework.http.CacheControl;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Certificates: list by status, expiring soon, generate (the key is shown once, on a page no cache
 * keeps), with a CSR, renew, revoke.
 */
@Controller
class AdminCertificatesController {

    private final ServerApi server;

    AdminCertificatesController(ServerApi server) {
        this.server = server;
    }

    @GetMapping("/admin/certificates")
    String certificates(@AuthenticationPrincipal PortalUser user, Model model,
            @RequestParam(defaultValue = "all") String status) {
        model.addAttribute("certificates", server.get("/admin/certificates", Map.of("status", status, "per_page", "100"),
                user.accessToken()).path("certificates"));
        model.addAttribute("expiring", server.get("/admin/certificates/expiring", Map.of("days", "30"),
                user.accessToken()).path("certificates"));
        model.addAttribute("status", status);
        model.addAttribute("user", user);
        return "admin/certificates";
    }

    @PostMapping("/admin/certificates/generate")
    String generate(@AuthenticationPrincipal PortalUser user, @RequestParam("client_id") String clientId,
            @RequestParam(required = false) String domain, @RequestParam(name = "validity_days", defaultValue = "365") int days,
            @RequestParam(required = false) String csr, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return issue(user, "/admin/certificates/generate", clientId, domain, days, csr, model, flash, response);
    }

    @PostMapping("/admin/certificates/renew")
    String renew(@AuthenticationPrincipal PortalUser user, @RequestParam("client_id") String clientId,
            @RequestParam(name = "validity_days", defaultValue = "365") int days, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        return issue(user, "/admin/certificates/renew", clientId, null, days, null, model, flash, response);
    }

    @PostMapping("/admin/certificates/revoke")
    String revoke(@AuthenticationPrincipal PortalUser user, @RequestParam("client_id") String clientId,
            @RequestParam String reason, RedirectAttributes flash) {
        try {
            server.send("POST", "/admin/certificates/revoke", Map.of("client_id", clientId, "reason", reason),
                    user.accessToken());
            flash.addFlashAttribute("flash", "Revoked " + clientId + ". Proxies refuse it within seconds.");
        } catch (ServerApi.ApiException e) {
            if (e.status() >= 500 || e.status() == 401) {
                throw e;
            }
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/certificates";
    }

    private String issue(PortalUser user, String path, String clientId, String domain, int days, String csr, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", clientId);
        body.put("domain", domain == null || domain.isBlank() ? null : domain);
        body.put("validity_days", days);
        body.put("csr", csr == null || csr.isBlank() ? null : csr);
        try {
            JsonNode issued = server.send("POST", path, body, user.accessToken());
            model.addAttribute("issued", issued);
            model.addAttribute("downloads", Download.of(issued));
        } catch (ServerApi.ApiException e) {
            if (e.status() >= 500 || e.status() == 401) {
                throw e;
            }
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/admin/certificates";
        }
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("user", user);
        return "admin/certificate-issued";
    }
}
