export { DEFAULT_POLICY } from './defaults';
export { loadMachinePolicy, mergeLocal, type LoadPolicyOptions, type PolicyResult } from './load';
export { createPolicyState, serverAllowed, withServerPolicy, type PolicyState } from './state';
export {
  machinePolicyFile,
  userPolicyFile,
  WINDOWS_POLICY_KEY,
  MACOS_MANAGED_PREFERENCES,
} from './locations';
export { defaultPolicyReaders, type PolicyReader } from './readers';
export { parseRegQueryOutput } from './windows-registry';
export { createPolicyTransport, notAllowed, type PolicyTransportOptions } from './policy-transport';
export { readExtraCaFiles, type ReadCaFile } from './ca-files';
