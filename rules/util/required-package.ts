import ts from 'typescript';
import { isRequireCall } from './module-references';
import { skipOuterExpressions } from './skip-outer-expressions';

/** How many steps back `requiredPackage` follows a value: `app` ← `express()` ← `express` ← `require('express')`. */
const MAX_STEPS = 6;

/**
 * The package a value comes from, read from the code alone: `express` for `app` of
 * `const app = express()` with `const express = require('express')`, or of
 * `import express from 'express'`; for `router` of `const router = express.Router()` or of
 * `const { Router } = require('express'); const router = Router()`. For untyped JavaScript, where
 * the checker knows no declaration to ask. Relative modules are the project's own: none.
 */
export function requiredPackage(checker: ts.TypeChecker, node: ts.Expression): string | undefined {
  let current: ts.Node | undefined = node;
  for (let step = 0; current !== undefined && step < MAX_STEPS; step++) {
    const expression: ts.Node = ts.isExpression(current) ? skipOuterExpressions(current) : current;
    if (isRequireCall(expression)) {
      return packageName(expression.arguments[0].text);
    } else if (ts.isCallExpression(expression)) {
      current = expression.expression;
    } else if (ts.isNewExpression(expression) || ts.isPropertyAccessExpression(expression)) {
      current = expression.expression;
    } else if (ts.isIdentifier(expression)) {
      current = origin(checker, expression);
    } else if (ts.isImportDeclaration(expression)) {
      return ts.isStringLiteral(expression.moduleSpecifier) ? packageName(expression.moduleSpecifier.text) : undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** What a name is bound to: a variable's initializer (through a destructuring), or its import. */
function origin(checker: ts.TypeChecker, name: ts.Identifier): ts.Node | undefined {
  const declaration = checker.getSymbolAtLocation(name)?.declarations?.[0];
  if (!declaration) return undefined;
  const imported = ts.findAncestor(declaration, ts.isImportDeclaration);
  if (imported) return imported;
  let binding: ts.Node = declaration;
  while (ts.isBindingElement(binding) || ts.isObjectBindingPattern(binding) || ts.isArrayBindingPattern(binding)) binding = binding.parent;
  if (!ts.isVariableDeclaration(binding) || !binding.initializer) return undefined;
  const list = binding.parent;
  // A `let` may hold anything by the time it is used.
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0 ? binding.initializer : undefined;
}

/** `express` of `express/lib/router`, `@koa/router` of itself, `http` of `node:http`; none for `./store`. */
function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const bare = specifier.replace(/^node:/u, '');
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
