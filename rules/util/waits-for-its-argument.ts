import ts from 'typescript';

/**
 * `resolve(this.headers)` with `resolve<T>(value: Resolvable<T>): Promise<T>`: a generic function of
 * one parameter that answers a promise of its type parameter, which the parameter's type names. It
 * waits for what it is handed (a value, a promise, or a function giving either); the work, if
 * any, is the argument's, and a call in the argument is judged for itself.
 */
export function waitsForItsArgument(signature: ts.Signature): boolean {
  const shape = oneGenericParameter(signature);
  if (!shape || shape.returned.typeArguments?.length !== 1) return false;
  return namesTypeParameter(shape.returned.typeArguments[0]!, shape.name) && mentions(shape.parameter, shape.name);
}

/** The iterable types a function may drain: what each of their items costs is the producer's. */
const ITERABLES = new Set(['Iterable', 'AsyncIterable', 'IterableIterator', 'AsyncIterableIterator', 'Generator', 'AsyncGenerator']);

/**
 * `toArray(store.keysAsync(…))` with `toArray<T>(source: Iterable<T> | AsyncIterable<T>): Promise<T[]>`:
 * a generic function of one parameter, typed an iterable of its type parameter, that answers a
 * promise. It drains what it is handed (`it-all`, `it-first`, `toArray`); the work, if any, is in
 * making the items, and the call that makes them is judged for itself.
 */
export function drainsItsArgument(signature: ts.Signature): boolean {
  const shape = oneGenericParameter(signature);
  if (!shape) return false;
  const parts = ts.isUnionTypeNode(shape.parameter) ? shape.parameter.types : [shape.parameter];
  return parts.every((part) => ts.isTypeReferenceNode(part) && ts.isIdentifier(part.typeName) && ITERABLES.has(part.typeName.text)
    && part.typeArguments?.length === 1 && namesTypeParameter(part.typeArguments[0]!, shape.name));
}

interface OneGenericParameter {
  /** The name of the function's one type parameter. */
  readonly name: string;
  /** The declared type of its one parameter. */
  readonly parameter: ts.TypeNode;
  /** Its declared answer, `Promise<…>` or `PromiseLike<…>`. */
  readonly returned: ts.TypeReferenceNode;
}

/** `<T>(parameter: P) => Promise<R>`: one type parameter, one typed parameter, a declared promise. */
function oneGenericParameter(signature: ts.Signature): OneGenericParameter | undefined {
  const declaration = signature.declaration;
  if (!declaration || ts.isJSDocSignature(declaration)) return undefined;
  const [typeParameter, ...otherTypeParameters] = declaration.typeParameters ?? [];
  const [parameter, ...otherParameters] = declaration.parameters;
  if (!typeParameter || otherTypeParameters.length > 0 || !parameter?.type || otherParameters.length > 0) return undefined;
  const returned = declaration.type;
  if (!returned || !ts.isTypeReferenceNode(returned) || !ts.isIdentifier(returned.typeName)
    || !['Promise', 'PromiseLike'].includes(returned.typeName.text)) {
    return undefined;
  }
  return { name: typeParameter.name.text, parameter: parameter.type, returned };
}

function namesTypeParameter(type: ts.TypeNode, name: string): boolean {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === name && !type.typeArguments;
}

function mentions(type: ts.Node, name: string): boolean {
  if (ts.isIdentifier(type)) return type.text === name;
  return ts.forEachChild(type, (child) => mentions(child, name)) ?? false;
}
