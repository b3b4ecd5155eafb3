export function assembleWat(name: string, text: string): Promise<Uint8Array>;
export function generatedModule(watFile: string, bytes: Uint8Array): string;
export function generatedPath(watFile: string): string;
export function assembleWasmModules(root: string, options?: { quiet?: boolean }): Promise<void>;
