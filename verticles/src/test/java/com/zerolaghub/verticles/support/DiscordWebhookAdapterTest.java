package com.zerolaghub.verticles.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.core.infra.discord.DiscordMessage;
import com.zerolaghub.core.infra.discord.DiscordRateLimitedException;
import com.zerolaghub.core.infra.discord.DiscordRejectedException;
import com.zerolaghub.core.infra.discord.DiscordWebhookAdapter;
import com.zerolaghub.simulators.DiscordSimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Discord webhook adapter against the simulator: 429 waits retry_after, 5xx is retried, 4xx is final")
class DiscordWebhookAdapterTest {
  private Vertx vertx;
  private DiscordSimulator sim;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sim = await(new DiscordSimulator(vertx).start());
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static DiscordMessage message(String content) {
    return new DiscordMessage(content, "title", "description");
  }

  @Test
  void postsContentAndEmbedWithMentionsDisabled() throws Exception {
    DiscordWebhookAdapter adapter = new DiscordWebhookAdapter(vertx, sim.webhookUrl(), 1, Duration.ofMillis(10));
    await(adapter.post(message("hello")));
    assertThat(sim.posts()).hasSize(1);
    assertThat(sim.posts().get(0).getString("content")).isEqualTo("hello");
    assertThat(sim.posts().get(0).getJsonArray("embeds").getJsonObject(0).getString("title")).isEqualTo("title");
    assertThat(sim.posts().get(0).getJsonObject("allowed_mentions").getJsonArray("parse")).isEmpty();
  }

  @Test
  void aRateLimitIsWaitedOutForItsRetryAfterThenSent() throws Exception {
    sim.rateLimitNext(1, 0.3);
    DiscordWebhookAdapter adapter = new DiscordWebhookAdapter(vertx, sim.webhookUrl(), 3, Duration.ofMillis(10));
    long t0 = System.nanoTime();
    await(adapter.post(message("later")));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(sim.rateLimitedAnswers()).isEqualTo(1);
    assertThat(sim.posts()).hasSize(1);
  }

  @Test
  void aRateLimitOutlastingTheAttemptsIsHandedBackWithItsDelay() throws Exception {
    sim.rateLimitEvery(1, 1.5);
    DiscordWebhookAdapter adapter = new DiscordWebhookAdapter(vertx, sim.webhookUrl(), 1, Duration.ofMillis(10));
    assertThatThrownBy(() -> await(adapter.post(message("x")))).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(DiscordRateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500)));
  }

  @Test
  void serverErrorsAreRetriedUntilOneSucceeds() throws Exception {
    sim.failNext(2);
    DiscordWebhookAdapter adapter = new DiscordWebhookAdapter(vertx, sim.webhookUrl(), 3, Duration.ofMillis(10));
    await(adapter.post(message("eventually")));
    assertThat(sim.posts()).hasSize(1);
  }

  @Test
  void aRefusalIsPermanentAndTheUrlTokenStaysOutOfTheError() throws Exception {
    String wrong = sim.webhookUrl().replace("/api/webhooks/", "/nowhere/");
    DiscordWebhookAdapter adapter = new DiscordWebhookAdapter(vertx, wrong, 3, Duration.ofMillis(10));
    assertThatThrownBy(() -> await(adapter.post(message("x")))).cause().isInstanceOf(DiscordRejectedException.class)
        .hasMessageNotContaining("sim-token");
  }
}
