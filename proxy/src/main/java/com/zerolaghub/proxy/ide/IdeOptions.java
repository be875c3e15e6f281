package com.zerolaghub.proxy.ide;

import java.time.Duration;
import java.util.Objects;

/**
 * How hosted IDE links look and how long their credentials live.
 *
 * @param devDomain the domain under which {@code dev-<vmid>.<devDomain>} hosts are served
 * @param publicScheme scheme of the hosted URLs handed to browsers ({@code https} in production)
 * @param publicPort port of the hosted URLs, or -1 for the scheme's default
 * @param tokenTtl life of a one-time IDE token (it is also gone after its first use)
 * @param sessionTtl life of the host-scoped IDE cookie obtained with a token
 */
public record IdeOptions(String devDomain, String publicScheme, int publicPort, Duration tokenTtl, Duration sessionTtl) {

  /** Scheme of hosted URLs: {@code https}. */
  public static final String DEFAULT_PUBLIC_SCHEME = "https";
  /** One-time token life: 60 s. */
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofSeconds(60);
  /** IDE cookie life: 12 h. */
  public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);

  public IdeOptions {
    Objects.requireNonNull(devDomain, "devDomain");
    Objects.requireNonNull(publicScheme, "publicScheme");
    Objects.requireNonNull(tokenTtl, "tokenTtl");
    Objects.requireNonNull(sessionTtl, "sessionTtl");
    if (!publicScheme.equals("http") && !publicScheme.equals("https")) {
      throw new IllegalArgumentException("publicScheme is http or https: " + publicScheme);
    }
    if (publicPort != -1 && (publicPort < 1 || publicPort > 65535)) {
      throw new IllegalArgumentException("publicPort out of range: " + publicPort);
    }
    if (tokenTtl.toMillis() < 1 || sessionTtl.toSeconds() < 1) {
      throw new IllegalArgumentException("token and session lives must be positive");
    }
  }

  /** Production defaults for {@code devDomain}: https, default port, 60 s tokens, 12 h cookies. */
  public static IdeOptions defaults(String devDomain) {
    return new IdeOptions(devDomain, DEFAULT_PUBLIC_SCHEME, -1, DEFAULT_TOKEN_TTL, DEFAULT_SESSION_TTL);
  }

  public IdeOptions withPublicOrigin(String scheme, int port) {
    return new IdeOptions(devDomain, scheme, port, tokenTtl, sessionTtl);
  }

  public IdeOptions withTokenTtl(Duration tokenTtl) {
    return new IdeOptions(devDomain, publicScheme, publicPort, tokenTtl, sessionTtl);
  }

  public IdeOptions withSessionTtl(Duration sessionTtl) {
    return new IdeOptions(devDomain, publicScheme, publicPort, tokenTtl, sessionTtl);
  }
}
