/** The company's name in the interface language: the registered Chinese name when there is no English one. */
export function organisationName(
  organisation: { readonly nameZh: string; readonly nameEn: string | null },
  language: string,
): string {
  return language.startsWith('zh') ? organisation.nameZh : (organisation.nameEn ?? organisation.nameZh);
}
