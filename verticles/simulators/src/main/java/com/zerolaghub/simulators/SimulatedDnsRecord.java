package com.zerolaghub.simulators;

/**
 * A record held by the {@link CloudflareSimulator}. For SRV records {@code priority},
 * {@code weight}, {@code port} and {@code target} come from its {@code data}; {@code content} is
 * {@code "<weight> <port> <target>"}.
 */
public record SimulatedDnsRecord(
    String id, String type, String name, String content, int priority, int weight, int port, String target, int ttl) {}
