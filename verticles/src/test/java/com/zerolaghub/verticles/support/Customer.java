package com.zerolaghub.verticles.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** A signed-in API client (bearer token) of a node. */
final class Customer {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String id;
  final String email;
  private final String token;
  private final int port;

  private Customer(int port, String id, String email, String token) {
    this.port = port;
    this.id = id;
    this.email = email;
    this.token = token;
  }

  static Customer signUp(int port) throws Exception {
    String user = "u" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    String email = user + "@example.com";
    HttpResponse<String> r = send(port, null, "POST", "/api/auth/register", new JsonObject().put("email", email)
        .put("password", "correct horse battery").put("username", user).put("displayName", "Tester " + user));
    if (r.statusCode() != 201) throw new AssertionError("register answered " + r.statusCode() + ": " + r.body());
    return logIn(port, email);
  }

  static Customer logIn(int port, String email) throws Exception {
    HttpResponse<String> r = send(port, null, "POST", "/api/auth/login",
        new JsonObject().put("email", email).put("password", "correct horse battery"));
    if (r.statusCode() != 200) throw new AssertionError("login answered " + r.statusCode() + ": " + r.body());
    JsonObject body = new JsonObject(r.body());
    return new Customer(port, body.getJsonObject("user").getString("id"), email, body.getString("token"));
  }

  /** The same account through another node. */
  Customer via(int otherPort) {
    return new Customer(otherPort, id, email, token);
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(port, token, "GET", path, null);
  }

  HttpResponse<String> post(String path, JsonObject body) throws Exception {
    return send(port, token, "POST", path, body);
  }

  HttpResponse<String> delete(String path) throws Exception {
    return send(port, token, "DELETE", path, null);
  }

  HttpResponse<String> put(String path, JsonObject body) throws Exception {
    return send(port, token, "PUT", path, body);
  }

  private static HttpResponse<String> send(int port, String token, String method, String path, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
        .header("X-Forwarded-For", "10.9." + ThreadLocalRandom.current().nextInt(256) + "." + (1 + ThreadLocalRandom.current().nextInt(254)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
