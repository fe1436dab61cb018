import { cdktf } from './cdktf.js';
import type { ITerraformDependable, TerraformResource } from './cdktf.js';
import { recordDependency } from './prerequisites.js';

/**
 * Adds `dependency` to `resource`'s `depends_on` after construction, written as cdktf writes the
 * `dependsOn` given at construction (`type.name`), and records it for the prerequisite check.
 */
export function addDependsOn(resource: TerraformResource, dependency: ITerraformDependable): void {
  resource.dependsOn = [...(resource.dependsOn ?? []), cdktf().dependable(dependency)];
  recordDependency(resource, dependency);
}
