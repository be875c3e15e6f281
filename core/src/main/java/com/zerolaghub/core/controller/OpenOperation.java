package com.zerolaghub.core.controller;

import java.time.Instant;

/** An operation still open in the log, and when it last made progress. */
public record OpenOperation(String operationId, String serverId, String type, Instant lastEventAt) {}
