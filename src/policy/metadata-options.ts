import type { TerraformView } from './terraform-view.js';
import { objectRef, single } from './terraform-view.js';

/**
 * Instance metadata settings that are in force: launch templates and instances (snake_case
 * `metadata_options`, possibly unset) and EC2NodeClasses that set `spec.metadataOptions` (unset
 * means Karpenter's defaults: tokens required, hop limit 1). Where the endpoint is disabled there
 * is nothing to check, so those are left out.
 */
export function metadataOptionsInForce(terraform: TerraformView): {
  readonly instances: ReadonlyArray<{ readonly path: string; readonly ref: string; readonly options: Record<string, any> | undefined }>;
  readonly nodeClasses: ReadonlyArray<{ readonly path: string; readonly ref: string; readonly options: Record<string, any> }>;
} {
  const instances = ['aws_launch_template', 'aws_instance'].flatMap((type) =>
    terraform.resources(type).map((block) => ({ path: block.path, ref: `${type}.${block.name}`, options: single(block.attrs.metadata_options) })),
  );
  const nodeClasses = terraform
    .kubernetesObjects()
    .filter(({ object }) => object.kind === 'EC2NodeClass' && object.spec?.metadataOptions)
    .map(({ object, path }) => ({ path, ref: objectRef(object), options: object.spec.metadataOptions as Record<string, any> }));
  return {
    instances: instances.filter((i) => i.options?.http_endpoint !== 'disabled'),
    nodeClasses: nodeClasses.filter((n) => n.options.httpEndpoint !== 'disabled'),
  };
}
