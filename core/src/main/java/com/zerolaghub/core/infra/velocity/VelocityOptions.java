package com.zerolaghub.core.infra.velocity;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Velocity bridge listens and the token it takes.
 *
 * @param baseUri bridge base, e.g. {@code http://edge.internal:8090}
 * @param bridgeToken bearer token; never logged
 * @param requestTimeout deadline of each HTTP call
 */
public record VelocityOptions(URI baseUri, String bridgeToken, Duration requestTimeout) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  public VelocityOptions {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(bridgeToken, "bridgeToken");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  public static VelocityOptions of(URI baseUri, String bridgeToken) {
    return new VelocityOptions(baseUri, bridgeToken, DEFAULT_REQUEST_TIMEOUT);
  }

  public VelocityOptions withRequestTimeout(Duration requestTimeout) {
    return new VelocityOptions(baseUri, bridgeToken, requestTimeout);
  }

  @Override
  public String toString() {
    return "VelocityOptions[baseUri=" + baseUri + ", bridgeToken=***, requestTimeout=" + requestTimeout + "]";
  }
}
