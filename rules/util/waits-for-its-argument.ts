import ts from 'typescript';

/**
 * `resolve(this.headers)` with `resolve<T>(value: Resolvable<T>): Promise<T>`: a generic function of
 * one parameter that answers a promise of its type parameter, which the parameter's type names. It
 * waits for what it is handed (a value, a promise, or a function giving either); the work, if
 * any, is the argument's, and a call in the argument is judged for itself.
 */
export function waitsForItsArgument(signature: ts.Signature): boolean {
  const declaration = signature.declaration;
  if (!declaration || ts.isJSDocSignature(declaration)) return false;
  const [typeParameter, ...otherTypeParameters] = declaration.typeParameters ?? [];
  const [parameter, ...otherParameters] = declaration.parameters;
  if (!typeParameter || otherTypeParameters.length > 0 || !parameter?.type || otherParameters.length > 0) return false;
  const name = typeParameter.name.text;
  const returned = declaration.type;
  if (!returned || !ts.isTypeReferenceNode(returned) || !ts.isIdentifier(returned.typeName)
    || !['Promise', 'PromiseLike'].includes(returned.typeName.text) || returned.typeArguments?.length !== 1) {
    return false;
  }
  return namesTypeParameter(returned.typeArguments[0]!, name) && mentions(parameter.type, name);
}

function namesTypeParameter(type: ts.TypeNode, name: string): boolean {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === name && !type.typeArguments;
}

function mentions(type: ts.Node, name: string): boolean {
  if (ts.isIdentifier(type)) return type.text === name;
  return ts.forEachChild(type, (child) => mentions(child, name)) ?? false;
}
