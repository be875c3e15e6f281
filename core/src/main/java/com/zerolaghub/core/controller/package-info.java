/**
 * The controller's pure logic: drift detection (desired state from the log against one bulk
 * observation of the outside systems), the findings a pass opens and clears, and the leveled
 * repair policy (level 1 live or dry-run, levels 2 and 3 planned only).
 */
package com.zerolaghub.core.controller;
