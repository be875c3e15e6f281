package com.zerolaghub.verticles.audit;

import com.zerolaghub.verticles.config.DbConfig;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/admin/audit/export}: the signed NDJSON audit export of an account over a
 * period (R5.6), streamed from a worker thread through a database cursor.
 */
final class AuditEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(AuditEndpoints.class);
  private final Vertx vertx;
  private final DbConfig db;
  private final AuditActions actions;
  private final Clock clock;
  private volatile AuditSigningKey key;
  private volatile String keyProblem;

  AuditEndpoints(Vertx vertx, DbConfig db, AuditActions actions, Clock clock) {
    this.vertx = vertx;
    this.db = db;
    this.actions = actions;
    this.clock = clock;
  }

  /** Exports are signed with {@code key} from now on. */
  void signWith(AuditSigningKey key) {
    this.key = key;
  }

  /** Exports answer 503 with {@code problem} until a key is loaded. */
  void disable(String problem) {
    this.keyProblem = problem;
  }

  void export(RoutingContext rc) {
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
    // Recorded before a byte is sent: an export that leaves the platform is always on the log.
    actions.recordExport(scope, admin, reason)
        .onSuccess(v -> stream(rc, signing, scope))
        .onFailure(rc::fail);
  }

  private void stream(RoutingContext rc, AuditSigningKey signing, AuditScope scope) {
    HttpServerResponse response = rc.response();
    response.setChunked(true).putHeader("Content-Type", "application/x-ndjson")
        .putHeader("Content-Disposition", "attachment; filename=\"audit-" + scope.accountId().replaceAll("[^A-Za-z0-9_-]", "_")
            + ".ndjson\"");
    Instant generatedAt = clock.instant();
    vertx.executeBlocking(() -> {
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
