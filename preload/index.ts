import { contextBridge, ipcRenderer } from 'electron';

import { exposeParleyBridge } from './bridge';

exposeParleyBridge(contextBridge, ipcRenderer);
