import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The one template of every generated chart: it renders the objects passed in the release's
 * values as they are. Helm never evaluates values, so text such as `{{ $labels.x }}` inside an
 * object reaches the cluster as written; no other template holds object text.
 */
export const GENERIC_TEMPLATE = '{{- range .Values.objects }}\n---\n{{ toYaml . }}\n{{- end }}\n';

/**
 * The template of a chart whose objects need an API the cluster may not serve yet (a CRD another
 * release installs): each object renders only where `.Capabilities` lists its apiVersion and kind,
 * as Karpenter's and the GPU Operator's charts guard their ServiceMonitors.
 */
export const GUARDED_TEMPLATE =
  '{{- range .Values.objects }}\n{{- if $.Capabilities.APIVersions.Has (printf "%s/%s" .apiVersion .kind) }}\n---\n{{ toYaml . }}\n{{- end }}\n{{- end }}\n';

/** Path of the template inside the chart. */
export const GENERIC_TEMPLATE_PATH = 'templates/objects.yaml';

/** The files of a generated chart: Chart.yaml and the generic template, nothing else. */
export function genericChartFiles(name: string, description: string, guarded = false): Record<string, string> {
  const chartYaml = [
    'apiVersion: v2',
    `name: ${name}`,
    `description: ${JSON.stringify(description)}`,
    'type: application',
    'version: 1.0.0',
    '',
  ].join('\n');
  return { 'Chart.yaml': chartYaml, [GENERIC_TEMPLATE_PATH]: guarded ? GUARDED_TEMPLATE : GENERIC_TEMPLATE };
}

/**
 * Writes a chart's files to a folder named by their content hash under the OS temp dir (the same
 * content always lands in the same folder, so synth stays deterministic) and returns the folder
 * and the hash. cdktf's TerraformAsset copies the folder into the stack's output.
 */
export function writeGenericChart(name: string, description: string, guarded = false): { dir: string; hash: string } {
  const files = genericChartFiles(name, description, guarded);
  const hash = createHash('sha256');
  for (const [path, text] of Object.entries(files)) hash.update(`${path}\0${text}\0`);
  const digest = hash.digest('hex').slice(0, 32);
  const dir = join(tmpdir(), 'cdktf-gpu-cluster-charts', `${name}-${digest}`);
  if (!existsSync(join(dir, 'Chart.yaml'))) {
    // Write to a private folder, then rename: parallel synths never see a half-written chart.
    const staging = `${dir}.${process.pid}.tmp`;
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(staging, path, '..'), { recursive: true });
      writeFileSync(join(staging, path), text);
    }
    try {
      renameSync(staging, dir);
    } catch {
      // another process won the race with identical content
    }
  }
  return { dir, hash: digest };
}
