package com.zerolaghub.verticles.http;

import com.zerolaghub.proxy.BrowserOrigins;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * Browser security headers on every answer of the API router (the portal's static app, the API,
 * health, metrics, {@code /openapi.yaml}, problem documents and 404s alike): a strict
 * Content-Security-Policy (the portal's own scripts, styles, images, fonts and WebSockets only;
 * never framed), {@code nosniff}, {@code X-Frame-Options: DENY}, no referrer, and HSTS when the
 * portal is served over https. Set first, before any other handler, so no answer goes without.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  /** Runs before every other route of the router, even those placed early on purpose. */
  static final int ORDER = -1_000_000;
  static final String HSTS = "max-age=31536000";

  private final String contentSecurityPolicy;
  private final boolean tls;

  /** @param publicUrl where people reach the portal ({@code http.publicUrl}) */
  public SecurityHeaders(String publicUrl) {
    URI url = URI.create(BrowserOrigins.originOf(publicUrl));
    this.tls = url.getScheme().equals("https");
    // 'self' covers same-origin ws(s) in CSP 3; the explicit source helps older engines
    String socket = (tls ? "wss://" : "ws://") + url.getRawAuthority();
    this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "font-src 'self'; connect-src 'self' " + socket + "; object-src 'none'; base-uri 'none'; "
        + "frame-ancestors 'none'; form-action 'self'";
  }

  /** Adds this handler to {@code router} ahead of every route. */
  public void mountOn(Router router) {
    router.route().order(ORDER).handler(this);
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", contentSecurityPolicy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    if (tls) headers.set("Strict-Transport-Security", HSTS);
    ctx.next();
  }
}
