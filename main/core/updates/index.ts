export {
  createUpdateService,
  type UpdateService,
  type UpdateServiceOptions,
} from './update-service';
export { HttpsExecutor } from './https-executor';
export { signManifest, verifyManifestSignature, SIGNATURE_CONTEXT } from './manifest-signature';
export { UpdateRefusedError, type RefusalReason } from './refusal';
