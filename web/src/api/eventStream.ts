import { ApiError } from './client.js';

/** One server-sent event: its `event:` name (default `message`) and its `data:` lines joined. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Reads a server-sent event stream over fetch, so the request carries the Authorization header
 * (EventSource cannot send one). Resolves when the server ends the stream; rejects on a refused
 * request (as ApiError), a network fault or `signal` aborting.
 */
export async function readEventStream(
  url: string,
  options: { token: string; signal: AbortSignal; onOpen?: () => void; onEvent: (event: ServerSentEvent) => void },
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${options.token}` },
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new ApiError(0, null, { cause: error });
  }
  if (!response.ok || response.body === null) throw new ApiError(response.status, null);
  options.onOpen?.();

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const event = parseBlock(block);
      if (event) options.onEvent(event);
    }
  }
}

function parseBlock(block: string): ServerSentEvent | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? undefined : { event, data: data.join('\n') };
}
