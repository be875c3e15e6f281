package com.zerolaghub.verticles.portal;

import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serves the portal on the API's origin: {@code /assets/<version>/…} with year-long immutable
 * caching (the version is the files' hash, so a new jar means new URLs), and the app's page
 * {@code index.html} (never cached, it names the current version) for {@code /} and every other
 * GET that is not an API path, so client-side routes ({@code /servers/abc}, the mailed
 * {@code /reset-password#token=…}) open the app. API, health, metrics and unknown asset paths
 * keep their problem documents. Compression is the HTTP server's ({@code setCompressionSupported}).
 */
final class PortalRoutes {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String ASSETS_PLACEHOLDER = "{{assets}}";
  /** Paths the app never answers: the API and the node's own endpoints. */
  static final List<String> NOT_PORTAL = List.of("/api/", "/api", "/health", "/metrics", "/openapi.yaml", "/sd/", "/assets/",
      "/__ide/", "/webhooks/");

  private final PortalFiles files;
  private final String assetsPrefix;
  private final byte[] page;
  private final String pageTag;

  PortalRoutes(PortalFiles files) {
    this.files = files;
    this.assetsPrefix = "/assets/" + files.version();
    PortalFiles.File index = files.get("index.html");
    this.page = new String(index.bytes(), StandardCharsets.UTF_8).replace(ASSETS_PLACEHOLDER, assetsPrefix)
        .getBytes(StandardCharsets.UTF_8);
    this.pageTag = "\"" + files.version() + "\"";
  }

  void mountOn(Router router) {
    router.get("/assets/:version/*").handler(this::asset);
    router.head("/assets/:version/*").handler(this::asset);
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::page);
  }

  private void asset(RoutingContext ctx) {
    String version = ctx.pathParam("version");
    String path = ctx.pathParam("*");
    PortalFiles.File file = version.equals(files.version()) && path != null && !path.equals("index.html") ? files.get(path) : null;
    if (file == null) {
      ctx.fail(new ProblemException(ProblemType.NOT_FOUND, "no portal asset at " + ctx.normalizedPath()));
      return;
    }
    String tag = "\"" + version + "\"";
    ctx.response().putHeader("Cache-Control", IMMUTABLE).putHeader("ETag", tag);
    if (tag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", file.mediaType()).end(Buffer.buffer(file.bytes()));
  }

  private void page(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    for (String prefix : NOT_PORTAL) {
      if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
        ctx.next();
        return;
      }
    }
    // The page names the current assets: revalidate on each visit, answered 304 while unchanged.
    ctx.response().putHeader("Cache-Control", "no-cache").putHeader("ETag", pageTag);
    if (pageTag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(Buffer.buffer(page));
  }
}
