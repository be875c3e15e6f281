package com.zerolaghub.core.infra.agent;

import java.time.Instant;

/** The agent's {@code backup} block: {@code state} such as {@code idle} or {@code running}; {@code lastBackupAt} may be null. */
public record BackupStatus(String state, Instant lastBackupAt) {}
