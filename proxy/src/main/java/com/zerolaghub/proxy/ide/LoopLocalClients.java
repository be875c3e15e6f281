package com.zerolaghub.proxy.ide;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One HTTP client per calling event loop. A shared client's pool hands a request whichever idle
 * connection it finds, often one on another event loop, and every read and write of that
 * exchange then crosses threads; a client used from one loop only opens its connections there.
 */
final class LoopLocalClients {
  private final Supplier<HttpClient> factory;
  private final Map<Thread, HttpClient> byLoop = new ConcurrentHashMap<>();

  LoopLocalClients(Supplier<HttpClient> factory) {
    this.factory = factory;
  }

  /** The calling thread's client (event loops are few and live as long as Vert.x). */
  HttpClient current() {
    return byLoop.computeIfAbsent(Thread.currentThread(), t -> factory.get());
  }

  Future<Void> close() {
    List<Future<Void>> closed = new ArrayList<>();
    byLoop.values().forEach(client -> closed.add(client.close()));
    byLoop.clear();
    return Future.all(closed).mapEmpty();
  }
}
