/**
 * The Node.js flags the server runs with: `npm start` passes them (package.json, checked
 * against this list by test/integration/startup.test.ts), and the tests and benchmarks that
 * start the server as a process pass the same, so they measure what a deployment runs.
 *
 * --max-semi-space-size=64 (MiB): every turn allocates a few hundred kilobytes that die
 *   young (the reply's words, its scores, the events sent). With V8's default young
 *   generation, at a hundred turns a second those fill it every second or so, and what is
 *   still in flight gets copied and promoted, which later costs major collections that stop
 *   the event loop. A larger young generation lets them die where they were made. In the
 *   load benchmark this took one process's p99 turn latency from 27.5–28.5 ms to 16–19 ms
 *   (docs/benchmarks.md), for up to 128 MiB more memory under load.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
