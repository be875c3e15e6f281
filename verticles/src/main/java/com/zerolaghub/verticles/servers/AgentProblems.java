package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.agent.AgentBusyException;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Future;
import java.util.Locale;

/**
 * An agent's failure as the customer's problem: its refusals (busy, bad path, missing file)
 * keep their meaning; an agent that cannot be reached, or refuses the platform's token, is the
 * platform's trouble (502), never a secret or an internal address in the text.
 */
final class AgentProblems {
  static final ProblemType AGENT_BUSY = new ProblemType("agent-busy", "The server is busy", 409);
  static final ProblemType AGENT_UNAVAILABLE = new ProblemType("agent-unavailable", "The server's agent did not answer", 502);

  private AgentProblems() {}

  static <T> Future<T> translate(Throwable err) {
    if (!(err instanceof OutsideSystemException o)) return Future.failedFuture(err);
    if (o instanceof AgentBusyException) {
      return Future.failedFuture(new ProblemException(AGENT_BUSY, "another action (start, stop, backup or restore) is running on this server; try again when it ends"));
    }
    int status = o.status();
    String code = o.code() == null ? "agent-error" : o.code().toLowerCase(Locale.ROOT).replace('_', '-');
    if (status == 400 || status == 404 || status == 409 || status == 413 || status == 422) {
      return Future.failedFuture(new ProblemException(new ProblemType(code, "The server's agent refused the request", status),
          agentMessage(o)));
    }
    return Future.failedFuture(new ProblemException(AGENT_UNAVAILABLE,
        status == 401 ? "the server's agent refused the platform's credentials; support has to look at it"
            : "the server's agent did not answer in time or is not running; try again shortly"));
  }

  /** The agent's own message, after its "agent <status> <code>: " prefix. */
  private static String agentMessage(OutsideSystemException o) {
    String m = o.getMessage();
    int colon = m == null ? -1 : m.indexOf(": ");
    return colon < 0 ? m : m.substring(colon + 2);
  }
}
