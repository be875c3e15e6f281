package com.zerolaghub.core.infra.agent;

/** The agent's {@code operation} block: what it is busy with ({@code type} null when idle). */
public record OperationStatus(boolean inProgress, String type) {}
