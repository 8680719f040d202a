package org.messagebroker.server.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.messagebroker.server.storage.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql("SELECT * FROM users WHERE email = ?").param(email).query(UserRepository::row).optional();
    }

    public Optional<UserAccount> findById(long id) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query(UserRepository::row).optional();
    }

    public long countAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = 'admin'").query(Long.class).single();
    }

    public long create(String email, String passwordHash, String role, String clientId) {
        jdbc.sql("INSERT INTO users (email, password_hash, role, client_id) VALUES (?, ?, ?, ?)")
                .params(email, passwordHash, role, clientId).update();
        return findByEmail(email).orElseThrow().id();
    }

    /** Newest first; {@code role} and {@code active} null mean any. */
    public List<UserAccount> page(String role, Boolean active, int offset, int limit) {
        return jdbc.sql("SELECT * FROM users WHERE (:role = '' OR role = :role) AND (:active = -1 OR is_active = :bool)"
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("role", role == null ? "" : role).param("active", active == null ? -1 : 1)
                .param("bool", active != null && active).param("limit", limit).param("offset", offset)
                .query(UserRepository::row).list();
    }

    public long count(String role, Boolean active) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE (:role = '' OR role = :role) AND (:active = -1 OR is_active = :bool)")
                .param("role", role == null ? "" : role).param("active", active == null ? -1 : 1)
                .param("bool", active != null && active).query(Long.class).single();
    }

    /** Changes role, active flag and client; raises the token version so existing tokens stop at once. */
    public void update(long id, String role, boolean active, String clientId, Instant at) {
        jdbc.sql("UPDATE users SET role = ?, is_active = ?, client_id = ?, updated_at = ?,"
                        + " token_version = token_version + 1 WHERE id = ?")
                .params(role, active, clientId, DbTime.utc(at), id).update();
    }

    /** A new password; existing tokens stop working. */
    public void setPassword(long id, String passwordHash, Instant at) {
        jdbc.sql("UPDATE users SET password_hash = ?, updated_at = ?, token_version = token_version + 1 WHERE id = ?")
                .params(passwordHash, DbTime.utc(at), id).update();
    }

    /** Ends every session of the user (logout): tokens issued before stop working. */
    public void revokeTokens(long id) {
        jdbc.sql("UPDATE users SET token_version = token_version + 1 WHERE id = ?").param(id).update();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update() == 1;
    }

    public long countActiveAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = 'admin' AND is_active = TRUE").query(Long.class).single();
    }

    public void recordLogin(long id, Instant at) {
        jdbc.sql("UPDATE users SET last_login = ? WHERE id = ?").params(DbTime.utc(at), id).update();
    }

    private static UserAccount row(ResultSet rs, int rowNumber) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("email"), rs.getString("password_hash"),
                rs.getString("role"), rs.getString("client_id"), rs.getBoolean("is_active"),
                DbTime.instant(rs.getObject("last_login", LocalDateTime.class)),
                DbTime.instant(rs.getObject("created_at", LocalDateTime.class)), rs.getInt("token_version"));
    }
}
