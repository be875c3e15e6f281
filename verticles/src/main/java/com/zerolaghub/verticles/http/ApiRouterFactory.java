package com.zerolaghub.verticles.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Map;

/**
 * Builds the API router: request id, request log and the request-head check before any other
 * route; body (with its size limit) and body-format check on every request that reaches the
 * contract's routes; then the contract's operations, each validated before its handlers; then
 * extra routes; and one failure handler that answers problem documents, also for
 * unknown routes (404) and methods (405).
 */
final class ApiRouterFactory {
  /** Order of the route every request passes first (capabilities place early routes at -1000). */
  static final int FIRST_ORDER = -100_000;

  private ApiRouterFactory() {}

  static Router create(Vertx vertx, ApiRoutes routes, long bodyLimitBytes) {
    ApiContract contract = routes.contract();
    RouterBuilder builder = RouterBuilder.create(vertx, contract.contract(), RequestExtractor.withBodyHandler());
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes));
    builder.rootHandler(new BodyFormatCheck(contract.contract())::handle);
    routes.customizers().forEach(c -> c.accept(builder));

    Map<String, List<Handler<RoutingContext>>> bound = routes.handlers();
    for (OpenAPIRoute route : builder.getRoutes()) {
      String operationId = route.getOperation().getOperationId();
      List<Handler<RoutingContext>> chain = bound.get(operationId);
      if (chain == null) {
        // The contract names it but no capability on this node serves it (role switched off).
        route.addHandler(ctx -> ctx.fail(new ProblemException(ProblemType.UNAVAILABLE,
            "operation " + operationId + " is not served by this node")));
      } else {
        chain.forEach(route::addHandler);
      }
    }
    Router router = builder.createRouter();
    // Before every other route, also those placed ahead of the body handler (WebSocket upgrades,
    // streamed uploads): each request gets its id and log line, and a malformed head is refused.
    router.route().order(FIRST_ORDER)
        .handler(new RequestIds())
        .handler(new RequestLog())
        .handler(new RequestHeadCheck(contract.contract())::handle);
    routes.extraRoutes().forEach(adder -> adder.accept(router));

    ProblemFailureHandler failures = new ProblemFailureHandler(bodyLimitBytes, contract.contract());
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    router.errorHandler(500, failures);
    return router;
  }
}
