package com.zerolaghub.verticles.audit;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.operators.OperatorEvent;
import com.zerolaghub.events.operators.OperatorEvent.AuditExported;
import com.zerolaghub.verticles.config.BillingConfig;
import com.zerolaghub.verticles.config.DbConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/admin/audit/export}: the signed NDJSON audit export of an account over a
 * period (R5.6), streamed from a worker thread through a database cursor.
 */
public final class AuditCapability implements Capability {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditCapability.class);
  private final Authentication auth;
  private final Clock clock;
  private PlatformContext ctx;
  private volatile AuditSigningKey key;
  private volatile String keyProblem;

  public AuditCapability(Authentication auth, Clock clock) {
    this.auth = auth;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    this.ctx = ctx;
    api.operation("exportAudit", auth.admin(), this::export);
    ctx.codec().register(OperatorEvent.TYPES);
    BillingConfig billing = ctx.config().billing();
    return ctx.vertx().executeBlocking(() -> AuditSigningKey.load(billing.auditKeyPath(), billing.auditKeyId()), false)
        .onSuccess(k -> key = k)
        .onFailure(err -> {
          keyProblem = err.getMessage();
          LOG.warn("audit exports disabled: {}", err.getMessage());
        })
        .<Void>mapEmpty().recover(err -> Future.succeededFuture());
  }

  private void export(RoutingContext rc) {
    AuditSigningKey signing = key;
    if (signing == null) throw new ProblemException(ProblemType.UNAVAILABLE, "audit export disabled: " + keyProblem);
    AuditScope scope;
    try {
      scope = new AuditScope(ValidatedRequests.query(rc, "account").getString(),
          Instant.parse(ValidatedRequests.query(rc, "from").getString()),
          Instant.parse(ValidatedRequests.query(rc, "to").getString()));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new ProblemException(ProblemType.VALIDATION, e.getMessage());
    }
    RequestParameter why = ValidatedRequests.query(rc, "reason");
    String reason = why == null || why.isNull() ? null : why.getString();
    String admin = Authentication.principal(rc).userId();
    String exportId = UUID.randomUUID().toString();
    NewEvent exported = NewEvent.of(new AuditExported(exportId, scope.accountId(), scope.from(), scope.to(), admin, reason,
        clock.instant()), EventMetadata.system("user:" + admin));
    // Recorded before a byte is sent: an export that leaves the platform is always on the log.
    ctx.store().append(StreamId.of("audit-export", exportId), ExpectedVersion.NO_STREAM, List.of(exported))
        .onSuccess(v -> stream(rc, signing, scope))
        .onFailure(rc::fail);
  }

  private void stream(RoutingContext rc, AuditSigningKey signing, AuditScope scope) {
    HttpServerResponse response = rc.response();
    response.setChunked(true).putHeader("Content-Type", "application/x-ndjson")
        .putHeader("Content-Disposition", "attachment; filename=\"audit-" + scope.accountId().replaceAll("[^A-Za-z0-9_-]", "_")
            + ".ndjson\"");
    DbConfig db = ctx.config().db();
    Instant generatedAt = clock.instant();
    ctx.vertx().executeBlocking(() -> {
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
           ResponseOutputStream out = new ResponseOutputStream(response)) {
        c.setReadOnly(true);
        long n = AuditExport.ndjson(c, scope, out, signing.key(), signing.keyId(), generatedAt);
        out.flush();
        return n;
      }
    }, false).onSuccess(n -> response.end()).onFailure(err -> {
      if (!response.headWritten()) {
        rc.fail(err);
      } else {
        LOG.warn("audit export of {} broke off: {}", scope.accountId(), err.getMessage());
        response.reset();
      }
    });
  }
}
