/**
 * Support: tickets, server notepads, operator announcements and customer/operator notifications.
 *
 * <p>Streams: {@code ticket-day/<YYYYMMDD>} (version = the day's last ticket sequence),
 * {@code ticket/<id>}, {@code server-notes/<serverId>} (version = the notes' version),
 * {@code announcement/<id>}, {@code notification/<sourceEventId>:<channel>} (intent, then one
 * outcome), each written only by its {@code *Actions} class. Read models (in
 * {@code com.zerolaghub.projections.support}): {@code support_tickets} and
 * {@code support_announcements} in memory, {@code notification_outbox} in PostgreSQL (the outbox:
 * rows written with the processor's token, deleted once their outcome is in the log).
 */
package com.zerolaghub.verticles.support;
