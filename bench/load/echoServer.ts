/**
 * The baseline of the load benchmark: a bare socket.io server speaking the same events as
 * Sparring (session:start, trainee:say → customer:say) with no work behind them. Each
 * `trainee:say` is acknowledged and answered at once by a `customer:say` of the same shape.
 * Whatever the benchmark measures here is the floor set by socket.io, Node and loopback
 * on this machine; Sparring's figures are read against it.
 *
 *   node --import tsx bench/load/echoServer.ts      listens on PORT (default: any free port)
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

type Ack = (answer: unknown) => void;

const httpServer = createServer();
const io = new Server(httpServer);
const MOOD = { anger: 5, trust: 5, confusion: 2 };

io.on('connection', (socket) => {
  let turns = 0;
  socket.on('session:start', (_payload: unknown, ack: Ack) => {
    turns = 0;
    ack({ ok: true, sessionId: randomUUID(), opening: { text: 'echo', mood: MOOD } });
  });
  socket.on('trainee:say', (payload: { sessionId: string; text: string }, ack: Ack) => {
    const index = ++turns * 2 - 1;
    ack({ ok: true, index });
    socket.emit('customer:say', { sessionId: payload.sessionId, index: index + 1, text: payload.text, mood: MOOD, ended: false });
  });
  socket.on('session:end', (_payload: unknown, ack: Ack) => ack({ ok: true }));
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  process.stdout.write(`echo listening on http://localhost:${port}\n`);
});

const stop = () => io.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
