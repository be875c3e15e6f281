package com.zerolaghub.projections.servers;

/**
 * Where a dev server's IDE traffic goes: its container's private {@code address} (code-server
 * on port 6000 there). {@code running}: set up and its host runs — only then route to it.
 * {@code codeServer}: the customer asked for code-server.
 */
public record DevServerRoute(String serverId, int vmid, String ownerId, String address, boolean codeServer, boolean running) {}
