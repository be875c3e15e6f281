package com.zerolaghub.core.infra.agent;

/** The agent's {@code codeServer} block (dev containers). */
public record CodeServerStatus(boolean installed, boolean running, int port) {}
