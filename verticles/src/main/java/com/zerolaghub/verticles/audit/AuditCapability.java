package com.zerolaghub.verticles.audit;

import com.zerolaghub.events.operators.OperatorEvent;
import com.zerolaghub.verticles.config.BillingConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Future;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the audit export: its endpoint, its actions and the signing key loaded at start. */
public final class AuditCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(AuditCapability.class);
  private final Authentication auth;
  private final Clock clock;

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
    AuditEndpoints endpoints = new AuditEndpoints(ctx.vertx(), ctx.config().db(), new AuditActions(ctx.store(), clock), clock);
    api.operation("exportAudit", auth.admin(), endpoints::export);
    ctx.codec().register(OperatorEvent.TYPES);
    BillingConfig billing = ctx.config().billing();
    return ctx.vertx().executeBlocking(() -> AuditSigningKey.load(billing.auditKeyPath(), billing.auditKeyId()), false)
        .onSuccess(endpoints::signWith)
        .onFailure(err -> {
          endpoints.disable(err.getMessage());
          LOG.warn("audit exports disabled: {}", err.getMessage());
        })
        .<Void>mapEmpty().recover(err -> Future.succeededFuture());
  }
}
