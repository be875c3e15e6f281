package com.zerolaghub.projections.servers;

import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerEvent.DeletionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionCompleted;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.HostActionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningFailed;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepVerified;
import com.zerolaghub.events.servers.ServerEvent.ServerDeleted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ReprovisionRequested;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.TeardownFailed;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepStarted;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.events.servers.TeardownPhase;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.TableProjection;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Listings of servers and their operations: {@code public.servers} (one row per existing
 * server with its current operation; deleted servers disappear) and {@code public.server_operations}
 * (every operation). Lifecycle and host state follow the domain's server state; an operation
 * never leaves {@code succeeded}/{@code failed} again.
 */
public final class ServersTable implements TableProjection {
  public static final String NAME = "servers";
  public static final String SERVERS = "servers";
  public static final String OPERATIONS = "server_operations";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> tables() {
    return List.of(SERVERS, OPERATIONS);
  }

  @Override
  public String ddl(String schema) {
    return "CREATE TABLE " + schema + ".servers ("
        + " server_id text PRIMARY KEY, owner_id text NOT NULL, kind text NOT NULL, name text NOT NULL,"
        + " variant text, plan text, runtime text, version text, code_server boolean NOT NULL DEFAULT false,"
        + " memory_mib int, cores int, vmid int, address text, lifecycle text NOT NULL, host_state text NOT NULL,"
        + " operation_id text, operation_type text, operation_status text, operation_phase text, operation_reason text,"
        + " created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);"
        + "CREATE INDEX ON " + schema + ".servers (owner_id, created_at);"
        + "CREATE TABLE " + schema + ".server_operations ("
        + " operation_id text PRIMARY KEY, server_id text NOT NULL, owner_id text NOT NULL, type text NOT NULL,"
        + " status text NOT NULL, phase text, reason text, needs_human boolean NOT NULL DEFAULT false,"
        + " requested_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);"
        + "CREATE INDEX ON " + schema + ".server_operations (server_id, requested_at);"
        + "CREATE INDEX ON " + schema + ".server_operations (status) WHERE status IN ('queued', 'running')";
  }

  @Override
  public boolean handles(String eventType) {
    return ServerEventTypes.LIFE.contains(eventType);
  }

  @Override
  public Future<Void> apply(SqlConnection tx, String schema, List<DecodedEvent> batch) {
    Future<Void> chain = Future.succeededFuture();
    for (DecodedEvent d : batch) {
      if (d.event() instanceof OperationEvent e) chain = chain.compose(v -> apply(tx, schema, e));
    }
    return chain;
  }

  private Future<Void> apply(SqlConnection tx, String schema, OperationEvent e) {
    Sql sql = new Sql(tx, schema);
    OffsetDateTime at = time(e.at());
    if (e instanceof ServerRequested r) {
      ServerSpec spec = r.spec();
      ServerSpec.Game g = spec instanceof ServerSpec.Game x ? x : null;
      ServerSpec.Dev dv = spec instanceof ServerSpec.Dev x ? x : null;
      return sql.run("INSERT INTO %s.servers (server_id, owner_id, kind, name, variant, plan, runtime, version, code_server,"
              + " memory_mib, cores, lifecycle, host_state, operation_id, operation_type, operation_status, created_at, updated_at)"
              + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'provisioning', 'none', $12, 'provision', 'queued', $13, $13)"
              + " ON CONFLICT (server_id) DO NOTHING",
          Tuple.from(new Object[] {r.serverId(), r.ownerId(), spec.kind().wireName(), spec.name(),
              g == null ? null : g.variant(), g == null ? r.resources().id() : g.plan(), dv == null ? null : dv.runtime(),
              dv == null ? null : dv.version(), dv != null && dv.codeServer(), r.resources().memoryMib(), r.resources().cores(),
              r.operationId(), at}))
          .compose(v -> sql.openOperation(r.operationId(), r.serverId(), r.ownerId(), "provision", at));
    }
    if (e instanceof HostActionRequested r) {
      return sql.openOperation(r.operationId(), r.serverId(), r.ownerId(), r.action().operationType().wireName(), at);
    }
    if (e instanceof ReprovisionRequested r) {
      return sql.run("UPDATE %s.servers SET lifecycle = 'provisioning', host_state = 'none', address = NULL, updated_at = $2"
              + " WHERE server_id = $1", Tuple.of(r.serverId(), at))
          .compose(v -> sql.openOperation(r.operationId(), r.serverId(), r.ownerId(), "provision", at));
    }
    if (e instanceof DeletionRequested r) {
      return sql.run("UPDATE %s.servers SET lifecycle = 'deleting', updated_at = $2 WHERE server_id = $1", Tuple.of(r.serverId(), at))
          .compose(v -> sql.openOperation(r.operationId(), r.serverId(), r.ownerId(), "delete", at));
    }
    if (e instanceof ServerDeleted d) {
      return sql.run("DELETE FROM %s.servers WHERE server_id = $1", Tuple.of(d.serverId()))
          .compose(v -> sql.finish(d, "succeeded", null, null, false, at));
    }
    Future<Void> host = hostChange(sql, e, at);
    if (e instanceof ProvisioningStepStarted s) return host.compose(v -> sql.running(s, s.step().wireName(), at));
    if (e instanceof ProvisioningStepCompleted c) {
      return host
          .compose(v -> sql.run("UPDATE %s.servers SET vmid = COALESCE($2, vmid), address = COALESCE($3, address), updated_at = $4"
              + " WHERE server_id = $1", Tuple.of(c.serverId(), c.vmid(), c.address(), at)))
          .compose(v -> sql.running(c, c.step().wireName(), at));
    }
    if (e instanceof ProvisioningStepVerified s) return sql.running(s, s.step().wireName(), at);
    if (e instanceof ProvisioningFailed f) {
      return sql.run("UPDATE %s.servers SET lifecycle = 'failed', updated_at = $2 WHERE server_id = $1", Tuple.of(f.serverId(), at))
          .compose(v -> sql.finish(f, "failed", f.step().wireName(), f.reason(), f.needsHuman(), at));
    }
    if (e instanceof ServerReady r) {
      return sql.run("UPDATE %s.servers SET lifecycle = 'running', host_state = 'running', updated_at = $2 WHERE server_id = $1",
              Tuple.of(r.serverId(), at))
          .compose(v -> sql.finish(r, "succeeded", null, null, false, at));
    }
    if (e instanceof HostActionStepCompleted s) {
      return host.compose(v -> sql.running(s, s.hostState() == HostState.RUNNING ? "start-host" : "stop-host", at));
    }
    if (e instanceof HostActionCompleted c) return host.compose(v -> sql.finish(c, "succeeded", null, null, false, at));
    if (e instanceof HostActionFailed f) return host.compose(v -> sql.finish(f, "failed", null, f.reason(), false, at));
    if (e instanceof TeardownStepStarted s) return sql.running(s, s.step().wireName(), at);
    if (e instanceof TeardownStepCompleted c) {
      Future<Void> gone = c.step() == TeardownPhase.DESTROY_CONTAINER
          ? sql.run("UPDATE %s.servers SET address = NULL, host_state = 'none', updated_at = $2 WHERE server_id = $1",
              Tuple.of(c.serverId(), at))
          : Future.succeededFuture();
      return gone.compose(v -> sql.running(c, c.step().wireName(), at));
    }
    if (e instanceof TeardownFailed f) return sql.finish(f, "failed", f.step().wireName(), f.reason(), f.needsHuman(), at);
    if (e instanceof ServerEvent.OperationMarkedStale m) {
      // a stale provisioning fails the server as a failed one does; other lifecycles stay
      return sql.run("UPDATE %s.servers SET lifecycle = 'failed', updated_at = $2 WHERE server_id = $1 AND lifecycle = 'provisioning'",
              Tuple.of(m.serverId(), at))
          .compose(v -> sql.finish(m, "failed", null, m.reason(), true, at));
    }
    return Future.succeededFuture();
  }

  /** Host state changes; a set-up server's lifecycle follows its host (running/stopped), others keep theirs. */
  private static Future<Void> hostChange(Sql sql, ServerEvent e, OffsetDateTime at) {
    HostState probe = HostTracking.after(HostState.NONE, e);
    boolean changes = probe != HostState.NONE
        || (e instanceof ProvisioningStepStarted s && s.step() == ProvisioningPhase.START_CONTAINER);
    if (!changes) return Future.succeededFuture();
    if (e instanceof ProvisioningStepStarted) {
      return sql.run("UPDATE %s.servers SET host_state = 'unknown', updated_at = $2 WHERE server_id = $1 AND host_state = 'none'",
          Tuple.of(e.serverId(), at));
    }
    String state = probe.wireName();
    return sql.run("UPDATE %s.servers SET host_state = $2, updated_at = $3,"
            + " lifecycle = CASE WHEN lifecycle IN ('running', 'stopped') AND $2 IN ('running', 'stopped') THEN $2 ELSE lifecycle END"
            + " WHERE server_id = $1",
        Tuple.of(e.serverId(), state, at));
  }

  private static OffsetDateTime time(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  /** Statements on one generation's schema. */
  private record Sql(SqlConnection tx, String schema) {
    Future<Void> run(String template, Tuple args) {
      return tx.preparedQuery(String.format(template, schema, schema)).execute(args).mapEmpty();
    }

    Future<Void> openOperation(String operationId, String serverId, String ownerId, String type, OffsetDateTime at) {
      return run("INSERT INTO %s.server_operations (operation_id, server_id, owner_id, type, status, requested_at, updated_at)"
              + " VALUES ($1, $2, $3, $4, 'queued', $5, $5) ON CONFLICT (operation_id) DO NOTHING",
          Tuple.of(operationId, serverId, ownerId, type, at))
          .compose(v -> run("UPDATE %s.servers SET operation_id = $2, operation_type = $3, operation_status = 'queued',"
              + " operation_phase = NULL, operation_reason = NULL, updated_at = $4 WHERE server_id = $1",
              Tuple.of(serverId, operationId, type, at)));
    }

    Future<Void> running(OperationEvent e, String phase, OffsetDateTime at) {
      return run("UPDATE %s.server_operations SET status = 'running', phase = $2, updated_at = $3"
              + " WHERE operation_id = $1 AND status IN ('queued', 'running')",
          Tuple.of(e.operationId(), phase, at))
          .compose(v -> run("UPDATE %s.servers SET operation_status = 'running', operation_phase = $3, updated_at = $4"
              + " WHERE server_id = $1 AND operation_id = $2 AND operation_status IN ('queued', 'running')",
              Tuple.of(e.serverId(), e.operationId(), phase, at)));
    }

    Future<Void> finish(OperationEvent e, String status, String phase, String reason, boolean needsHuman, OffsetDateTime at) {
      return run("UPDATE %s.server_operations SET status = $2, phase = COALESCE($3, phase), reason = $4, needs_human = $5,"
              + " updated_at = $6 WHERE operation_id = $1 AND status IN ('queued', 'running')",
          Tuple.of(e.operationId(), status, phase, reason, needsHuman, at))
          .compose(v -> run("UPDATE %s.servers SET operation_status = $3, operation_phase = COALESCE($4, operation_phase),"
              + " operation_reason = $5, updated_at = $6 WHERE server_id = $1 AND operation_id = $2",
              Tuple.of(e.serverId(), e.operationId(), status, phase, reason, at)));
    }
  }
}
