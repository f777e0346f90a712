import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

import { PRELOAD_BUILD } from './build-main';

describe('preload bundle', () => {
  it('pulls in only the preload, the channel names and electron (no zod, no Node)', async () => {
    const result = await build({
      ...PRELOAD_BUILD,
      write: false,
      metafile: true,
      sourcemap: false,
    });

    const inputs = Object.keys(result.metafile.inputs).sort();
    const imports = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.filter((imported) => imported.external).map((imported) => imported.path),
    );

    expect(inputs).toEqual(['common/bridge-channels.ts', 'preload/bridge.ts', 'preload/index.ts']);
    expect([...new Set(imports)]).toEqual(['electron']);
  });
});
