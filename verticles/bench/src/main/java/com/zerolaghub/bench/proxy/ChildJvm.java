package com.zerolaghub.bench.proxy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bench's server in a JVM of its own (e.g. {@link ProxyProcess}), started with this JVM's java
 * and class path, so its CPU time and heap are its alone. It prints {@code port N} once it
 * listens, answers commands read from stdin, and exits at end of input.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final int port;
  private final Class<?> mainClass;

  /**
   * @param mainClass the class whose {@code main} runs in the child
   * @param jvmFlags flags for the child's JVM (e.g. its collector and heap)
   * @param args the main class's arguments
   */
  public ChildJvm(Class<?> mainClass, List<String> jvmFlags, String... args) throws Exception {
    this.mainClass = mainClass;
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    Path log = Files.createTempFile("zlh-bench-child", ".log");
    List<String> command = new ArrayList<>();
    command.add(javaCommand);
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(List.of(args));
    process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    port = Integer.parseInt(answer("port", null));
  }

  /** Sends {@code command} (unless null) and returns the value of the next line starting with {@code key}. */
  public String answer(String key, String command) throws Exception {
    if (command != null) in.println(command);
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(key + " ")) return line.substring(key.length() + 1).trim();
    }
    throw new IllegalStateException(mainClass.getSimpleName() + " ended (exit " + process.waitFor() + ") before saying " + key);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws Exception {
    in.close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
