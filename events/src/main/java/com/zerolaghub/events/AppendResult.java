package com.zerolaghub.events;

import java.util.List;

/** Outcome of an append: the stream's new version and the recorded events in append order. */
public record AppendResult(long streamVersion, List<RecordedEvent> events) {}
