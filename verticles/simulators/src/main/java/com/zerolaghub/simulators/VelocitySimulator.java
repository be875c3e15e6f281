package com.zerolaghub.simulators;

import com.zerolaghub.core.infra.velocity.VelocityServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The platform's Velocity bridge plugin as OUTSIDE-SYSTEMS.md specifies it (it is our own
 * protocol, no outside documentation): bearer token; {@code GET /servers} →
 * {@code [{"name","address","port"}]}; {@code POST /servers} registers (201 new, 200 same or
 * updated; the same body twice leaves one entry); {@code DELETE /servers/{name}} → 204, unknown
 * name → 404 {@code {"error":"not_found"}}. Registrations live in memory: {@link #restart()} drops
 * them all, as a proxy restart does.
 *
 * <p>Test hooks: {@link #registrations()}, {@link #restart()}, {@link #faults()}/{@link #faults(FaultPlan)}.
 */
public final class VelocitySimulator {
  /** Options: listen address/port (0 = free) and the accepted bridge token. */
  public record Options(String host, int port, String bridgeToken) {
    public static Options defaults(String bridgeToken) {
      return new Options("127.0.0.1", 0, bridgeToken);
    }

    @Override
    public String toString() {
      return "VelocitySimulator.Options[" + host + ":" + port + ", bridgeToken=***]";
    }
  }

  private final Vertx vertx;
  private final Options options;
  private final Map<String, VelocityServer> servers = new LinkedHashMap<>();
  private final AtomicReference<FaultPlan> faults = new AtomicReference<>(FaultPlan.none());
  private final RequestCounts requests = new RequestCounts();
  private HttpServer server;

  public VelocitySimulator(Vertx vertx, Options options) {
    this.vertx = vertx;
    this.options = options;
  }

  public Future<Void> start() {
    Router router = Router.router(vertx);
    router.route().handler(requests);
    router.route().handler(new FaultInjector(vertx, faults::get,
        (ctx, status) -> AgentSimulator.error(ctx, status, "injected_fault", "simulated failure")));
    router.route().handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
    router.route().handler(this::authenticate);
    router.get("/servers").handler(this::list);
    router.post("/servers").handler(this::register);
    router.delete("/servers/:name").handler(this::deregister);
    router.route().last().handler(ctx -> AgentSimulator.error(ctx, 404, "not_found", "no such endpoint"));
    return vertx.createHttpServer().requestHandler(router).listen(options.port(), options.host())
        .onSuccess(s -> server = s).mapEmpty();
  }

  public Future<Void> stop() {
    HttpServer running = server;
    server = null;
    return running == null ? Future.succeededFuture() : running.close();
  }

  public int port() {
    return server == null ? options.port() : server.actualPort();
  }

  public String baseUri() {
    return "http://" + options.host() + ":" + port();
  }

  /** Test hook: what the proxy knows now, in registration order. */
  public List<VelocityServer> registrations() {
    synchronized (servers) {
      return List.copyOf(servers.values());
    }
  }

  /** Test hook: the proxy restarts and forgets every registration. */
  public void restart() {
    synchronized (servers) {
      servers.clear();
    }
  }

  /** Test hook: every API request received (method and path). */
  public RequestCounts requests() {
    return requests;
  }

  public FaultPlan faults() {
    return faults.get();
  }

  public void faults(FaultPlan plan) {
    faults.set(plan);
  }

  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String expected = "Bearer " + options.bridgeToken();
    if (header == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))) {
      AgentSimulator.error(ctx, 401, "unauthorized", "missing or wrong bridge token");
      return;
    }
    ctx.next();
  }

  private void list(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    registrations().forEach(s -> list.add(new JsonObject().put("name", s.name()).put("address", s.address()).put("port", s.port())));
    ctx.response().putHeader("Content-Type", "application/json").end(list.encode());
  }

  private void register(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException notJson) {
      body = null;
    }
    if (body == null || !(body.getValue("name") instanceof String name) || name.isBlank()
        || !(body.getValue("address") instanceof String address) || address.isBlank()
        || !(body.getValue("port") instanceof Number port) || port.intValue() < 1 || port.intValue() > 65535) {
      AgentSimulator.error(ctx, 400, "invalid_server", "body must be {\"name\", \"address\", \"port\"}");
      return;
    }
    VelocityServer registration = new VelocityServer(name, address, port.intValue());
    VelocityServer previous;
    synchronized (servers) {
      previous = servers.put(name, registration);
    }
    ctx.response().setStatusCode(previous == null ? 201 : 200).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("name", name).put("address", address).put("port", port.intValue()).encode());
  }

  private void deregister(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    VelocityServer removed;
    synchronized (servers) {
      removed = servers.remove(name);
    }
    if (removed == null) {
      AgentSimulator.error(ctx, 404, "not_found", "no server " + name);
      return;
    }
    ctx.response().setStatusCode(204).end();
  }
}
