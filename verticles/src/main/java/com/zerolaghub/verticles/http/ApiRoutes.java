package com.zerolaghub.verticles.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where capabilities plug into the HTTP API while the platform starts. Handlers are bound to
 * operations of the OpenAPI contract by operationId; they run after the request was validated
 * against it (read the input with {@link ValidatedRequests}) and fail with a
 * {@link ProblemException} to answer a problem. The router is built from this registry once
 * every capability has started; later registrations are refused.
 */
public final class ApiRoutes {
  private final ApiContract contract;
  private final Map<String, List<Handler<RoutingContext>>> handlers = new LinkedHashMap<>();
  private final List<Consumer<Router>> extraRoutes = new ArrayList<>();
  private final List<Consumer<RouterBuilder>> customizers = new ArrayList<>();
  private boolean frozen;

  public ApiRoutes(ApiContract contract) {
    this.contract = contract;
  }

  public ApiContract contract() {
    return contract;
  }

  /** Binds handlers, in order, to the contract's operation {@code operationId}. */
  @SafeVarargs
  public final synchronized ApiRoutes operation(String operationId, Handler<RoutingContext>... chain) {
    checkOpen();
    if (contract.contract().operation(operationId) == null) {
      throw new IllegalArgumentException("the OpenAPI contract has no operation '" + operationId + "'");
    }
    if (handlers.containsKey(operationId)) throw new IllegalStateException("operation '" + operationId + "' is already bound");
    handlers.put(operationId, List.copyOf(Arrays.asList(chain)));
    return this;
  }

  /**
   * Routes outside the contract (WebSocket upgrades, webhooks that need the raw body), added
   * after the contract's routes. Failures still become problem documents.
   */
  public synchronized ApiRoutes routes(Consumer<Router> adder) {
    checkOpen();
    extraRoutes.add(adder);
    return this;
  }

  /** Full access to the router builder, e.g. to bind security handlers for the contract's securitySchemes. */
  public synchronized ApiRoutes customize(Consumer<RouterBuilder> customizer) {
    checkOpen();
    customizers.add(customizer);
    return this;
  }

  synchronized void freeze() {
    frozen = true;
  }

  synchronized Map<String, List<Handler<RoutingContext>>> handlers() {
    return Map.copyOf(handlers);
  }

  synchronized List<Consumer<Router>> extraRoutes() {
    return List.copyOf(extraRoutes);
  }

  synchronized List<Consumer<RouterBuilder>> customizers() {
    return List.copyOf(customizers);
  }

  private void checkOpen() {
    if (frozen) throw new IllegalStateException("the API router is built; register routes while capabilities start");
  }
}
