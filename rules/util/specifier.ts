/**
 * typescript-eslint's `TypeOrValueSpecifier`, so options move across unchanged: a bare name, or a
 * name with where it is declared (the project's files, TypeScript's lib, or a package).
 */
export type TypeOrValueSpecifier =
  | string
  | { readonly from: 'file'; readonly name: string | readonly string[]; readonly path?: string }
  | { readonly from: 'lib'; readonly name: string | readonly string[] }
  | { readonly from: 'package'; readonly name: string | readonly string[]; readonly package: string };

const names = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true }] };

/** The JSON schema of a list of specifiers, for rule option schemas. */
export const specifierListSchema = {
  type: 'array',
  items: {
    oneOf: [
      { type: 'string' },
      {
        type: 'object', additionalProperties: false, required: ['from', 'name'],
        properties: { from: { type: 'string', enum: ['file'] }, name: names, path: { type: 'string' } },
      },
      {
        type: 'object', additionalProperties: false, required: ['from', 'name'],
        properties: { from: { type: 'string', enum: ['lib'] }, name: names },
      },
      {
        type: 'object', additionalProperties: false, required: ['from', 'name', 'package'],
        properties: { from: { type: 'string', enum: ['package'] }, name: names, package: { type: 'string' } },
      },
    ],
  },
} as const;
