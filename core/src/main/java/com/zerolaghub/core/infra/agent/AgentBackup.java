package com.zerolaghub.core.infra.agent;

import java.time.Instant;

/** One entry of {@code GET /backups}; {@code state} such as {@code running}, {@code completed}, {@code failed}. */
public record AgentBackup(String backupId, Instant createdAt, long sizeBytes, String state) {}
