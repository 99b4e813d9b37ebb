import type { Server } from 'node:http';

/** How a shutdown went: `cutOff` requests were still running when the grace period ended. */
export interface ShutdownResult {
  cutOff: number;
}

/** Counts a server's unfinished requests so a shutdown can wait for them. */
export interface GracefulServer {
  /** Requests received whose response has not finished (or whose client went away). */
  inFlight(): number;
  /**
   * Stop accepting connections, let requests in flight finish for up to `graceMs`, then cut off
   * whatever still runs; resolves once every connection is closed.
   */
  shutdown(graceMs: number): Promise<ShutdownResult>;
}

/** Track `server`'s requests from now on; call before it listens. */
export function gracefulServer(server: Server): GracefulServer {
  let inFlight = 0;
  let stopping = false;
  server.on('request', (req, res) => {
    inFlight++;
    // Keep-alive would hold a finished connection open past the shutdown.
    if (stopping) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (stopping) server.closeIdleConnections();
    });
  });
  return {
    inFlight: () => inFlight,
    shutdown(graceMs) {
      if (!(graceMs >= 0)) throw new Error('shutdown: graceMs must be a non-negative number');
      stopping = true;
      return new Promise((resolve) => {
        let cutOff = 0;
        const timer = setTimeout(() => {
          cutOff = inFlight;
          server.closeAllConnections();
        }, graceMs);
        // close() stops listening at once, ends idle keep-alive connections, and calls back when the last connection is gone.
        server.close(() => {
          clearTimeout(timer);
          resolve({ cutOff });
        });
        server.closeIdleConnections();
      });
    },
  };
}
