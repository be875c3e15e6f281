package com.zerolaghub.events.servers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What a server is ({@code container_type}): a Minecraft game server or a browser dev environment. */
public enum ContainerKind {
  @JsonProperty("game") GAME,
  @JsonProperty("dev") DEV;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
