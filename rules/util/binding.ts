import type ts from 'typescript';

/** `this` of the enclosing function, which has no symbol of its own. */
export const THIS_BINDING: unique symbol = Symbol('this');

/** A binding a statement can read or write: a variable, parameter, import, function, or `this`. */
export type Binding = ts.Symbol | typeof THIS_BINDING;
