package com.zerolaghub.events.servers;

/** Resources a container gets: memory, CPU cores and root disk. */
public record ResourcePlan(String id, int memoryMib, int cores, int diskGib) {}
