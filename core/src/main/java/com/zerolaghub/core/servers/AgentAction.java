package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ContainerKind;
import java.util.Locale;

/** What a customer may ask a server's agent to do (R2.6–R2.8, R2.10); each is audited. */
public enum AgentAction {
  GAME_START(ContainerKind.GAME),
  GAME_STOP(ContainerKind.GAME),
  GAME_RESTART(ContainerKind.GAME),
  GAME_COMMAND(ContainerKind.GAME),
  FILE_WRITE(null),
  BACKUP_CREATE(ContainerKind.GAME),
  BACKUP_RESTORE(ContainerKind.GAME),
  CODESERVER_START(ContainerKind.DEV),
  CODESERVER_STOP(ContainerKind.DEV),
  CODESERVER_RESTART(ContainerKind.DEV);

  private final ContainerKind onlyFor;

  AgentAction(ContainerKind onlyFor) {
    this.onlyFor = onlyFor;
  }

  /** The kind of server this action exists for; null for both. */
  public ContainerKind onlyFor() {
    return onlyFor;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
