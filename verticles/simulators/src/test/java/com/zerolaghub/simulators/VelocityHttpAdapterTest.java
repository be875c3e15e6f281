package com.zerolaghub.simulators;

import static com.zerolaghub.simulators.Await.failure;
import static com.zerolaghub.simulators.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.OutsideSystemTimeoutException;
import com.zerolaghub.core.infra.OutsideSystemUnreachableException;
import com.zerolaghub.core.infra.velocity.VelocityHttpAdapter;
import com.zerolaghub.core.infra.velocity.VelocityOptions;
import com.zerolaghub.core.infra.velocity.VelocityServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class VelocityHttpAdapterTest {
  private static final String TOKEN = "bridge-token";

  private Vertx vertx;
  private VelocitySimulator velocity;
  private VelocityHttpAdapter bridge;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    velocity = new VelocitySimulator(vertx, VelocitySimulator.Options.defaults(TOKEN));
    result(velocity.start());
    bridge = adapter(TOKEN, Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() throws Exception {
    bridge.close();
    result(velocity.stop());
  }

  private VelocityHttpAdapter adapter(String token, Duration timeout) {
    return new VelocityHttpAdapter(vertx, VelocityOptions.of(URI.create(velocity.baseUri()), token).withRequestTimeout(timeout));
  }

  @Test
  @DisplayName("registering the same server twice leaves one entry")
  void registerIsIdempotent() throws Exception {
    result(bridge.register("mc-alpha", "127.10.0.100", 25565));
    result(bridge.register("mc-alpha", "127.10.0.100", 25565));

    assertThat(velocity.registrations()).containsExactly(new VelocityServer("mc-alpha", "127.10.0.100", 25565));
    assertThat(result(bridge.list())).containsExactly(new VelocityServer("mc-alpha", "127.10.0.100", 25565));
  }

  @Test
  @DisplayName("deregistering removes; deregistering an unknown name reports it gone without failing")
  void deregisterUnknownIsHandled() throws Exception {
    result(bridge.register("mc-alpha", "127.10.0.100", 25565));

    assertThat(result(bridge.deregister("mc-alpha"))).isTrue();
    assertThat(result(bridge.deregister("mc-alpha"))).isFalse();
    assertThat(result(bridge.deregister("never-there"))).isFalse();
    assertThat(velocity.registrations()).isEmpty();
  }

  @Test
  @DisplayName("a proxy restart drops every registration")
  void restartDropsRegistrations() throws Exception {
    result(bridge.register("mc-alpha", "127.10.0.100", 25565));
    result(bridge.register("mc-beta", "127.10.0.101", 25565));

    velocity.restart();

    assertThat(result(bridge.list())).isEmpty();
  }

  @Test
  @DisplayName("a wrong bridge token is refused with 401")
  void wrongTokenIsRefused() throws Exception {
    VelocityHttpAdapter wrong = adapter("nope", Duration.ofSeconds(2));
    try {
      OutsideSystemException failure = (OutsideSystemException) failure(wrong.register("mc-alpha", "127.10.0.100", 25565));
      assertThat(failure.status()).isEqualTo(401);
      assertThat(failure.code()).isEqualTo("unauthorized");
    } finally {
      wrong.close();
    }
    assertThat(velocity.registrations()).isEmpty();
  }

  @Test
  @DisplayName("a silent or stopped bridge surfaces as timeout or unreachable")
  void silentOrStoppedBridge() throws Exception {
    bridge.close();
    bridge = adapter(TOKEN, Duration.ofMillis(250));
    velocity.faults(FaultPlan.none().hanging("/servers"));
    assertThat(failure(bridge.list())).isInstanceOf(OutsideSystemTimeoutException.class);

    result(velocity.stop());
    // A fresh client: a pooled connection to the stopped bridge could be dropped after sending
    // (outcome unknown), while a new connection is refused before anything is sent.
    bridge.close();
    bridge = adapter(TOKEN, Duration.ofMillis(250));
    Throwable refused = failure(bridge.list());
    assertThat(refused).isInstanceOf(OutsideSystemUnreachableException.class);
    assertThat(((OutsideSystemUnreachableException) refused).outcomeUnknown()).isFalse();
  }
}
