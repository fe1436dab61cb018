/**
 * EKS Kubernetes versions and the core add-on builds pinned for each: plain data, dated, so that
 * synth is byte-identical and tests do not rot. Sources: src/cluster/SOURCES.md.
 */
import { GpuClusterError } from '../base/errors.js';

/** The day the support status below is computed for (never the clock). */
export const EKS_VERSIONS_AS_OF = '2026-08-22';

/** The day the add-on builds below were read. */
export const EKS_ADDONS_AS_OF = '2026-04-08';

/** The Kubernetes version a new cluster gets: the newest in standard support as of EKS_VERSIONS_AS_OF. */
export const DEFAULT_KUBERNETES_VERSION = '1.35';

/** The EKS release calendar of one Kubernetes minor version (UTC dates). */
export interface EksVersionCalendar {
  readonly version: string;
  /** First day of extended support (billed at the extended rate from the start of this day). */
  readonly endOfStandardSupport: string;
  /** First day the version is no longer supported (EKS upgrades the control plane). */
  readonly endOfExtendedSupport: string;
}

/** Newest first. Versions past extended support stay listed so their error can say so. */
export const EKS_VERSION_CALENDAR: readonly EksVersionCalendar[] = [
  { version: '1.35', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27' },
  { version: '1.34', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  { version: '1.33', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  { version: '1.32', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  { version: '1.31', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  { version: '1.30', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' },
  { version: '1.29', endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23' },
];

/** The core add-ons EKS manages for every cluster this library creates. */
export type CoreAddonName = 'vpc-cni' | 'kube-proxy' | 'eks-pod-identity-agent' | 'coredns' | 'aws-ebs-csi-driver';

/** Add-on builds per Kubernetes version (`aws eks describe-addon-versions` names them so). */
export const EKS_ADDON_VERSIONS: Readonly<Record<string, Readonly<Record<CoreAddonName, string>>>> = {
  '1.35': { 'vpc-cni': 'v1.21.1-eksbuild.1', 'kube-proxy': 'v1.35.0-eksbuild.2', 'eks-pod-identity-agent': 'v1.3.10-eksbuild.2', coredns: 'v1.13.2-eksbuild.3', 'aws-ebs-csi-driver': 'v1.57.1-eksbuild.1' },
  '1.34': { 'vpc-cni': 'v1.20.4-eksbuild.2', 'kube-proxy': 'v1.34.0-eksbuild.2', 'eks-pod-identity-agent': 'v1.3.10-eksbuild.2', coredns: 'v1.12.3-eksbuild.1', 'aws-ebs-csi-driver': 'v1.56.0-eksbuild.1' },
  '1.33': { 'vpc-cni': 'v1.20.4-eksbuild.2', 'kube-proxy': 'v1.33.3-eksbuild.4', 'eks-pod-identity-agent': 'v1.3.10-eksbuild.2', coredns: 'v1.12.1-eksbuild.2', 'aws-ebs-csi-driver': 'v1.56.0-eksbuild.1' },
  '1.32': { 'vpc-cni': 'v1.20.4-eksbuild.2', 'kube-proxy': 'v1.32.6-eksbuild.12', 'eks-pod-identity-agent': 'v1.3.10-eksbuild.2', coredns: 'v1.11.4-eksbuild.2', 'aws-ebs-csi-driver': 'v1.56.0-eksbuild.1' },
  '1.31': { 'vpc-cni': 'v1.20.4-eksbuild.2', 'kube-proxy': 'v1.31.10-eksbuild.12', 'eks-pod-identity-agent': 'v1.3.10-eksbuild.2', coredns: 'v1.11.3-eksbuild.1', 'aws-ebs-csi-driver': 'v1.56.0-eksbuild.1' },
};

/** Where a version stands on EKS_VERSIONS_AS_OF. */
export type EksSupportStatus = 'STANDARD' | 'EXTENDED' | 'END_OF_SUPPORT';

/** A version the library can create a cluster with, and what it costs to run it. */
export interface ResolvedKubernetesVersion extends EksVersionCalendar {
  readonly status: Exclude<EksSupportStatus, 'END_OF_SUPPORT'>;
  readonly addons: Readonly<Record<CoreAddonName, string>>;
}

const MINOR = /^1\.\d{1,2}$/;

/** Support status of a calendar row on `asOf` (ISO dates compare as strings). */
export function supportStatus(row: EksVersionCalendar, asOf = EKS_VERSIONS_AS_OF): EksSupportStatus {
  if (asOf < row.endOfStandardSupport) return 'STANDARD';
  if (asOf < row.endOfExtendedSupport) return 'EXTENDED';
  return 'END_OF_SUPPORT';
}

/** Versions a new cluster may use on EKS_VERSIONS_AS_OF, newest first, with their status. */
export function supportedKubernetesVersions(): Array<{ version: string; status: 'STANDARD' | 'EXTENDED' }> {
  return EKS_VERSION_CALENDAR.flatMap((row) => {
    const status = supportStatus(row);
    return status === 'END_OF_SUPPORT' ? [] : [{ version: row.version, status }];
  });
}

function allowedList(): string {
  return supportedKubernetesVersions().map((v) => `${v.version} (${v.status === 'STANDARD' ? 'standard' : 'extended'} support)`).join(', ');
}

/**
 * Checks a Kubernetes version for a new cluster: a literal minor version (`1.35`) in the calendar,
 * not past extended support, with pinned add-on builds. A version in extended support needs
 * supportType EXTENDED: under STANDARD, EKS would upgrade the new cluster at once.
 */
export function resolveKubernetesVersion(
  given: unknown,
  supportType: 'STANDARD' | 'EXTENDED',
  where: { path: string; prop?: string },
): ResolvedKubernetesVersion {
  const prop = where.prop ?? 'kubernetesVersion';
  const fail = (code: string, problem: string, fix: string): never => {
    throw new GpuClusterError({ code, path: where.path, prop, value: given, problem, allowed: allowedList(), fix });
  };
  if (typeof given !== 'string' || !MINOR.test(given)) {
    const hint = typeof given === 'string' && /^v?1\.\d{1,2}(\.\d+)?$/.test(given.trim()) ? ` such as '${given.trim().replace(/^v/, '').split('.').slice(0, 2).join('.')}'` : '';
    fail('INVALID_KUBERNETES_VERSION', 'is not a Kubernetes minor version (EKS takes major.minor; the patch level follows the EKS platform version)', `pass a literal minor version${hint}, or leave kubernetesVersion unset for ${DEFAULT_KUBERNETES_VERSION}`);
  }
  const version = given as string;
  const row = EKS_VERSION_CALENDAR.find((r) => r.version === version);
  if (!row) {
    const newest = EKS_VERSION_CALENDAR[0]!.version;
    const newer = Number(version.split('.')[1]) > Number(newest.split('.')[1]);
    fail(
      'UNKNOWN_KUBERNETES_VERSION',
      newer
        ? `is newer than the library's EKS version table (as of ${EKS_VERSIONS_AS_OF}, newest ${newest})`
        : `is not in the library's EKS version table (as of ${EKS_VERSIONS_AS_OF}): it reached end of support before ${EKS_VERSION_CALENDAR[EKS_VERSION_CALENDAR.length - 1]!.endOfExtendedSupport}`,
      newer ? `use ${newest}, or a library release whose table lists ${version} (it pins the add-on builds for it)` : `use ${DEFAULT_KUBERNETES_VERSION}`,
    );
  }
  const status = supportStatus(row!);
  if (status === 'END_OF_SUPPORT') {
    fail('KUBERNETES_VERSION_END_OF_SUPPORT', `reached the end of EKS extended support on ${row!.endOfExtendedSupport}: EKS creates no new clusters on it`, `use ${DEFAULT_KUBERNETES_VERSION}`);
  }
  if (status === 'EXTENDED' && supportType === 'STANDARD') {
    throw new GpuClusterError({
      code: 'KUBERNETES_VERSION_IN_EXTENDED_SUPPORT',
      path: where.path,
      prop,
      value: version,
      problem: `is in extended support since ${row!.endOfStandardSupport} (as of ${EKS_VERSIONS_AS_OF}); with supportType STANDARD, EKS would upgrade the cluster on the spot`,
      allowed: `a version in standard support (${supportedKubernetesVersions().filter((v) => v.status === 'STANDARD').map((v) => v.version).join(', ')}), or this one with supportType 'EXTENDED' at the extended-support rate (6x the control-plane price)`,
      fix: `use ${DEFAULT_KUBERNETES_VERSION}, or set supportType: 'EXTENDED' and budget for the extended-support rate until ${row!.endOfExtendedSupport}`,
    });
  }
  const addons = EKS_ADDON_VERSIONS[version];
  if (!addons) fail('NO_ADDON_VERSIONS', `has no pinned core add-on builds in the library`, `use ${DEFAULT_KUBERNETES_VERSION}`);
  return { ...row!, status: status as 'STANDARD' | 'EXTENDED', addons: addons! };
}
