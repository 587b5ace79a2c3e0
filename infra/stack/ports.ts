import net from 'node:net';

function listenOn(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const port = await listenOn(0);
  if (!port) throw new Error('no free TCP port on 127.0.0.1');
  return port;
}

/** The preferred port when it is free (stable URLs for people), otherwise any free one. */
export async function preferredPort(preferred: number): Promise<number> {
  return (await listenOn(preferred)) ?? freePort();
}
