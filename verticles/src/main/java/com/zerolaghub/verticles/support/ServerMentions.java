package com.zerolaghub.verticles.support;

import com.zerolaghub.core.servers.ConnectAddress;
import com.zerolaghub.core.support.ServerMention;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Names servers in customer messages: the name and how to connect, from the servers read model.
 * A server not (or no longer) there, or a node without that model, is "your server", never its id.
 */
final class ServerMentions {
  private final Pool pool;
  private final String gameDomain;

  ServerMentions(Pool pool, String gameDomain) {
    this.pool = pool;
    this.gameDomain = gameDomain;
  }

  Future<ServerMention> of(String serverId) {
    ServerMention unnamed = new ServerMention(serverId, null, null, false);
    return pool.preparedQuery("SELECT name, kind, vmid FROM servers WHERE server_id = $1").execute(Tuple.of(serverId))
        .map(rows -> {
          for (Row r : rows) {
            String name = r.getString("name");
            boolean game = "game".equals(r.getString("kind"));
            Integer vmid = r.getInteger("vmid");
            String connect = game ? ConnectAddress.of(name, vmid, gameDomain) : null;
            return new ServerMention(serverId, name, connect, !game);
          }
          return unnamed;
        })
        .otherwise(unnamed);
  }
}
