/**
 * What the Kubernetes objects and releases a stack writes need on the cluster: API groups (CRDs)
 * and namespaces. A release *provides* CRD groups (declared by the construct that installs them)
 * and the namespace it creates (`create_namespace`); a stack can declare what exists already
 * (e.g. `Monitoring.existing`). A release's needs are met only by what it depends on, directly or
 * through other releases: Terraform applies in dependency order, nothing else.
 */
import type { IConstruct, ITerraformDependable, TerraformResource } from './cdktf.js';
import type { Release } from './providers.js';

/** API groups served by every cluster (no CRD needed). */
export const BUILT_IN_API_GROUPS: ReadonlySet<string> = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'storage.k8s.io', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'scheduling.k8s.io',
  'node.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'certificates.k8s.io', 'resource.k8s.io',
]);

/** Namespaces every cluster has. */
export const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'default']);

export interface Provided {
  readonly apiGroups?: readonly string[];
  readonly namespaces?: readonly string[];
}

const providedBy = new WeakMap<IConstruct, Provided>();
const existingIn = new WeakMap<IConstruct, Array<Provided & { what: string }>>();
const dependencies = new WeakMap<IConstruct, ITerraformDependable[]>();

/** Declares the CRD groups (and namespaces) a release installs. */
export function declareProvided(release: Release, provided: Provided): void {
  providedBy.set(release, provided);
}

/** Declares what already exists on the cluster of `stack` (e.g. an existing kube-prometheus-stack). */
export function declareExisting(stack: IConstruct, provided: Provided & { what: string }): void {
  existingIn.set(stack, [...(existingIn.get(stack) ?? []), provided]);
}

/** Records a construct-level dependency (addDependsOn writes the Terraform one). */
export function recordDependency(resource: TerraformResource, dependency: ITerraformDependable): void {
  dependencies.set(resource, [...(dependencies.get(resource) ?? []), dependency]);
}

/** What the cluster will have when `release` is applied: its own namespace if it creates it, its dependencies' (transitively), the stack's existing. */
export function availableTo(release: Release, stack: IConstruct): { apiGroups: Set<string>; namespaces: Set<string>; existing: string[] } {
  const apiGroups = new Set<string>(BUILT_IN_API_GROUPS);
  const namespaces = new Set<string>(BUILT_IN_NAMESPACES);
  const existing: string[] = [];
  for (const e of existingIn.get(stack) ?? []) {
    for (const g of e.apiGroups ?? []) apiGroups.add(g);
    for (const n of e.namespaces ?? []) namespaces.add(n);
    existing.push(e.what);
  }
  const created = (r: Partial<Release>) => (r.createNamespaceInput === true && typeof r.namespaceInput === 'string' ? r.namespaceInput : undefined);
  const own = created(release);
  if (own) namespaces.add(own);
  const seen = new Set<IConstruct>();
  const visit = (c: IConstruct) => {
    for (const d of dependencies.get(c) ?? []) {
      const dep = d as unknown as IConstruct;
      if (seen.has(dep)) continue;
      seen.add(dep);
      const p = providedBy.get(dep);
      for (const g of p?.apiGroups ?? []) apiGroups.add(g);
      for (const n of p?.namespaces ?? []) namespaces.add(n);
      const ns = created(dep as unknown as Partial<Release>);
      if (ns) namespaces.add(ns);
      visit(dep);
    }
  };
  visit(release);
  return { apiGroups, namespaces, existing };
}

/** The API group of an apiVersion (`monitoring.coreos.com/v1` -> `monitoring.coreos.com`, `v1` -> ''). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * For a chart that renders a ServiceMonitor behind its own capability check: a synth warning when
 * nothing `release` depends on installs the Prometheus Operator's CRDs and none is declared
 * existing (the ServiceMonitor is then silently not created).
 */
export function warnOnGuardedServiceMonitor(owner: IConstruct, release: Release, stack: IConstruct, enabled: () => boolean): void {
  owner.node.addValidation({
    validate: () => {
      if (enabled() && !availableTo(release, stack).apiGroups.has('monitoring.coreos.com')) {
        // Loaded here, at synth: the module imports cdktf's Annotations.
        const { addWarningOnce } = require('./warn-once.js') as typeof import('./warn-once.js');
        addWarningOnce(
          owner,
          `the chart renders its ServiceMonitor only where the cluster serves monitoring.coreos.com/v1 ServiceMonitor; nothing release ${release.node.path} depends on installs the Prometheus Operator CRDs and no existing install is declared, so Prometheus may never scrape it (install kube-prometheus-stack first, or declare it with Monitoring.existing(...).declareIn(stack))`,
        );
      }
      return [];
    },
  });
}
