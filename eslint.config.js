import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'tls',
  'http',
  'https',
];

/** Which folder may import which: the table in the design, enforced here. */
function boundary(files, { forbidFolders, forbidModules = [], message }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidFolders.map((folder) => ({
              group: [`**/${folder}/**`, `**/${folder}`],
              message,
            })),
            ...forbidModules.map((name) => ({ group: [name], message })),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['scripts/**', 'server/cli/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  boundary(['common/**'], {
    forbidFolders: ['main', 'preload', 'renderer', 'server'],
    forbidModules: ['electron', 'react', ...nodeBuiltins],
    message: 'common/ holds only process-neutral code.',
  }),
  boundary(['main/core/**'], {
    forbidFolders: ['electron', 'preload', 'renderer', 'server'],
    forbidModules: ['electron'],
    message: 'main/core/ stays free of Electron and of other processes\u2019 code.',
  }),
  boundary(['main/electron/**'], {
    forbidFolders: ['preload', 'renderer', 'server'],
    message: 'main/electron/ may import main/core, common and electron only.',
  }),
  boundary(['preload/**'], {
    forbidFolders: ['main', 'renderer', 'server'],
    forbidModules: nodeBuiltins,
    message: 'The sandboxed preload may import common and electron only.',
  }),
  boundary(['renderer/**'], {
    forbidFolders: ['main', 'preload', 'server'],
    forbidModules: ['electron', ...nodeBuiltins],
    message: 'The renderer is a sandboxed web page: common and browser APIs only.',
  }),
  boundary(['server/**'], {
    forbidFolders: ['main', 'preload', 'renderer'],
    forbidModules: ['electron'],
    message: 'The reference server may import common and Node only.',
  }),
);
