package com.zerolaghub.verticles.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.verticles.testing.TestNode;
import com.zerolaghub.verticles.testing.TestOperations;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stopping a node lets requests in flight finish, then stops capabilities in reverse order")
class GracefulStopTest {

  @Test
  void inFlightRequestCompletesNewConnectionsAreRefusedAndCapabilitiesStopInReverse() throws Exception {
    List<String> lifecycle = new CopyOnWriteArrayList<>();
    TestOperations first = new TestOperations("test", lifecycle);
    TestOperations second = new TestOperations("second", lifecycle);
    TestNode node = TestNode.start(first, second);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
        HttpRequest.newBuilder(node.uri("/api/test/slow?ms=1500")).build(), HttpResponse.BodyHandlers.ofString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (first.slowStarted.get() == 0) {
      assertThat(System.nanoTime()).as("slow request reached its handler").isLessThan(deadline);
      Thread.sleep(10);
    }

    long t0 = System.nanoTime();
    CompletableFuture<Void> stopped = node.platform.stop().toCompletionStage().toCompletableFuture();

    HttpResponse<String> answered = slow.get(10, TimeUnit.SECONDS);
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(answered.body()).contains("\"sleptMs\":1500");
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(node.uri("/health/live")).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);

    stopped.get(Platform.STOP_BUDGET.toSeconds() + 2, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Platform.STOP_BUDGET);
    assertThat(lifecycle).containsExactly("start test", "start second", "stop second", "stop test");
  }
}
