package com.zerolaghub.core.infra.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /config}: the agent's (new) token plus the container's settings, sent
 * as one JSON object ({@code agentToken} beside the settings' keys). {@link #toString()} hides the
 * token.
 */
public record AgentConfigRequest(String agentToken, Map<String, Object> settings) {

  public AgentConfigRequest {
    Objects.requireNonNull(agentToken, "agentToken");
    settings = Map.copyOf(new LinkedHashMap<>(settings));
    if (settings.containsKey("agentToken")) {
      throw new IllegalArgumentException("agentToken belongs in its own field");
    }
  }

  @Override
  public String toString() {
    return "AgentConfigRequest[agentToken=***, settings=" + settings.keySet() + "]";
  }
}
