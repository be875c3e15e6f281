package com.zerolaghub.core.infra.velocity;

/** A backend server registered with the Velocity edge proxy: players reach {@code name} at {@code address:port}. */
public record VelocityServer(String name, String address, int port) {}
