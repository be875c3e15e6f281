package com.zerolaghub.verticles.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** Checks that an answer is a complete RFC 9457 problem document of a client error. */
final class ProblemDocuments {
  private ProblemDocuments() {}

  /** What is wrong with the answer, or null when it is a 4xx problem document with every member. */
  static String whatIsWrong(int status, String contentType, String requestIdHeader, String body) {
    if (status < 400 || status > 499) return "status " + status + " " + abbreviate(body);
    if (!Problem.CONTENT_TYPE.equals(contentType)) return status + " as " + contentType + " " + abbreviate(body);
    JsonObject p;
    try {
      p = new JsonObject(body);
    } catch (DecodeException e) {
      return status + " body is not JSON: " + abbreviate(body);
    }
    if (p.getString("type") == null || !p.getString("type").startsWith(ProblemType.BASE_URI)) return status + " without type " + body;
    if (p.getString("title") == null || p.getString("title").isBlank()) return status + " without title " + body;
    if (!Integer.valueOf(status).equals(p.getInteger("status"))) return status + " with status member " + p.getValue("status");
    if (p.getString("instance") == null || !p.getString("instance").startsWith("/")) return status + " without instance " + body;
    if (p.getString("requestId") == null || !p.getString("requestId").equals(requestIdHeader)) {
      return status + " with requestId " + p.getString("requestId") + ", header " + requestIdHeader;
    }
    return null;
  }

  private static String abbreviate(String s) {
    if (s == null) return "(no body)";
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
