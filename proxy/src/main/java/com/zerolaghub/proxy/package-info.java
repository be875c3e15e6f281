/**
 * The reverse proxy: browser traffic to customers' containers, never a database query per request.
 *
 * <ul>
 *   <li>{@code routing}: what the proxy reads — {@link com.zerolaghub.proxy.routing.RouteTable}
 *       (dev servers by vmid and id, from a memory projection) and
 *       {@link com.zerolaghub.proxy.routing.ConsoleTargets} (agent endpoints, tokens included).
 *   <li>{@code ide}: the hosted IDE on {@code dev-<vmid>.<devDomain>}
 *       ({@link com.zerolaghub.proxy.ide.DevHostProxy}, one-time tokens from
 *       {@link com.zerolaghub.proxy.ide.IdeTokenIssuer}, grants in Redis), forwarded by
 *       {@link com.zerolaghub.proxy.ide.CodeServerForwarder}; the retired {@code /__ide/:id/*} path
 *       ({@link com.zerolaghub.proxy.ide.LegacyIdeRoute}) only redirects there: nothing from a
 *       container is ever served under the portal's origin.
 *   <li>{@code console}: {@link com.zerolaghub.proxy.console.ConsoleBridge}, the portal's console
 *       WebSocket bridged to the agent's PTY.
 * </ul>
 *
 * Nothing here is a verticle: the app mounts the handlers on its router, or serves the dev hosts
 * alone with {@link com.zerolaghub.proxy.ProxyServer}. Platform credentials (session, CSRF and
 * IDE cookies, {@code Authorization}, agent tokens) never travel past the proxy, and no cookie a
 * container sets can pass for one of them ({@link com.zerolaghub.proxy.ContainerSetCookies});
 * cookie WebSockets are only opened from the portal's origins
 * ({@link com.zerolaghub.proxy.BrowserOrigins}).
 */
package com.zerolaghub.proxy;
