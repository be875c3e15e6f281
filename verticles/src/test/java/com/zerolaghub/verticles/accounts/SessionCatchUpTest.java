package com.zerolaghub.verticles.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SessionLookup;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A token issued by another node a moment ago is not refused before this node caught up")
class SessionCatchUpTest {
  private static final Principal ADA = new Principal("u-ada", Role.CUSTOMER, "s-ada");
  private final SessionAuthentication auth = new SessionAuthentication();
  private final AtomicInteger catchUps = new AtomicInteger();
  private volatile boolean caughtUp;
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // this node learns of "fresh" only from the log, i.e. once it has caught up
    auth.connect(new SessionLookup() {
      @Override
      public Optional<Principal> authenticate(String token, Instant now) {
        return caughtUp && token.equals("fresh") ? Optional.of(ADA) : Optional.empty();
      }

      @Override
      public boolean isLive(String sessionId, Instant now) {
        return caughtUp && sessionId.equals(ADA.sessionId());
      }
    }, () -> true, Clock.systemUTC());
    auth.catchUpWith(() -> {
      catchUps.incrementAndGet();
      caughtUp = true;
      return Future.succeededFuture();
    });
    Router router = Router.router(vertx);
    router.get("/me").handler(auth.required()).handler(ctx -> ctx.response().end(Authentication.principal(ctx).userId()));
    router.route().failureHandler(ctx -> ctx.response()
        .setStatusCode(ctx.failure() instanceof ProblemException p ? p.problem().status() : 500).end());
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aTokenThisNodeHasNotSeenYetIsAcceptedOnceItCaughtUpWithTheLog() throws Exception {
    HttpResponse<String> me = get("fresh");

    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).isEqualTo("u-ada");
    assertThat(catchUps).hasValue(1);
    assertThat(get("fresh").statusCode()).isEqualTo(200);
    assertThat(catchUps).as("a known token is answered from memory").hasValue(1);
  }

  @Test
  void aTokenUnknownEvenAfterCatchingUpIsRefused() throws Exception {
    assertThat(get("made-up").statusCode()).isEqualTo(401);
    assertThat(catchUps).hasValue(1);
    assertThat(get(null).statusCode()).as("no token at all: nothing to catch up for").isEqualTo(401);
    assertThat(catchUps).hasValue(1);
  }

  private HttpResponse<String> get(String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/me"));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
