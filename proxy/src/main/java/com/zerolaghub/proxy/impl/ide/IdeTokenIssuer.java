package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.proxy.ide.IdeAccessRefused;
import com.zerolaghub.proxy.ide.IdeGrant;
import com.zerolaghub.proxy.ide.IdeGrants;
import com.zerolaghub.proxy.ide.IdeLink;
import com.zerolaghub.proxy.ide.IdeOptions;
import com.zerolaghub.proxy.impl.routing.DevHostName;
import com.zerolaghub.proxy.routing.DevRoute;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;

/**
 * Issues hosted IDE links: {@code POST /api/dev/:id/ide-token} answers the link as JSON,
 * {@code GET /api/dev/:id/ide} redirects to it. The API resolves the server and the caller;
 * this class decides and stores the one-time token.
 */
public final class IdeTokenIssuer {
  /** Query parameter carrying the one-time token on the first request to a dev host. */
  public static final String TOKEN_PARAM = "zlh_ide_token";

  private final IdeGrants grants;
  private final IdeOptions options;
  private final DevHostName hosts;
  private final Clock clock;

  public IdeTokenIssuer(IdeGrants grants, IdeOptions options, Clock clock) {
    this.grants = Objects.requireNonNull(grants, "grants");
    this.options = Objects.requireNonNull(options, "options");
    this.hosts = new DevHostName(options.devDomain());
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A link for {@code caller} to {@code route}'s IDE. Fails with {@link IdeAccessRefused} when the
   * caller may not see the server (404), or it has no code-server or is not running (409).
   */
  public Future<IdeLink> issue(DevRoute route, Principal caller) {
    IdeAccessRefused.Reason refused = refusal(route, caller);
    if (refused != null) {
      return Future.failedFuture(new IdeAccessRefused(refused));
    }
    IdeGrant grant = new IdeGrant(route.serverId(), route.vmid(), caller.userId(), caller.isAdmin(), caller.sessionId());
    return grants.issueToken(grant, options.tokenTtl())
        .map(token -> new IdeLink(origin(route.vmid()) + "/?" + TOKEN_PARAM + "=" + token,
            clock.instant().plus(options.tokenTtl())));
  }

  /** The hosted origin of a dev server, e.g. {@code https://dev-101.dev.example.com}. */
  public String origin(int vmid) {
    String port = options.publicPort() == -1 ? "" : ":" + options.publicPort();
    return options.publicScheme() + "://" + hosts.hostFor(vmid) + port;
  }

  /** Null when {@code caller} may open {@code route}'s IDE now. Ownership is checked first: no leak. */
  static IdeAccessRefused.Reason refusal(DevRoute route, Principal caller) {
    if (!caller.mayAccess(route.ownerId())) {
      return IdeAccessRefused.Reason.NOT_FOUND;
    }
    if (!route.codeServer()) {
      return IdeAccessRefused.Reason.NO_CODE_SERVER;
    }
    if (!route.running()) {
      return IdeAccessRefused.Reason.NOT_RUNNING;
    }
    return null;
  }
}
