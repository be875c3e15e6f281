package com.zerolaghub.core.infra.agent;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * The in-container agent (AGENT-API.md), one {@link AgentEndpoint} per container. Error answers
 * fail with {@link com.zerolaghub.core.infra.OutsideSystemException} carrying the agent's
 * {@code error} code (e.g. {@code unauthorized}, {@code path_outside_root}), 409 with
 * {@link AgentBusyException}.
 */
public interface AgentPort {

  /** {@code GET /health}: succeeds when the agent answers {@code {"ok":true}}. */
  Future<Void> health(AgentEndpoint agent);

  /**
   * {@code PUT /token} {@code {"token": …}} with {@code Authorization: Bearer <the same token>}:
   * hands a freshly started agent its token straight over the container's private network, so
   * the token never passes through Proxmox (docs/agent-token.md). An unclaimed agent takes it; an
   * agent already holding this token answers the same (a repeated claim is harmless); one holding
   * another token refuses with 403 {@code already_claimed}, which is never worth retrying.
   */
  Future<Void> claim(AgentEndpoint agent);

  /** {@code GET /status}. */
  Future<AgentStatus> status(AgentEndpoint agent);

  /**
   * {@code POST /config}, idempotent. The agent takes {@code config.agentToken()} as its token from
   * then on; authenticate with the token it has now.
   */
  Future<Void> pushConfig(AgentEndpoint agent, AgentConfigRequest config);

  /** {@code POST /game/start}. */
  Future<Void> startGame(AgentEndpoint agent);

  /** {@code POST /game/stop}. */
  Future<Void> stopGame(AgentEndpoint agent);

  /** {@code POST /game/restart}. */
  Future<Void> restartGame(AgentEndpoint agent);

  /** {@code POST /game/command}. */
  Future<Void> sendCommand(AgentEndpoint agent, String command);

  /** {@code GET /files?path=…}: one folder, confined to the server root. */
  Future<List<AgentFileEntry>> listFiles(AgentEndpoint agent, String path);

  /** {@code GET /files/content?path=…}. */
  Future<Buffer> readFile(AgentEndpoint agent, String path);

  /** {@code PUT /files/content?path=…} with the whole content. */
  Future<Void> writeFile(AgentEndpoint agent, String path, Buffer content);

  /** {@code PUT /files/content?path=…} streamed from {@code content} (uploads). */
  Future<Void> writeFile(AgentEndpoint agent, String path, ReadStream<Buffer> content);

  /** {@code POST /backups}: answers the new backup's id. */
  Future<String> createBackup(AgentEndpoint agent);

  /** {@code GET /backups}. */
  Future<List<AgentBackup>> listBackups(AgentEndpoint agent);

  /** {@code POST /backups/{id}/restore}. */
  Future<Void> restoreBackup(AgentEndpoint agent, String backupId);

  /** {@code POST /dev/codeserver/start}. */
  Future<Void> startCodeServer(AgentEndpoint agent);

  /** {@code POST /dev/codeserver/stop}. */
  Future<Void> stopCodeServer(AgentEndpoint agent);

  /** {@code POST /dev/codeserver/restart}. */
  Future<Void> restartCodeServer(AgentEndpoint agent);

  /**
   * Opens the {@code /console} WebSocket: binary frames from the agent are PTY output (the
   * scrollback first), text frames to it are {@code {"type":"input"|"resize",…}} JSON. The socket
   * comes paused so that no output (the replay arrives at once) is lost: set the handlers, then
   * {@code resume()}.
   */
  Future<WebSocket> openConsole(AgentEndpoint agent);
}
