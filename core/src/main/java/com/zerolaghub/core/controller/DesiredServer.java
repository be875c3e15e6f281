package com.zerolaghub.core.controller;

/**
 * What the log says about one provisioned server, as far as drift detection needs it.
 *
 * @param slug       {@code <name>-<vmid>}: the SRV record's and Velocity's name (game servers)
 * @param shouldRun  the last host operation left it running
 * @param suspended  billing suspended its account: it must not run
 * @param busy       an operation is open on it: its state is in flux, so it is not judged now
 * @param velocity   the log records it registered with Velocity
 */
public record DesiredServer(String serverId, int vmid, String slug, boolean game, String address, boolean shouldRun,
                            boolean suspended, boolean busy, boolean velocity) {}
