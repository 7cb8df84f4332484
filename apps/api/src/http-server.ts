import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import type { ApiEnv } from './http/api-env.js';

/** The HTTP server could not start; the message says why and what to change. */
export class ServerStartError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServerStartError';
  }
}

export interface ListeningServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, lets in-flight requests finish, then closes what is left after `graceMs`. */
  close(graceMs: number): Promise<void>;
}

export async function listen(
  app: Hono<ApiEnv>,
  host: string,
  port: number,
  onServerError: (error: Error) => void,
): Promise<ListeningServer> {
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host, port });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE') {
        reject(
          new ServerStartError(
            `port ${port} on ${host} is already in use; stop the other server or set PORT`,
            { cause: error },
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new ServerStartError(`not allowed to listen on ${where}; choose a PORT above 1023`, {
            cause: error,
          }),
        );
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new ServerStartError(`HOST ${host} is not an address of this machine`, { cause: error }));
      } else {
        reject(new ServerStartError(`cannot listen on ${where}: ${error.message}`, { cause: error }));
      }
    };
    const onListening = (): void => {
      server.off('error', onError);
      // Later server errors (e.g. EMFILE on accept) are reported, not thrown as uncaught exceptions.
      server.on('error', onServerError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
  const address = server.address() as AddressInfo;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: (graceMs) =>
      new Promise<void>((resolve, reject) => {
        const forceTimer = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, graceMs);
        server.close((error) => {
          clearTimeout(forceTimer);
          if (error === undefined) resolve();
          else reject(error);
        });
        // Idle keep-alive sockets would otherwise hold the close open until they time out.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }),
  };
}
