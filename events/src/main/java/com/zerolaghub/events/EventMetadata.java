package com.zerolaghub.events;

/**
 * Who and what caused an event. Stored as jsonb beside the payload; never holds secrets.
 *
 * @param actor          principal that caused it ("user:&lt;id&gt;", "system:provisioning", "stripe")
 * @param correlationId  id shared by everything one request or operation caused
 * @param causationId    id of the event or request that directly caused this one
 * @param idempotencyKey client-supplied key, when the command carried one
 * @param sourceIp       remote address, where relevant
 * @param fencingToken   lease fencing token of a singleton writer, checked by the store when present
 */
public record EventMetadata(
    String actor,
    String correlationId,
    String causationId,
    String idempotencyKey,
    String sourceIp,
    Long fencingToken) {

  public static EventMetadata system(String actor) {
    return new EventMetadata(actor, null, null, null, null, null);
  }

  public EventMetadata withCorrelation(String correlationId) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken);
  }

  public EventMetadata withCausation(String causationId) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken);
  }

  public EventMetadata withIdempotencyKey(String idempotencyKey) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken);
  }

  public EventMetadata withSourceIp(String sourceIp) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken);
  }

  public EventMetadata withFencingToken(Long fencingToken) {
    return new EventMetadata(actor, correlationId, causationId, idempotencyKey, sourceIp, fencingToken);
  }
}
