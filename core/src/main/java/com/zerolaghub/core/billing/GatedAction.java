package com.zerolaghub.core.billing;

/** Customer actions billing may refuse. */
public enum GatedAction {
  CREATE_SERVER("create a server"),
  HOST_START("start a host"),
  GAME_START("start a game"),
  BACKUP("take a backup");

  private final String description;

  GatedAction(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
