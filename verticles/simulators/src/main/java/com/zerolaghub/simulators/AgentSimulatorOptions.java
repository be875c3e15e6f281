package com.zerolaghub.simulators;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated agent behaves.
 *
 * @param host address to listen on (a container's loopback address)
 * @param port agent port
 * @param containerType {@code game} or {@code dev}
 * @param bootstrapToken token accepted until a config brings its own {@code agentToken}; null accepts none
 * @param agentVersion reported in {@code /status}
 * @param transitionDuration how long game start/stop, backups and restores take
 * @param codeServerPort port of the code-server stand-in (dev containers)
 * @param backoffUnit length of one "second" of crash restart back-off (30 → 60 → 120 units)
 * @param scrollbackBytes console scrollback kept for replay
 * @param codeServer which code-server dev containers run: {@code off} (the default here) serves a
 *                   stand-in page, empty looks for {@code code-server} on PATH, else the binary's path
 */
public record AgentSimulatorOptions(
    String host,
    int port,
    String containerType,
    String bootstrapToken,
    String agentVersion,
    Duration transitionDuration,
    int codeServerPort,
    Duration backoffUnit,
    int scrollbackBytes,
    String codeServer) {

  public static final int DEFAULT_PORT = 18888;
  public static final String DEFAULT_AGENT_VERSION = "1.4.2-sim";
  public static final Duration DEFAULT_TRANSITION_DURATION = Duration.ofMillis(20);
  public static final int DEFAULT_CODE_SERVER_PORT = 6000;
  public static final Duration DEFAULT_BACKOFF_UNIT = Duration.ofSeconds(1);
  public static final int DEFAULT_SCROLLBACK_BYTES = 64 * 1024;

  public AgentSimulatorOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(containerType, "containerType");
    Objects.requireNonNull(transitionDuration, "transitionDuration");
    Objects.requireNonNull(backoffUnit, "backoffUnit");
    if (codeServer == null) codeServer = CodeServerBinary.OFF;
    if (!containerType.equals("game") && !containerType.equals("dev")) {
      throw new IllegalArgumentException("containerType is game or dev: " + containerType);
    }
  }

  /** A game agent on {@code host}:18888 taking {@code bootstrapToken}. */
  public static AgentSimulatorOptions game(String host, String bootstrapToken) {
    return new AgentSimulatorOptions(host, DEFAULT_PORT, "game", bootstrapToken, DEFAULT_AGENT_VERSION,
        DEFAULT_TRANSITION_DURATION, DEFAULT_CODE_SERVER_PORT, DEFAULT_BACKOFF_UNIT, DEFAULT_SCROLLBACK_BYTES, CodeServerBinary.OFF);
  }

  /** A dev agent on {@code host}:18888 taking {@code bootstrapToken}. */
  public static AgentSimulatorOptions dev(String host, String bootstrapToken) {
    return game(host, bootstrapToken).withContainerType("dev");
  }

  public AgentSimulatorOptions withHost(String host) {
    return new AgentSimulatorOptions(host, port, containerType, bootstrapToken, agentVersion,
        transitionDuration, codeServerPort, backoffUnit, scrollbackBytes, codeServer);
  }

  public AgentSimulatorOptions withBootstrapToken(String bootstrapToken) {
    return new AgentSimulatorOptions(host, port, containerType, bootstrapToken, agentVersion,
        transitionDuration, codeServerPort, backoffUnit, scrollbackBytes, codeServer);
  }

  public AgentSimulatorOptions withPort(int port) {
    return new AgentSimulatorOptions(host, port, containerType, bootstrapToken, agentVersion,
        transitionDuration, codeServerPort, backoffUnit, scrollbackBytes, codeServer);
  }

  public AgentSimulatorOptions withContainerType(String containerType) {
    return new AgentSimulatorOptions(host, port, containerType, bootstrapToken, agentVersion,
        transitionDuration, codeServerPort, backoffUnit, scrollbackBytes, codeServer);
  }

  public AgentSimulatorOptions withTransitionDuration(Duration transitionDuration) {
    return new AgentSimulatorOptions(host, port, containerType, bootstrapToken, agentVersion,
        transitionDuration, codeServerPort, backoffUnit, scrollbackBytes, codeServer);
  }

  public AgentSimulatorOptions withCodeServerPort(int codeServerPort) {
    return new AgentSimulatorOptions(host, port, containerType, bootstrapToken, agentVersion,
        transitionDuration, codeServerPort, backoffUnit, scrollbackBytes, codeServer);
  }

  public AgentSimulatorOptions withBackoffUnit(Duration backoffUnit) {
    return new AgentSimulatorOptions(host, port, containerType, bootstrapToken, agentVersion,
        transitionDuration, codeServerPort, backoffUnit, scrollbackBytes, codeServer);
  }

  public AgentSimulatorOptions withCodeServer(String codeServer) {
    return new AgentSimulatorOptions(host, port, containerType, bootstrapToken, agentVersion,
        transitionDuration, codeServerPort, backoffUnit, scrollbackBytes, codeServer);
  }

  @Override
  public String toString() {
    return "AgentSimulatorOptions[" + host + ":" + port + ", " + containerType + ", bootstrapToken="
        + (bootstrapToken == null ? "none" : "***") + "]";
  }
}
