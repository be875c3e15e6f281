package com.zerolaghub.verticles.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Byte output onto the command's (character) stdout: decodes whole UTF-8 lines, so a character
 * is never split between two writes and the bytes hashed are the bytes printed.
 */
final class LineDecodingOutputStream extends OutputStream {
  private final Writer writer;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

  LineDecodingOutputStream(Writer writer) {
    this.writer = writer;
  }

  @Override
  public void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') drain();
  }

  @Override
  public void flush() throws IOException {
    drain();
    writer.flush();
  }

  private void drain() throws IOException {
    if (line.size() == 0) return;
    writer.write(line.toString(StandardCharsets.UTF_8));
    line.reset();
  }
}
