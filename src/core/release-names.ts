import { TerraformStack, Token } from './cdktf.js';
import { addSynthCheck } from './synth-checks.js';
import type { IConstruct } from './cdktf.js';
import { GpuClusterError } from '../base/errors.js';
import type { Release } from './providers.js';

const byStack = new WeakMap<IConstruct, Release[]>();

/**
 * Registers a Helm release the library writes. Helm keeps one release of a name per namespace, so
 * a second one in the same stack (two GpuOperators, two GpuDashboards with the defaults) would
 * synthesize and then fail at apply; at synth it is a GpuClusterError on `owner`, naming `prop`
 * (the prop that sets the name or the namespace). Names and namespaces are read at synth, so later
 * changes count; unresolved tokens are not judged.
 */
export function claimReleaseName(owner: IConstruct, release: Release, prop: string): void {
  const stack = TerraformStack.of(release);
  const releases = byStack.get(stack) ?? [];
  releases.push(release);
  byStack.set(stack, releases);
  addSynthCheck(owner, () => {
      const key = releaseKey(release);
      const first = key === undefined ? undefined : releases.find((r) => releaseKey(r) === key);
      if (first === undefined || first === release) return [];
      return [
        new GpuClusterError({
          code: 'DUPLICATE_HELM_RELEASE',
          prop,
          value: key,
          problem: `names the same Helm release as ${first.node.path}; Helm keeps one release of a name per namespace, so the second would fail at apply`,
          allowed: 'one release per name and namespace',
          fix: `give one of them another ${prop}`,
        }).validationMessage,
      ];
    });
}

/** `namespace/name`, or undefined while either is a token. */
function releaseKey(release: Release): string | undefined {
  const name = release.nameInput;
  const namespace = release.namespaceInput ?? 'default';
  if (name === undefined || Token.isUnresolved(name) || Token.isUnresolved(namespace)) return undefined;
  return `${namespace}/${name}`;
}
