package com.zerolaghub.core.infra.agent;

/** {@code GET /status} of an agent, field for field. */
public record AgentStatus(
    String agentVersion,
    boolean provisioningComplete,
    String containerType,
    GameStatus game,
    CodeServerStatus codeServer,
    BackupStatus backup,
    AgentOperation operation) {}
