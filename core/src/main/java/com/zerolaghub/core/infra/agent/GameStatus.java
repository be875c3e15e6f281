package com.zerolaghub.core.infra.agent;

/** The agent's {@code game} block; {@code lastCrash} is null when the game never crashed. */
public record GameStatus(GameState state, long uptimeSeconds, int restartBackoffSeconds, CrashReport lastCrash) {}
