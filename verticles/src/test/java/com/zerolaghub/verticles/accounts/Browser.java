package com.zerolaghub.verticles.accounts;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client of the real HTTP API keeping cookies like a browser (Set-Cookie in, Cookie out),
 * optionally sending the CSRF header or a bearer token, from its own X-Forwarded-For address.
 */
final class Browser {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String ip;
  private final int port;
  final Map<String, String> cookies = new LinkedHashMap<>();
  /** Raw Set-Cookie headers of the last response. */
  List<String> lastSetCookies = List.of();
  private boolean sendCsrf = true;
  private String bearer;

  Browser(int port) {
    this.port = port;
    ThreadLocalRandom r = ThreadLocalRandom.current();
    this.ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  Browser withoutCsrfHeader() {
    sendCsrf = false;
    return this;
  }

  /** Sends this token as bearer and no cookies: an API client. */
  Browser bearer(String token) {
    this.bearer = token;
    cookies.clear();
    return this;
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path, JsonObject body) throws Exception {
    return post(path, "application/json", body == null ? "" : body.encode());
  }

  HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("Content-Type", contentType);
    return send(b);
  }

  HttpResponse<String> patch(String path, JsonObject body) throws Exception {
    return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())).header("Content-Type", "application/json"));
  }

  /** Registers and logs in; answers the login body. */
  JsonObject signUp(String email, String password) throws Exception {
    String user = "u" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    HttpResponse<String> r = post("/api/auth/register", new JsonObject().put("email", email).put("password", password)
        .put("username", user).put("displayName", "Tester " + user));
    if (r.statusCode() != 201) throw new AssertionError("register answered " + r.statusCode() + ": " + r.body());
    return logIn(email, password);
  }

  JsonObject logIn(String email, String password) throws Exception {
    HttpResponse<String> r = post("/api/auth/login", new JsonObject().put("email", email).put("password", password));
    if (r.statusCode() != 200) throw new AssertionError("login answered " + r.statusCode() + ": " + r.body());
    return new JsonObject(r.body());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(15)).header("X-Forwarded-For", "203.0.113.9, " + ip).header("User-Agent", "BrowserTest/1.0");
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    if (!cookies.isEmpty()) {
      StringBuilder header = new StringBuilder();
      cookies.forEach((k, v) -> header.append(header.length() == 0 ? "" : "; ").append(k).append('=').append(v));
      b.header("Cookie", header.toString());
    }
    String csrf = cookies.getOrDefault("__Host-" + SessionCookies.CSRF, cookies.get(SessionCookies.CSRF)); // https publicUrl names
    if (sendCsrf && csrf != null) b.header(SessionCookies.CSRF_HEADER, csrf);
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    lastSetCookies = r.headers().allValues("Set-Cookie");
    for (String set : lastSetCookies) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      boolean expired = set.toLowerCase().contains("max-age=0") || value.isEmpty();
      if (expired) cookies.remove(name);
      else cookies.put(name, value);
    }
    return r;
  }
}
