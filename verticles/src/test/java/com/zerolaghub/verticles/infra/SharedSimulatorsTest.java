package com.zerolaghub.verticles.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.config.ServersConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Simulators shared by several nodes ({@code zlh simulators}): nodes in proxmox mode reach them with the configured tokens. */
@ExtendWith(VertxExtension.class)
class SharedSimulatorsTest {
  private static final InfraConfig CONFIGURED = InfraConfig.builder().mode(InfraConfig.MODE_PROXMOX)
      .proxmoxTokenId("ops@pve!zlh").proxmoxTokenSecret("proxmox-secret-of-the-operator")
      .cloudflareZoneId("zone-of-the-operator").cloudflareToken("cloudflare-token-of-the-operator")
      .velocityToken("velocity-token-of-the-operator").simTaskDurationMs(1).build();

  private SimulatedSystems sims;
  private InfraPorts node;

  @AfterEach
  void stop() throws Exception {
    if (node != null) await(node.close());
    if (sims != null) await(sims.stop());
  }

  @Test
  void aProxmoxModeNodeReachesSimulatorsStartedWithItsConfiguredTokens(Vertx vertx) throws Exception {
    sims = await(SimulatedSystems.start(vertx, CONFIGURED, ServersConfig.defaults(), SimulatedSystems.Ports.ANY, true));
    InfraConfig reach = sims.adapterConfig(CONFIGURED);

    assertThat(reach.mode()).isEqualTo(InfraConfig.MODE_PROXMOX);
    assertThat(reach.proxmoxTokenId()).isEqualTo("ops@pve!zlh");
    assertThat(reach.proxmoxTokenSecret()).isEqualTo("proxmox-secret-of-the-operator");
    assertThat(reach.cloudflareZoneId()).isEqualTo("zone-of-the-operator");
    node = await(InfraPorts.connect(vertx, PlatformConfig.defaults().with(c -> c.infra(reach))));
    assertThat(node.simulators()).isEmpty();
    assertThat(await(node.ports().proxmox().nextId())).isPositive();
    assertThat(await(node.ports().dns().findSrv("_minecraft._tcp.nothing.play.zerolaghub.test"))).isEmpty();
    assertThat(await(node.ports().velocity().list())).isEmpty();
  }

  @Test
  void aNodeWithAnotherTokenIsRefused(Vertx vertx) throws Exception {
    sims = await(SimulatedSystems.start(vertx, CONFIGURED, ServersConfig.defaults(), SimulatedSystems.Ports.ANY, true));
    InfraConfig reach = sims.adapterConfig(CONFIGURED);
    InfraConfig wrong = reach.toBuilder().proxmoxTokenSecret("not-the-secret").build();
    node = await(InfraPorts.connect(vertx, PlatformConfig.defaults().with(c -> c.infra(wrong))));

    assertThatThrownBy(() -> await(node.ports().proxmox().nextId())).isInstanceOf(OutsideSystemException.class);
  }

  @Test
  void aNodesOwnSimulatorsMakeUpTheirTokens(Vertx vertx) throws Exception {
    sims = await(SimulatedSystems.start(vertx, CONFIGURED, ServersConfig.defaults()));
    InfraConfig reach = sims.adapterConfig(InfraConfig.defaults());

    assertThat(reach.mode()).isEqualTo(InfraConfig.MODE_SIMULATED);
    assertThat(reach.proxmoxTokenSecret()).isNotEqualTo(CONFIGURED.proxmoxTokenSecret()).isNotBlank();
    assertThat(reach.velocityToken()).isNotEqualTo(CONFIGURED.velocityToken()).isNotBlank();
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
