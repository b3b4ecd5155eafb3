export const BUILD_INPUTS: readonly string[];
export const STAMP_FILE: string;
export function inputsFingerprint(root: string): string;
export function buildIsStale(root: string): boolean;
