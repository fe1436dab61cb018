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
export type { AppConfig, IAspect, ITerraformDependable } from 'cdktf';
export { Construct } from 'constructs';
export type { IConstruct } from 'constructs';
