/** Platform-wide facts the platform records about itself, such as when demo data was loaded. */
export const PLATFORM_SETTING_KEYS = [
  'demo_data_loaded_at',
  'demo_underwriting_loaded_at',
  'demo_accounts_loaded_at',
  'demo_monitoring_loaded_at',
] as const;

export type PlatformSettingKey = (typeof PLATFORM_SETTING_KEYS)[number];

/** Port: a small key → JSON store for platform-wide settings. */
export interface PlatformSettingsRepository {
  get(key: PlatformSettingKey): Promise<unknown>;
  /** Writes the value only if the key is absent; returns whether this call wrote it. */
  setIfAbsent(key: PlatformSettingKey, value: unknown): Promise<boolean>;
}
