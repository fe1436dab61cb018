import {
  DEFAULT_KUBERNETES_VERSION,
  EKS_ADDON_VERSIONS,
  EKS_VERSIONS_AS_OF,
  EKS_VERSION_CALENDAR,
  resolveKubernetesVersion,
  supportStatus,
  supportedKubernetesVersions,
} from '../../src/cluster/eks-versions.js';
import { errorOf } from '../support/errors.js';

const where = { path: 'app/eks' };

describe('EKS version table', () => {
  test('every version a cluster may use on the as-of date has all five add-ons pinned to -eksbuild.N builds', () => {
    for (const { version } of supportedKubernetesVersions()) {
      const addons = EKS_ADDON_VERSIONS[version]!;
      expect(Object.keys(addons).sort()).toEqual(['aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni']);
      for (const v of Object.values(addons)) expect(v).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
      // kube-proxy follows the Kubernetes minor version.
      expect(addons['kube-proxy']).toMatch(new RegExp(`^v${version.replace('.', '\\.')}\\.`));
    }
  });

  test('extended support ends 12 months after standard support, newest version first', () => {
    for (const row of EKS_VERSION_CALENDAR) {
      const [y, m, d] = row.endOfStandardSupport.split('-');
      expect(row.endOfExtendedSupport).toBe(`${Number(y) + 1}-${m}-${d}`);
    }
    const minors = EKS_VERSION_CALENDAR.map((r) => Number(r.version.split('.')[1]));
    expect(minors).toEqual([...minors].sort((a, b) => b - a));
  });

  test('status on the as-of date: standard before the end of standard support, extended from that day, none from the end of extended', () => {
    const row = { version: '1.33', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' };
    expect(supportStatus(row, '2026-07-28')).toBe('STANDARD');
    expect(supportStatus(row, '2026-07-29')).toBe('EXTENDED');
    expect(supportStatus(row, '2027-07-28')).toBe('EXTENDED');
    expect(supportStatus(row, '2027-07-29')).toBe('END_OF_SUPPORT');
    expect(EKS_VERSIONS_AS_OF).toBe('2026-08-22');
    expect(supportedKubernetesVersions()).toEqual([
      { version: '1.35', status: 'STANDARD' },
      { version: '1.34', status: 'STANDARD' },
      { version: '1.33', status: 'EXTENDED' },
      { version: '1.32', status: 'EXTENDED' },
      { version: '1.31', status: 'EXTENDED' },
    ]);
  });

  test('the default is the newest version, in standard support, and resolves with its add-ons', () => {
    expect(DEFAULT_KUBERNETES_VERSION).toBe(EKS_VERSION_CALENDAR[0]!.version);
    const v = resolveKubernetesVersion(DEFAULT_KUBERNETES_VERSION, 'STANDARD', where);
    expect(v).toMatchObject({ version: '1.35', status: 'STANDARD', endOfStandardSupport: '2027-03-27' });
    expect(v.addons.coredns).toBe('v1.13.2-eksbuild.3');
  });

  test('extended-support versions resolve only under EXTENDED; bad input names the prop and path', () => {
    expect(resolveKubernetesVersion('1.31', 'EXTENDED', where).status).toBe('EXTENDED');
    expect(errorOf(() => resolveKubernetesVersion('1.31', 'STANDARD', where)).code).toBe('KUBERNETES_VERSION_IN_EXTENDED_SUPPORT');
    for (const bad of [undefined, null, 1.35, '', ' 1.35', '1.x']) {
      const e = errorOf(() => resolveKubernetesVersion(bad, 'STANDARD', { path: 'app/eks', prop: 'version' }));
      expect([e.code, e.prop, e.constructPath]).toEqual(['INVALID_KUBERNETES_VERSION', 'version', 'app/eks']);
    }
  });
});

test('the EBS CSI driver builds are the ones cdk-eks-blueprints pins per version (data-sources/cdk-eks-blueprints)', () => {
  const evidence = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../data-sources/cdk-eks-blueprints/ebs-csi-driver.index.ts.txt'), 'utf8') as string;
  const pinned = Object.fromEntries([...evidence.matchAll(/\[KubernetesVersion\.V1_(\d+), "([^"]+)"\]/g)].map((m) => [`1.${m[1]}`, m[2]]));
  for (const { version } of supportedKubernetesVersions()) expect({ version, build: EKS_ADDON_VERSIONS[version]!['aws-ebs-csi-driver'] }).toEqual({ version, build: pinned[version] });
});
