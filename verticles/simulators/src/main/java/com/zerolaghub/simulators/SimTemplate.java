package com.zerolaghub.simulators;

/** A container template on the simulated node; clones inherit its {@code containerType} ({@code game} or {@code dev}). */
public record SimTemplate(int vmid, String hostname, String containerType) {

  public static SimTemplate game(int vmid) {
    return new SimTemplate(vmid, "zlh-game-template", "game");
  }

  public static SimTemplate dev(int vmid) {
    return new SimTemplate(vmid, "zlh-dev-template", "dev");
  }
}
