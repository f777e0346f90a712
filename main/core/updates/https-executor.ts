import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { request, type Agent } from 'node:https';
import tls from 'node:tls';

import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime';

/**
 * electron-updater's HTTP layer over Node's https, for the updater in main and for tests. TLS
 * verification stays on; the trusted roots are Node's, the OS store's where Node can read it,
 * and the extra CA certificates policy names for the feed. Given the core's transport agent, the
 * feed gets exactly the checks every other connection gets: policy CAs, certificate pins and the
 * proxy. Plain http is refused, redirects included: the manifest is signed, but the feed's
 * privacy and availability still count.
 */
export class HttpsExecutor extends HttpExecutor<ClientRequest> {
  private readonly ca: string[] | undefined;

  constructor(
    extraCa: string[] = [],
    private readonly agent?: Agent,
  ) {
    super();
    this.ca = extraCa.length > 0 ? [...systemRoots(), ...extraCa] : undefined;
  }

  createRequest(
    options: RequestOptions,
    callback: (response: IncomingMessage) => void,
  ): ClientRequest {
    if (options.protocol && options.protocol !== 'https:') {
      throw new Error(`Update requests must use https, not ${options.protocol}`);
    }

    const trust = this.agent ? { agent: this.agent } : { ca: this.ca };

    return request({ ...options, protocol: 'https:', ...trust }, callback);
  }

  /** Streams a file to disk; the base class checks its SHA-512 on the way (DigestTransform). */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);

      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

type GetCaCertificates = (store: 'default' | 'system' | 'bundled') => string[];

function systemRoots(): string[] {
  const get = (tls as { getCACertificates?: GetCaCertificates }).getCACertificates;

  return get ? [...get('default'), ...get('system')] : [...tls.rootCertificates];
}
