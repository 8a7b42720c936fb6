import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { eventLoopStallMonitor } from './measure.js';
import type { AppSession } from './operations.js';

/**
 * The ledger export at scale (issue 4): GET /api/exports/ledger.xlsx over real HTTP (app.inject would buffer the
 * whole file and hide whether the server streams), the body read and thrown away as it arrives. Measures wall time,
 * rows per second, the bytes sent, the peak resident set size (sampled every 20 ms, against the RSS just before) and
 * how long the event loop was held at most (a timer that should fire every 10 ms).
 */
export interface ExportMeasurement {
  what: string;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSec: number;
  rssBeforeBytes: number;
  peakRssBytes: number;
  /** peak RSS minus RSS before: what the export itself held */
  peakRssGrowthBytes: number;
  /** the longest the event loop was blocked, in ms (timer lateness) */
  maxEventLoopDelayMs: number;
}

export async function measureExports(app: FastifyInstance, session: AppSession, query = ''): Promise<ExportMeasurement> {
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const stalls = eventLoopStallMonitor();
  const started = performance.now();
  try {
    const { rows, bytes } = await new Promise<{ rows: number; bytes: number }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: `/api/exports/ledger.xlsx${query ? `?${query}` : ''}`, headers: { cookie: session.cookie } }, (res) => {
        if (res.statusCode !== 200) {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => reject(new Error(`export answered ${res.statusCode}: ${body.slice(0, 300)}`)));
          return;
        }
        let size = 0;
        res.on('data', (c: Buffer) => (size += c.length));
        res.on('end', () => resolve({ rows: Number(res.headers['x-export-rows'] ?? 0), bytes: size }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      what: `GET ${address.replace(/^http:\/\/[^/]+/, '')}/api/exports/ledger.xlsx${query ? `?${query}` : ''} as the coordinator (every problem)`,
      rows,
      bytes,
      seconds,
      rowsPerSec: rows / seconds,
      rssBeforeBytes: rssBefore,
      peakRssBytes: peak,
      peakRssGrowthBytes: peak - rssBefore,
      maxEventLoopDelayMs: stalls(),
    };
  } finally {
    clearInterval(sampler);
    stalls();
  }
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

export function formatExportMeasurement(m: ExportMeasurement): string {
  return [
    `   exports: ${m.what}`,
    `     ${m.rows} rows, ${mib(m.bytes)} in ${m.seconds.toFixed(1)} s = ${Math.round(m.rowsPerSec)} rows/s; ` +
      `RSS ${mib(m.rssBeforeBytes)} before, peak ${mib(m.peakRssBytes)} (+${mib(m.peakRssGrowthBytes)}); event loop held at most ${m.maxEventLoopDelayMs.toFixed(0)} ms`,
  ].join('\n');
}
