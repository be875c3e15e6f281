package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.infra.agent.AgentPort;
import com.zerolaghub.core.servers.AgentAction;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.FieldError;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code PUT /api/servers/:id/files/content?path=} streamed to the agent (R2.7), up to
 * {@code servers.uploadLimitBytes}. The API's body handler would buffer the whole body under
 * {@code http.bodyLimitBytes}, so this route is placed before it and reads the request itself;
 * it is documented in the contract like every other operation.
 */
final class FileUploads {
  static final String ROUTE = "/api/servers/:serverId/files/content";

  private final AgentCalls agent;
  private final AgentPort port;
  private final long limit;

  FileUploads(AgentCalls agent, AgentPort port, long limit) {
    this.agent = agent;
    this.port = port;
    this.limit = limit;
  }

  void install(Router router, Authentication auth) {
    router.put(ROUTE).order(-1000)
        .handler(ctx -> {
          ctx.request().pause(); // nothing of the body may be lost while the caller is checked
          ctx.next();
        })
        .handler(auth.required())
        .handler(this::upload);
  }

  private void upload(RoutingContext ctx) {
    // A refusal before the body was read: the rest of it is not wanted, so the connection goes.
    // (HTTP/2 ends just the stream by itself.)
    boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
    ctx.addHeadersEndHandler(v -> {
      if (http1 && !ctx.request().isEnded() && ctx.response().getStatusCode() >= 400) ctx.response().putHeader("Connection", "close");
    });
    ctx.addBodyEndHandler(v -> {
      if (http1 && !ctx.request().isEnded() && ctx.response().getStatusCode() >= 400) ctx.request().connection().close();
    });
    String serverId = ctx.pathParam("serverId");
    String path = ctx.request().getParam("path");
    if (path == null || path.isEmpty()) {
      throw new ProblemException(ProblemType.VALIDATION, "path is required", List.of(new FieldError("path", "is required")));
    }
    AgentHandlers.checkPath(path);
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && parse(length) > limit) throw tooLarge();
    LimitedUpload body = new LimitedUpload(ctx.request(), limit);
    agent.act(Callers.requester(ctx), Callers.metadata(ctx), serverId, AgentAction.FILE_WRITE, path,
            endpoint -> {
              // clients that asked to wait ("Expect: 100-continue") send the body only now
              if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"))) ctx.response().writeContinue();
              return port.writeFile(endpoint, path, body);
            },
            null)
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(body.exceeded() ? tooLarge() : ar.cause());
          } else {
            ctx.response().setStatusCode(204).end();
          }
        });
  }

  private ProblemException tooLarge() {
    return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "uploads are limited to " + limit + " bytes");
  }

  private static long parse(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
