package com.zerolaghub.events.servers;

import com.fasterxml.jackson.annotation.JsonInclude;
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

  /**
   * {@code {name, runtime, version, codeServer, plan}}. {@code plan} is the size the customer
   * chose, null when they chose none (the catalog's default; every dev server recorded before
   * dev plans existed reads null here, its resources are in its {@code server.requested}).
   */
  record Dev(String name, String runtime, String version, boolean codeServer,
             @JsonInclude(JsonInclude.Include.NON_NULL) String plan) implements ServerSpec {
    public Dev(String name, String runtime, String version, boolean codeServer) {
      this(name, runtime, version, codeServer, null);
    }

    @Override
    public ContainerKind kind() {
      return ContainerKind.DEV;
    }
  }
}
