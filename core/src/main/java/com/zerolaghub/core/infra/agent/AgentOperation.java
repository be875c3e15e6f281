package com.zerolaghub.core.infra.agent;

/** The agent's {@code operation} block: what it is busy with ({@code type} null when idle). */
public record AgentOperation(boolean inProgress, String type) {}
