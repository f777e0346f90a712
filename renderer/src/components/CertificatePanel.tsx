import { useId } from 'react';

import type { CertificateProblem } from '../../../common/result';
import { certificateShort, certificateWhy, readableDate } from '../text/certificate-text';

/*
 * A refused certificate is final. This panel explains it and gives IT what they need; there is
 * deliberately no way to connect anyway: that would hand the session to whoever is in between.
 */
export function CertificatePanel({
  problem,
  serverUrl,
}: {
  problem: CertificateProblem;
  serverUrl: string;
}) {
  const id = useId();
  const host = URL.canParse(serverUrl) ? new URL(serverUrl).host : serverUrl;

  return (
    <section className="cert-panel" role="alert" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="cert-title">
        Parley did not connect to {host}
      </h2>
      <p>{certificateWhy(problem, host)}</p>
      <p>
        This can mean that someone is intercepting the connection, or that the server is set up
        wrongly. To keep your messages safe, Parley will not connect to it.
      </p>
      <dl className="cert-details">
        <dt>Issuer</dt>
        <dd>{problem.issuer}</dd>
        <dt>Subject</dt>
        <dd>{problem.subject}</dd>
        <dt>SHA-256 fingerprint</dt>
        <dd className="cert-fingerprint">{problem.fingerprintSha256}</dd>
        <dt>Valid until</dt>
        <dd>{readableDate(problem.validTo)}</dd>
      </dl>
      <p className="cert-tell-it">
        Tell your IT team: Parley refused the certificate of {host} because{' '}
        {certificateShort(problem)}. SHA-256 fingerprint: {problem.fingerprintSha256}.
      </p>
    </section>
  );
}
