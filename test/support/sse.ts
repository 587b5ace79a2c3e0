/** Reads a server-sent events stream with fetch (so headers such as Authorization go along). */
export async function openEventStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`events stream answered ${response.status}`);
  const events: Array<{ event: string; data: any }> = [];
  const waiters: Array<() => void> = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    /** The first event (seen before or after the call) that satisfies `predicate`. */
    async next(predicate: (data: any) => boolean, timeoutMs = 15_000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find((e) => predicate(e.data));
        if (found) return found.data;
        if (Date.now() > deadline) throw new Error(`no matching event among ${events.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 250);
        });
      }
    },
    close: () => controller.abort(),
  };
}
