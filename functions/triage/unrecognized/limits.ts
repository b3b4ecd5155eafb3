/** Bounds of the unrecognised-error pass: memory stays fixed whatever the input. */
export interface UnrecognizedLimits {
  /** Templates one service's miner may hold. */
  maxTemplatesPerService: number;
  /** Templates over all services. */
  maxTemplates: number;
  /** Services tracked; error lines of further services are only counted. */
  maxServices: number;
  /** Templates reported per service finding (the rest stay counted in its total). */
  templatesReported: number;
}

export const UNRECOGNIZED_LIMITS: UnrecognizedLimits = {
  maxTemplatesPerService: 100,
  maxTemplates: 1000,
  maxServices: 100,
  templatesReported: 5,
};
