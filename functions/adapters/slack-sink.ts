import type { ChatMessage, ChatSink, ChatThread } from '../pipeline/ports.js';

export interface SlackConfig {
  webhookUrl?: string;
  botToken?: string;
  channel?: string;
  /** Web API base, overridable for loopback tests. */
  apiBaseUrl?: string;
}

/** Slack answered with a status that retrying will not fix (revoked webhook, archived channel, bad token). */
export class SlackPermanentError extends Error {
  override name = 'SlackPermanentError';
}

export class SlackRetryableError extends Error {
  override name = 'SlackRetryableError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const ATTEMPTS = 3;
const MAX_WAIT_MS = 5_000;
const TIMEOUT_MS = 10_000;

/**
 * Slack delivery. With a bot token: the first message is posted with chat.postMessage, later
 * updates edit it in place (chat.update) and add a threaded reply saying what changed. With only an
 * incoming webhook (no threads, no edits): each update is a new message that names the incident.
 * 429 and 5xx are retried here with backoff (honouring Retry-After); the queue retries the rest.
 */
export class SlackSink implements ChatSink {
  readonly mode: 'bot' | 'webhook' | 'none';

  constructor(
    private readonly config: SlackConfig,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.mode = config.botToken && config.channel ? 'bot' : config.webhookUrl ? 'webhook' : 'none';
  }

  async post(message: ChatMessage, thread: ChatThread | undefined): Promise<ChatThread | undefined> {
    if (this.mode === 'bot') return this.postWithBot(message, thread);
    if (this.mode === 'webhook') {
      await this.withRetry(() => this.webhook(message));
      return undefined;
    }
    return undefined;
  }

  private async postWithBot(message: ChatMessage, thread: ChatThread | undefined): Promise<ChatThread> {
    const channel = thread?.channel ?? this.config.channel!;
    if (!thread?.ts) {
      const out = await this.withRetry(() => this.api('chat.postMessage', { channel, text: message.text, blocks: message.blocks, unfurl_links: false }));
      return { ts: stringField(out, 'ts'), channel: stringField(out, 'channel') ?? channel };
    }
    try {
      await this.withRetry(() => this.api('chat.update', { channel, ts: thread.ts, text: message.text, blocks: message.blocks }));
    } catch (e) {
      // The root message was deleted (or is too old to edit): start a new thread rather than fail forever.
      if (e instanceof SlackPermanentError && /message_not_found|cant_update_message|edit_window_closed/.test(e.message)) {
        return this.postWithBot(message, undefined);
      }
      throw e;
    }
    await this.withRetry(() => this.api('chat.postMessage', { channel, thread_ts: thread.ts, text: message.replyText, unfurl_links: false }));
    return { ts: thread.ts, channel };
  }

  private async webhook(message: ChatMessage): Promise<void> {
    const res = await fetch(this.config.webhookUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: message.text, blocks: message.blocks, unfurl_links: false }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await res.text();
    if (res.ok) return;
    throw classify(res.status, body.slice(0, 100), res.headers.get('retry-after'));
  }

  private async api(method: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const base = this.config.apiBaseUrl ?? 'https://slack.com/api';
    const res = await fetch(`${base}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${this.config.botToken!}` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw classify(res.status, `${method} HTTP ${res.status}`, res.headers.get('retry-after'));
    const out = (await res.json()) as Record<string, unknown>;
    if (out.ok === true) return out;
    const error = typeof out.error === 'string' ? out.error : 'unknown_error';
    if (error === 'ratelimited' || error === 'internal_error' || error === 'fatal_error' || error === 'service_unavailable') {
      throw new SlackRetryableError(`${method}: ${error}`, retryAfter(res.headers.get('retry-after')));
    }
    throw new SlackPermanentError(`${method}: ${error}`);
  }

  private async withRetry<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (e) {
        const retryable = e instanceof SlackRetryableError || (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'TypeError'));
        if (!retryable || attempt >= ATTEMPTS) throw e;
        const hinted = e instanceof SlackRetryableError ? e.retryAfterMs : undefined;
        if (hinted !== undefined && hinted > MAX_WAIT_MS) throw e;
        await this.sleep(hinted ?? 250 * 2 ** (attempt - 1) + Math.random() * 100);
      }
    }
  }
}

function classify(status: number, text: string, retryAfterHeader: string | null): Error {
  if (status === 429 || status >= 500) return new SlackRetryableError(`Slack HTTP ${status}: ${text}`, retryAfter(retryAfterHeader));
  return new SlackPermanentError(`Slack HTTP ${status}: ${text}`);
}

function retryAfter(header: string | null): number | undefined {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function stringField(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}
