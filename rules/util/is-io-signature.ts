import ts from 'typescript';
import { ambientModuleName } from './ambient-module-name';
import { isAmbient, typesProjectCode } from './is-ambient';
import { isDeclaredInPackage } from './is-declared-in-package';
import { isValueOrPromise } from './is-maybe-promise';
import { isPromiseLike } from './is-promise-like';
import { lastWord, words } from './last-word';

/** Node's modules whose functions talk to files, sockets, processes or name servers. */
const NODE_IO_MODULES = new Set([
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'dns', 'dns/promises', 'dgram', 'tls', 'child_process',
  'stream/promises',
]);

/**
 * Packages of platforms whose runtime queues and limits the calls itself: Convex's `ctx.db`,
 * scheduler and storage serve a function's reads and writes inside its transaction, and Convex
 * recommends `Promise.all` over them.
 */
const PLATFORM_PACKAGES = ['convex'];

/**
 * Packages whose promises answer from memory: dependency-injection containers resolving a binding
 * (`ctx.get(key)`), Ajv validating against a schema, and prom-client reading its metrics
 * (`gauge.get()`, `register.metrics()`).
 */
const IN_PROCESS_PACKAGES = ['@loopback/context', 'inversify', 'tsyringe', 'typedi', 'awilix', 'ajv', 'prom-client'];

/**
 * Stores embedded in the process whose waits hold nothing and overlap nothing: Aztec's kv-store
 * keeps its maps in LMDB through a native module, where a read is a lookup in memory-mapped pages,
 * a write inside `transactionAsync` joins the transaction's batch (its promise is settled at once),
 * and LMDB lets one writer in at a time, so writes side by side still run one after another.
 */
const EMBEDDED_STORE_PACKAGES = ['@aztec/kv-store'];

/**
 * Packages whose promises are computations: sharp encodes and resizes images on its own threads
 * (`toBuffer()`, `metadata()`); jose signs, verifies, encrypts and decrypts tokens with WebCrypto
 * (`jwtVerify`, `compactDecrypt`, `new SignJWT(…).sign(key)`), a remote key set it is given being
 * fetched once and kept; the Matrix crypto machine (the Rust SDK compiled to WebAssembly) encrypts,
 * decrypts and answers from its own store (`getDevice`, `crossSigningStatus()`), and only prepares
 * the requests its caller sends. What they read or write by name (`toFile(path)`) is still I/O.
 */
const COMPUTING_PACKAGES = ['sharp', 'jose', '@matrix-org/matrix-sdk-crypto-wasm'];

/**
 * Whether a call with this signature does I/O, as far as its declaration tells: a function of
 * Node's I/O modules, `fetch`, or a function whose code lies outside the project (a package, a
 * `declare`d service) and that returns a promise. Requests to IndexedDB count only when `queued`
 * is asked for: they hold no handle of their own, but wait on the disk. Asynchronous computations
 * of packages (signing, hashing, compressing) never count: they hold no connection, and most run
 * in JavaScript or WebAssembly on the main thread, so side by side they take as long as one after
 * the other. Functions the project implements are judged by their code, not here; those it only
 * types (its own interfaces, parameters) are not known to.
 */
export function isIoSignature(program: ts.Program, checker: ts.TypeChecker, signature: ts.Signature,
  { queued = false }: { readonly queued?: boolean } = {}): boolean {
  const { declaration } = signature;
  if (!declaration || ts.isJSDocSignature(declaration)) return false;
  let byDeclaration = kinds.get(program);
  if (!byDeclaration) kinds.set(program, byDeclaration = new WeakMap());
  let kind = byDeclaration.get(declaration);
  if (kind === undefined) byDeclaration.set(declaration, kind = kindOf(program, declaration));
  if (kind === 'promise') {
    // A callback a package lets its users give, typed `Output | PromiseLike<Output>`: the usual
    // answer comes at once. A promise or nothing (`Promise<T> | void`, what a callback API
    // answers when given no callback) is still a promise.
    const returned = checker.getReturnTypeOfSignature(signature);
    return isPromiseLike(checker, returned) && !isValueOrPromise(checker, returned, { valueNeeded: true });
  }
  return kind === 'io' || (queued && kind === 'queued');
}

/**
 * What a declaration alone says: I/O, a request queued on IndexedDB, not I/O, or I/O when the
 * signature's return type is a promise. Asked of every call a question walks, so kept per
 * declaration; the return type depends on the call for a generic function.
 */
type Kind = 'io' | 'queued' | 'none' | 'promise';

const kinds = new WeakMap<ts.Program, WeakMap<ts.SignatureDeclaration, Kind>>();

function kindOf(program: ts.Program, declaration: ts.SignatureDeclaration): Kind {
  const file = declaration.getSourceFile();
  // IndexedDB's requests queue on their transaction and hold no handle of their own: they are a
  // wait worth overlapping, not a connection per call.
  if (program.isSourceFileDefaultLibrary(file)) return isFetch(declaration) ? 'io' : isIndexedDbRequest(declaration) ? 'queued' : 'none';
  if (!isAmbient(declaration) || typesProjectCode(program, declaration)) return 'none';
  if ([...PLATFORM_PACKAGES, ...IN_PROCESS_PACKAGES, ...EMBEDDED_STORE_PACKAGES].some((name) => isDeclaredInPackage(declaration, name))) {
    return 'none';
  }
  if (isDeclaredInPackage(declaration, 'node')) {
    const module = ambientModuleName(declaration);
    return (module === undefined ? isFetch(declaration) : NODE_IO_MODULES.has(module)) ? 'io' : 'none';
  }
  const computes = isComputation(declaration) || COMPUTING_PACKAGES.some((name) => isDeclaredInPackage(declaration, name));
  if (computes && !namesAPlace(declaration)) return 'none';
  return answersLikeItsSyncTwin(declaration) ? 'none' : 'promise';
}

/**
 * `findProgramAddress`, marked `@deprecated Use {@link findProgramAddressSync} instead`, or
 * `getAssociatedTokenAddress`, "Async version of getAssociatedTokenAddressSync. For backwards
 * compatibility": the package keeps the promise form of a synchronous function for older callers,
 * and says so. Its answer is the synchronous one's, computed at once.
 */
function answersLikeItsSyncTwin(declaration: ts.SignatureDeclaration): boolean {
  const name = declarationName(declaration);
  if (name === '') return false;
  const docs = ts.getJSDocCommentsAndTags(declaration);
  if (docs.length === 0) return false;
  const deprecated = ts.getJSDocDeprecatedTag(declaration) !== undefined;
  const text = docs.map((doc) => ts.isJSDoc(doc) ? [doc.comment, ...(doc.tags ?? []).map((tag) => tag.comment)] : [doc.comment])
    .flat().map((comment) => ts.getTextOfJSDocComment(comment) ?? '').join('\n');
  return new RegExp(`\\b${name.replaceAll('$', '\\$')}Sync\\b`, 'u').test(text) && (deprecated || /compatib/iu.test(text));
}

/**
 * Names of asynchronous computations that packages offer: signing, hashing, encryption,
 * compression, encoding, parsing, validating, sealing, rendering, formatting (Prettier's
 * `format`), calculating; also a hash named by its algorithm (`sha256`, `keccak256`, `blake3`)
 * and the content address of data (`cidForLex`). They use the CPU,
 * not a connection, so starting many at once opens nothing and saves no time.
 */
const COMPUTATION = /^(?:sign|verify|hash|digest|encrypt|decrypt|compress|decompress|deflate|inflate|gzip|gunzip|encode|decode|render|format|compile|calculate|sha\d*|keccak\d*|blake[23][bs]?|md5|crc32|xxhash\d*|murmur\w*|cidFor|compute|derive|parse|serialize|deserialize|stringify|validate|seal|unseal)(?:[A-Z]|$)/u;

/**
 * Last words of the names of a package's objects that only compute: a `Crypto` (`createHkdfKey`,
 * `createKeyPair`), a `Cipher`, an `EnrDecoder` (`fromRLP`), a `Codec`. Every method of one is a
 * computation, whatever its own name.
 */
const COMPUTING_OBJECTS = new Set([
  'crypto', 'cipher', 'decipher', 'hasher', 'signer', 'verifier', 'encoder', 'decoder', 'codec', 'serializer',
  'deserializer', 'parser', 'validator', 'compressor', 'decompressor',
]);

/** `safeParseJSON` → `parseJSON`, `tryDecode` → `decode`: the same computation, answering failure instead of throwing it. */
function withoutGuardPrefix(name: string): string {
  const guarded = /^(?:safe|try)([A-Z])/u.exec(name);
  return guarded ? guarded[1]!.toLowerCase() + name.slice(guarded[0].length) : name;
}

/** A computation by its name (`signEvent`, `getProgramDerivedAddress`), or a member of an object that only computes (`Crypto.createHkdfKey`). */
function isComputation(declaration: ts.SignatureDeclaration): boolean {
  const name = declarationName(declaration);
  if (COMPUTATION.test(withoutGuardPrefix(name))) return true;
  // `getProgramDerivedAddress`, `getDerivedKey`, `findAssociatedTokenPda` (a program-derived
  // address): a value derived from what it is given.
  if (words(name).some((word) => /^(?:derived?|pda)$/iu.test(word))) return true;
  const member = ts.isFunctionTypeNode(declaration) ? declaration.parent : declaration;
  const owner = member.parent;
  return (ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) && owner.name !== undefined
    && COMPUTING_OBJECTS.has(lastWord(owner.name.text));
}

/** Words that name where data lives rather than the data: a file, a directory, a stream, an address. */
const PLACES = new Set(['file', 'files', 'filename', 'path', 'paths', 'dir', 'directory', 'folder', 'stream', 'url', 'uri']);

/**
 * `gzipFile(path)`, `renderThumbnail(path, width)`, `hashStream(stream)`: a computation that
 * reads or writes somewhere, by a word of its name or the name of one of its parameters.
 */
function namesAPlace(declaration: ts.SignatureDeclaration): boolean {
  if (words(declarationName(declaration)).some((word) => PLACES.has(word.toLowerCase()))) return true;
  return declaration.parameters.some((parameter) => ts.isIdentifier(parameter.name) && PLACES.has(lastWord(parameter.name.text)));
}

/** The name of a function, or of the constant or property typed as one (`declare const hash: (…) => …`). */
function declarationName(declaration: ts.SignatureDeclaration): string {
  const named = declaration.name === undefined && ts.isFunctionTypeNode(declaration)
    && (ts.isVariableDeclaration(declaration.parent) || ts.isPropertySignature(declaration.parent) || ts.isPropertyDeclaration(declaration.parent))
    ? declaration.parent : declaration;
  const { name } = named;
  return name !== undefined && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) ? name.text : '';
}

/**
 * A request to IndexedDB, the browser's database on disk: a method of its objects that answers
 * with an `IDBRequest` (`IDBObjectStore.count`, `IDBIndex.getAll` …), not one that only opens a
 * transaction or names a store.
 */
function isIndexedDbRequest(declaration: ts.SignatureDeclaration): boolean {
  const type = declaration.type;
  return ts.isMethodSignature(declaration) && ts.isInterfaceDeclaration(declaration.parent) && /^IDB[A-Z]/u.test(declaration.parent.name.text)
    && type !== undefined && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && /^IDB\w*Request$/u.test(type.typeName.text);
}

function isFetch(declaration: ts.SignatureDeclaration): boolean {
  return ts.isFunctionDeclaration(declaration) && declaration.name?.text === 'fetch';
}
