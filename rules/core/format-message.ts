/** Fills ESLint-style `{{name}}` placeholders; unknown names stay as written, as ESLint does. */
export function formatMessage(template: string, data: Readonly<Record<string, unknown>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{([^{}]+)\}\}/gu, (whole, name: string) => {
    const key = name.trim();
    return key in data ? String(data[key]) : whole;
  });
}
