// The ceiling of any route on this machine: a bare Fastify server answering `{}` to GET /,
// in its own process. Prints its URL, then serves until killed. Used by intake.bench.ts.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({}));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(`listening: http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
