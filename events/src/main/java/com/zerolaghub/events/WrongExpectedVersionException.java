package com.zerolaghub.events;

/** The stream moved on since the appender read it (or exists although it should not). */
public class WrongExpectedVersionException extends RuntimeException {
  private final StreamId stream;
  private final ExpectedVersion expected;

  public WrongExpectedVersionException(StreamId stream, ExpectedVersion expected) {
    super("stream " + stream + " is not at the expected version " + expected, null, false, false);
    this.stream = stream;
    this.expected = expected;
  }

  public StreamId stream() {
    return stream;
  }

  public ExpectedVersion expected() {
    return expected;
  }

  /** True when the append expected no stream and the stream already exists: a natural-key duplicate. */
  public boolean streamAlreadyExists() {
    return expected instanceof ExpectedVersion.NoStream;
  }
}
