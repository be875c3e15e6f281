package com.zerolaghub.core.infra.dns;

/** An SRV record as Cloudflare holds it; {@code name} is the full owner name, e.g. {@code _minecraft._tcp.alpha.play.example}. */
public record SrvRecord(String id, String name, String target, int port, int priority, int weight, int ttl) {}
