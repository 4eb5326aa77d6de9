import { loadPandiumEnvironment, PandiumOptionsError } from 'pandium-embed';

/**
 * What is wrong with the `PANDIUM_*` variables in production, one line each (`PANDIUM_ACCOUNT is required when
 * NODE_ENV=production`), so the app's own check lists them beside its own and one failed boot names every variable
 * to set. Outside production `pandiumConfig` fills in development defaults and reports its own problems.
 */
export function pandiumVariableProblems(env: NodeJS.ProcessEnv): string[] {
  if (env.NODE_ENV !== 'production') {
    return [];
  }
  try {
    loadPandiumEnvironment(env);
    return [];
  } catch (error) {
    if (error instanceof PandiumOptionsError) {
      return [...error.problems];
    }
    throw error;
  }
}
