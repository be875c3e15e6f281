package com.zerolaghub.verticles.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.simulators.SimulatedContainer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the platform hands each agent its token itself (PUT /token), and never uses an agent someone else claimed")
class AgentClaimTest {

  @Test
  @DisplayName("an agent claimed by someone else before the platform fails the create at await-agent, marked for a human")
  void agentClaimedByAnotherIsNeverUsed() throws Exception {
    AtomicReference<ServersNode> nodeRef = new AtomicReference<>();
    RunnerHooks firstClaimer = new RunnerHooks() {
      @Override
      public void beforeAct(String serverId, String step) {
        if (!step.equals("await-agent")) return;
        // a neighbour wins the race to the freshly started container's agent
        for (SimulatedContainer c : nodeRef.get().sims().proxmox().containers()) {
          if (c.running()) nodeRef.get().sims().proxmox().agent(c.vmid()).ifPresent(a -> a.claimedBy("neighbours-token"));
        }
      }
    };
    try (ServersNode node = ServersNode.start(firstClaimer, c -> c)) {
      nodeRef.set(node);
      String user = ServersNode.newUser();
      JsonObject accepted = node.create(user, ServersNode.dev("raced", false));
      JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 20);

      assertThat(op.getString("status")).as(op.encode()).isEqualTo("failed");
      assertThat(op.getString("phase")).isEqualTo("await-agent");
      assertThat(op.getString("reason")).contains("already holds another token").contains("not trusted");
    }
  }
}
