import type { NotifyMessage } from '../pipeline/model.js';
import type { ChatMessage, ChatSink, ChatThread, NotifyQueue, TopicSink } from '../pipeline/ports.js';

/** The notify queue of the local stack: messages wait in memory until the runner drains them. */
export class InMemoryNotifyQueue implements NotifyQueue {
  private readonly pending: NotifyMessage[] = [];
  sent = 0;

  send(message: NotifyMessage): Promise<void> {
    this.pending.push(message);
    this.sent += 1;
    return Promise.resolve();
  }

  take(): NotifyMessage[] {
    return this.pending.splice(0, this.pending.length);
  }

  get size(): number {
    return this.pending.length;
  }
}

/** Prints what Slack would receive; threads are simulated so updates show as replies. */
export class PrintingChatSink implements ChatSink {
  readonly mode = 'bot' as const;
  private counter = 0;

  constructor(private readonly write: (text: string) => void) {}

  post(message: ChatMessage, thread: ChatThread | undefined): Promise<ChatThread> {
    const ts = thread?.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++this.counter).padStart(6, '0')}`;
    const header = thread?.ts ? `Slack chat.update ${ts} + thread reply "${message.replyText}"` : `Slack chat.postMessage → ts ${ts}`;
    this.write(`── ${header}\n${JSON.stringify({ text: message.text, blocks: message.blocks }, null, 2)}\n`);
    return Promise.resolve({ ts, channel: 'local' });
  }
}

export class PrintingTopicSink implements TopicSink {
  constructor(private readonly write: (text: string) => void) {}

  publish(message: { subject: string; body: string; attributes: Record<string, string> }): Promise<void> {
    this.write(`── SNS publish "${message.subject}"\n${JSON.stringify(JSON.parse(message.body), null, 2)}\n`);
    return Promise.resolve();
  }
}

/** Sends to several chat sinks (print locally and post to a real webhook); the first anchors threads. */
export class TeeChatSink implements ChatSink {
  readonly mode: ChatSink['mode'];
  constructor(private readonly sinks: ChatSink[]) {
    this.mode = sinks[0]?.mode ?? 'none';
  }

  async post(message: ChatMessage, thread: ChatThread | undefined): Promise<ChatThread | undefined> {
    const [first, ...rest] = this.sinks;
    const anchor = first ? await first.post(message, thread) : undefined;
    for (const sink of rest) await sink.post(message, undefined);
    return anchor;
  }
}
