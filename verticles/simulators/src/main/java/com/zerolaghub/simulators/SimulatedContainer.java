package com.zerolaghub.simulators;

/**
 * A snapshot of one simulated container for tests: {@code lock} null when unlocked,
 * {@code address} the loopback address its agent listens on.
 */
public record SimulatedContainer(
    int vmid,
    String hostname,
    String containerType,
    boolean template,
    boolean running,
    String lock,
    String address,
    int cores,
    int memoryMb,
    int swapMb,
    String description) {}
