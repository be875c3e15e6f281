package com.zerolaghub.verticles.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.RequestBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the request line and headers before any route, body handler or authentication runs,
 * so a malformed request is a 4xx problem whatever route it aims at:
 * <ul>
 *   <li>a NUL character (raw or {@code %00}) in the path, the query or a header value is refused
 *       400 naming where it was: PostgreSQL cannot store it, and no legitimate input has it;</li>
 *   <li>more than one {@code Host} header is refused 400 and the connection closed (RFC 9112
 *       §3.2): proxies and this server might each pick a different one; so is a request with
 *       both {@code Content-Length} and {@code Transfer-Encoding} that the decoder let through
 *       (see {@link GuardedRequestDecoder} for the chunked case);</li>
 *   <li>a body media type the operation does not accept is refused 415 before the body is read,
 *       and so are form media types ({@code multipart/*}, {@code application/x-www-form-urlencoded})
 *       on operations without a body and on any GET, HEAD or OPTIONS: the body handler would
 *       otherwise try to decode them (and fail with a 500 on a GET).</li>
 * </ul>
 */
final class RequestHeadCheck {
  static final String NUL_MESSAGE = "must not contain the NUL character";
  private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  private final OpenAPIContract contract;

  RequestHeadCheck(OpenAPIContract contract) {
    this.contract = contract;
  }

  void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.headers().getAll("Host").size() > 1) {
      ConnectionClosing.afterResponse(ctx);
      ctx.fail(new ProblemException(ProblemType.VALIDATION, "send exactly one Host header",
          List.of(new FieldError("header Host", "must appear once"))));
      return;
    }
    if (request.headers().contains("Transfer-Encoding") && request.headers().contains("Content-Length")) {
      // Netty keeps both only when the coding is not chunked (HTTP/1.0, "identity", …): as ambiguous.
      ConnectionClosing.afterResponse(ctx);
      ctx.fail(new ProblemException(ProblemType.MALFORMED_REQUEST,
          "a request must not carry both Content-Length and Transfer-Encoding (RFC 9112 section 6.1)"));
      return;
    }
    List<FieldError> nul = nulCharacters(ctx);
    if (!nul.isEmpty()) {
      ctx.fail(new ProblemException(ProblemType.VALIDATION, "the request contains a NUL character", nul));
      return;
    }
    String refusal = mediaTypeRefusal(request);
    if (refusal != null) {
      ctx.fail(new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, refusal));
      return;
    }
    ctx.next();
  }

  private static List<FieldError> nulCharacters(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    HttpServerRequest request = ctx.request();
    String path = request.path() == null ? "" : request.path();
    if (hasNul(path) || containsEncodedNul(path)) errors.add(new FieldError("path", NUL_MESSAGE));
    String query = request.query();
    if (query != null && (hasNul(query) || containsEncodedNul(query))) {
      boolean named = false;
      try {
        MultiMap params = ctx.queryParams();
        for (Map.Entry<String, String> e : params) {
          if (hasNul(e.getKey()) || hasNul(e.getValue())) {
            errors.add(new FieldError(e.getKey(), NUL_MESSAGE));
            named = true;
          }
        }
      } catch (RuntimeException undecodable) {
        // named as the whole query below
      }
      if (!named) errors.add(new FieldError("query", NUL_MESSAGE));
    }
    for (Map.Entry<String, String> h : request.headers()) {
      if (hasNul(h.getValue())) errors.add(new FieldError("header " + h.getKey(), NUL_MESSAGE));
    }
    return errors;
  }

  private String mediaTypeRefusal(HttpServerRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType == null) return null;
    Operation operation = contract.findOperation(request.path(), request.method());
    RequestBody expected = operation == null ? null : operation.getRequestBody();
    if (expected != null) {
      if (accepts(expected, contentType)) return null;
      return "send the body as one of " + expected.getContent().keySet() + ", not " + printable(contentType);
    }
    if (!isForm(contentType)) return null;
    if (operation != null) {
      return "operation " + operation.getOperationId() + " takes no body; form bodies (" + printable(contentType) + ") are not accepted";
    }
    // Outside the contract (webhooks, proxied routes) a form may be fine, but not on a method
    // the body handler cannot decode one for (it fails with a 500 on GET).
    if (!BODY_METHODS.contains(request.method())) {
      return "a " + request.method().name() + " request carries no form body (" + printable(contentType) + ")";
    }
    return null;
  }

  private static boolean accepts(RequestBody expected, String contentType) {
    try {
      return expected.determineContentType(contentType) != null;
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  private static boolean isForm(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT).trim();
    return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
  }

  static boolean hasNul(String s) {
    return s != null && s.indexOf('\u0000') >= 0;
  }

  private static boolean containsEncodedNul(String s) {
    return s.contains("%00");
  }

  /** The header as it may be echoed in a detail: at most 100 characters, control characters dropped. */
  private static String printable(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "");
    return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
  }
}
