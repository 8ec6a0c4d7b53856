import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

const drains = new WeakMap<object, HttpDrain>();

/**
 * A graceful stop for the HTTP side. Node's server.close() stops listening and at once
 * destroys every connection without a request in progress, including one just accepted
 * whose request has not been read yet: its client sees ECONNRESET. Instead: stop listening
 * (new connections are refused at connect), answer what arrives on the open connections
 * with `Connection: close`, and close the rest only when nothing has moved for a moment.
 */
export class HttpDrain {
  private active = 0;
  private lastActivity = Date.now();
  private draining = false;

  static attach(app: NestFastifyApplication): HttpDrain {
    const drain = new HttpDrain();
    const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
    fastify.addHook('onRequest', (_req, reply, done) => {
      drain.active++;
      drain.lastActivity = Date.now();
      reply.raw.once('close', () => {
        drain.active--;
        drain.lastActivity = Date.now();
      });
      if (drain.draining) void reply.header('connection', 'close');
      done();
    });
    drains.set(app, drain);
    return drain;
  }

  static of(app: NestFastifyApplication): HttpDrain | undefined {
    return drains.get(app);
  }

  async drain(server: Server, o: { settleMs?: number; maxMs?: number } = {}): Promise<void> {
    const settleMs = o.settleMs ?? 300;
    const deadline = Date.now() + (o.maxMs ?? 10_000);
    this.draining = true;
    this.lastActivity = Date.now();
    // let this turn of the event loop accept the connections already waiting in the backlog
    // (closing the listener resets those), then net's close, not http's: it stops accepting
    // without destroying the accepted connections
    await new Promise((r) => setImmediate(r));
    if (server.listening) NetServer.prototype.close.call(server);
    while (Date.now() < deadline && (this.active > 0 || Date.now() - this.lastActivity < settleMs)) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
