export const PLATFORM_HEALTH_PATH = '/platform/health';
