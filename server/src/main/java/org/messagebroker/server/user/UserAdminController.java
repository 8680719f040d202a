package org.messagebroker.server.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.client.ClientIds;
import org.messagebroker.server.client.ClientRepository;
import org.messagebroker.server.paging.Paging;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API for people: create, list, change role / active flag / client, reset a password, delete.
 * Every change is audited and ends the user's sessions; the last active admin cannot be removed.
 */
@RestController
@Transactional
class UserAdminController {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ClientRepository clients;

    UserAdminController(UserRepository users, ClientRepository clients, PasswordEncoder passwords, ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.clients = clients;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    @PostMapping("/admin/users")
    ResponseEntity<UserAccount> create(@RequestBody UserRequest request, @AuthenticationPrincipal UserAccount admin,
            HttpServletRequest http) {
        if (request.email() == null || !EMAIL.matcher(request.email()).matches()) {
            throw bad("email must be an e-mail address");
        }
        String role = role(request.role() == null ? "user" : request.role());
        String hash = passwords.encode(PasswordPolicy.check(request.password()));
        long id;
        try {
            id = users.create(request.email(), hash, role, existingClient(blankToNull(request.clientId())));
        } catch (DuplicateKeyException taken) {
            throw new Rejection.Conflict("Email already registered");
        }
        record(UserAdministered.Action.CREATED, admin, id, http, details("email", request.email(), "role", role));
        return ResponseEntity.status(HttpStatus.CREATED).body(users.findById(id).orElseThrow());
    }

    /** A user may belong only to a client that exists. */
    private String existingClient(String clientId) {
        if (clientId != null && (!ClientIds.wellFormed(clientId) || !clients.exists(clientId))) {
            throw bad("There is no client " + (ClientIds.wellFormed(clientId) ? clientId : "with that id")
                    + "; create it (issue its certificate) first");
        }
        return clientId;
    }

    @GetMapping("/admin/users")
    Object list(@RequestParam(required = false) String role, @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage,
            @RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        Paging paging = Paging.of(page, perPage, skip, limit);
        String roleFilter = role == null ? null : role(role);
        return paging.answer("users", users.page(roleFilter, active, paging.offset(), paging.limit()),
                () -> users.count(roleFilter, active));
    }

    @GetMapping("/admin/users/{id}")
    UserAccount get(@PathVariable long id) {
        return existing(id);
    }

    @PutMapping("/admin/users/{id}")
    UserAccount update(@PathVariable long id, @RequestBody UserRequest request, @AuthenticationPrincipal UserAccount admin,
            HttpServletRequest http) {
        UserAccount user = existing(id);
        String role = request.role() == null ? user.role() : role(request.role());
        boolean active = request.active() == null ? user.active() : request.active();
        if (user.isAdmin() && user.active() && (!role.equals("admin") || !active) && users.countActiveAdmins() <= 1) {
            throw new Rejection.Conflict("The last active admin cannot be demoted or deactivated");
        }
        String clientId = request.clientId() == null ? user.clientId() : existingClient(blankToNull(request.clientId()));
        users.update(id, role, active, clientId, clock.instant());
        record(UserAdministered.Action.UPDATED, admin, id, http,
                details("role", role, "is_active", active, "client_id", clientId));
        return existing(id);
    }

    @PostMapping("/admin/users/{id}/password")
    ResponseEntity<Void> resetPassword(@PathVariable long id, @RequestBody UserRequest request,
            @AuthenticationPrincipal UserAccount admin, HttpServletRequest http) {
        existing(id);
        users.setPassword(id, passwords.encode(PasswordPolicy.check(request.password())), clock.instant());
        record(UserAdministered.Action.PASSWORD_RESET, admin, id, http, Map.of());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/admin/users/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal UserAccount admin, HttpServletRequest http) {
        UserAccount user = existing(id);
        if (user.isAdmin() && user.active() && users.countActiveAdmins() <= 1) {
            throw new Rejection.Conflict("The last active admin cannot be deleted");
        }
        users.delete(id);
        record(UserAdministered.Action.DELETED, admin, id, http, details("email", user.email()));
        return ResponseEntity.noContent().build();
    }

    private UserAccount existing(long id) {
        return users.findById(id).orElseThrow(() -> new Rejection.NotFound("No user " + id));
    }

    private void record(UserAdministered.Action action, UserAccount admin, long userId, HttpServletRequest http,
            Map<String, Object> details) {
        events.publishEvent(new UserAdministered(action, admin.id(), userId, http.getRemoteAddr(), details));
    }

    /** The changed fields; a client id may be null (the user left their client). */
    private static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }

    private static String role(String role) {
        String normalized = role.toLowerCase(Locale.ROOT);
        if (!normalized.equals("user") && !normalized.equals("admin")) {
            throw bad("Invalid role: " + role + ". Must be 'user' or 'admin'");
        }
        return normalized;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Rejection bad(String detail) {
        return new Rejection.Invalid(detail);
    }

    record UserRequest(@JsonProperty("email") String email, @JsonProperty("password") String password,
            @JsonProperty("role") String role, @JsonProperty("client_id") String clientId,
            @JsonProperty("is_active") Boolean active) {
    }
}
