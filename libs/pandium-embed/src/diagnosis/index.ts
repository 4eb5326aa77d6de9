// pandium-embed/diagnosis: checks a Pandium embed token or URL and explains every problem.
export { formatPandiumDiagnosis } from './pandium-diagnosis.formatter.js';
export type { PandiumTokenDiagnosisOptions } from './pandium-token-diagnosis-options.interface.js';
export type {
  PandiumTokenDiagnosis,
  PandiumTokenProblem,
  PandiumTokenProblemCode,
  PandiumUrlTarget,
} from './pandium-token-diagnosis.interface.js';
export { diagnosePandiumToken } from './pandium-token.diagnosis.js';
export { parsePandiumUrl } from './pandium-url.parser.js';
export type { ParsedPandiumUrl } from './pandium-url.parser.js';
