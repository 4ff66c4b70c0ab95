/**
 * HTTP servers for tests: {@link dev.ferry.testkit.http.NginxServer} runs a real nginx as a child process on a free
 * loopback port, serving a folder over HTTPS with client certificates, a bearer-token check and Range requests, and
 * shows each request it logged with the range asked for. Non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.testkit.http;
