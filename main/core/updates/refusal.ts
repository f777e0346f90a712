/** Why a manifest was turned down before anything was downloaded. */
export type RefusalReason =
  'missing_signature' | 'bad_signature' | 'invalid_manifest' | 'older_version' | 'same_version';

export class UpdateRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly version: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'UpdateRefusedError';
  }
}
