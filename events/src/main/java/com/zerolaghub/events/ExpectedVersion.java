package com.zerolaghub.events;

/**
 * What the appender believes about a stream's current version. Stream versions start at 1;
 * a stream with no events has version 0.
 */
public sealed interface ExpectedVersion {
  /** Append whatever the stream holds (versions assigned after the current last one). */
  record Any() implements ExpectedVersion {}

  /** The stream must not exist yet: the idempotent "create by natural key" append. */
  record NoStream() implements ExpectedVersion {}

  /** The stream's last version must be exactly this. */
  record Exactly(long version) implements ExpectedVersion {
    public Exactly {
      if (version < 0) throw new IllegalArgumentException("version must be >= 0");
    }
  }

  ExpectedVersion ANY = new Any();
  ExpectedVersion NO_STREAM = new NoStream();

  static ExpectedVersion exactly(long version) {
    return version == 0 ? NO_STREAM : new Exactly(version);
  }
}
