/**
 * The reverse proxy: browser traffic to customers' containers, never a database query per request.
 *
 * <ul>
 *   <li>{@code routing}: what the proxy reads — {@link com.zerolaghub.proxy.routing.RouteTable}
 *       (dev servers by vmid and id, from a memory projection) and
 *       {@link com.zerolaghub.proxy.routing.ConsoleTargets} (agent endpoints, tokens included).
 *   <li>{@code ide}: the hosted IDE on {@code dev-<vmid>.<devDomain>}
 *       ({@link com.zerolaghub.proxy.ide.DevHostProxy}, one-time tokens from
 *       {@link com.zerolaghub.proxy.ide.IdeTokenIssuer}, grants in Redis), and the legacy
 *       {@code /__ide/:id/*} path route ({@link com.zerolaghub.proxy.ide.LegacyIdeRoute}); both
 *       forward through one {@link com.zerolaghub.proxy.ide.CodeServerForwarder}.
 *   <li>{@code console}: {@link com.zerolaghub.proxy.console.ConsoleBridge}, the portal's console
 *       WebSocket bridged to the agent's PTY.
 * </ul>
 *
 * Nothing here is a verticle: the app mounts the handlers on its router, or serves the dev hosts
 * alone with {@link com.zerolaghub.proxy.ProxyServer}. Platform credentials (session, CSRF and
 * IDE cookies, {@code Authorization}, agent tokens) never travel past the proxy.
 */
package com.zerolaghub.proxy;
