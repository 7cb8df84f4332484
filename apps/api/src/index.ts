export { buildApp, type ApiDependencies } from './app.js';
export {
  loadConfig,
  ConfigError,
  ENVIRONMENT_VARIABLES,
  LOG_LEVELS,
  type PlatformConfig,
  type LogLevel,
  type ConfigSources,
} from './config.js';
export { createLogger, type Logger } from './logger.js';
export { listen, ServerStartError, type ListeningServer } from './http-server.js';
export {
  startPlatform,
  openConfiguredDatabase,
  loadDemoData,
  DEFAULT_WEB_ROOT,
  type RunningPlatform,
  type StartOptions,
} from './platform.js';
export { CARAPACE_VERSION } from './version.js';
export { PROBLEM_CATALOGUE, type ProblemCode } from './http/problem-catalogue.js';
