package com.zerolaghub.verticles.support;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.support.TicketInput;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.support.TicketBook;
import com.zerolaghub.verticles.accounts.Ownership;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;

/** The ticket operations of the contract: open and list for customers, list/view/reply/close for admins. */
final class TicketEndpoints {
  private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);

  private final TicketActions actions;
  private final MemoryView<TicketBook.Snapshot> tickets;
  private final ServerOwners owners;
  private final Pool pool;
  private final Vertx vertx;

  TicketEndpoints(Vertx vertx, TicketActions actions, MemoryView<TicketBook.Snapshot> tickets, ServerOwners owners, Pool pool) {
    this.vertx = vertx;
    this.actions = actions;
    this.tickets = tickets;
    this.owners = owners;
    this.pool = pool;
  }

  void bind(ApiRoutes api, Authentication auth) {
    api.operation("createSupportTicket", auth.required(), this::create);
    api.operation("listMySupportTickets", auth.required(), this::listMine);
    api.operation("listSupportTickets", auth.admin(), this::listAll);
    api.operation("getSupportTicket", auth.admin(), this::get);
    api.operation("replySupportTicket", auth.admin(), this::reply);
    api.operation("closeSupportTicket", auth.admin(), this::close);
  }

  private void create(RoutingContext ctx) {
    Principal caller = Authentication.principal(ctx);
    JsonObject body = ValidatedRequests.body(ctx);
    String subject = body.getString("subject");
    String message = body.getString("message");
    String category = body.getString("category");
    String serverId = body.getString("serverId");
    TicketInput.check(subject, message, category);
    Future<Void> serverCheck = serverId == null ? Future.succeededFuture()
        : owners.ownerOf(serverId).map(owner -> {
          // A ticket names only the caller's own server, admins included: 404 otherwise.
          if (owner == null || !owner.equals(caller.userId())) throw new ProblemException(ProblemType.NOT_FOUND, "no such server");
          return null;
        });
    serverCheck.compose(v -> emailOf(caller.userId()))
        .compose(email -> actions.open(caller.userId(), email, subject, message, serverId, category))
        .compose(opened -> waitVisible(opened.event().checkpoint()).map(opened))
        .onSuccess(opened -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("ticketNumber", opened.ticketNumber()).put("ticketId", opened.ticketId()).encode()))
        .onFailure(ctx::fail);
  }

  /** So that the caller's next read shows the change (ticket, reply, closing); bounded, the change is recorded either way. */
  private Future<Void> waitVisible(Checkpoint written) {
    if (written == null) return Future.succeededFuture();
    Promise<Void> waited = Promise.promise();
    long timer = vertx.setTimer(READ_YOUR_WRITE.toMillis(), id -> waited.tryComplete());
    tickets.whenApplied(written).onComplete(r -> {
      vertx.cancelTimer(timer);
      waited.tryComplete();
    });
    return waited.future();
  }

  private Future<String> emailOf(String accountId) {
    return pool.preparedQuery("SELECT email FROM accounts WHERE id = $1").execute(Tuple.of(accountId)).map(rows -> {
      for (Row r : rows) return r.getString("email");
      return null;
    });
  }

  private void listMine(RoutingContext ctx) {
    Principal caller = Authentication.principal(ctx);
    ctx.json(new JsonObject().put("tickets", json(tickets.current().list(caller.userId(), null, null))));
  }

  private void listAll(RoutingContext ctx) {
    ctx.json(new JsonObject().put("tickets", json(tickets.current().list(null, query(ctx, "status"), query(ctx, "category")))));
  }

  private void get(RoutingContext ctx) {
    ctx.json(json(ticket(ctx)));
  }

  private void reply(RoutingContext ctx) {
    TicketBook.Ticket ticket = ticket(ctx);
    String message = ValidatedRequests.body(ctx).getString("message");
    if (message == null || message.isBlank() || message.length() > TicketInput.MAX_MESSAGE) {
      throw new ProblemException(ProblemType.VALIDATION, "message: 1 to " + TicketInput.MAX_MESSAGE + " characters");
    }
    String adminId = Authentication.principal(ctx).userId();
    emailOf(ticket.accountId()).compose(email -> actions.reply(ticket, email, message, adminId))
        .compose(this::waitVisible)
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void close(RoutingContext ctx) {
    TicketBook.Ticket ticket = ticket(ctx);
    JsonObject body = ValidatedRequests.body(ctx);
    String reason = body == null ? null : body.getString("reason");
    actions.close(ticket, Authentication.principal(ctx).userId(), reason)
        .compose(this::waitVisible)
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private TicketBook.Ticket ticket(RoutingContext ctx) {
    TicketBook.Ticket t = tickets.current().get(ValidatedRequests.pathParam(ctx, "id"));
    if (t == null) throw new ProblemException(ProblemType.NOT_FOUND, "no such ticket");
    Ownership.requireVisible(Authentication.principal(ctx), t.accountId());
    return t;
  }

  private static String query(RoutingContext ctx, String name) {
    RequestParameter p = ValidatedRequests.query(ctx, name);
    return p == null || p.isNull() ? null : p.getString();
  }

  private static JsonArray json(List<TicketBook.Ticket> list) {
    JsonArray a = new JsonArray();
    list.forEach(t -> a.add(json(t)));
    return a;
  }

  static JsonObject json(TicketBook.Ticket t) {
    JsonArray replies = new JsonArray();
    t.replies().forEach(r -> replies.add(new JsonObject().put("message", r.message()).put("repliedBy", r.repliedBy())
        .put("at", r.at().toString())));
    return new JsonObject().put("ticketId", t.ticketId()).put("ticketNumber", t.ticketNumber()).put("accountId", t.accountId())
        .put("subject", t.subject()).put("message", t.message()).put("serverId", t.serverId()).put("category", t.category())
        .put("status", t.status()).put("createdAt", t.createdAt().toString()).put("replies", replies);
  }
}
