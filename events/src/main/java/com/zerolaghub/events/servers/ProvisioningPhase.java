package com.zerolaghub.events.servers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/** Provisioning steps in the order they run. DNS and Velocity are for game servers only. */
public enum ProvisioningPhase {
  @JsonProperty("allocate-vmid") ALLOCATE_VMID,
  @JsonProperty("clone") CLONE,
  @JsonProperty("await-clone") AWAIT_CLONE,
  @JsonProperty("set-resources") SET_RESOURCES,
  @JsonProperty("start-container") START_CONTAINER,
  @JsonProperty("await-agent") AWAIT_AGENT,
  @JsonProperty("push-config") PUSH_CONFIG,
  @JsonProperty("publish-dns") PUBLISH_DNS,
  @JsonProperty("register-velocity") REGISTER_VELOCITY;

  private static final List<ProvisioningPhase> GAME = List.of(values());
  private static final List<ProvisioningPhase> DEV = List.of(
      ALLOCATE_VMID, CLONE, AWAIT_CLONE, SET_RESOURCES, START_CONTAINER, AWAIT_AGENT, PUSH_CONFIG);

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static List<ProvisioningPhase> forKind(ContainerKind kind) {
    return kind == ContainerKind.GAME ? GAME : DEV;
  }
}
