package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.infra.proxmox.ContainerPlacement;
import java.time.Duration;

/**
 * How runners reach things and how long they wait.
 *
 * @param gameDomain    SRV records are {@code _minecraft._tcp.<slug>.<gameDomain>}
 * @param edgeHost      target of the SRV records: the Velocity edge
 * @param edgePort      port of the SRV records
 * @param agentPort     port of every agent
 * @param stepRetry     how long a repeatable step retries transient failures before failing
 * @param taskTimeout   longest wait for one Proxmox task
 * @param agentWait     longest wait for a started container's agent
 * @param shutdownGrace clean shutdown time before a hard stop
 * @param pollInitial   first pause between polls and retries (doubles up to {@code pollMax})
 * @param pollMax       longest pause between polls and retries
 * @param swapMib       swap each container gets beside its plan's memory
 * @param placement     how a container is cloned and addressed
 */
public record RunnerSettings(
    String gameDomain,
    String edgeHost,
    int edgePort,
    int agentPort,
    Duration stepRetry,
    Duration taskTimeout,
    Duration agentWait,
    Duration shutdownGrace,
    Duration pollInitial,
    Duration pollMax,
    int swapMib,
    ContainerPlacement placement) {

  public static final Duration DEFAULT_POLL_INITIAL = Duration.ofMillis(20);
  public static final Duration DEFAULT_POLL_MAX = Duration.ofSeconds(1);
  public static final int DEFAULT_SWAP_MIB = 512;

  /** The SRV record name players' clients look up for a game server. */
  public String srvName(String slug) {
    return "_minecraft._tcp." + slug + "." + gameDomain;
  }
}
