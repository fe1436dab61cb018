/**
 * The cdktf facade: the only module in the library that loads `cdktf` itself, so that a move to a
 * cdktf fork is a change to this folder alone.
 *
 * cdktf costs a few hundred milliseconds to load, so importing the library must not load it:
 * every export here is a stand-in that loads cdktf on first use (a call, `new`, a static member,
 * `instanceof`). Provider classes load the same way, from src/core/providers.ts.
 */
import type * as Cdktf from 'cdktf';
import type * as Synthesizer from 'cdktf/lib/synthesize/synthesizer.js';

let cdktfModule: typeof Cdktf | undefined;

/** The cdktf module, loaded on first call. */
export function cdktf(): typeof Cdktf {
  return (cdktfModule ??= require('cdktf') as typeof Cdktf);
}

/**
 * A stand-in for a class or namespace object that `load`s it on first use: `new`, calls, static
 * members (bound to the real class) and `instanceof` all reach the real one. A class that
 * `extends` a stand-in loads it when the subclass is defined.
 */
export function lazyClass<T extends object>(load: () => T): T {
  let real: T | undefined;
  const get = (): T => (real ??= load());
  const bound = new Map<PropertyKey, unknown>();
  // A plain function as target: constructible, with a writable `prototype` (no Proxy invariant).
  const target = function () {} as unknown as T;
  const proxy: T = new Proxy(target, {
    get(_t, key) {
      const r = get();
      const value = Reflect.get(r, key, r);
      if (typeof value !== 'function' || key === 'prototype' || key === 'constructor') return value;
      if (!bound.has(key)) bound.set(key, (value as (...a: unknown[]) => unknown).bind(r));
      return bound.get(key);
    },
    has: (_t, key) => Reflect.has(get(), key),
    construct: (_t, args, newTarget) => Reflect.construct(get() as unknown as new (...a: unknown[]) => object, args, newTarget === proxy ? (get() as unknown as new () => object) : newTarget),
    apply: (_t, thisArg, args) => Reflect.apply(get() as unknown as (...a: unknown[]) => unknown, thisArg, args),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
  return proxy;
}

export const Annotations = lazyClass(() => cdktf().Annotations);
export type Annotations = Cdktf.Annotations;
export const App = lazyClass(() => cdktf().App);
export type App = Cdktf.App;
export const Aspects = lazyClass(() => cdktf().Aspects);
export type Aspects = Cdktf.Aspects;
export const AssetType = lazyClass(() => cdktf().AssetType);
export type AssetType = Cdktf.AssetType;
export const Fn = lazyClass(() => cdktf().Fn);
export type Fn = Cdktf.Fn;
export const LocalBackend = lazyClass(() => cdktf().LocalBackend);
export type LocalBackend = Cdktf.LocalBackend;
export const S3Backend = lazyClass(() => cdktf().S3Backend);
export type S3Backend = Cdktf.S3Backend;
export const TerraformBackend = lazyClass(() => cdktf().TerraformBackend);
export type TerraformBackend = Cdktf.TerraformBackend;
export const Lazy = lazyClass(() => cdktf().Lazy);
export type Lazy = Cdktf.Lazy;
export const TerraformAsset = lazyClass(() => cdktf().TerraformAsset);
export type TerraformAsset = Cdktf.TerraformAsset;
export const TerraformProvider = lazyClass(() => cdktf().TerraformProvider);
export type TerraformProvider = Cdktf.TerraformProvider;
export const TerraformResource = lazyClass(() => cdktf().TerraformResource);
export type TerraformResource = Cdktf.TerraformResource;
export const TerraformStack = lazyClass(() => cdktf().TerraformStack);
export type TerraformStack = Cdktf.TerraformStack;
export const Token = lazyClass(() => cdktf().Token);
export type Token = Cdktf.Token;
export const Tokenization = lazyClass(() => cdktf().Tokenization);
export type Tokenization = Cdktf.Tokenization;

/** Not re-exported by the cdktf index: the hook that writes files beside cdk.tf.json at synth. */
export function addCustomSynthesis(...args: Parameters<typeof Synthesizer.addCustomSynthesis>): void {
  (require('cdktf/lib/synthesize/synthesizer.js') as typeof Synthesizer).addCustomSynthesis(...args);
}

export type { ISynthesisSession } from 'cdktf/lib/synthesize/types.js';
export type { AppConfig, IAspect, IFragmentConcatenator, IResolvable, IResolveContext, ITerraformDependable } from 'cdktf';
export { Construct } from 'constructs';
export type { IConstruct } from 'constructs';
