package com.zerolaghub.core.controller;

/** The repair chosen for a finding and whether it will run. */
public record RepairPlan(RepairAction action, Posture posture, String detail) {}
