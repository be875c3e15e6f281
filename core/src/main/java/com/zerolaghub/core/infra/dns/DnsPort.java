package com.zerolaghub.core.infra.dns;

import io.vertx.core.Future;
import java.util.List;

/** The DNS zone the platform publishes game server SRV records in. */
public interface DnsPort {

  /** All SRV records with exactly this owner name (normally zero or one; more after an interrupted retry). */
  Future<List<SrvRecord>> findSrv(String name);

  /** Every SRV record of the zone, read in pages (the controller's bulk read). */
  Future<List<SrvRecord>> listSrv();

  /** Creates an SRV record; answers its id. Fails when an identical record already exists. */
  Future<String> createSrv(String name, String target, int port, int priority, int weight);

  /** Deletes a record by id: true when deleted, false when it was already gone. */
  Future<Boolean> deleteRecord(String id);
}
