package com.zerolaghub.verticles.http;

import java.net.URI;

/**
 * A kind of problem (RFC 9457): a stable type URI clients may switch on, a fixed title and the
 * HTTP status it is answered with. The URI never changes once published; add a new constant
 * rather than reword one.
 */
public record ProblemType(String slug, String title, int status) {
  public static final String BASE_URI = "https://zerolaghub.com/problems/";

  public static final ProblemType VALIDATION = new ProblemType("validation", "Request is not valid", 400);
  public static final ProblemType MALFORMED_REQUEST = new ProblemType("malformed-request", "Request is not valid HTTP", 400);
  public static final ProblemType MALFORMED_JSON = new ProblemType("malformed-json", "Request body is not valid JSON", 400);
  public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", "Authentication required", 401);
  public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Not allowed", 403);
  public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Not found", 404);
  public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", "Method not allowed", 405);
  public static final ProblemType CONFLICT = new ProblemType("conflict", "Conflict", 409);
  public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", "Request body too large", 413);
  public static final ProblemType URI_TOO_LONG = new ProblemType("uri-too-long", "URI too long", 414);
  public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
      new ProblemType("unsupported-media-type", "Unsupported media type", 415);
  public static final ProblemType HEADERS_TOO_LARGE =
      new ProblemType("headers-too-large", "Request header fields too large", 431);
  public static final ProblemType RATE_LIMITED = new ProblemType("rate-limited", "Too many requests", 429);
  public static final ProblemType INTERNAL = new ProblemType("internal", "Internal error", 500);
  public static final ProblemType UNAVAILABLE = new ProblemType("unavailable", "Service unavailable", 503);

  public ProblemType {
    if (status < 400 || status > 599) throw new IllegalArgumentException("a problem has a 4xx or 5xx status: " + status);
  }

  public URI uri() {
    return URI.create(BASE_URI + slug);
  }

  /** The type a bare status code maps to when nothing more specific is known. */
  public static ProblemType forStatus(int status) {
    switch (status) {
      case 400: return VALIDATION;
      case 401: return UNAUTHORIZED;
      case 403: return FORBIDDEN;
      case 404: return NOT_FOUND;
      case 405: return METHOD_NOT_ALLOWED;
      case 409: return CONFLICT;
      case 413: return PAYLOAD_TOO_LARGE;
      case 414: return URI_TOO_LONG;
      case 415: return UNSUPPORTED_MEDIA_TYPE;
      case 429: return RATE_LIMITED;
      case 431: return HEADERS_TOO_LARGE;
      case 503: return UNAVAILABLE;
      default: return status >= 500 || status < 400 ? INTERNAL : new ProblemType("http-" + status, "Request failed", status);
    }
  }
}
