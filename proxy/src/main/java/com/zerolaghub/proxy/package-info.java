/**
 * The reverse proxy: browser traffic to customers' containers, never a database query per request.
 *
 * <p>Public API apart from implementation (as vertx-http-proxy splits {@code httpproxy} and
 * {@code impl}). What an application programs against is here and in three public subpackages;
 * the Netty/Vert.x plumbing is under {@code impl}, which no API package imports (so there is no
 * package cycle). The application's wiring (the node's proxy capability) constructs the
 * handlers of {@code impl} with their public constructors and mounts them; nothing else outside
 * this module imports {@code impl}.
 *
 * <ul>
 *   <li>this package: {@link com.zerolaghub.proxy.ProxyServer} (a listener of its own for the dev
 *       hosts), {@link com.zerolaghub.proxy.ProxyMetrics}, platform sessions as the proxy sees them
 *       ({@link com.zerolaghub.proxy.SessionCredentials}, {@link com.zerolaghub.proxy.SessionCookie},
 *       {@link com.zerolaghub.proxy.PlatformCookies}, {@link com.zerolaghub.proxy.SessionSockets})
 *       and {@link com.zerolaghub.proxy.BrowserOrigins}: cookie WebSockets are only opened from the
 *       portal's origins.
 *   <li>{@code routing}: what the proxy reads — {@link com.zerolaghub.proxy.routing.RouteTable}
 *       (dev servers by vmid and id, from a memory projection; {@link com.zerolaghub.proxy.routing.RouteSnapshot}
 *       is one) and {@link com.zerolaghub.proxy.routing.ConsoleTargets} (agent endpoints, tokens included).
 *   <li>{@code ide}: the hosted IDE on {@code dev-<vmid>.<devDomain>}: its options
 *       ({@link com.zerolaghub.proxy.ide.IdeOptions}, {@link com.zerolaghub.proxy.ide.UpstreamOptions}),
 *       the grant store port {@link com.zerolaghub.proxy.ide.IdeGrants} and what it holds
 *       ({@link com.zerolaghub.proxy.ide.IdeGrant}), the links handed out
 *       ({@link com.zerolaghub.proxy.ide.IdeLink}) and why one is refused
 *       ({@link com.zerolaghub.proxy.ide.IdeAccessRefused}).
 *   <li>{@code console}: the console bridge's options ({@link com.zerolaghub.proxy.console.ConsoleOptions}),
 *       how a console ends ({@link com.zerolaghub.proxy.console.ConsoleEnd}) and its status frames
 *       ({@link com.zerolaghub.proxy.console.ConsoleStatus}).
 *   <li>{@code impl}: header rewriting and the container-cookie filter ({@code UpstreamHeaders},
 *       {@code ContainerSetCookies}), the proxy's own error pages ({@code ProblemPage});
 *       {@code impl.ide}: {@code DevHostProxy} (the dev-host handler), {@code CodeServerForwarder} and
 *       {@code WebSocketTunnel} (forwarding), {@code IdeTokenIssuer} (one-time tokens),
 *       {@code RedisIdeGrants} and {@code CachingIdeGrants} (grant stores), {@code LegacyIdeRoute}
 *       (the retired {@code /__ide/:id/*} path only redirects: nothing from a container is ever
 *       served under the portal's origin); {@code impl.console}: {@code ConsoleBridge}, the portal's
 *       console WebSocket bridged to the agent's PTY; {@code impl.routing}: {@code DevHostName}.
 * </ul>
 *
 * Nothing here is a verticle: the app mounts the handlers on its router, or serves the dev hosts
 * alone with {@link com.zerolaghub.proxy.ProxyServer}. Platform credentials (session, CSRF and
 * IDE cookies, {@code Authorization}, agent tokens) never travel past the proxy, and no cookie a
 * container sets can pass for one of them.
 */
package com.zerolaghub.proxy;
