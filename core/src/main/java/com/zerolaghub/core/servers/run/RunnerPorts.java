package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.infra.agent.AgentPort;
import com.zerolaghub.core.infra.dns.DnsPort;
import com.zerolaghub.core.infra.proxmox.ProxmoxPort;
import com.zerolaghub.core.infra.velocity.VelocityPort;
import java.util.Objects;

/** The outside systems runners act on. */
public record RunnerPorts(ProxmoxPort proxmox, DnsPort dns, VelocityPort velocity, AgentPort agents) {
  public RunnerPorts {
    Objects.requireNonNull(proxmox, "proxmox");
    Objects.requireNonNull(dns, "dns");
    Objects.requireNonNull(velocity, "velocity");
    Objects.requireNonNull(agents, "agents");
  }
}
