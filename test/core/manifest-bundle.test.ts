import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { KubePrometheusStack } from '../../src/observability/kube-prometheus-stack.js';
import { ManifestBundle } from '../../src/core/manifest-bundle.js';
import { GENERIC_TEMPLATE } from '../../src/core/generic-chart.js';
import { escapeTerraformTemplate } from '../../src/core/terraform-escape.js';
import type { KubernetesObject } from '../../src/core/kubernetes-object.js';
import { newStack, only, synthJson, warningsOf, withExistingMonitoring } from '../support/synth.js';

const rule: KubernetesObject = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: { name: 'gpu-alerts', namespace: 'monitoring' },
  spec: { groups: [{ name: 'gpu', rules: [{ alert: 'GpuIdle', expr: 'avg by (pod) (DCGM_FI_DEV_GPU_UTIL) < 5', annotations: { summary: 'GPU of {{ $labels.pod }} idle', shell: 'echo ${HOME} %{if x}' } }] }] },
};

function bundleStack() {
  const { app, stack } = newStack();
  new HelmProvider(stack, 'helm', {});
  withExistingMonitoring(stack);
  const bundle = new ManifestBundle(stack, 'alerts', { releaseName: 'gpu-alerts', namespace: 'monitoring' });
  return { app, stack, bundle };
}

describe('ManifestBundle prerequisites: what its objects need must be there when it is applied', () => {
  const crd = (namespace = 'monitoring') => ({ ...rule, metadata: { ...rule.metadata, namespace } });
  const problems = (stack: TerraformStack) => {
    try {
      synthJson(stack);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };

  test('a PrometheusRule with nothing that installs its CRD, into a namespace nothing creates: MISSING_PREREQUISITE for both', () => {
    const { stack } = newStack();
    new HelmProvider(stack, 'helm', {});
    new ManifestBundle(stack, 'alerts', { releaseName: 'gpu-alerts', namespace: 'monitoring' }).add(crd());
    const message = problems(stack);
    expect(message).toMatch(/GpuClusterError MISSING_PREREQUISITE: namespace: .*namespaces "monitoring" not found/);
    expect(message).toMatch(/GpuClusterError MISSING_PREREQUISITE: PrometheusRule\/monitoring\/gpu-alerts: needs the monitoring.coreos.com CRD.*no matches for kind "PrometheusRule"/);
  });

  test('depending on the release that installs the CRD and creates the namespace (directly or through another release) satisfies both', () => {
    const { stack } = newStack();
    new HelmProvider(stack, 'helm', {});
    const kps = new KubePrometheusStack(stack, 'kps');
    const middle = new ManifestBundle(stack, 'middle', { releaseName: 'middle', namespace: 'monitoring', dependsOn: [kps.release] });
    middle.add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} });
    new ManifestBundle(stack, 'alerts', { releaseName: 'gpu-alerts', namespace: 'monitoring', dependsOn: [middle.release] }).add(crd());
    expect(problems(stack)).toBe('');
  });

  test('onlyServedApis must be a boolean', () => {
    const { stack } = newStack();
    expect(() => new ManifestBundle(stack, 'x', { onlyServedApis: 'yes' as never })).toThrow(/GpuClusterError INVALID_BOOLEAN: \[test\/x\] onlyServedApis/);
  });

  test('a declared existing install satisfies them; a guarded bundle (onlyServedApis) only warns about a missing CRD', () => {
    const { stack } = newStack();
    new HelmProvider(stack, 'helm', {});
    withExistingMonitoring(stack);
    new ManifestBundle(stack, 'alerts', { releaseName: 'gpu-alerts', namespace: 'monitoring' }).add(crd());
    expect(problems(stack)).toBe('');
    const { stack: other } = newStack();
    new HelmProvider(other, 'helm', {});
    const guarded = new ManifestBundle(other, 'alerts', { releaseName: 'gpu-alerts', namespace: 'kube-system', onlyServedApis: true });
    guarded.add(crd('kube-system'));
    expect(problems(other)).toBe('');
    expect(warningsOf(guarded).join('\n')).toMatch(/monitoring.coreos.com\/v1 PrometheusRule: rendered only where the cluster serves the API/);
  });
});

describe('ManifestBundle', () => {
  test('objects travel in the inline values, escaped for Terraform; {{ $labels.x }} stays literal', () => {
    const { stack, bundle } = bundleStack();
    bundle.add(rule);
    const release = only(synthJson(stack), 'helm_release');
    expect(release).toMatchObject({ name: 'gpu-alerts', namespace: 'monitoring', atomic: true });
    const values: string = release.values[0];
    expect(values).toContain('{{ $labels.pod }}');
    expect(values).toContain('echo $${HOME} %%{if x}');
    expect(values).not.toMatch(/(^|[^$])\$\{HOME/);
    const unescaped = parse(values.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
    expect(unescaped).toEqual({ objects: [rule] });
  });

  test('references stay interpolated while literal text around them is escaped', () => {
    const { stack, bundle } = bundleStack();
    const v = new TerraformVariable(stack, 'role', { type: 'string' });
    bundle.add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { role: `${v.stringValue}`, text: `x \${y} ${v.stringValue}` } });
    const values: string = only(synthJson(stack), 'helm_release').values[0];
    expect(values).toContain('role: ${var.role}');
    expect(values).toContain('text: x $${y} ${var.role}');
  });

  test('the chart is Chart.yaml plus the one generic template, written under the stack folder', () => {
    const { app, stack, bundle } = bundleStack();
    bundle.add(rule);
    app.synth();
    const release = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8')).resource.helm_release;
    const chartPath: string = (Object.values(release)[0] as any).chart;
    expect(chartPath).toMatch(/^\.\/assets\/[\w-]+\/[0-9a-f]{32}$/);
    const dir = join(app.outdir, 'stacks', 'test', chartPath);
    expect(readdirSync(dir).sort()).toEqual(['Chart.yaml', 'templates']);
    expect(readdirSync(join(dir, 'templates'))).toEqual(['objects.yaml']);
    expect(readFileSync(join(dir, 'templates', 'objects.yaml'), 'utf8')).toBe('{{- range .Values.objects }}\n---\n{{ toYaml . }}\n{{- end }}\n');
    expect(GENERIC_TEMPLATE).toBe('{{- range .Values.objects }}\n---\n{{ toYaml . }}\n{{- end }}\n');
    expect(parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8'))).toMatchObject({ apiVersion: 'v2', name: 'gpu-alerts', version: '1.0.0' });
    expect(existsSync(join(dir, 'values.yaml'))).toBe(false);
    expect(stack).toBeDefined();
  });

  test('two synths of the same app write byte-identical files', () => {
    const build = (outdir: string) => {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 's');
      new HelmProvider(stack, 'helm', {});
      withExistingMonitoring(stack);
      new ManifestBundle(stack, 'b').add(rule);
      app.synth();
      return readFileSync(join(outdir, 'stacks', 's', 'cdk.tf.json'), 'utf8');
    };
    const { app: a } = newStack();
    const { app: b } = newStack();
    expect(build(a.outdir)).toBe(build(b.outdir));
  });

  test('a validator problem fails synth naming the object, the field path and the message', () => {
    const { stack, bundle } = bundleStack();
    bundle.add(rule, { validate: () => [{ path: 'spec.groups[0].rules[0].expr', message: 'does not parse' }] });
    expect(() => synthJson(stack)).toThrow('[test/alerts] GpuClusterError INVALID_KUBERNETES_OBJECT: PrometheusRule/monitoring/gpu-alerts spec.groups[0].rules[0].expr: does not parse.');
  });

  test('two objects of the same kind and name fail synth', () => {
    const { stack, bundle } = bundleStack();
    bundle.add(rule);
    bundle.add(() => rule);
    expect(() => synthJson(stack)).toThrow(/DUPLICATE_KUBERNETES_OBJECT/);
  });

  test('dependencies: given at construction and added later', () => {
    const { stack } = bundleStack();
    const crds = new ManifestBundle(stack, 'crds');
    const controller = new ManifestBundle(stack, 'controller');
    const bundle = new ManifestBundle(stack, 'objs', { dependsOn: [crds.release] });
    bundle.addDependency(controller.release);
    const release = synthJson(stack).resource.helm_release!;
    const objs = Object.values(release).find((r: any) => r.name === 'objs')!;
    expect(objs.depends_on).toEqual([expect.stringMatching(/^helm_release\.crds_release_/), expect.stringMatching(/^helm_release\.controller_release_/)]);
  });

  test('escapeTerraformTemplate escapes ${ and %{ only', () => {
    expect(escapeTerraformTemplate('a ${b} %{c} $d {{ e }}')).toBe('a $${b} %%{c} $d {{ e }}');
  });
});
