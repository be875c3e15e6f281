package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.billing.BillingCommand;
import com.zerolaghub.core.billing.BillingState;
import com.zerolaghub.core.billing.Enforcement;
import com.zerolaghub.core.command.CommandResult;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.RequestIds;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;

/**
 * {@code POST /api/admin/accounts/{userId}/standing}: an administrator suspends an account by
 * hand or restores it, with a reason. The only effect is the appended
 * {@code billing.enforcement-changed} naming the administrator (its actor) and the reason (its
 * cause); the enforcement pass then stops a suspended account's hosts as it does for billing.
 */
final class BillingActions {
  private static final String ACCOUNT = "SELECT 1 FROM accounts WHERE id = $1";

  private final BillingLedger ledger;
  private final Pool pool;
  private final Clock clock;

  BillingActions(BillingLedger ledger, Pool pool, Clock clock) {
    this.ledger = ledger;
    this.pool = pool;
    this.clock = clock;
  }

  void setStanding(RoutingContext ctx) {
    String accountId = ValidatedRequests.pathParam(ctx, "userId");
    JsonObject body = ValidatedRequests.body(ctx);
    Enforcement to = "suspended".equals(body.getString("standing")) ? Enforcement.SUSPENDED : Enforcement.GOOD;
    setStandingByHand(Authentication.principal(ctx), accountId, to, body.getString("reason").strip(), RequestIds.of(ctx))
        .onSuccess(r -> ctx.json(new JsonObject().put("userId", accountId).put("standing", r.state().enforcement().label())
            .put("changed", r.changed())))
        .onFailure(ctx::fail);
  }

  Future<CommandResult<BillingState>> setStandingByHand(Principal admin, String accountId, Enforcement to, String reason,
      String requestId) {
    return pool.preparedQuery(ACCOUNT).execute(Tuple.of(accountId)).compose(rows -> {
      if (rows.size() == 0) throw new ProblemException(ProblemType.NOT_FOUND, "no account " + accountId);
      EventMetadata md = new EventMetadata("user:" + admin.userId(), requestId, requestId, null, null, null);
      return ledger.handle(new BillingCommand.SetStandingByHand(accountId, to, reason, clock.instant()), md);
    });
  }
}
