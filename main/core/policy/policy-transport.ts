import type { EffectivePolicy } from '../../../common/policy';
import { err } from '../../../common/result';
import { noAudit, type AuditLog } from '../audit/audit-log';
import { silentLoggers, type Logger } from '../log/logger';
import type { ProxyEnv } from '../net/proxy';
import { createTransport, type Transport, type TransportOptions } from '../net/transport';
import { readExtraCaFiles, type ReadCaFile } from './ca-files';
import { serverAllowed } from './state';

export interface PolicyTransportOptions {
  policy: { current(): EffectivePolicy };
  /** CAs from outside policy (the development CA of `npm start`), trusted alongside policy's. */
  extraCaPem?: readonly string[];
  /** HTTPS_PROXY / NO_PROXY; the shell passes process.env, the default is none. */
  proxyEnv?: ProxyEnv;
  audit?: AuditLog;
  log?: Logger;
  readCaFile?: ReadCaFile;
  /** How long a replaced transport keeps serving requests already under way. Default 30 s. */
  retireAfterMs?: number;
  /** Builds each transport; tests count the builds. */
  create?: (options: TransportOptions) => Transport;
}

/** What a transport is built from: when this changes, the transport is rebuilt. */
const trustKey = (policy: EffectivePolicy) =>
  JSON.stringify([policy.extraCaFiles, policy.certificatePins]);

/**
 * The core's one transport, following policy: its extra CA files and certificate pins, with the
 * proxy environment and the audit log. Every use reads the effective policy, so a change (a new
 * machine policy, say) is in force from the next connection on without anyone having to tell
 * it. A replaced transport is destroyed once requests under way have had time to finish.
 *
 * On top of the transport's own checks, `checkUrl` refuses a server that `allowedServers`
 * does not list: no REST call leaves for it, whichever code path asks.
 *
 * GAP(live-socket-pins): a socket opened before a pin change keeps the agent it was opened with
 * until the session reconnects from scratch; only server policy changes at run time today, and
 * it cannot touch pins or CAs, so nothing reaches this yet.
 */
export function createPolicyTransport(options: PolicyTransportOptions): Transport {
  const audit = options.audit ?? noAudit;
  const log = options.log ?? silentLoggers('net');
  const create = options.create ?? createTransport;
  const retireAfterMs = options.retireAfterMs ?? 30_000;
  const retired = new Set<Transport>();
  let built: { key: string; transport: Transport } | null = null;

  function build(policy: EffectivePolicy): Transport {
    const policyCa = readExtraCaFiles(policy.extraCaFiles, audit, options.readCaFile);
    const transport = create({
      extraCaPem: [...(options.extraCaPem ?? []), ...policyCa],
      pins: policy.certificatePins,
      proxyEnv: options.proxyEnv ?? {},
      audit,
    });
    log.info(
      { caFiles: policy.extraCaFiles.length, pinnedOrigins: Object.keys(policy.certificatePins).length }, // prettier-ignore
      'transport.built',
    );

    return transport;
  }

  function retire(transport: Transport): void {
    retired.add(transport);
    const timer = setTimeout(() => {
      retired.delete(transport);
      transport.destroy();
    }, retireAfterMs);
    timer.unref();
  }

  function current(): Transport {
    const policy = options.policy.current();
    const key = trustKey(policy);
    if (built?.key === key) return built.transport;

    if (built) retire(built.transport);
    built = { key, transport: build(policy) };

    return built.transport;
  }

  return {
    get agent() {
      return current().agent;
    },
    get ca() {
      return current().ca;
    },
    checkUrl(url, path) {
      const checked = current().checkUrl(url, path);
      if (!checked.ok) return checked;

      const policy = options.policy.current();
      return serverAllowed(policy, url) ? checked : err('policy_denied', notAllowed(url, policy));
    },
    agentFor: (url) => current().agentFor(url),
    describeTlsError: (error, url) => current().describeTlsError(error, url),
    lastRefusal: (url) => current().lastRefusal(url),
    destroy() {
      built?.transport.destroy();
      built = null;
      for (const transport of retired) transport.destroy();
      retired.clear();
    },
  };
}

/** A plain sentence naming the server, for the sign-in screen. */
export function notAllowed(
  url: string,
  policy: Pick<EffectivePolicy, 'problems' | 'allowedServers'>,
): string {
  const name = URL.canParse(url) ? new URL(url).origin : 'This server';
  const locked =
    policy.problems.length > 0 && policy.allowedServers?.length === 0
      ? ' The policy could not be read completely, so no server is allowed until IT fixes it.'
      : ' Ask IT which servers you may use.';

  return `${name} is not allowed by your organisation's policy.${locked}`;
}
