/** Names and paths shared by the generator's templates. */

/** A small seeded PRNG, so that the same N always generates the same project. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pascal = (camel) => camel[0].toUpperCase() + camel.slice(1);
const kebab = (camel) => camel.replace(/[A-Z0-9]+/g, (m) => `-${m.toLowerCase()}`);
const snake = (camel) => camel.replace(/[A-Z0-9]+/g, (m) => `_${m.toLowerCase()}`);
const words = (camel) => kebab(camel).replace(/-/g, ' ');

/** Where a domain package's files import the core package and other packages' services from. */
const CORE_IMPORT = '../../../core/src';
const depImport = (dep, kind) => `../../../${dep.pkg}/src/${kebab(dep.noun)}/${kind}`;
const depField = (dep) => `${dep.noun}Service`;

module.exports = { mulberry32, pascal, kebab, snake, words, CORE_IMPORT, depImport, depField };
