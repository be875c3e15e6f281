package com.zerolaghub.core.infra.velocity;

import com.zerolaghub.core.infra.OutsideCall;
import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.JsonErrorAnswer;
import com.zerolaghub.core.infra.OutsideSystemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@link VelocityPort} over the bridge's HTTP API with its bearer token. */
public final class VelocityHttpAdapter implements VelocityPort, AutoCloseable {
  private final VelocityOptions options;
  private final WebClient client;
  private final String servers;

  public VelocityHttpAdapter(Vertx vertx, VelocityOptions options) {
    this.options = options;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("zlh-control-plane"));
    String base = options.baseUri().toString();
    this.servers = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/servers";
  }

  @Override
  public Future<List<VelocityServer>> list() {
    return call("list", request(HttpMethod.GET, servers), HttpRequest::send).map(response -> {
      List<VelocityServer> list = new ArrayList<>();
      for (Object item : response.bodyAsJsonArray()) {
        if (item instanceof JsonObject server) {
          list.add(new VelocityServer(server.getString("name"), server.getString("address"), server.getInteger("port")));
        }
      }
      return List.copyOf(list);
    });
  }

  @Override
  public Future<Void> register(String name, String address, int port) {
    JsonObject body = new JsonObject().put("name", name).put("address", address).put("port", port);
    return call("register " + name, request(HttpMethod.POST, servers), r -> r.sendJsonObject(body)).mapEmpty();
  }

  @Override
  public Future<Boolean> deregister(String name) {
    String url = servers + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return call("deregister " + name, request(HttpMethod.DELETE, url), HttpRequest::send)
        .map(response -> true)
        .recover(e -> e instanceof OutsideSystemException failure && failure.status() == 404
            ? Future.succeededFuture(false)
            : Future.failedFuture(e));
  }

  @Override
  public void close() {
    client.close();
  }

  private HttpRequest<Buffer> request(HttpMethod method, String url) {
    return client.requestAbs(method, url)
        .putHeader("Authorization", "Bearer " + options.bridgeToken())
        .putHeader("Accept", "application/json");
  }

  private Future<HttpResponse<Buffer>> call(
      String operation,
      HttpRequest<Buffer> request,
      Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> sender) {
    return OutsideCall.send(OutsideSystem.VELOCITY, "velocity " + operation, options.requestTimeout(), request, sender)
        .compose(response -> {
          int status = response.statusCode();
          if (status >= 200 && status < 300) {
            return Future.succeededFuture(response);
          }
          return Future.failedFuture(JsonErrorAnswer.read(response).toException(OutsideSystem.VELOCITY));
        });
  }
}
