package com.zerolaghub.core.servers;

/** A kind of Minecraft server; heavier variants need more memory, so plans below the minimum are refused. */
public record GameVariant(String id, String label, int minMemoryMib) {}
