package com.zerolaghub.core.infra.agent;

import com.zerolaghub.core.infra.JsonErrorAnswer;
import com.zerolaghub.core.infra.OutsideCall;
import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** {@link AgentPort} over the agent's HTTP and WebSocket API with its bearer token. */
public final class AgentHttpAdapter implements AgentPort, AutoCloseable {
  private final AgentOptions options;
  private final WebClient client;
  private final WebSocketClient webSockets;

  public AgentHttpAdapter(Vertx vertx, AgentOptions options) {
    this.options = options;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("zlh-control-plane"));
    this.webSockets = vertx.createWebSocketClient();
  }

  @Override
  public Future<Void> health(AgentEndpoint agent) {
    return call(agent, "health", request(agent, HttpMethod.GET, "/health"), HttpRequest::send, options.requestTimeout())
        .compose(response -> {
          JsonObject body = json(response);
          return body != null && body.getBoolean("ok", false)
              ? Future.<Void>succeededFuture()
              : Future.failedFuture(new OutsideSystemException(
                  OutsideSystem.AGENT, response.statusCode(), "not_ok", "health answered without ok:true"));
        });
  }

  @Override
  public Future<AgentStatus> status(AgentEndpoint agent) {
    return call(agent, "status", request(agent, HttpMethod.GET, "/status"), HttpRequest::send, options.requestTimeout())
        .map(response -> AgentJson.status(response.bodyAsJsonObject()));
  }

  @Override
  public Future<Void> claim(AgentEndpoint agent) {
    HttpRequest<Buffer> request = request(agent, HttpMethod.PUT, "/token");
    JsonObject body = new JsonObject().put("token", agent.token());
    return call(agent, "claim", request, r -> r.sendJsonObject(body), options.requestTimeout()).mapEmpty();
  }

  @Override
  public Future<Void> pushConfig(AgentEndpoint agent, AgentConfigRequest config) {
    JsonObject body = AgentJson.config(config);
    return post(agent, "push config", "/config", body);
  }

  @Override
  public Future<Void> startGame(AgentEndpoint agent) {
    return post(agent, "start game", "/game/start", null);
  }

  @Override
  public Future<Void> stopGame(AgentEndpoint agent) {
    return post(agent, "stop game", "/game/stop", null);
  }

  @Override
  public Future<Void> restartGame(AgentEndpoint agent) {
    return post(agent, "restart game", "/game/restart", null);
  }

  @Override
  public Future<Void> sendCommand(AgentEndpoint agent, String command) {
    return post(agent, "send command", "/game/command", new JsonObject().put("command", command));
  }

  @Override
  public Future<List<AgentFileEntry>> listFiles(AgentEndpoint agent, String path) {
    HttpRequest<Buffer> request = request(agent, HttpMethod.GET, "/files").addQueryParam("path", path);
    return call(agent, "list files", request, HttpRequest::send, options.requestTimeout())
        .map(response -> AgentJson.files(response.bodyAsJsonArray()));
  }

  @Override
  public Future<Buffer> readFile(AgentEndpoint agent, String path) {
    HttpRequest<Buffer> request = request(agent, HttpMethod.GET, "/files/content").addQueryParam("path", path);
    return call(agent, "read file", request, HttpRequest::send, options.transferTimeout())
        .map(response -> response.body() == null ? Buffer.buffer() : response.body());
  }

  @Override
  public Future<Void> writeFile(AgentEndpoint agent, String path, Buffer content) {
    HttpRequest<Buffer> request = request(agent, HttpMethod.PUT, "/files/content")
        .addQueryParam("path", path)
        .putHeader("Content-Type", "application/octet-stream");
    return call(agent, "write file", request, r -> r.sendBuffer(content), options.transferTimeout()).mapEmpty();
  }

  @Override
  public Future<Void> writeFile(AgentEndpoint agent, String path, ReadStream<Buffer> content) {
    HttpRequest<Buffer> request = request(agent, HttpMethod.PUT, "/files/content")
        .addQueryParam("path", path)
        .putHeader("Content-Type", "application/octet-stream");
    return call(agent, "upload file", request, r -> r.sendStream(content), options.transferTimeout()).mapEmpty();
  }

  @Override
  public Future<String> createBackup(AgentEndpoint agent) {
    return call(agent, "create backup", request(agent, HttpMethod.POST, "/backups"), HttpRequest::send, options.requestTimeout())
        .map(response -> response.bodyAsJsonObject().getString("backupId"));
  }

  @Override
  public Future<List<AgentBackup>> listBackups(AgentEndpoint agent) {
    return call(agent, "list backups", request(agent, HttpMethod.GET, "/backups"), HttpRequest::send, options.requestTimeout())
        .map(response -> AgentJson.backups(response.bodyAsJsonArray()));
  }

  @Override
  public Future<Void> restoreBackup(AgentEndpoint agent, String backupId) {
    String path = "/backups/" + URLEncoder.encode(backupId, StandardCharsets.UTF_8).replace("+", "%20") + "/restore";
    return post(agent, "restore backup", path, null);
  }

  @Override
  public Future<Void> startCodeServer(AgentEndpoint agent) {
    return post(agent, "start code-server", "/dev/codeserver/start", null);
  }

  @Override
  public Future<Void> stopCodeServer(AgentEndpoint agent) {
    return post(agent, "stop code-server", "/dev/codeserver/stop", null);
  }

  @Override
  public Future<Void> restartCodeServer(AgentEndpoint agent) {
    return post(agent, "restart code-server", "/dev/codeserver/restart", null);
  }

  @Override
  public Future<WebSocket> openConsole(AgentEndpoint agent) {
    long millis = Math.max(1, options.connectTimeout().toMillis());
    WebSocketConnectOptions connect = new WebSocketConnectOptions()
        .setHost(agent.host())
        .setPort(agent.port())
        .setURI("/console")
        .setConnectTimeout(millis)
        .setTimeout(millis)
        .putHeader("Authorization", "Bearer " + agent.token());
    String operation = "agent console " + agent.host();
    // paused on the event loop as the upgrade completes: the scrollback replay follows at once
    Future<WebSocket> connecting = webSockets.connect(connect)
        .map(socket -> {
          socket.pause();
          return socket;
        });
    return connecting
        .timeout(millis, TimeUnit.MILLISECONDS)
        .onFailure(late -> connecting.onSuccess(WebSocket::close)) // nobody will own a socket opened after the deadline
        .recover(e -> {
          if (e instanceof UpgradeRejectedException rejected) {
            return Future.failedFuture(new OutsideSystemException(
                OutsideSystem.AGENT, rejected.getStatus(), rejected.getStatus() == 401 ? "unauthorized" : "upgrade_rejected",
                operation + " refused the WebSocket upgrade"));
          }
          return Future.failedFuture(OutsideCall.failure(OutsideSystem.AGENT, operation, options.connectTimeout(), e));
        });
  }

  @Override
  public void close() {
    client.close();
    webSockets.close();
  }

  private Future<Void> post(AgentEndpoint agent, String operation, String path, JsonObject body) {
    HttpRequest<Buffer> request = request(agent, HttpMethod.POST, path);
    return call(agent, operation, request, r -> body == null ? r.send() : r.sendJsonObject(body), options.requestTimeout())
        .mapEmpty();
  }

  private HttpRequest<Buffer> request(AgentEndpoint agent, HttpMethod method, String path) {
    return client.request(method, agent.port(), agent.host(), path)
        .putHeader("Authorization", "Bearer " + agent.token());
  }

  private Future<HttpResponse<Buffer>> call(
      AgentEndpoint agent,
      String operation,
      HttpRequest<Buffer> request,
      Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> sender,
      Duration timeout) {
    return OutsideCall.send(OutsideSystem.AGENT, "agent " + operation + " " + agent.host(), timeout, request, sender)
        .compose(response -> {
          int status = response.statusCode();
          if (status >= 200 && status < 300) {
            return Future.succeededFuture(response);
          }
          JsonErrorAnswer answer = JsonErrorAnswer.read(response);
          return Future.failedFuture(status == 409
              ? new AgentBusyException(answer.code(), answer.message())
              : answer.toException(OutsideSystem.AGENT));
        });
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    try {
      return response.bodyAsJsonObject();
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
