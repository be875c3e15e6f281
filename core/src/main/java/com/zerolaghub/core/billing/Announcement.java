package com.zerolaghub.core.billing;

import java.time.Instant;

/** A customer-visible notice for the portal ({@code GET /api/announcements}). */
public record Announcement(String id, String kind, String severity, String message, Instant since) {}
