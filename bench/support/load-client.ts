// The load generator's own process (autocannon), so the client's CPU is not the server's:
// reads its options from the JSON file named on the command line, fires the requests in a
// loop over the connections, prints one JSON line with the rate and latencies. Used by load.ts.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './load.js';

const options = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadOptions;
// `inTurn`: one shared turn over the requests for all connections, so concurrent requests
// differ (by default autocannon starts every connection at the first request, and 16
// connections would send the same report at the same moment).
let turn = 0;
const inTurn = options.requests;
const result = await autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.seconds,
  // Every `[<id>]` in a request (an Idempotency-Key, a description) becomes one fresh id per request.
  idReplacement: true,
  requests: options.inTurn
    ? [{ setupRequest: (request) => ({ ...request, ...inTurn[turn++ % inTurn.length] }) }]
    : options.requests,
});
const summary: LoadResult = {
  requests: result.requests.total,
  perSecond: result.requests.total / (result.duration || options.seconds),
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
};
console.log(JSON.stringify(summary));
