package com.zerolaghub.projections;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/** Tuning of the projection runtime. Defaults suit production; tests shorten the timings. */
public final class ProjectionOptions {
  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final Duration DEFAULT_POLL_MIN_DELAY = Duration.ofMillis(20);
  public static final Duration DEFAULT_POLL_MAX_DELAY = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RETRY_MIN_DELAY = Duration.ofMillis(100);
  public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(5);
  public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(15);
  public static final String DEFAULT_LEASE_KEY_PREFIX = "zlh:lease:projection:";
  public static final Duration DEFAULT_LAG_INTERVAL = Duration.ofSeconds(2);

  private int batchSize = DEFAULT_BATCH_SIZE;
  private Duration pollMinDelay = DEFAULT_POLL_MIN_DELAY;
  private Duration pollMaxDelay = DEFAULT_POLL_MAX_DELAY;
  private Duration retryMinDelay = DEFAULT_RETRY_MIN_DELAY;
  private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
  private Duration leaseTtl = DEFAULT_LEASE_TTL;
  private String leaseKeyPrefix = DEFAULT_LEASE_KEY_PREFIX;
  private Duration lagInterval = DEFAULT_LAG_INTERVAL;
  private String nodeId = UUID.randomUUID().toString();

  /** Most events read and applied in one batch (one transaction for a table projection). */
  public int batchSize() {
    return batchSize;
  }

  public ProjectionOptions batchSize(int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1");
    this.batchSize = batchSize;
    return this;
  }

  /** First poll delay once caught up, when no append signal came; doubles up to the max. */
  public Duration pollMinDelay() {
    return pollMinDelay;
  }

  public ProjectionOptions pollMinDelay(Duration delay) {
    this.pollMinDelay = positive(delay);
    return this;
  }

  /** Longest poll delay: how late an event can be seen when every wake-up is lost. */
  public Duration pollMaxDelay() {
    return pollMaxDelay;
  }

  public ProjectionOptions pollMaxDelay(Duration delay) {
    this.pollMaxDelay = positive(delay);
    return this;
  }

  /** First retry delay after PostgreSQL or Redis failed; doubles up to the max. */
  public Duration retryMinDelay() {
    return retryMinDelay;
  }

  public ProjectionOptions retryMinDelay(Duration delay) {
    this.retryMinDelay = positive(delay);
    return this;
  }

  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  public ProjectionOptions retryMaxDelay(Duration delay) {
    this.retryMaxDelay = positive(delay);
    return this;
  }

  /** Lifetime of a table projection's Redis lease; renewed every third of it. */
  public Duration leaseTtl() {
    return leaseTtl;
  }

  public ProjectionOptions leaseTtl(Duration ttl) {
    this.leaseTtl = positive(ttl);
    return this;
  }

  /** Prefix of the lease keys ({@code <prefix><name>}); the fencing counter adds {@code :fence}. */
  public String leaseKeyPrefix() {
    return leaseKeyPrefix;
  }

  public ProjectionOptions leaseKeyPrefix(String prefix) {
    this.leaseKeyPrefix = Objects.requireNonNull(prefix, "prefix");
    return this;
  }

  /** How often lag (events, seconds) is measured and a standby re-reads the stored token. */
  public Duration lagInterval() {
    return lagInterval;
  }

  public ProjectionOptions lagInterval(Duration interval) {
    this.lagInterval = positive(interval);
    return this;
  }

  /** This node's name in lease values (for operators reading Redis); unique per process. */
  public String nodeId() {
    return nodeId;
  }

  public ProjectionOptions nodeId(String nodeId) {
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    return this;
  }

  private static Duration positive(Duration d) {
    if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("duration must be positive: " + d);
    return d;
  }
}
