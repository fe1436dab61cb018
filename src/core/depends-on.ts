import { cdktf } from './cdktf.js';
import type { ITerraformDependable, TerraformResource } from './cdktf.js';

/**
 * Adds `dependency` to `resource`'s `depends_on` after construction, written as cdktf writes the
 * `dependsOn` given at construction (`type.name`).
 */
export function addDependsOn(resource: TerraformResource, dependency: ITerraformDependable): void {
  resource.dependsOn = [...(resource.dependsOn ?? []), cdktf().dependable(dependency)];
}
