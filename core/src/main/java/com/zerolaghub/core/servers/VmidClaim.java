package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;

import com.zerolaghub.events.servers.ServerEvent.VmidClaimed;
import com.zerolaghub.events.servers.ServerEvent.VmidReleased;
import com.zerolaghub.events.ExpectedVersion;
import java.util.List;

/**
 * Who holds a Proxmox vmid, folded from {@code vmid/<n>}. A vmid freed by a deleted server can
 * be claimed again (Proxmox's nextid hands freed ids out again) at the version read.
 *
 * @param holder  server holding it, null when free
 * @param version stream version read (0: never claimed)
 */
public record VmidClaim(int vmid, String holder, long version) {
  public static VmidClaim fold(int vmid, List<? extends ServerEvent> events) {
    String holder = null;
    for (ServerEvent e : events) {
      if (e instanceof VmidClaimed c) holder = c.serverId();
      if (e instanceof VmidReleased) holder = null;
    }
    return new VmidClaim(vmid, holder, events.size());
  }

  public static VmidClaim neverClaimed(int vmid) {
    return new VmidClaim(vmid, null, 0);
  }

  public boolean free() {
    return holder == null;
  }

  /** What a claim expects: no stream for a fresh id, the read version for a released one. */
  public ExpectedVersion expected() {
    return ExpectedVersion.exactly(version);
  }
}
