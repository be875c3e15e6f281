package com.zerolaghub.verticles.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A node's admin API with an operator token: the projections operations, and any other admin read. */
final class HttpNodeAdmin implements ProjectionAdmin {
  private final URI base;
  private final String token;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HttpNodeAdmin(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  @Override
  public List<JsonObject> list() throws AdminException {
    JsonObject body = send(HttpRequest.newBuilder(base.resolve("/api/admin/projections")).GET());
    JsonArray items = body.getJsonArray("projections", new JsonArray());
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) out.add(items.getJsonObject(i));
    return out;
  }

  @Override
  public JsonObject rebuild(String name) throws AdminException {
    String path = "/api/admin/projections/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/rebuild";
    return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** {@code GET path} as JSON; a problem answer becomes an {@link AdminException} with its title and detail. */
  JsonObject get(String path) throws AdminException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  private JsonObject send(HttpRequest.Builder request) throws AdminException {
    request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
    if (token != null && !token.isBlank()) request.header("Authorization", "Bearer " + token);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new AdminException("no node answers at " + base + " (is `zlh run` running there?)");
    } catch (IOException e) {
      throw new AdminException("request to " + base + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminException("interrupted");
    }
    JsonObject body;
    try {
      body = response.body().isBlank() ? new JsonObject() : new JsonObject(response.body());
    } catch (DecodeException e) {
      throw new AdminException("node answered " + response.statusCode() + " with a body that is not JSON");
    }
    if (response.statusCode() >= 400) {
      String title = body.getString("title", "HTTP " + response.statusCode());
      String detail = body.getString("detail");
      throw new AdminException(title + " (" + response.statusCode() + ")" + (detail == null ? "" : ": " + detail));
    }
    return body;
  }
}
