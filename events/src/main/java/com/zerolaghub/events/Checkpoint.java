package com.zerolaghub.events;

/**
 * A reader's place in the log. Readers walk the log in (transaction id, position) order and
 * only see transactions older than every one still running, so an event whose transaction
 * commits late is never skipped: it sorts after everything the reader has already seen.
 */
public record Checkpoint(long txId, long position) implements Comparable<Checkpoint> {
  public static final Checkpoint START = new Checkpoint(0, 0);

  public static Checkpoint parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) throw new IllegalArgumentException("checkpoint must look like <tx>:<position>: " + text);
    return new Checkpoint(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
  }

  @Override
  public int compareTo(Checkpoint o) {
    int c = Long.compare(txId, o.txId);
    return c != 0 ? c : Long.compare(position, o.position);
  }

  @Override
  public String toString() {
    return txId + ":" + position;
  }
}
