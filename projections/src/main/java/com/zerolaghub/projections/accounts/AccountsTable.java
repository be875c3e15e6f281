package com.zerolaghub.projections.accounts;

import com.zerolaghub.events.accounts.AccountEvent.AccountRegistered;
import com.zerolaghub.events.accounts.AccountEvent.DisplayNameChanged;
import com.zerolaghub.events.accounts.AccountEvent.PasswordChanged;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import com.zerolaghub.events.accounts.AccountEvent.SessionRevoked;
import com.zerolaghub.events.accounts.AccountEvent.SessionStarted;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.EventTypeNames;
import com.zerolaghub.projections.TableProjection;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The {@code accounts} read model for listings and operators: tables {@code accounts} (no
 * password hashes: logins read the account's stream) and {@code sessions} (one row per login,
 * with when and why it ended; never the token or its hash).
 */
public final class AccountsTable implements TableProjection {
  public static final String NAME = "accounts";
  private static final Set<String> TYPES = EventTypeNames.of(
      AccountRegistered.class, RoleGranted.class, DisplayNameChanged.class, PasswordChanged.class, SessionStarted.class,
      SessionRevoked.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> tables() {
    return List.of("accounts", "sessions");
  }

  @Override
  public String ddl(String schema) {
    return "CREATE TABLE " + schema + ".accounts (id text PRIMARY KEY, email text NOT NULL UNIQUE, username text NOT NULL, "
        + "display_name text NOT NULL, role text NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);"
        + "CREATE TABLE " + schema + ".sessions (id text PRIMARY KEY, user_id text NOT NULL, client text, "
        + "started_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, revoked_at timestamptz, reason text);"
        + "CREATE INDEX sessions_user ON " + schema + ".sessions (user_id, started_at)";
  }

  @Override
  public boolean handles(String eventType) {
    return TYPES.contains(eventType);
  }

  @Override
  public Future<Void> apply(SqlConnection tx, String schema, List<DecodedEvent> batch) {
    Future<Void> chain = Future.succeededFuture();
    for (DecodedEvent event : batch) chain = chain.compose(v -> applyOne(tx, schema, event));
    return chain;
  }

  private static Future<Void> applyOne(SqlConnection tx, String schema, DecodedEvent event) {
    Object e = event.event();
    if (e instanceof AccountRegistered r) {
      return run(tx, "INSERT INTO " + schema + ".accounts (id, email, username, display_name, role, created_at, updated_at) "
          + "VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (id) DO NOTHING",
          Tuple.of(r.userId(), r.email(), r.username(), r.displayName(), r.role().wireName(), time(r.at())));
    }
    if (e instanceof RoleGranted g) {
      return run(tx, "UPDATE " + schema + ".accounts SET role = $2, updated_at = $3 WHERE id = $1",
          Tuple.of(g.userId(), g.role().wireName(), time(g.at())));
    }
    if (e instanceof DisplayNameChanged d) {
      return run(tx, "UPDATE " + schema + ".accounts SET display_name = $2, updated_at = $3 WHERE id = $1",
          Tuple.of(d.userId(), d.displayName(), time(d.at())));
    }
    if (e instanceof PasswordChanged c) {
      return run(tx, "UPDATE " + schema + ".accounts SET updated_at = $2 WHERE id = $1", Tuple.of(c.userId(), time(c.at())));
    }
    if (e instanceof SessionStarted s) {
      return run(tx, "INSERT INTO " + schema + ".sessions (id, user_id, client, started_at, expires_at) VALUES ($1, $2, $3, $4, $5) "
          + "ON CONFLICT (id) DO NOTHING", Tuple.of(s.sessionId(), s.userId(), s.client(), time(s.at()), time(s.expiresAt())));
    }
    if (e instanceof SessionRevoked r) {
      return run(tx, "UPDATE " + schema + ".sessions SET revoked_at = $2, reason = $3 WHERE id = $1 AND revoked_at IS NULL",
          Tuple.of(r.sessionId(), time(r.at()), r.reason()));
    }
    return Future.succeededFuture();
  }

  private static Future<Void> run(SqlConnection tx, String sql, Tuple args) {
    return tx.preparedQuery(sql).execute(args).mapEmpty();
  }

  private static OffsetDateTime time(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
