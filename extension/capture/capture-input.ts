import type { AdapterDefinition } from '../../shared/schemas/adapter';

/** What the page-side capture script is handed before it runs. */
export interface CaptureInput {
  adapters: AdapterDefinition[];
  selection?: string;
}

/** Where the handed-over input waits in the extension's isolated world of the page. */
export const CAPTURE_INPUT_KEY = '__echoboxCaptureInput';
