package com.zerolaghub.verticles.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void overPlainHttpThereIsNoHstsAndWebSocketsToSelfAreWs() throws Exception {
    HttpResponse<String> answer = get(serve("http://localhost:8080"), "/anything");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.headers().firstValue("Strict-Transport-Security")).isEmpty();
    assertThat(answer.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("connect-src 'self' ws://localhost:8080;");
    assertThat(answer.headers().firstValue("X-Frame-Options")).contains("DENY");
  }

  @Test
  void overHttpsHstsIsSentAndWebSocketsToSelfAreWss() throws Exception {
    HttpResponse<String> answer = get(serve("https://panel.example.com/"), "/ok");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Strict-Transport-Security")).contains(SecurityHeaders.HSTS);
    assertThat(answer.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("connect-src 'self' wss://panel.example.com;");
  }

  @Test
  void handlersPlacedEarlyOnPurposeStillGetTheHeaders() throws Exception {
    Router router = Router.router(vertx);
    router.get("/early").order(-1000).handler(ctx -> ctx.response().end("early"));
    new SecurityHeaders("http://localhost:8080").mountOn(router);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();

    HttpResponse<String> answer = get(server.actualPort(), "/early");

    assertThat(answer.body()).isEqualTo("early");
    assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }

  private int serve(String publicUrl) {
    Router router = Router.router(vertx);
    new SecurityHeaders(publicUrl).mountOn(router);
    router.get("/ok").handler(ctx -> ctx.response().end("ok"));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
