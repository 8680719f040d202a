package org.messagebroker.server.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.server.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the portal's lists, counts, statistics and reports read: a read replica when {@code DB_READ_URL}
 * names one, so that counting millions of rows does not load the primary that stores the messages, else the
 * primary. Each read is one read-only transaction. What a replica shows lags the primary by its replication
 * delay; reads that must see the latest state (one message, anything about to be changed) stay on the primary.
 * A replica that cannot be reached, or that cancels a query, is left alone for {@code retryAfter}: its reads
 * go to the primary meanwhile, counted in {@code main_server_db_replica_fallbacks_total}.
 */
@Component
public class PortalReads implements DisposableBean {

    /** No replica, a replica the reads go to, or one they bypass after it failed. */
    public enum ReplicaState { NONE, IN_USE, BYPASSED }

    private static final Logger log = LoggerFactory.getLogger(PortalReads.class);

    private final Source primary;
    private final Source replica;
    private final ServerSettings.ReadReplica settings;
    private final Counter fallbacks;
    private final Clock clock;
    private volatile Instant replicaSkippedUntil = Instant.MIN;

    @Autowired
    public PortalReads(DataSource primary, ServerSettings.ReadReplica settings, MeterRegistry meters, Clock clock) {
        this.primary = new Source(primary);
        this.settings = settings;
        this.replica = settings.enabled() ? new Source(replicaPool(primary, settings)) : null;
        this.fallbacks = Counter.builder("main_server_db_replica_fallbacks")
                .description("Portal reads that went to the primary because the read replica failed").register(meters);
        this.clock = clock;
    }

    /** Reads on the primary only: the product without DB_READ_URL, and tests of the queries themselves. */
    public PortalReads(DataSource primary) {
        this(primary, new ServerSettings.ReadReplica("", "", "", 0, null, null), new SimpleMeterRegistry(),
                Clock.systemUTC());
    }

    public <T> T read(Function<JdbcClient, T> query) {
        if (replica == null) {
            return primary.read(query);
        }
        return onReplica(query, () -> {
            fallbacks.increment();
            return primary.read(query);
        });
    }

    /** Asks the replica when reads go to it: one that fails now is bypassed from now on. */
    public ReplicaState replicaState() {
        if (replica == null) {
            return ReplicaState.NONE;
        }
        return onReplica(db -> {
            db.sql("SELECT 1").query(Integer.class).single();
            return ReplicaState.IN_USE;
        }, () -> ReplicaState.BYPASSED);
    }

    /** {@code query} on the replica unless it is bypassed or fails now (then bypassed), else {@code otherwise}. */
    private <T> T onReplica(Function<JdbcClient, T> query, Supplier<T> otherwise) {
        if (!bypassed()) {
            try {
                return replica.read(query);
            } catch (DataAccessResourceFailureException | TransientDataAccessException
                    | CannotCreateTransactionException e) {
                bypass(e);
            }
        }
        return otherwise.get();
    }

    private boolean bypassed() {
        return !clock.instant().isAfter(replicaSkippedUntil);
    }

    private void bypass(NestedRuntimeException failure) {
        replicaSkippedUntil = clock.instant().plus(settings.retryAfter());
        log.warn("The read replica failed ({}); the portal reads from the primary for {}",
                failure.getMostSpecificCause().getMessage(), settings.retryAfter());
    }

    @Override
    public void destroy() {
        if (replica != null && replica.dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    private static HikariDataSource replicaPool(DataSource primary, ServerSettings.ReadReplica settings) {
        DatabaseVendor vendor = DatabaseVendor.of(settings.url());
        if (vendor == DatabaseVendor.SQLITE || !(primary instanceof HikariDataSource pool)
                || pool.getJdbcUrl() == null || DatabaseVendor.of(pool.getJdbcUrl()) != vendor) {
            throw new IllegalStateException("DB_READ_URL must name a replica of the server's MariaDB, MySQL or"
                    + " PostgreSQL database (DB_URL), of the same kind");
        }
        HikariDataSource replica = new HikariDataSource();
        replica.setPoolName("server-replica");
        replica.setJdbcUrl(settings.url());
        replica.setUsername(settings.username());
        replica.setPassword(settings.password());
        replica.setMaximumPoolSize(settings.poolSize());
        replica.setConnectionTimeout(settings.connectTimeout().toMillis());
        replica.setReadOnly(true);
        // The server starts while its replica is down, and connects only when a read needs it: reads go to the
        // primary until it is back, without the pool retrying it in the background.
        replica.setInitializationFailTimeout(-1);
        replica.setMinimumIdle(0);
        return replica;
    }

    private static final class Source {

        private final DataSource dataSource;
        private final JdbcClient jdbc;
        private final TransactionTemplate transactions;

        Source(DataSource dataSource) {
            this.dataSource = dataSource;
            this.jdbc = JdbcClient.create(dataSource);
            this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
            transactions.setReadOnly(true);
        }

        <T> T read(Function<JdbcClient, T> query) {
            return transactions.execute(status -> query.apply(jdbc));
        }
    }
}
