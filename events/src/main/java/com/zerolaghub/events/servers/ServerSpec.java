package com.zerolaghub.events.servers;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a customer asked for. Never carries an owner: that comes from the principal. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerSpec.Game.class, name = "game"),
    @JsonSubTypes.Type(value = ServerSpec.Dev.class, name = "dev")})
public sealed interface ServerSpec {
  String name();

  ContainerKind kind();

  /** {@code {name, variant, plan}}. */
  record Game(String name, String variant, String plan) implements ServerSpec {
    @Override
    public ContainerKind kind() {
      return ContainerKind.GAME;
    }
  }

  /** {@code {name, runtime, version, codeServer}}. */
  record Dev(String name, String runtime, String version, boolean codeServer) implements ServerSpec {
    @Override
    public ContainerKind kind() {
      return ContainerKind.DEV;
    }
  }
}
