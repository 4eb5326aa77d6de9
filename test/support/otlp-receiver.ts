// A small OTLP/HTTP receiver on a free loopback port: it records every request exactly as it arrived (path,
// content type, raw body bytes) and answers as a collector does, so a test can read what the example app exported.
import { createServer } from 'node:http';
import { listenOnLoopback } from '../../libs/pandium-embed/src/core/loopback-server.spec-utils.js';

/** One export request as received. */
export interface OtlpRequest {
  readonly method: string;
  /** `/v1/traces`, `/v1/metrics`… */
  readonly path: string;
  readonly contentType: string | undefined;
  readonly contentEncoding: string | undefined;
  /** The body's bytes, undecoded. */
  readonly body: Buffer;
}

export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>`: the value of `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly endpoint: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly OtlpRequest[];
  close(): Promise<void>;
}

/** Starts the receiver. It answers 200 with an empty export response in the request's own encoding. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const requests: OtlpRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const contentType = req.headers['content-type'];
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType,
        contentEncoding: req.headers['content-encoding'],
        body: Buffer.concat(chunks),
      });
      // An empty ExportServiceResponse: `{}` in JSON, no bytes in protobuf (every field absent).
      const json = contentType?.startsWith('application/json') === true;
      res.writeHead(200, {
        'content-type': json ? 'application/json' : 'application/x-protobuf',
      });
      res.end(json ? '{}' : '');
    });
  });
  const { origin, close } = await listenOnLoopback(server);
  return { endpoint: origin, requests, close };
}
