import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackRequest {
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/**
 * Slack at its HTTP boundary, on loopback: an incoming webhook at `/webhook` and the Web API under
 * `/api/`. `failures` queues responses to return before answering normally.
 */
export class LoopbackSlack {
  readonly requests: SlackRequest[] = [];
  readonly failures: Array<{ status: number; body: string; retryAfter?: string }> = [];
  private server?: Server;
  private ts = 1_741_944_000;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.requests.push({ path, authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> });
        const failure = this.failures.shift();
        if (failure) {
          res.writeHead(failure.status, { 'content-type': 'text/plain', ...(failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}) });
          res.end(failure.body);
          return;
        }
        if (path === '/webhook') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('ok');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        const ts = path.endsWith('chat.postMessage') ? `${++this.ts}.000100` : undefined;
        res.end(JSON.stringify({ ok: true, channel: 'C0INCIDENTS', ...(ts ? { ts } : {}) }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Top-level messages (no thread) and threaded replies, in order. */
  posts(): SlackRequest[] {
    return this.requests.filter((r) => r.path === '/webhook' || r.path === '/api/chat.postMessage');
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
