package com.zerolaghub.proxy.impl;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The proxy's own error answers: RFC 9457 problem JSON, or a small HTML page for browsers
 * (they ask for {@code text/html}). Never cached; never a stack trace or an address.
 */
public final class ProblemPage {

  private ProblemPage() {}

  public static Future<Void> send(HttpServerRequest request, int status, String code, String title) {
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      return response.reset().mapEmpty();
    }
    response.setStatusCode(status).putHeader("Cache-Control", "no-store");
    String accept = request.getHeader("Accept");
    if (accept != null && accept.contains("text/html")) {
      return response.putHeader("Content-Type", "text/html; charset=utf-8").end(html(status, code, title));
    }
    JsonObject problem = new JsonObject()
        .put("type", "about:blank")
        .put("title", title)
        .put("status", status)
        .put("code", code);
    return response.putHeader("Content-Type", "application/problem+json").end(problem.encode());
  }

  /** A top-level page load by a browser (a GET asking for HTML), as opposed to a script's fetch. */
  public static boolean isBrowserPageLoad(HttpServerRequest request) {
    String accept = request.getHeader("Accept");
    return request.method() == HttpMethod.GET && accept != null && accept.contains("text/html");
  }

  /**
   * 503 with {@code Retry-After}: something is on its way up. The HTML reloads itself after
   * {@code retrySeconds} (a meta refresh, so no script is needed under a strict CSP).
   */
  public static Future<Void> starting(HttpServerRequest request, int retrySeconds, String title, String detail) {
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      return response.reset().mapEmpty();
    }
    return response.setStatusCode(503)
        .putHeader("Cache-Control", "no-store")
        .putHeader("Retry-After", String.valueOf(retrySeconds))
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end("<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\""
            + retrySeconds + "\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
            + escape(title) + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(detail)
            + "</p></body></html>");
  }

  private static String html(int status, String code, String title) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + status + " " + escape(title)
        + "</title></head><body><h1>" + escape(title) + "</h1><p>" + status + " · " + escape(code)
        + "</p></body></html>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
