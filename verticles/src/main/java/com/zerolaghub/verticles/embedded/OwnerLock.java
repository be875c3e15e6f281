package com.zerolaghub.verticles.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Says which live process runs an embedded server of a data directory: a lock on a file of the
 * data directory, held while the server runs, with the holder's pid inside. The kernel drops the
 * lock when its process dies however it dies (SIGKILL too), so a free lock with a server still
 * running means the owner is gone and the server is a leftover to stop; a held lock means a live
 * owner, and the start is refused at once.
 */
final class OwnerLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private OwnerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock for this JVM, or fails with a message naming the live owner. */
  static OwnerLock acquire(Path file, Path dataDir, String server) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String owner = readOwner(channel);
        channel.close();
        throw new IllegalStateException("data directory " + dataDir + " is in use by a running zlh process (pid "
            + owner + ", holding " + file.getFileName() + " for its embedded " + server
            + "): stop it first, or use another --data-dir");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
      return new OwnerLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether another process holds a lock on {@code file} (one it does not name, such as the
   * {@code epg-lock} of the PostgreSQL library, which a node of an older version holds alone).
   */
  static boolean heldElsewhere(Path file) {
    if (!Files.isRegularFile(file)) return false;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel);
      if (lock == null) return true;
      lock.release();
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot probe " + file + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // this very JVM runs that server already
    }
  }

  private static String readOwner(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
    return pid.isEmpty() ? "unknown" : pid;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) return;
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing
    }
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the data directory lock", e);
    }
  }
}
