import { dependable } from 'cdktf';
import type { ITerraformDependable, TerraformResource } from 'cdktf';

/**
 * Adds `dependency` to `resource`'s `depends_on` after construction, written as cdktf writes the
 * `dependsOn` given at construction (`type.name`).
 */
export function addDependsOn(resource: TerraformResource, dependency: ITerraformDependable): void {
  resource.dependsOn = [...(resource.dependsOn ?? []), dependable(dependency)];
}
