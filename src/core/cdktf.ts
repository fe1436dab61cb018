/**
 * The cdktf facade: the only module in the library that imports `cdktf` itself, so that a move to
 * a cdktf fork is a change to this file alone. Provider bindings are imported by deep path where
 * they are used (loading a provider package's index costs seconds and hundreds of MB).
 */
export {
  Annotations,
  App,
  Aspects,
  Fn,
  Lazy,
  TerraformDataSource,
  TerraformElement,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Testing,
  Token,
} from 'cdktf';
// Not re-exported by the cdktf index: the hook that writes files beside cdk.tf.json at synth.
export { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer.js';
export type { ISynthesisSession } from 'cdktf/lib/synthesize/types.js';
export type { AppConfig, IAspect, ITerraformDependable } from 'cdktf';
export { Construct } from 'constructs';
export type { IConstruct } from 'constructs';
