package com.zerolaghub.events;

/**
 * Who and what caused an event. Stored as jsonb beside the payload; never holds secrets.
 *
 * @param actor          principal that caused it ("user:&lt;id&gt;", "system:provisioning", "stripe")
 * @param correlationId  id shared by everything one request or operation caused
 * @param causationId    id of the event or request that directly caused this one
 * @param idempotencyKey client-supplied key, when the command carried one
 * @param sourceIp       remote address, where relevant
 * @param fencingToken   fencing token of a singleton writer (see {@link Fences})
 * @param fence          name of the fence {@code fencingToken} belongs to; when both are present the
 *                       store refuses the append unless the token is that fence's current one
 */
public record EventMetadata(
    String actor,
    String correlationId,
    String causationId,
    String idempotencyKey,
    String sourceIp,
    Long fencingToken,
    String fence) {

  public EventMetadata(String actor, String correlationId, String causationId, String idempotencyKey, String sourceIp,
                       Long fencingToken) {
    this(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken, null);
  }

  public static EventMetadata system(String actor) {
    return new EventMetadata(actor, null, null, null, null, null, null);
  }

  public EventMetadata withCorrelation(String correlationId) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken, fence);
  }

  public EventMetadata withCausation(String causationId) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken, fence);
  }

  public EventMetadata withIdempotencyKey(String idempotencyKey) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken, fence);
  }

  public EventMetadata withSourceIp(String sourceIp) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken, fence);
  }

  /** Records the token without asking the store to check it. */
  public EventMetadata withFencingToken(Long fencingToken) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken, fence);
  }

  /** Appends only while {@code token} is the current token of {@code fence}; a deposed holder is refused. */
  public EventMetadata fencedBy(String fence, long token) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, token, fence);
  }
}
