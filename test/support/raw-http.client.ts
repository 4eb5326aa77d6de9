// A bare HTTP/1.1 client for a listening app: one kept-alive connection, any method with any body (a GET
// too), the path sent exactly as given. Cheaper per request than supertest, which binds a server each time.
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export interface RawHttpRequest {
  method: string;
  /** Path and query, sent as is (Node only refuses characters outside `!`–`ÿ`). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface RawHttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export class RawHttpClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private readonly port: number,
    private readonly host = '127.0.0.1',
  ) {}

  /** Sends the request; retried once when the server had closed the kept-alive connection meanwhile. */
  async send(request: RawHttpRequest): Promise<RawHttpResponse> {
    try {
      return await this.sendOnce(request);
    } catch (error) {
      if ((error as { reusedSocket?: boolean }).reusedSocket) {
        return this.sendOnce(request);
      }
      throw error;
    }
  }

  /** Closes the kept-alive connection. */
  close(): void {
    this.agent.destroy();
  }

  private sendOnce({
    method,
    path,
    headers = {},
    body,
  }: RawHttpRequest): Promise<RawHttpResponse> {
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        {
          host: this.host,
          port: this.port,
          agent: this.agent,
          method,
          path,
          headers:
            body === undefined
              ? headers
              : {
                  ...headers,
                  'Content-Length': String(Buffer.byteLength(body)),
                },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: text,
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', (error) =>
        reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })),
      );
      outgoing.end(body);
    });
  }
}
