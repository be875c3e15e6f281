package com.zerolaghub.simulators;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The simulated Proxmox node.
 *
 * @param host address the API listens on
 * @param port API port; 0 picks a free one ({@link ProxmoxSimulator#port()})
 * @param node node name
 * @param tokenId accepted API token id ({@code user@realm!tokenid})
 * @param tokenSecret accepted API token secret
 * @param templates templates present from the start
 * @param firstVmid lowest id {@code /cluster/nextid} hands out
 * @param taskDuration how long each task runs (while the container stays locked)
 * @param lockTimeout how long a call waits for a container's config file lock (Proxmox: 10 s)
 * @param loopbackSecondOctet second octet of containers' loopback addresses (vary it to run
 *     simulators side by side)
 * @param agent how agents in started containers behave (host and token are set per container)
 */
public record ProxmoxSimulatorOptions(
    String host,
    int port,
    String node,
    String tokenId,
    String tokenSecret,
    List<SimTemplate> templates,
    int firstVmid,
    Duration taskDuration,
    Duration lockTimeout,
    int loopbackSecondOctet,
    AgentSimulatorOptions agent) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String DEFAULT_NODE = "pve1";
  public static final String DEFAULT_TOKEN_ID = "zlh@pve!control";
  public static final int GAME_TEMPLATE_VMID = 9000;
  public static final int DEV_TEMPLATE_VMID = 9001;
  public static final int DEFAULT_FIRST_VMID = 100;
  public static final Duration DEFAULT_TASK_DURATION = Duration.ofMillis(20);
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_LOOPBACK_SECOND_OCTET = 10;

  public ProxmoxSimulatorOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(tokenSecret, "tokenSecret");
    Objects.requireNonNull(taskDuration, "taskDuration");
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    Objects.requireNonNull(agent, "agent");
    templates = List.copyOf(templates);
    if (loopbackSecondOctet < 1 || loopbackSecondOctet > 254) {
      throw new IllegalArgumentException("loopbackSecondOctet in 1..254");
    }
  }

  /** Node {@code pve1} on 127.0.0.1 (free port), templates 9000 (game) and 9001 (dev), agents on 18888. */
  public static ProxmoxSimulatorOptions defaults(String tokenSecret) {
    return new ProxmoxSimulatorOptions(DEFAULT_HOST, 0, DEFAULT_NODE, DEFAULT_TOKEN_ID, tokenSecret,
        List.of(SimTemplate.game(GAME_TEMPLATE_VMID), SimTemplate.dev(DEV_TEMPLATE_VMID)), DEFAULT_FIRST_VMID,
        DEFAULT_TASK_DURATION, DEFAULT_LOCK_TIMEOUT, DEFAULT_LOOPBACK_SECOND_OCTET,
        AgentSimulatorOptions.game("127.0.0.1", null));
  }

  public ProxmoxSimulatorOptions withPort(int port) {
    return new ProxmoxSimulatorOptions(host, port, node, tokenId, tokenSecret, templates, firstVmid, taskDuration,
        lockTimeout, loopbackSecondOctet, agent);
  }

  public ProxmoxSimulatorOptions withTemplates(List<SimTemplate> templates) {
    return new ProxmoxSimulatorOptions(host, port, node, tokenId, tokenSecret, templates, firstVmid, taskDuration,
        lockTimeout, loopbackSecondOctet, agent);
  }

  public ProxmoxSimulatorOptions withFirstVmid(int firstVmid) {
    return new ProxmoxSimulatorOptions(host, port, node, tokenId, tokenSecret, templates, firstVmid, taskDuration,
        lockTimeout, loopbackSecondOctet, agent);
  }

  public ProxmoxSimulatorOptions withTaskDuration(Duration taskDuration) {
    return new ProxmoxSimulatorOptions(host, port, node, tokenId, tokenSecret, templates, firstVmid, taskDuration,
        lockTimeout, loopbackSecondOctet, agent);
  }

  public ProxmoxSimulatorOptions withLockTimeout(Duration lockTimeout) {
    return new ProxmoxSimulatorOptions(host, port, node, tokenId, tokenSecret, templates, firstVmid, taskDuration,
        lockTimeout, loopbackSecondOctet, agent);
  }

  public ProxmoxSimulatorOptions withLoopbackSecondOctet(int loopbackSecondOctet) {
    return new ProxmoxSimulatorOptions(host, port, node, tokenId, tokenSecret, templates, firstVmid, taskDuration,
        lockTimeout, loopbackSecondOctet, agent);
  }

  public ProxmoxSimulatorOptions withAgent(AgentSimulatorOptions agent) {
    return new ProxmoxSimulatorOptions(host, port, node, tokenId, tokenSecret, templates, firstVmid, taskDuration,
        lockTimeout, loopbackSecondOctet, agent);
  }

  @Override
  public String toString() {
    return "ProxmoxSimulatorOptions[" + host + ":" + port + ", node=" + node + ", tokenId=" + tokenId
        + ", tokenSecret=***, templates=" + templates + "]";
  }
}
