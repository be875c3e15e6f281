/**
 * The small async ports through which one capability asks another for something (billing stops
 * a customer's hosts, billing closes a suspended customer's consoles). The runtime wires each to
 * the capability that implements it; their only Vert.x type is {@code Future}.
 */
package com.zerolaghub.core.ports;
