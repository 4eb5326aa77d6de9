// pandium-embed/diagnosis: checks a Pandium embed token or URL and explains every problem (also behind the
// `pandium-embed inspect` command).

// Diagnosis: every problem at once, and its text form.
export { diagnosePandiumToken } from './pandium-token.diagnosis.js';
export { formatPandiumDiagnosis } from './pandium-diagnosis.formatter.js';
export type { PandiumTokenDiagnosisOptions } from './pandium-token-diagnosis-options.interface.js';
export type {
  PandiumTokenDiagnosis,
  PandiumTokenProblem,
  PandiumTokenProblemCode,
  PandiumUrlTarget,
} from './pandium-token-diagnosis.interface.js';

// URLs: the token and the target of an install or marketplace URL.
export { parsePandiumUrl } from './pandium-url.parser.js';
export type { ParsedPandiumUrl } from './pandium-url.parser.js';
