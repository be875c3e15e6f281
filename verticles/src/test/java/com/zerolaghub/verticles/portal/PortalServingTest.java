package com.zerolaghub.verticles.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How a node serves the portal: the page, its versioned assets, and what stays the API's. */
class PortalServingTest {
  private static final Pattern MAIN_SCRIPT = Pattern.compile("<script type=\"module\" src=\"(/assets/([0-9a-f]{12})/app/main\\.js)\">");
  private static TestNode node;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(new PortalCapability());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) request.headers(headers);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private String assetsPrefix() throws Exception {
    Matcher m = MAIN_SCRIPT.matcher(text(get("/")));
    assertThat(m.find()).as("index.html names the versioned main module").isTrue();
    return "/assets/" + m.group(2);
  }

  @Test
  void rootAnswersThePortalPageUnderTheStrictPolicyAndRevalidated() throws Exception {
    HttpResponse<byte[]> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    assertThat(text(page)).doesNotContain("{{assets}}").doesNotContain("<script>").doesNotContain("style=");
    String tag = page.headers().firstValue("ETag").orElseThrow();
    assertThat(get("/", "If-None-Match", tag).statusCode()).isEqualTo(304);
  }

  @Test
  void clientSideRoutesAnswerThePageSoTheMailedResetLinkOpensTheApp() throws Exception {
    for (String path : new String[] {"/servers/abc", "/reset-password", "/sign-in", "/billing"}) {
      HttpResponse<byte[]> page = get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(text(page)).as(path).contains("/app/main.js");
    }
  }

  @Test
  void apiPathsKeepTheirProblemDocuments() throws Exception {
    for (String path : new String[] {"/api/no-such-thing", "/health/nope", "/assets/000000000000/app/main.js", "/assets/x"}) {
      HttpResponse<byte[]> answer = get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(404);
      assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
      assertThat(new JsonObject(text(answer)).getString("type")).as(path).endsWith("/not-found");
    }
  }

  @Test
  void versionedAssetsAreCachedForAYearAndCompressed() throws Exception {
    String prefix = assetsPrefix();
    HttpResponse<byte[]> main = get(prefix + "/app/main.js", "Accept-Encoding", "gzip");
    assertThat(main.statusCode()).isEqualTo(200);
    assertThat(main.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(main.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(main.headers().firstValue("Content-Encoding")).hasValue("gzip");
    HttpResponse<byte[]> css = get(prefix + "/app.css");
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
  }

  @Test
  void browserLibrariesComeFromTheJarsWithoutBareImportSpecifiers() throws Exception {
    String prefix = assetsPrefix();
    for (String lib : new String[] {"preact.js", "hooks.js", "htm.js", "xterm.js", "xterm.css"}) {
      HttpResponse<byte[]> file = get(prefix + "/vendor/" + lib);
      assertThat(file.statusCode()).as(lib).isEqualTo(200);
      assertThat(text(file)).as(lib).doesNotContainPattern("from\\s*[\"']preact[\"']");
    }
    assertThat(text(get(prefix + "/vendor/hooks.js"))).contains("from\"./preact.js\"");
  }
}
